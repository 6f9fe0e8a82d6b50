//! The member's own notices (`GET /notices/authored`), newest first, expired ones included,
//! with how many households have read each.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use linli_api_types::{AuthoredNotice, AuthoredPage};

use crate::features::notices::audience;
use crate::features::notices::row::{select_sql, NoticeRow, EXCERPT_CHARS};
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::Result;
use crate::platform::sql_params::Params;

/// Households under the notice's target, over `households h2` … `grids g2`.
const HOUSEHOLDS_UNDER_NOTICE: &str = "FROM households h2 \
    JOIN units u2 ON u2.id = h2.unit_id \
    JOIN buildings b2 ON b2.id = u2.building_id \
    JOIN grids g2 ON g2.id = b2.grid_id \
    WHERE g2.community_id = n.community_id \
      AND (n.grid_id IS NULL OR g2.id = n.grid_id) \
      AND (n.building_id IS NULL OR b2.id = n.building_id) \
      AND (n.unit_id IS NULL OR u2.id = n.unit_id)";

#[derive(sqlx::FromRow)]
struct AuthoredRow {
    #[sqlx(flatten)]
    notice: NoticeRow,
    households_total: i64,
    households_read: i64,
}

/// Where a page of `GET /notices/authored` ends: the last item's publication time and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthoredCursor {
    pub published_at: i64,
    pub id: i64,
}

impl AuthoredCursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("a1.{}.{}", self.published_at, self.id))
    }

    pub fn decode(cursor: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(cursor.as_bytes()).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let parts: Vec<&str> = text.split('.').collect();
        let ["a1", published_at, id] = parts.as_slice() else {
            return None;
        };
        Some(Self {
            published_at: published_at.parse().ok()?,
            id: id.parse().ok()?,
        })
    }
}

/// One page of the member's own notices, newest first (publication time, then id: a stable
/// order), with how many households have read each, and the cursor to the next. The read
/// counts are worked out for the page's notices only.
pub async fn authored(
    db: &Db,
    auth: &AuthUser,
    now: i64,
    after: Option<AuthoredCursor>,
    limit: u32,
) -> Result<AuthoredPage> {
    let mut params = Params::default();
    let select = select_sql(auth, &mut params, Some(EXCERPT_CHARS * 3));
    let mut filter = format!(
        "n.author_id = {} AND n.withdrawn_at IS NULL",
        params.push(auth.user_id)
    );
    if let Some(cursor) = after {
        let published = params.push(cursor.published_at);
        let id = params.push(cursor.id);
        filter.push_str(&format!(
            " AND (n.published_at < {published} OR (n.published_at = {published} AND n.id < {id}))"
        ));
    }
    let sql = format!(
        "SELECT x.*, \
            (SELECT COUNT(*) {HOUSEHOLDS_UNDER_NOTICE}) AS households_total, \
            (SELECT COUNT(*) {HOUSEHOLDS_UNDER_NOTICE} AND EXISTS \
                (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id AND r.household_id = h2.id)) \
                AS households_read \
         FROM ({select} WHERE {filter} \
            ORDER BY n.published_at DESC, n.id DESC LIMIT {fetch}) x \
         JOIN notices n ON n.id = x.id \
         ORDER BY x.published_at DESC, x.id DESC",
        fetch = limit + 1,
    );
    let mut rows: Vec<AuthoredRow> = params
        .bind_all(sqlx::query_as(&sql))
        .fetch_all(&db.read)
        .await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next = match rows.last() {
        Some(last) if more => Some(
            AuthoredCursor {
                published_at: last.notice.published_at,
                id: last.notice.id,
            }
            .encode(),
        ),
        _ => None,
    };
    let items = rows
        .iter()
        .map(|row| {
            Ok(AuthoredNotice {
                notice: row.notice.summary(now)?,
                households_read: row.households_read,
                households_total: row.households_total,
                expired: row.notice.is_expired(now),
                can_manage: audience::can_manage(auth, &row.notice),
            })
        })
        .collect::<Result<_>>()?;
    Ok(AuthoredPage {
        items,
        next_cursor: next,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authored_cursors_round_trip_and_refuse_garbage() {
        let cursor = AuthoredCursor {
            published_at: 1_700_000_000_000,
            id: 9,
        };
        assert_eq!(AuthoredCursor::decode(&cursor.encode()), Some(cursor));
        assert_eq!(AuthoredCursor::decode("nope"), None);
        assert_eq!(
            AuthoredCursor::decode(&URL_SAFE_NO_PAD.encode("a1.1")),
            None
        );
        assert_eq!(
            AuthoredCursor::decode(&URL_SAFE_NO_PAD.encode("1.1.2")),
            None
        );
    }
}
