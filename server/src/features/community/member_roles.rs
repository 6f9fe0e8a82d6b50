//! Staff changing a member's roles, each step in one transaction: the volunteer flag (whose
//! removal sends the member's unfinished orders back to the dispatch queue) and one role grant.
//! The member as `/me` shows them comes back, so the roles screen shows the change.

use linli_api_types::MemberRoles;

use crate::features::account::me;
use crate::features::community::members;
use crate::platform::auth::{AuthUser, Grant};
use crate::platform::db::{now_ms, Db};
use crate::platform::error::{AppError, Result};
use crate::platform::ids::UserId;

/// Registers (`volunteer`) or unregisters member `member_id` as volunteer.
pub async fn set_volunteer(
    db: &Db,
    staff: &AuthUser,
    member_id: UserId,
    volunteer: bool,
) -> Result<MemberRoles> {
    let id = member_id.get();
    let mut tx = db.write.begin().await?;
    members::reachable(&mut tx, staff, id).await?;
    let returned = members::set_volunteer(&mut tx, id, volunteer, staff.user_id, now_ms()).await?;
    tx.commit().await?;
    tracing::info!(
        member_id = id,
        volunteer,
        returned = returned.len(),
        "volunteer flag set"
    );
    Ok(MemberRoles {
        member: me::load(db, member_id).await?,
        returned_orders: returned,
    })
}

/// Removes `grant` from member `member_id`; 404 when they do not hold it.
pub async fn remove_grant(
    db: &Db,
    staff: &AuthUser,
    member_id: UserId,
    grant: Grant,
) -> Result<MemberRoles> {
    let id = member_id.get();
    let mut tx = db.write.begin().await?;
    members::reachable(&mut tx, staff, id).await?;
    if !members::remove_grant(&mut tx, id, grant.role, grant.scope_kind, grant.scope_id).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    tracing::info!(
        member_id = id,
        role = grant.role.as_str(),
        scope_kind = grant.scope_kind.as_str(),
        scope_id = grant.scope_id,
        "role grant removed"
    );
    Ok(MemberRoles {
        member: me::load(db, member_id).await?,
        returned_orders: Vec::new(),
    })
}
