//! Session rows over their life: opening one on sign-in, revoking it on sign-out or a user's
//! other ones on a password change, and deleting dead ones, which otherwise pile up forever
//! (every sign-in adds a row).

use std::time::Duration;

use sqlx::AnyConnection;

use crate::features::account::session_token;
use crate::platform::db::{now_ms, Db};
use crate::platform::error::AppError;
use crate::platform::ids::UserId;

/// A revoked row is kept this long so its token still answers `session_expired` (the app
/// says "please sign in again") rather than `unauthenticated` right after a sign-out.
pub const KEEP_REVOKED_MS: i64 = 24 * 60 * 60 * 1000;

/// A session just opened: the token, shown to the client this once, and its expiry (epoch ms).
#[derive(Debug)]
pub struct Opened {
    pub token: String,
    pub expires_at: i64,
}

/// Opens a session for `user_id` from `ip` lasting `ttl`; the database keeps only the
/// token's hash.
pub async fn open(db: &Db, user_id: UserId, ip: &str, ttl: Duration) -> Result<Opened, AppError> {
    let token = session_token::generate();
    let now = now_ms();
    let ttl_ms = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX / 2);
    let expires_at = now.saturating_add(ttl_ms);
    sqlx::query(
        "INSERT INTO sessions (user_id, token_hash, created_at, expires_at, created_ip) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user_id.get())
    .bind(session_token::hash(&token))
    .bind(now)
    .bind(expires_at)
    .bind(ip)
    .execute(&db.write)
    .await?;
    Ok(Opened { token, expires_at })
}

/// Signs one session out: its token stops working at once.
pub async fn revoke(db: &Db, session_id: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(now_ms())
        .bind(session_id)
        .execute(&db.write)
        .await?;
    Ok(())
}

/// Signs out every session of `user_id` but `keep` (the one making the request); how many.
pub async fn revoke_others(
    tx: &mut AnyConnection,
    user_id: UserId,
    keep: i64,
    now: i64,
) -> Result<u64, AppError> {
    let revoked = sqlx::query(
        "UPDATE sessions SET revoked_at = $1 \
         WHERE user_id = $2 AND id <> $3 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(user_id.get())
    .bind(keep)
    .execute(&mut *tx)
    .await?;
    Ok(revoked.rows_affected())
}

/// Deletes expired sessions and those revoked over a day ago: the user's own when `user_id`
/// is given (on each sign-in, through the `sessions_user_id` index), otherwise everyone's
/// (at start).
pub async fn purge_dead(db: &Db, user_id: Option<UserId>) -> Result<u64, AppError> {
    let now = now_ms();
    let dead = "(expires_at <= $1 OR revoked_at <= $2)";
    let query = match user_id {
        Some(_) => format!("DELETE FROM sessions WHERE user_id = $3 AND {dead}"),
        None => format!("DELETE FROM sessions WHERE {dead}"),
    };
    let mut query = sqlx::query(&query).bind(now).bind(now - KEEP_REVOKED_MS);
    if let Some(user_id) = user_id {
        query = query.bind(user_id.get());
    }
    Ok(query.execute(&db.write).await?.rows_affected())
}
