//! Appointing and removing staff needs two staff members of the community: one asks (a
//! pending `staff_changes` row), another — neither the one who asked nor the member concerned
//! — approves or rejects. So no single account, stolen or rogue, can make itself a colleague
//! or push the others out.

use linli_api_types::{
    Role, RoleChangeKind, ScopeKind, StaffAction, StaffChange, StaffChangeRequest,
    StaffChangeStatus,
};
use sqlx::AnyConnection;

use crate::features::community::role_audit::{self, Entry};
use crate::features::community::{members, role_refusals};
use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::db::{now_ms, time, Db};
use crate::platform::error::{AppError, Result};

#[derive(sqlx::FromRow)]
struct ChangeRow {
    id: i64,
    user_id: i64,
    member_name: String,
    action: String,
    status: String,
    requested_by: i64,
    requested_by_name: String,
    requested_at: i64,
    decided_by_name: Option<String>,
}

const CHANGE_SQL: &str = "\
    SELECT sc.id, sc.user_id, m.name AS member_name, sc.action, sc.status, sc.requested_by, \
           r.name AS requested_by_name, sc.requested_at, d.name AS decided_by_name \
    FROM staff_changes sc JOIN users m ON m.id = sc.user_id \
    JOIN users r ON r.id = sc.requested_by LEFT JOIN users d ON d.id = sc.decided_by";

fn require_staff(auth: &AuthUser) -> Result<()> {
    auth.require(auth.covers(Role::Staff, &PlacePath::community(auth.community_id)))
}

fn to_wire(row: ChangeRow, auth: &AuthUser) -> StaffChange {
    let status = match row.status.as_str() {
        "approved" => StaffChangeStatus::Approved,
        "rejected" => StaffChangeStatus::Rejected,
        _ => StaffChangeStatus::Pending,
    };
    StaffChange {
        id: row.id,
        member_id: row.user_id,
        member_name: row.member_name,
        action: if row.action == "remove" {
            StaffAction::Remove
        } else {
            StaffAction::Appoint
        },
        decidable: status == StaffChangeStatus::Pending
            && row.requested_by != auth.user_id
            && row.user_id != auth.user_id,
        status,
        requested_by: row.requested_by_name,
        requested_at: time(row.requested_at),
        decided_by: row.decided_by_name,
    }
}

async fn holds_staff(tx: &mut AnyConnection, member_id: i64, community_id: i64) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT user_id FROM role_grants WHERE user_id = $1 AND role = 'staff' \
         AND scope_kind = 'community' AND scope_id = $2",
    )
    .bind(member_id)
    .bind(community_id)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(found.is_some())
}

async fn load(db: &Db, id: i64, auth: &AuthUser) -> Result<StaffChange> {
    let row: ChangeRow = sqlx::query_as(&format!("{CHANGE_SQL} WHERE sc.id = $1"))
        .bind(id)
        .fetch_one(&db.read)
        .await?;
    Ok(to_wire(row, auth))
}

/// Asks for a staff appointment or removal; 409 when one for the member is already waiting.
pub async fn request(db: &Db, auth: &AuthUser, request: StaffChangeRequest) -> Result<StaffChange> {
    let member = request.member_id;
    let now = now_ms();
    let mut tx = db.write.begin().await?;
    members::reachable(&mut tx, auth, member).await?;
    let is_staff = holds_staff(&mut tx, member, auth.community_id).await?;
    let action = match request.action {
        StaffAction::Appoint if is_staff => return Err(role_refusals::already_staff()),
        StaffAction::Appoint => {
            if !members::is_active(&mut tx, member).await? {
                return Err(role_refusals::not_joined("member_id"));
            }
            "appoint"
        }
        StaffAction::Remove if !is_staff => return Err(role_refusals::not_staff()),
        StaffAction::Remove => "remove",
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO staff_changes (community_id, user_id, action, requested_by, requested_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(auth.community_id)
    .bind(member)
    .bind(action)
    .bind(auth.user_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let audit = Entry {
        community_id: auth.community_id,
        user_id: member,
        changed_by: auth.user_id,
        change: RoleChangeKind::StaffRequested,
        grant: Some((Role::Staff, ScopeKind::Community, auth.community_id)),
        detail: action.to_owned(),
    };
    role_audit::record(&mut tx, audit, now).await?;
    tx.commit().await?;
    tracing::info!(member_id = member, action, "staff change requested");
    load(db, id, auth).await
}

/// The changes waiting in `auth`'s community (staff only).
pub async fn pending(db: &Db, auth: &AuthUser) -> Result<Vec<StaffChange>> {
    require_staff(auth)?;
    let rows: Vec<ChangeRow> = sqlx::query_as(&format!(
        "{CHANGE_SQL} WHERE sc.community_id = $1 AND sc.status = 'pending' ORDER BY sc.id"
    ))
    .bind(auth.community_id)
    .fetch_all(&db.read)
    .await?;
    Ok(rows.into_iter().map(|row| to_wire(row, auth)).collect())
}

/// The change waiting for member `member_id`, if any (for the person page).
pub async fn pending_for(db: &Db, auth: &AuthUser, member_id: i64) -> Result<Option<StaffChange>> {
    let row: Option<ChangeRow> = sqlx::query_as(&format!(
        "{CHANGE_SQL} WHERE sc.user_id = $1 AND sc.community_id = $2 AND sc.status = 'pending'"
    ))
    .bind(member_id)
    .bind(auth.community_id)
    .fetch_optional(&db.read)
    .await?;
    Ok(row.map(|row| to_wire(row, auth)))
}

/// Approves (`approve`) or rejects change `id`. 404 for another community's, 403 for the one
/// who asked or the member concerned, 409 when it was decided already.
pub async fn decide(db: &Db, auth: &AuthUser, id: i64, approve: bool) -> Result<StaffChange> {
    require_staff(auth)?;
    let now = now_ms();
    let mut tx = db.write.begin().await?;
    let row: Option<(i64, String, i64)> = sqlx::query_as(
        "SELECT user_id, action, requested_by FROM staff_changes \
         WHERE id = $1 AND community_id = $2",
    )
    .bind(id)
    .bind(auth.community_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (member, action, requested_by) = row.ok_or(AppError::NotFound)?;
    auth.require(requested_by != auth.user_id && member != auth.user_id)?;
    let decided = sqlx::query(
        "UPDATE staff_changes SET status = $1, decided_by = $2, decided_at = $3 \
         WHERE id = $4 AND status = 'pending'",
    )
    .bind(if approve { "approved" } else { "rejected" })
    .bind(auth.user_id)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if decided.rows_affected() == 0 {
        return Err(AppError::Conflict);
    }
    let staff_grant = Some((Role::Staff, ScopeKind::Community, auth.community_id));
    let change = match (approve, action.as_str()) {
        (false, _) => RoleChangeKind::StaffRejected,
        (true, "appoint") => {
            sqlx::query(
                "INSERT INTO role_grants (user_id, role, scope_kind, scope_id) \
                 VALUES ($1, 'staff', 'community', $2) ON CONFLICT DO NOTHING",
            )
            .bind(member)
            .bind(auth.community_id)
            .execute(&mut *tx)
            .await?;
            RoleChangeKind::Granted
        }
        (true, _) => {
            members::remove_grant(
                &mut tx,
                member,
                Role::Staff,
                ScopeKind::Community,
                auth.community_id,
            )
            .await?;
            members::end_running_powers(&mut tx, member, now).await?;
            RoleChangeKind::Removed
        }
    };
    let audit = Entry {
        community_id: auth.community_id,
        user_id: member,
        changed_by: auth.user_id,
        change,
        grant: staff_grant,
        detail: action,
    };
    role_audit::record(&mut tx, audit, now).await?;
    tx.commit().await?;
    tracing::info!(change_id = id, approve, "staff change decided");
    load(db, id, auth).await
}
