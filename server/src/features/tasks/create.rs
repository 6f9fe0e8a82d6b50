//! Creating a task for a community, grid or building the creator is responsible for: the draft
//! is checked in full (text, times, numbers, the target, the points the community's policy
//! allows) before anything is written, so the organiser sees every broken rule at once.

use linli_api_types::{Role, ScopeKind, Task, TaskCategory, TaskDraft};
use sqlx::AnyConnection;

use super::check_in_code::new_secret;
use super::refusals;
use super::scope;
use super::task_row;
use super::validate::{self, CleanTask};
use crate::features::community::places::{self, NamedPlace};
use crate::features::points::policy;
use crate::platform::auth::{AuthUser, Grant};
use crate::platform::db::Db;
use crate::platform::error::{AppError, FieldIssue, Result};
use crate::platform::ids::{TaskId, UserId};

/// A draft that passed every rule: what to store, where, and under which of the creator's
/// grants.
#[derive(Debug, Clone)]
pub struct CheckedTask {
    clean: CleanTask,
    category: TaskCategory,
    capacity: i64,
    points: i64,
    place: NamedPlace,
    grant: Grant,
}

impl CheckedTask {
    pub fn clean(&self) -> &CleanTask {
        &self.clean
    }

    pub fn category(&self) -> TaskCategory {
        self.category
    }

    pub fn capacity(&self) -> i64 {
        self.capacity
    }

    pub fn points(&self) -> i64 {
        self.points
    }
}

/// Checks `draft` as `auth` would create it: 403 unless they are staff or a building head,
/// 422 with every broken rule at its field.
pub async fn check(db: &Db, auth: &AuthUser, draft: &TaskDraft, now: i64) -> Result<CheckedTask> {
    auth.require(auth.holds(Role::Staff) || auth.holds(Role::BuildingHead))?;
    let mut issues = Vec::new();
    let clean = validate::check(draft, now, &mut issues);
    let target = target(db, auth, draft, &mut issues).await?;
    // Points are bounded by the task's length under the community's policy: a one-minute
    // task cannot pay 1,000 points.
    if let Some((place, _)) = &target {
        if clean.ends_at > clean.starts_at && !issues.iter().any(|i| i.field == "points") {
            let minutes = (clean.ends_at - clean.starts_at) / 60_000;
            let max = policy::load(&db.read, place.path.community_id)
                .await?
                .max_task_points(minutes);
            if draft.points > max {
                issues.push(refusals::points_above_policy(minutes, max));
            }
        }
    }
    match target {
        Some((place, grant)) if issues.is_empty() => Ok(CheckedTask {
            clean,
            category: draft.category,
            capacity: draft.capacity,
            points: draft.points,
            place,
            grant,
        }),
        _ => Err(AppError::Validation(issues)),
    }
}

/// The draft's target as a place of the user's community they may create tasks for.
async fn target(
    db: &Db,
    auth: &AuthUser,
    draft: &TaskDraft,
    issues: &mut Vec<FieldIssue>,
) -> Result<Option<(NamedPlace, Grant)>> {
    if draft.target.kind == ScopeKind::Unit {
        issues.push(refusals::target_out_of_scope());
        return Ok(None);
    }
    let place = places::load_in_community(
        &db.read,
        draft.target.kind,
        draft.target.id,
        auth.community_id,
    )
    .await?;
    let Some(place) = place else {
        issues.push(refusals::unknown_target());
        return Ok(None);
    };
    match scope::grant_for(auth, &place.path) {
        Some(grant) => Ok(Some((place, grant))),
        None => {
            issues.push(refusals::target_out_of_scope());
            Ok(None)
        }
    }
}

/// Stores the checked task with a fresh check-in secret; answers it as its creator sees it.
pub async fn insert(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    task: &CheckedTask,
    now: i64,
) -> Result<Task> {
    let CheckedTask {
        clean,
        category,
        capacity,
        points,
        place,
        grant,
    } = task;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO tasks (creator_id, creator_role, target_kind, target_id, community_id, \
            grid_id, building_id, title, description, category, place, starts_at, ends_at, \
            capacity, points, check_in_secret, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
         RETURNING id",
    )
    .bind(auth.user_id)
    .bind(grant.role.as_str())
    .bind(place.kind.as_str())
    .bind(place.id)
    .bind(place.path.community_id)
    .bind(place.path.grid_id)
    .bind(place.path.building_id)
    .bind(clean.title.as_str())
    .bind(clean.description.as_str())
    .bind(category.as_str())
    .bind(clean.place.as_str())
    .bind(clean.starts_at)
    .bind(clean.ends_at)
    .bind(*capacity)
    .bind(*points)
    .bind(new_secret())
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let row = task_row::load(&mut *tx, UserId(auth.user_id), TaskId(id))
        .await?
        .ok_or_else(|| AppError::internal("inserted task not found"))?;
    row.task(now, true)
}
