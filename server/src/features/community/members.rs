//! Changing a member's roles (staff only, in the member's own community, never their own):
//! the volunteer flag and role grants. `AuthUser` reads the flag and the grants from the
//! database on every request, so a removed power ends with the very next request; what a
//! power left running is ended here, in the same transaction: a volunteer's dispatched,
//! accepted or in-progress orders go back to the dispatch queue (they could otherwise still
//! complete one and be paid for it).

use linli_api_types::{Role, ScopeKind};
use sqlx::AnyConnection;

use crate::features::services::orders;
use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::db::Backend;
use crate::platform::error::{AppError, Result};
use crate::platform::ids::UserId;

/// A member staff may change: in `auth`'s community (404 otherwise, as for everything of
/// another community), and not `auth` themselves (403: nobody changes their own roles).
pub async fn reachable(tx: &mut AnyConnection, auth: &AuthUser, member_id: i64) -> Result<()> {
    auth.require(auth.covers(Role::Staff, &PlacePath::community(auth.community_id)))?;
    let community: Option<i64> = sqlx::query_scalar("SELECT community_id FROM users WHERE id = $1")
        .bind(member_id)
        .fetch_optional(&mut *tx)
        .await?;
    if community != Some(auth.community_id) {
        return Err(AppError::NotFound);
    }
    auth.require(member_id != auth.user_id)
}

/// The member's volunteer flag, read so that it orders against a change of it: on PostgreSQL
/// the row is share-locked until the transaction ends, so a claim or an assignment either
/// commits before the flag's removal (which then finds and returns its order) or reads the
/// flag removed. SQLite's one writer serialises them anyway.
pub async fn volunteer_flag(
    tx: &mut AnyConnection,
    backend: Backend,
    user_id: i64,
) -> Result<bool> {
    let sql = match backend {
        Backend::Postgres => "SELECT is_volunteer FROM users WHERE id = $1 FOR SHARE",
        Backend::Sqlite => "SELECT is_volunteer FROM users WHERE id = $1",
    };
    let flag: Option<i64> = sqlx::query_scalar(sql)
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
    Ok(flag == Some(1))
}

/// Sets the volunteer flag; when it is removed, returns the member's unfinished orders to
/// the dispatch queue (each with a `recalled` timeline step by `staff_id`; their ids are
/// returned) and the wishes they claimed to the wish board.
pub async fn set_volunteer(
    tx: &mut AnyConnection,
    member_id: i64,
    volunteer: bool,
    staff_id: i64,
    now: i64,
) -> Result<Vec<i64>> {
    // The UPDATE takes the member's row lock first: steps that share-lock it (see
    // `volunteer_flag`) finish before, or wait and then see the flag removed.
    sqlx::query("UPDATE users SET is_volunteer = $1 WHERE id = $2")
        .bind(i64::from(volunteer))
        .bind(member_id)
        .execute(&mut *tx)
        .await?;
    if volunteer {
        return Ok(Vec::new());
    }
    crate::features::wishes::give_back_claims_of(tx, member_id, now).await?;
    orders::recall_all_of(tx, UserId(member_id), UserId(staff_id), now).await
}

/// Removes one role grant; `false` when the member does not hold it.
pub async fn remove_grant(
    tx: &mut AnyConnection,
    member_id: i64,
    role: Role,
    scope_kind: ScopeKind,
    scope_id: i64,
) -> Result<bool> {
    let removed = sqlx::query(
        "DELETE FROM role_grants WHERE user_id = $1 AND role = $2 AND scope_kind = $3 \
         AND scope_id = $4",
    )
    .bind(member_id)
    .bind(role.as_str())
    .bind(scope_kind.as_str())
    .bind(scope_id)
    .execute(&mut *tx)
    .await?;
    Ok(removed.rows_affected() > 0)
}

/// Whether the member's account is active (joined: not waiting, declined or 代办-only).
pub async fn is_active(tx: &mut AnyConnection, member_id: i64) -> Result<bool> {
    let status: Option<String> = sqlx::query_scalar("SELECT status FROM users WHERE id = $1")
        .bind(member_id)
        .fetch_optional(&mut *tx)
        .await?;
    Ok(status.as_deref() == Some("active"))
}

/// Ends what a removed role left running: the member's 代办 sessions (acting for others) and
/// the password reset codes they issued that nobody has used yet. A role they still hold lets
/// them start these again.
pub async fn end_running_powers(tx: &mut AnyConnection, member_id: i64, now: i64) -> Result<()> {
    sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE proxy_by = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(member_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE reset_codes SET voided_at = $1 \
         WHERE issued_by = $2 AND used_at IS NULL AND voided_at IS NULL",
    )
    .bind(now)
    .bind(member_id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
