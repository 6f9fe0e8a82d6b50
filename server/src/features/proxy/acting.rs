//! A 代办 session as it runs: who acts in it (for `/me`), and ending it.

use chrono::DateTime;
use linli_api_types::ProxyActor;
use sqlx::AnyConnection;

use super::start::end_previous;
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::{AppError, Result};

/// In a 代办 session, who acts and until when; `None` in anyone's own session.
pub async fn actor_of(db: &Db, auth: &AuthUser) -> Result<Option<ProxyActor>> {
    let Some(actor_id) = auth.proxy_by else {
        return Ok(None);
    };
    let (name, expires_at): (String, i64) = sqlx::query_as(
        "SELECT a.name, s.expires_at FROM sessions s JOIN users a ON a.id = s.proxy_by \
         WHERE s.id = $1",
    )
    .bind(auth.session_id)
    .fetch_one(&db.read)
    .await?;
    let expires_at = DateTime::from_timestamp_millis(expires_at)
        .ok_or_else(|| AppError::internal(format!("session expiry {expires_at}")))?;
    Ok(Some(ProxyActor {
        id: actor_id,
        name,
        expires_at,
    }))
}

/// Ends 代办: with the 代办 session's own token, that session; with the actor's own, every one
/// of theirs still running. Ending what has ended changes nothing.
pub async fn end(tx: &mut AnyConnection, auth: &AuthUser, now: i64) -> Result<()> {
    match auth.proxy_by {
        Some(_) => {
            sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                .bind(now)
                .bind(auth.session_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE proxy_sessions SET ended_at = $1 \
                 WHERE session_id = $2 AND ended_at IS NULL AND expires_at > $1",
            )
            .bind(now)
            .bind(auth.session_id)
            .execute(&mut *tx)
            .await?;
        }
        None => end_previous(tx, auth.user_id, now).await?,
    }
    Ok(())
}
