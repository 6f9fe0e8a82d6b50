//! 居民 directory: heads and staff find a resident by name, phone or room within their reach,
//! accounts and register members not on Linli alike.

use linli_api_types::{PeoplePage, PersonSummary, PEOPLE_PAGE};

use crate::features::people::reach::Reach;
use crate::features::people::rows::{self, AccountRow, RegisterRow, SortKey};
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};

/// Longest search text.
const MAX_QUERY_CHARS: usize = 40;

/// `%text%` for LIKE, with `\`, `%` and `_` taken literally; spaces dropped, so "3栋 1单元"
/// finds "3栋1单元…".
fn pattern(query: &str) -> String {
    let mut out = String::from("%");
    for c in query.chars().filter(|c| !c.is_whitespace()) {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Name, phone, or building+unit+door ("3栋1单元1502", "1502").
const ACCOUNT_MATCH: &str = "(u.name LIKE $2 ESCAPE '\\' OR u.phone LIKE $2 ESCAPE '\\' \
     OR (b.name || un.name || h.door) LIKE $2 ESCAPE '\\')";
const REGISTER_MATCH: &str = "(rm.name LIKE $2 ESCAPE '\\' OR rm.phone LIKE $2 ESCAPE '\\' \
     OR (b.name || un.name || h.door) LIKE $2 ESCAPE '\\')";

pub async fn search(db: &Db, auth: &AuthUser, query: Option<String>) -> Result<PeoplePage> {
    let reach = Reach::of(auth).ok_or(AppError::Forbidden)?;
    let query = query.unwrap_or_default();
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::Validation(vec![FieldIssue::new(
            "q",
            Rule::TooLong {
                max: MAX_QUERY_CHARS,
            },
        )]));
    }
    let pattern = pattern(query.trim());
    let limit = PEOPLE_PAGE + 1;
    // Staff also find members without a home (other staff); heads only people of their places.
    let home = if reach.staff {
        format!("(u.household_id IS NULL OR {})", reach.sql())
    } else {
        reach.sql()
    };
    let accounts: Vec<AccountRow> = sqlx::query_as(&format!(
        "{} WHERE u.community_id = $1 AND {home} AND {ACCOUNT_MATCH} \
         ORDER BY b.id, un.id, h.door, u.name LIMIT {limit}",
        rows::ACCOUNT_SQL
    ))
    .bind(auth.community_id)
    .bind(&pattern)
    .fetch_all(&db.read)
    .await?;
    let register: Vec<RegisterRow> = sqlx::query_as(&format!(
        "{} WHERE rm.community_id = $1 AND rm.user_id IS NULL AND {} AND {REGISTER_MATCH} \
         ORDER BY b.id, un.id, h.door, rm.name LIMIT {limit}",
        rows::REGISTER_SQL,
        reach.sql()
    ))
    .bind(auth.community_id)
    .bind(&pattern)
    .fetch_all(&db.read)
    .await?;

    let ids: Vec<i64> = accounts.iter().map(|a| a.id).collect();
    let mut roles = rows::roles_of(db, &ids).await?;
    let mut people: Vec<(SortKey, PersonSummary)> = accounts
        .iter()
        .map(|a| {
            (
                a.sort_key(),
                a.summary(roles.remove(&a.id).unwrap_or_default()),
            )
        })
        .chain(register.iter().map(|r| (r.sort_key(), r.summary())))
        .collect();
    people.sort_by(|a, b| a.0.cmp(&b.0));
    let more = people.len() > PEOPLE_PAGE;
    people.truncate(PEOPLE_PAGE);
    Ok(PeoplePage {
        items: people.into_iter().map(|(_, person)| person).collect(),
        more,
    })
}

#[cfg(test)]
mod tests {
    use super::pattern;

    #[test]
    fn patterns_take_wildcards_literally_and_drop_spaces() {
        assert_eq!(pattern("3栋 1单元"), "%3栋1单元%");
        assert_eq!(pattern("5%_\\"), "%5\\%\\_\\\\%");
        assert_eq!(pattern(""), "%%");
    }
}
