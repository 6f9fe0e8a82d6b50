//! Staff changing a member's roles, each step in one transaction with its audit row: the
//! volunteer flag (whose removal sends the member's unfinished orders back to the dispatch
//! queue), the services a volunteer offers, and head grants. Staff grants go through
//! `staff_changes` (a second staff member approves). The member as `/me` shows them comes
//! back, so the roles screen shows the change.

use linli_api_types::{GrantRequest, MemberRoles, Role, RoleChangeKind, ScopeKind};

use crate::features::account::me;
use crate::features::community::role_audit::{self, Entry};
use crate::features::community::{members, places, role_refusals};
use crate::platform::auth::{AuthUser, Grant};
use crate::platform::db::{now_ms, Db};
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::ids::UserId;

/// Registers (`volunteer`) or unregisters member `member_id` as volunteer.
pub async fn set_volunteer(
    db: &Db,
    staff: &AuthUser,
    member_id: UserId,
    volunteer: bool,
) -> Result<MemberRoles> {
    let id = member_id.get();
    let now = now_ms();
    let mut tx = db.write.begin().await?;
    members::reachable(&mut tx, staff, id).await?;
    let was: i64 = sqlx::query_scalar("SELECT is_volunteer FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    if volunteer && !members::is_active(&mut tx, id).await? {
        return Err(role_refusals::not_joined("volunteer"));
    }
    let returned = members::set_volunteer(&mut tx, id, volunteer, staff.user_id, now).await?;
    if (was != 0) != volunteer {
        let change = if volunteer {
            RoleChangeKind::VolunteerOn
        } else {
            RoleChangeKind::VolunteerOff
        };
        role_audit::record(&mut tx, entry(staff, id, change, None), now).await?;
    }
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

fn entry(
    staff: &AuthUser,
    user_id: i64,
    change: RoleChangeKind,
    grant: Option<(Role, ScopeKind, i64)>,
) -> Entry {
    Entry {
        community_id: staff.community_id,
        user_id,
        changed_by: staff.user_id,
        change,
        grant,
        detail: String::new(),
    }
}

/// The kind of place a head role covers; staff are not granted here.
fn scope_kind_of(role: Role) -> Option<ScopeKind> {
    match role {
        Role::BuildingHead => Some(ScopeKind::Building),
        Role::UnitHead => Some(ScopeKind::Unit),
        Role::GridHead => Some(ScopeKind::Grid),
        Role::Staff => None,
    }
}

/// Grants member `member_id` a head role over a place of the community; granting one they
/// hold already changes nothing (and records nothing).
pub async fn grant(
    db: &Db,
    staff: &AuthUser,
    member_id: UserId,
    request: GrantRequest,
) -> Result<MemberRoles> {
    let id = member_id.get();
    let now = now_ms();
    let mut tx = db.write.begin().await?;
    members::reachable(&mut tx, staff, id).await?;
    let kind = scope_kind_of(request.role).ok_or_else(role_refusals::needs_second_staff)?;
    if !members::is_active(&mut tx, id).await? {
        return Err(role_refusals::not_joined("role"));
    }
    places::load_in_community(&mut *tx, kind, request.scope_id, staff.community_id)
        .await?
        .ok_or_else(|| AppError::Validation(vec![FieldIssue::new("scope_id", Rule::Unknown)]))?;
    let added = sqlx::query(
        "INSERT INTO role_grants (user_id, role, scope_kind, scope_id) VALUES ($1, $2, $3, $4) \
         ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(request.role.as_str())
    .bind(kind.as_str())
    .bind(request.scope_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if added > 0 {
        let grant = Some((request.role, kind, request.scope_id));
        role_audit::record(
            &mut tx,
            entry(staff, id, RoleChangeKind::Granted, grant),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    tracing::info!(
        member_id = id,
        role = request.role.as_str(),
        scope_id = request.scope_id,
        "role granted"
    );
    Ok(MemberRoles {
        member: me::load(db, member_id).await?,
        returned_orders: Vec::new(),
    })
}

/// Removes `grant` from member `member_id`; 404 when they do not hold it. What the role left
/// running ends with it: their 代办 sessions and the reset codes they issued that are unused.
pub async fn remove_grant(
    db: &Db,
    staff: &AuthUser,
    member_id: UserId,
    grant: Grant,
) -> Result<MemberRoles> {
    let id = member_id.get();
    let now = now_ms();
    let mut tx = db.write.begin().await?;
    members::reachable(&mut tx, staff, id).await?;
    if grant.role == Role::Staff {
        return Err(role_refusals::needs_second_staff());
    }
    if !members::remove_grant(&mut tx, id, grant.role, grant.scope_kind, grant.scope_id).await? {
        return Err(AppError::NotFound);
    }
    let removed = Some((grant.role, grant.scope_kind, grant.scope_id));
    role_audit::record(
        &mut tx,
        entry(staff, id, RoleChangeKind::Removed, removed),
        now,
    )
    .await?;
    members::end_running_powers(&mut tx, id, now).await?;
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

/// At most this many services in one `PUT /members/{id}/services`.
const MAX_SERVICES: usize = 100;

/// Sets every service volunteer `member_id` offers (services of the community; others in the
/// list are refused as `unknown`).
pub async fn set_services(
    db: &Db,
    staff: &AuthUser,
    member_id: UserId,
    mut service_ids: Vec<i64>,
) -> Result<MemberRoles> {
    let id = member_id.get();
    let now = now_ms();
    service_ids.sort_unstable();
    service_ids.dedup();
    if service_ids.len() > MAX_SERVICES {
        return Err(AppError::Validation(vec![FieldIssue::new(
            "service_ids",
            Rule::OutOfRange {
                min: 0,
                max: MAX_SERVICES as i64,
            },
        )]));
    }
    let mut tx = db.write.begin().await?;
    members::reachable(&mut tx, staff, id).await?;
    let volunteer: i64 = sqlx::query_scalar("SELECT is_volunteer FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    if volunteer == 0 {
        return Err(role_refusals::not_volunteer());
    }
    let mut names = Vec::with_capacity(service_ids.len());
    for service in &service_ids {
        let name: Option<String> =
            sqlx::query_scalar("SELECT name FROM services WHERE id = $1 AND community_id = $2")
                .bind(service)
                .bind(staff.community_id)
                .fetch_optional(&mut *tx)
                .await?;
        names.push(name.ok_or_else(|| {
            AppError::Validation(vec![FieldIssue::new("service_ids", Rule::Unknown)])
        })?);
    }
    sqlx::query(
        "DELETE FROM volunteer_services WHERE user_id = $1 \
         AND service_id IN (SELECT id FROM services WHERE community_id = $2)",
    )
    .bind(id)
    .bind(staff.community_id)
    .execute(&mut *tx)
    .await?;
    for service in &service_ids {
        sqlx::query("INSERT INTO volunteer_services (user_id, service_id) VALUES ($1, $2)")
            .bind(id)
            .bind(service)
            .execute(&mut *tx)
            .await?;
    }
    let mut audit = entry(staff, id, RoleChangeKind::ServicesSet, None);
    audit.detail = names.join("、");
    role_audit::record(&mut tx, audit, now).await?;
    tx.commit().await?;
    tracing::info!(
        member_id = id,
        services = service_ids.len(),
        "volunteer services set"
    );
    Ok(MemberRoles {
        member: me::load(db, member_id).await?,
        returned_orders: Vec::new(),
    })
}
