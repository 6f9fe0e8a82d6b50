//! The member's current notices (`GET /notices`): a page at a time, pinned first, then newest,
//! with how many they have not read.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use linli_api_types::{NoticePage, NoticeSummary};

use crate::features::notices::audience;
use crate::features::notices::row::{select_sql, NoticeRow, EXCERPT_CHARS};
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::Result;
use crate::platform::sql_params::Params;

/// A page of the member's current notices after `after` (the first page without), and their
/// unread count.
pub async fn list(
    db: &Db,
    auth: &AuthUser,
    now: i64,
    after: Option<Cursor>,
    limit: u32,
) -> Result<NoticePage> {
    let (items, next_cursor) = page(db, auth, now, after, limit).await?;
    let unread_count = unread_count(db, auth, now).await?;
    Ok(NoticePage {
        items,
        next_cursor,
        unread_count,
    })
}

/// Where a page of `GET /notices` ends: the ordering key of its last item, and the time
/// "pinned" is judged at, kept for every page of one walk so the order cannot shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub as_of: i64,
    pub pinned: bool,
    pub published_at: i64,
    pub id: i64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        let text = format!(
            "1.{}.{}.{}.{}",
            self.as_of,
            u8::from(self.pinned),
            self.published_at,
            self.id
        );
        URL_SAFE_NO_PAD.encode(text)
    }

    pub fn decode(cursor: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(cursor.as_bytes()).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let parts: Vec<&str> = text.split('.').collect();
        let [version, as_of, pinned, published_at, id] = parts.as_slice() else {
            return None;
        };
        if *version != "1" {
            return None;
        }
        Some(Self {
            as_of: as_of.parse().ok()?,
            pinned: match *pinned {
                "0" => false,
                "1" => true,
                _ => return None,
            },
            published_at: published_at.parse().ok()?,
            id: id.parse().ok()?,
        })
    }
}

/// One page of the member's current notices and the cursor to the next.
async fn page(
    db: &Db,
    auth: &AuthUser,
    now: i64,
    after: Option<Cursor>,
    limit: u32,
) -> Result<(Vec<NoticeSummary>, Option<String>)> {
    let as_of = after.map_or(now, |cursor| cursor.as_of);
    let mut params = Params::default();
    let select = select_sql(auth, &mut params, Some(EXCERPT_CHARS * 3));
    let scope = audience::in_scope_sql(auth, &mut params);
    let now_param = params.push(now);
    let pinned_rank = format!(
        "CASE WHEN n.pinned_until > {} THEN 1 ELSE 0 END",
        params.push(as_of)
    );
    let mut sql = format!(
        "{select} WHERE n.withdrawn_at IS NULL \
            AND (n.expires_at IS NULL OR n.expires_at > {now_param}) AND {scope}"
    );
    if let Some(cursor) = after {
        let pinned = params.push(i64::from(cursor.pinned));
        let published = params.push(cursor.published_at);
        let id = params.push(cursor.id);
        sql.push_str(&format!(
            " AND ({pinned_rank} < {pinned} OR ({pinned_rank} = {pinned} AND \
                (n.published_at < {published} OR (n.published_at = {published} AND n.id < {id}))))"
        ));
    }
    sql.push_str(&format!(
        " ORDER BY {pinned_rank} DESC, n.published_at DESC, n.id DESC LIMIT {}",
        limit + 1
    ));
    let mut rows: Vec<NoticeRow> = params
        .bind_all(sqlx::query_as(&sql))
        .fetch_all(&db.read)
        .await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next = match rows.last() {
        Some(last) if more => Some(
            Cursor {
                as_of,
                pinned: last.is_pinned(as_of),
                published_at: last.published_at,
                id: last.id,
            }
            .encode(),
        ),
        _ => None,
    };
    let items = rows
        .iter()
        .map(|row| row.summary(as_of))
        .collect::<Result<_>>()?;
    Ok((items, next))
}

/// How many current notices the member's household has not read.
async fn unread_count(db: &Db, auth: &AuthUser, now: i64) -> Result<i64> {
    let mut params = Params::default();
    let scope = audience::in_scope_sql(auth, &mut params);
    let reader = audience::reader_sql(auth, &mut params);
    let sql = format!(
        "SELECT COUNT(*) FROM notices n WHERE n.withdrawn_at IS NULL \
            AND (n.expires_at IS NULL OR n.expires_at > {now}) AND {scope} \
            AND NOT EXISTS (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id AND {reader})",
        now = params.push(now),
    );
    Ok(params
        .bind_scalar(sqlx::query_scalar(&sql))
        .fetch_one(&db.read)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_garbage() {
        let cursor = Cursor {
            as_of: 1_700_000_000_000,
            pinned: true,
            published_at: 1_699_999_999_999,
            id: 42,
        };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        assert_eq!(Cursor::decode("not a cursor"), None);
        assert_eq!(Cursor::decode(&URL_SAFE_NO_PAD.encode("2.1.1.1.1")), None);
        assert_eq!(Cursor::decode(&URL_SAFE_NO_PAD.encode("1.1.7.1.1")), None);
    }
}
