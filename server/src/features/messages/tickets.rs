//! Stream tickets: EventSource cannot send `Authorization`, so the app trades its session for a
//! random ticket (only its SHA-256 is stored) that opens one stream within a minute, once. A
//! ticket in a URL may land in a proxy's log; by then it is used or expired.

use linli_api_types::StreamTicket;

use crate::features::account::session_token;
use crate::platform::auth::AuthUser;
use crate::platform::db::{time, Db};
use crate::platform::error::Result;

pub const TICKET_LIFETIME_MS: i64 = 60 * 1000;

/// Whose stream a ticket opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder {
    pub user_id: i64,
    pub session_id: i64,
}

pub async fn issue(db: &Db, auth: &AuthUser, now: i64) -> Result<StreamTicket> {
    let ticket = session_token::generate();
    let expires_at = now + TICKET_LIFETIME_MS;
    sqlx::query(
        "INSERT INTO stream_tickets (token_hash, user_id, session_id, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(session_token::hash(&ticket))
    .bind(auth.user_id)
    .bind(auth.session_id)
    .bind(expires_at)
    .execute(&db.write)
    .await?;
    Ok(StreamTicket {
        ticket,
        expires_at: time(expires_at),
    })
}

/// Uses up `ticket`: its holder when it was unused, unexpired, and its session still live.
/// Deleting it first means two requests with one ticket open one stream at most.
pub async fn redeem(db: &Db, ticket: &str, now: i64) -> Result<Option<Holder>> {
    if !plausible(ticket) {
        return Ok(None);
    }
    let holder: Option<(i64, i64, i64)> = sqlx::query_as(
        "DELETE FROM stream_tickets WHERE token_hash = $1 \
         RETURNING user_id, session_id, expires_at",
    )
    .bind(session_token::hash(ticket))
    .fetch_optional(&db.write)
    .await?;
    let Some((user_id, session_id, expires_at)) = holder else {
        return Ok(None);
    };
    if expires_at <= now || !session_is_live(db, session_id, now).await? {
        return Ok(None);
    }
    Ok(Some(Holder {
        user_id,
        session_id,
    }))
}

/// Whether the session is neither signed out, revoked nor expired.
pub async fn session_is_live(db: &Db, session_id: i64, now: i64) -> Result<bool> {
    let live: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM sessions WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2",
    )
    .bind(session_id)
    .bind(now)
    .fetch_optional(&db.read)
    .await?;
    Ok(live.is_some())
}

/// Anything that cannot be one of our tickets is refused before it reaches the database.
fn plausible(ticket: &str) -> bool {
    !ticket.is_empty()
        && ticket.len() <= 128
        && ticket
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Drops tickets that expired unused.
pub async fn prune_expired(db: &Db, now: i64) -> Result<u64> {
    Ok(
        sqlx::query("DELETE FROM stream_tickets WHERE expires_at <= $1")
            .bind(now)
            .execute(&db.write)
            .await?
            .rows_affected(),
    )
}
