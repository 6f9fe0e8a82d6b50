//! Which tasks a signed-in user reaches: those for their home (they may join them) and those
//! they run under a current grant (staff, building head). The home comes with the session
//! (`AuthUser::home`): no query of its own.

use linli_api_types::{Role, ScopeKind};
use sqlx::{Any, Executor};

use super::task_row::{self, TaskRow};
use crate::platform::auth::{AuthUser, Grant, PlacePath};
use crate::platform::error::{AppError, Result};
use crate::platform::ids::{TaskId, UserId};
use crate::platform::sql_params::Params;

/// The places whose tasks are for the user: their home's community, grid and building
/// (without a home, their community).
fn audience(auth: &AuthUser) -> Vec<(ScopeKind, i64)> {
    match &auth.home {
        Some(home) => [ScopeKind::Community, ScopeKind::Grid, ScopeKind::Building]
            .into_iter()
            .filter_map(|kind| home.at(kind).map(|id| (kind, id)))
            .collect(),
        None => vec![(ScopeKind::Community, auth.community_id)],
    }
}

fn path_column(kind: ScopeKind) -> Option<&'static str> {
    match kind {
        ScopeKind::Community => Some("t.community_id"),
        ScopeKind::Grid => Some("t.grid_id"),
        ScopeKind::Building => Some("t.building_id"),
        ScopeKind::Unit => None,
    }
}

/// SQL over `tasks t`: for the user's home, or run by one of their current grants. Having
/// created a task is no reach of its own: rights end with the role (docs/security.md).
pub fn in_scope_sql(auth: &AuthUser, params: &mut Params) -> String {
    let mut any = Vec::new();
    for (kind, id) in audience(auth) {
        any.push(format!(
            "(t.target_kind = '{}' AND t.target_id = {})",
            kind.as_str(),
            params.push(id)
        ));
    }
    for grant in &auth.grants {
        if !matches!(grant.role, Role::Staff | Role::BuildingHead) {
            continue;
        }
        if let Some(column) = path_column(grant.scope_kind) {
            any.push(format!(
                "({column} = {} AND t.community_id = {})",
                params.push(grant.scope_id),
                params.push(auth.community_id)
            ));
        }
    }
    format!("({})", any.join(" OR "))
}

/// Whether the task is for the user's home: they may join it.
pub fn in_audience(auth: &AuthUser, row: &TaskRow) -> bool {
    audience(auth)
        .into_iter()
        .any(|(kind, id)| row.target_kind() == kind && row.target_id == id)
}

/// [`in_scope_sql`] for one task already loaded.
fn in_scope(auth: &AuthUser, row: &TaskRow) -> bool {
    in_audience(auth, row) || can_manage(auth, row)
}

/// Staff of the community, or the head of the task's building (or grid), as they are now:
/// the creator too only while such a role of theirs still covers it, so a head removed from
/// the building loses the roster, codes and completion at once.
pub fn can_manage(auth: &AuthUser, row: &TaskRow) -> bool {
    let path = row.path();
    auth.covers(Role::Staff, &path) || auth.covers(Role::BuildingHead, &path)
}

/// The grant the user would create a task for `place` under: staff or building head, the
/// narrowest one covering it.
pub fn grant_for(auth: &AuthUser, place: &PlacePath) -> Option<Grant> {
    auth.grants
        .iter()
        .filter(|grant| matches!(grant.role, Role::Staff | Role::BuildingHead))
        .filter(|grant| place.community_id == auth.community_id && grant.covers(place))
        .max_by_key(|grant| grant.scope_kind)
        .copied()
}

/// The task as `auth` may reach it, with their enrolment: 404 when it does not exist or is
/// outside their scopes.
pub async fn reachable<'e, E>(executor: E, auth: &AuthUser, task_id: TaskId) -> Result<TaskRow>
where
    E: Executor<'e, Database = Any>,
{
    task_row::load(executor, UserId(auth.user_id), task_id)
        .await?
        .filter(|row| in_scope(auth, row))
        .ok_or(AppError::NotFound)
}

/// The task `auth` runs: 404 outside their scopes, 403 unless they may manage it.
pub async fn managed<'e, E>(executor: E, auth: &AuthUser, task_id: TaskId) -> Result<TaskRow>
where
    E: Executor<'e, Database = Any>,
{
    let row = reachable(executor, auth, task_id).await?;
    auth.require(can_manage(auth, &row))?;
    Ok(row)
}

/// The task `auth` may join: 404 outside their scopes, 403 unless it is for their home (staff
/// seeing a 3栋 task run it, they do not join it).
pub async fn joinable<'e, E>(executor: E, auth: &AuthUser, task_id: TaskId) -> Result<TaskRow>
where
    E: Executor<'e, Database = Any>,
{
    let row = reachable(executor, auth, task_id).await?;
    auth.require(in_audience(auth, &row))?;
    Ok(row)
}
