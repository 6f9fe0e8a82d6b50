//! The audit of role changes (`role_changes`): who changed whose roles, what and when, written
//! in the transaction of the change and shown on the person page.

use chrono::{DateTime, Utc};
use linli_api_types::{Role, RoleChange, RoleChangeKind, ScopeKind};
use sqlx::AnyConnection;

use crate::features::community::places;
use crate::platform::db::{time, Db};
use crate::platform::error::{AppError, Result};

/// One change to record.
pub struct Entry {
    pub community_id: i64,
    /// Whose roles changed.
    pub user_id: i64,
    /// Who changed them.
    pub changed_by: i64,
    pub change: RoleChangeKind,
    pub grant: Option<(Role, ScopeKind, i64)>,
    pub detail: String,
}

fn change_name(change: RoleChangeKind) -> &'static str {
    match change {
        RoleChangeKind::Granted => "granted",
        RoleChangeKind::Removed => "removed",
        RoleChangeKind::VolunteerOn => "volunteer_on",
        RoleChangeKind::VolunteerOff => "volunteer_off",
        RoleChangeKind::ServicesSet => "services_set",
        RoleChangeKind::StaffRequested => "staff_requested",
        RoleChangeKind::StaffRejected => "staff_rejected",
    }
}

fn parse_change(s: &str) -> Option<RoleChangeKind> {
    [
        RoleChangeKind::Granted,
        RoleChangeKind::Removed,
        RoleChangeKind::VolunteerOn,
        RoleChangeKind::VolunteerOff,
        RoleChangeKind::ServicesSet,
        RoleChangeKind::StaffRequested,
        RoleChangeKind::StaffRejected,
    ]
    .into_iter()
    .find(|change| change_name(*change) == s)
}

pub async fn record(tx: &mut AnyConnection, entry: Entry, now: i64) -> Result<()> {
    let (role, kind, scope) = match entry.grant {
        Some((role, kind, scope)) => (Some(role.as_str()), Some(kind.as_str()), Some(scope)),
        None => (None, None, None),
    };
    sqlx::query(
        "INSERT INTO role_changes \
            (community_id, user_id, changed_by, change, role, scope_kind, scope_id, detail, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(entry.community_id)
    .bind(entry.user_id)
    .bind(entry.changed_by)
    .bind(change_name(entry.change))
    .bind(role)
    .bind(kind)
    .bind(scope)
    .bind(entry.detail)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ChangeRow {
    at: i64,
    by_name: String,
    change: String,
    role: Option<String>,
    scope_kind: Option<String>,
    scope_id: Option<i64>,
    detail: String,
}

/// Member `user_id`'s role changes, newest first (at most 100).
pub async fn history(db: &Db, user_id: i64) -> Result<Vec<RoleChange>> {
    let rows: Vec<ChangeRow> = sqlx::query_as(
        "SELECT rc.at, u.name AS by_name, rc.change, rc.role, rc.scope_kind, rc.scope_id, rc.detail \
         FROM role_changes rc JOIN users u ON u.id = rc.changed_by \
         WHERE rc.user_id = $1 ORDER BY rc.at DESC, rc.id DESC LIMIT 100",
    )
    .bind(user_id)
    .fetch_all(&db.read)
    .await?;
    let mut changes = Vec::with_capacity(rows.len());
    for row in rows {
        let change = parse_change(&row.change)
            .ok_or_else(|| AppError::internal(format!("role change {}", row.change)))?;
        let role = row.role.as_deref().and_then(Role::parse);
        let scope = match (
            row.scope_kind.as_deref().and_then(ScopeKind::parse),
            row.scope_id,
        ) {
            (Some(kind), Some(id)) => places::load(&db.read, kind, id)
                .await?
                .map(|place| place.scope()),
            _ => None,
        };
        let at: DateTime<Utc> = time(row.at);
        changes.push(RoleChange {
            at,
            by_name: row.by_name,
            change,
            role,
            scope,
            detail: row.detail,
        });
    }
    Ok(changes)
}
