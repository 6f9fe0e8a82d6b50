//! Starting a 代办 session: the resident's account (created `proxy_only` for a register member
//! without one, in the same transaction), the actor's previous 代办 ended, a session for the
//! resident naming the actor, and the audit row.

use linli_api_types::{AccountStatus, ProxyStart, PROXY_SESSION_MINUTES};
use sqlx::AnyConnection;

use super::refusals::ProxyRefusal;
use super::residents::{in_scope, require_actor, target, Target};
use crate::features::account::session_token;
use crate::platform::auth::AuthUser;
use crate::platform::error::{AppError, Result};

/// A 代办 session just opened: the token (shown this once), whom it acts for, until when.
pub struct Started {
    pub token: String,
    pub resident_id: i64,
    pub expires_at: i64,
}

/// A password hash no password verifies against: a `proxy_only` account never signs in (its
/// phone, `register:<id>`, is no phone number either).
const NO_PASSWORD: &str = "!proxy-only";

/// `auth` starts acting for the resident `start` names, from `ip` at `now`.
pub async fn start(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    start: &ProxyStart,
    ip: &str,
    now: i64,
) -> Result<Started> {
    require_actor(auth)?;
    let target = target(&mut *tx, auth.community_id, start.kind, start.id)
        .await?
        .filter(|target| in_scope(auth, target))
        .ok_or(AppError::NotFound)?;
    if target.user_id == Some(auth.user_id) {
        return Err(ProxyRefusal::Yourself.into());
    }
    if target.holds_a_role() {
        return Err(ProxyRefusal::RoleHolder.into());
    }
    if matches!(
        target.status(),
        Some(AccountStatus::Pending | AccountStatus::Declined)
    ) {
        return Err(ProxyRefusal::NotMember.into());
    }
    let resident_id = match target.user_id {
        Some(user_id) => user_id,
        None => proxy_only_account(tx, &target, now).await?,
    };
    end_previous(tx, auth.user_id, now).await?;

    let token = session_token::generate();
    let expires_at = now + PROXY_SESSION_MINUTES * 60_000;
    let session_id: i64 = sqlx::query_scalar(
        "INSERT INTO sessions (user_id, token_hash, created_at, expires_at, created_ip, proxy_by) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(resident_id)
    .bind(session_token::hash(&token))
    .bind(now)
    .bind(expires_at)
    .bind(ip)
    .bind(auth.user_id)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO proxy_sessions \
            (community_id, session_id, actor_id, resident_id, started_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(auth.community_id)
    .bind(session_id)
    .bind(auth.user_id)
    .bind(resident_id)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    tracing::info!(
        actor_id = auth.user_id,
        resident_id,
        session_id,
        "代办 started"
    );
    Ok(Started {
        token,
        resident_id,
        expires_at,
    })
}

/// The `proxy_only` account of a register member without one: created once, linked to the
/// register entry; two heads starting at once get the same account (the phone is unique).
async fn proxy_only_account(tx: &mut AnyConnection, target: &Target, now: i64) -> Result<i64> {
    let register_id = target.register_id.ok_or_else(|| {
        AppError::internal("a 代办 target with neither account nor register entry")
    })?;
    let phone = format!("register:{register_id}");
    sqlx::query(
        "INSERT INTO users (phone, name, password_hash, community_id, household_id, is_volunteer, \
            created_at, status) VALUES ($1, $2, $3, $4, $5, 0, $6, 'proxy_only') \
         ON CONFLICT (phone) DO NOTHING",
    )
    .bind(&phone)
    .bind(&target.name)
    .bind(NO_PASSWORD)
    .bind(target.community_id)
    .bind(target.household_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let user_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(&phone)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE register_members SET user_id = $1, updated_at = $2 \
         WHERE id = $3 AND user_id IS NULL",
    )
    .bind(user_id)
    .bind(now)
    .bind(register_id)
    .execute(&mut *tx)
    .await?;
    // Whoever linked the entry first (this start, or the resident registering meanwhile).
    let linked: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM register_members WHERE id = $1")
            .bind(register_id)
            .fetch_one(&mut *tx)
            .await?;
    linked.ok_or_else(|| AppError::internal("register entry not linked"))
}

/// Ends `actor_id`'s 代办 sessions still running: one actor acts for one resident at a time.
pub async fn end_previous(tx: &mut AnyConnection, actor_id: i64, now: i64) -> Result<()> {
    sqlx::query(
        "UPDATE sessions SET revoked_at = $1 \
         WHERE proxy_by = $2 AND revoked_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(actor_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE proxy_sessions SET ended_at = $1 \
         WHERE actor_id = $2 AND ended_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(actor_id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
