//! Lists of tasks, a page at a time: those open to the user (`GET /tasks`) and their own
//! (`GET /me/tasks`).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use linli_api_types::{TaskCategory, TaskSummary};

use super::scope;
use super::task_row::{select_sql, TaskRow};
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::Result;
use crate::platform::sql_params::Params;

/// Where a page ends: the last item's start and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub starts_at: i64,
    pub id: i64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("t1.{}.{}", self.starts_at, self.id))
    }

    pub fn decode(cursor: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(cursor.as_bytes()).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let mut parts = text.split('.');
        if parts.next()? != "t1" {
            return None;
        }
        let cursor = Self {
            starts_at: parts.next()?.parse().ok()?,
            id: parts.next()?.parse().ok()?,
        };
        parts.next().is_none().then_some(cursor)
    }
}

/// Which page: after `after`, `limit` items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageAsked {
    pub after: Option<Cursor>,
    pub limit: u32,
}

/// What `GET /tasks` asks for.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub category: Option<TaskCategory>,
    /// Starts at or after (epoch ms).
    pub from: Option<i64>,
    /// Starts before (epoch ms).
    pub to: Option<i64>,
}

/// Which of the user's own tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mine {
    Upcoming,
    Done,
}

async fn fetch_page(
    db: &Db,
    sql: String,
    params: Params,
    limit: u32,
    now: i64,
) -> Result<(Vec<TaskSummary>, Option<String>)> {
    let mut rows: Vec<TaskRow> = params
        .bind_all(sqlx::query_as(&sql))
        .fetch_all(&db.read)
        .await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next = match rows.last() {
        Some(last) if more => Some(
            Cursor {
                starts_at: last.starts_at,
                id: last.id,
            }
            .encode(),
        ),
        _ => None,
    };
    let items = rows
        .iter()
        .map(|row| row.summary(now))
        .collect::<Result<_>>()?;
    Ok((items, next))
}

/// Tasks in the user's scopes that have not ended nor been completed, soonest first.
pub async fn page(
    db: &Db,
    auth: &AuthUser,
    filter: &ListFilter,
    PageAsked { after, limit }: PageAsked,
    now: i64,
) -> Result<(Vec<TaskSummary>, Option<String>)> {
    let mut params = Params::default();
    let select = select_sql(&params.push(auth.user_id));
    let scope = scope::in_scope_sql(auth, &mut params);
    let mut sql = format!(
        "{select} WHERE t.completed_at IS NULL AND t.ends_at > {} AND {scope}",
        params.push(now)
    );
    if let Some(category) = filter.category {
        // Categories are a closed set of identifiers: safe to inline.
        sql.push_str(&format!(" AND t.category = '{}'", category.as_str()));
    }
    if let Some(from) = filter.from {
        sql.push_str(&format!(" AND t.starts_at >= {}", params.push(from)));
    }
    if let Some(to) = filter.to {
        sql.push_str(&format!(" AND t.starts_at < {}", params.push(to)));
    }
    if let Some(cursor) = after {
        let starts = params.push(cursor.starts_at);
        let id = params.push(cursor.id);
        sql.push_str(&format!(
            " AND (t.starts_at > {starts} OR (t.starts_at = {starts} AND t.id > {id}))"
        ));
    }
    sql.push_str(&format!(" ORDER BY t.starts_at, t.id LIMIT {}", limit + 1));
    fetch_page(db, sql, params, limit, now).await
}

/// The user's own tasks: upcoming (soonest first) or done (latest first).
pub async fn mine(
    db: &Db,
    auth: &AuthUser,
    which: Mine,
    PageAsked { after, limit }: PageAsked,
    now: i64,
) -> Result<(Vec<TaskSummary>, Option<String>)> {
    let mut params = Params::default();
    let select = select_sql(&params.push(auth.user_id));
    let now_param = params.push(now);
    let which_sql = match which {
        // A cancelled task stays in the lists of those it released (`cancelled_from`), as
        // 已取消, upcoming until its end.
        Mine::Upcoming => format!(
            "(e.status IN ('joined', 'waitlisted', 'checked_in', 'checked_out') \
             OR e.cancelled_from IS NOT NULL) \
             AND t.completed_at IS NULL AND t.ends_at > {now_param}"
        ),
        Mine::Done => format!(
            "(e.status IN ('completed', 'no_show') OR (e.status IN ('joined', 'checked_in', \
             'checked_out') AND (t.completed_at IS NOT NULL OR t.ends_at <= {now_param})) \
             OR (e.cancelled_from IS NOT NULL AND t.ends_at <= {now_param}))"
        ),
    };
    let (cmp, order) = match which {
        Mine::Upcoming => (">", "ASC"),
        Mine::Done => ("<", "DESC"),
    };
    let mut sql = format!("{select} WHERE e.id IS NOT NULL AND {which_sql}");
    if let Some(cursor) = after {
        let starts = params.push(cursor.starts_at);
        let id = params.push(cursor.id);
        sql.push_str(&format!(
            " AND (t.starts_at {cmp} {starts} OR (t.starts_at = {starts} AND t.id {cmp} {id}))"
        ));
    }
    sql.push_str(&format!(
        " ORDER BY t.starts_at {order}, t.id {order} LIMIT {}",
        limit + 1
    ));
    fetch_page(db, sql, params, limit, now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_garbage() {
        let cursor = Cursor {
            starts_at: 1_700_000_000_000,
            id: 7,
        };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        assert_eq!(Cursor::decode("garbage"), None);
        assert_eq!(Cursor::decode(&URL_SAFE_NO_PAD.encode("t1.1.2.3")), None);
    }
}
