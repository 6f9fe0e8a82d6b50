//! The pages of wishes: the board 心愿墙 (open wishes of the community, newest first), mine
//! (wished by my household or claimed by me, newest first) and the review queue 心愿审核
//! (pending wishes of the places a head holds, staff all; oldest first). Keyset paging on the
//! id: a page continues strictly after the last wish it showed.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use linli_api_types::{Role, ScopeKind, WishPage, WISH_PAGE_DEFAULT, WISH_PAGE_MAX};
use sqlx::{Any, Executor};

use super::row::{WishRow, WISH_SELECT};
use super::view::summary;
use super::viewer::WishViewer;
use crate::platform::auth::AuthUser;
use crate::platform::error::{FieldIssue, Result, Rule};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Board,
    Mine,
    Review,
}

impl List {
    fn tag(self) -> &'static str {
        match self {
            List::Board => "b",
            List::Mine => "m",
            List::Review => "r",
        }
    }

    fn oldest_first(self) -> bool {
        self == List::Review
    }
}

/// `?after=`: opaque to clients; one list's cursor is refused by another.
pub fn encode_cursor(list: List, id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("w1.{}.{id}", list.tag()))
}

pub fn decode_cursor(list: List, raw: &str) -> Option<i64> {
    let bytes = URL_SAFE_NO_PAD.decode(raw.as_bytes()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.strip_prefix(&format!("w1.{}.", list.tag()))?
        .parse()
        .ok()
}

/// The page size and cursor from the query, or the fields they break.
pub fn params(
    list: List,
    after: Option<&str>,
    limit: Option<&str>,
) -> std::result::Result<(Option<i64>, u32), Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let limit = match limit {
        None | Some("") => WISH_PAGE_DEFAULT,
        Some(raw) => match raw.parse::<u32>() {
            Ok(limit) if (1..=WISH_PAGE_MAX).contains(&limit) => limit,
            _ => {
                issues.push(FieldIssue::new("limit", Rule::BadFormat));
                WISH_PAGE_DEFAULT
            }
        },
    };
    let after = match after {
        None | Some("") => None,
        Some(raw) => {
            let id = decode_cursor(list, raw);
            if id.is_none() {
                issues.push(FieldIssue::new("after", Rule::BadFormat));
            }
            id
        }
    };
    if issues.is_empty() {
        Ok((after, limit))
    } else {
        Err(issues)
    }
}

/// Which pending wishes `auth` reviews: staff all of the community's, heads those of the
/// units, buildings and grids they hold; never their own household's. The ids are the
/// grants' own numbers, so they are written into the statement.
fn review_condition(auth: &AuthUser) -> Option<String> {
    if auth.holds(Role::Staff)
        && auth
            .grants
            .iter()
            .any(|g| g.role == Role::Staff && g.scope_id == auth.community_id)
    {
        return Some("TRUE".into());
    }
    let places: Vec<String> = auth
        .grants
        .iter()
        .filter(|g| g.role != Role::Staff)
        .map(|g| match g.scope_kind {
            ScopeKind::Unit => format!("w.unit_id = {}", g.scope_id),
            ScopeKind::Building => format!("b.id = {}", g.scope_id),
            ScopeKind::Grid => format!("b.grid_id = {}", g.scope_id),
            ScopeKind::Community => format!("w.community_id = {}", g.scope_id),
        })
        .collect();
    (!places.is_empty()).then(|| format!("({})", places.join(" OR ")))
}

/// One page of `list` as `auth` sees it.
pub async fn page<'e, E>(
    executor: E,
    auth: &AuthUser,
    list: List,
    after: Option<i64>,
    limit: u32,
) -> Result<WishPage>
where
    E: Executor<'e, Database = Any>,
{
    // $1 community, $2 user, $3 household (or -1), $4 cursor id.
    let condition = match list {
        List::Board => "w.status = 'open'".to_owned(),
        List::Mine => "(w.household_id = $3 OR w.claimer_id = $2)".to_owned(),
        List::Review => match review_condition(auth) {
            Some(places) => format!("w.status = 'pending' AND w.household_id <> $3 AND {places}"),
            None => {
                return Ok(WishPage {
                    items: Vec::new(),
                    next: None,
                })
            }
        },
    };
    let (cmp, order) = if list.oldest_first() {
        (">", "ASC")
    } else {
        ("<", "DESC")
    };
    let cursor = if list.oldest_first() { 0 } else { i64::MAX };
    // `$2` and `$3` are in some conditions only; PostgreSQL refuses a parameter no statement
    // uses, so every statement names them.
    let sql = format!(
        "{WISH_SELECT} WHERE w.community_id = $1 AND $2 = $2 AND $3 = $3 AND {condition} \
         AND w.id {cmp} $4 ORDER BY w.id {order} LIMIT {}",
        limit + 1
    );
    let mut rows: Vec<WishRow> = sqlx::query_as(&sql)
        .bind(auth.community_id)
        .bind(auth.user_id)
        .bind(auth.household_id.unwrap_or(-1))
        .bind(after.unwrap_or(cursor))
        .fetch_all(executor)
        .await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let viewer = WishViewer::new(auth);
    let next = more
        .then(|| rows.last().map(|row| encode_cursor(list, row.id)))
        .flatten();
    let items = rows
        .iter()
        .map(|row| summary(row, &viewer))
        .collect::<Result<Vec<_>>>()?;
    Ok(WishPage { items, next })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_another_lists() {
        let cursor = encode_cursor(List::Board, 42);
        assert_eq!(decode_cursor(List::Board, &cursor), Some(42));
        assert_eq!(decode_cursor(List::Mine, &cursor), None);
        assert_eq!(decode_cursor(List::Board, "nonsense"), None);
    }
}
