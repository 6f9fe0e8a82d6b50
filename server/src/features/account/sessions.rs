//! Session rows over their life: revoking a user's other sessions, and deleting dead ones,
//! which otherwise pile up forever (every sign-in adds a row, nothing removed them).

use crate::platform::db::{now_ms, Db};
use crate::platform::error::AppError;

/// A revoked row is kept this long so its token still answers `session_expired` (the app
/// says "please sign in again") rather than `unauthenticated` right after a sign-out.
pub const KEEP_REVOKED_MS: i64 = 24 * 60 * 60 * 1000;

/// Deletes expired sessions and those revoked over a day ago: the user's own when `user_id`
/// is given (on each sign-in, through the `sessions_user_id` index), otherwise everyone's
/// (at start).
pub async fn purge_dead(db: &Db, user_id: Option<i64>) -> Result<u64, AppError> {
    let now = now_ms();
    let dead = "(expires_at <= $1 OR revoked_at <= $2)";
    let query = match user_id {
        Some(_) => format!("DELETE FROM sessions WHERE user_id = $3 AND {dead}"),
        None => format!("DELETE FROM sessions WHERE {dead}"),
    };
    let mut query = sqlx::query(&query).bind(now).bind(now - KEEP_REVOKED_MS);
    if let Some(user_id) = user_id {
        query = query.bind(user_id);
    }
    Ok(query.execute(&db.write).await?.rows_affected())
}
