//! A task as loaded for one user: its row with names, counts and their enrolment joined in,
//! and how it reads on the wire (`Task`, `TaskSummary`).

use linli_api_types::{
    Enrollment, Role, Scope, ScopeKind, Task, TaskCancellation, TaskCategory, TaskOrganiser,
    TaskStatus, TaskSummary, TaskTimeChange,
};
use sqlx::{Any, Executor};

use super::scope;
use crate::features::community::places::BUILDING_NAME_SQL;
use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::error::{AppError, Result};
use crate::platform::ids::{TaskId, UserId};

/// A task as loaded, with names, counts and one user's enrolment joined in.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TaskRow {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub category: String,
    pub place: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
    pub points: i64,
    pub joined_count: i64,
    pub waitlist_count: i64,
    pub target_kind: String,
    pub target_id: i64,
    pub target_name: Option<String>,
    pub community_id: i64,
    pub grid_id: Option<i64>,
    pub building_id: Option<i64>,
    pub creator_id: i64,
    pub creator_name: String,
    pub creator_role: String,
    pub created_at: i64,
    pub completed_at: Option<i64>,
    pub my_status: Option<String>,
    pub my_position: i64,
    pub my_minutes: Option<i64>,
    pub my_points: Option<i64>,
    pub cancelled_at: Option<i64>,
    pub cancel_reason: Option<String>,
    pub cancelled_by_name: Option<String>,
    pub previous_starts_at: Option<i64>,
    pub previous_ends_at: Option<i64>,
    pub time_changed_at: Option<i64>,
}

pub use crate::platform::db::time;

/// The enrolment a stored status (and its details) stands for.
pub fn enrollment(
    status: Option<&str>,
    position: i64,
    minutes: Option<i64>,
    points: Option<i64>,
) -> Enrollment {
    match status {
        Some("joined") => Enrollment::Joined,
        Some("waitlisted") => Enrollment::Waitlisted { position },
        Some("checked_in") => Enrollment::CheckedIn,
        Some("checked_out") => Enrollment::CheckedOut,
        Some("completed") => Enrollment::Completed {
            minutes: minutes.unwrap_or(0),
            points: points.unwrap_or(0),
        },
        Some("no_show") => Enrollment::NoShow,
        Some("withdrawn") => Enrollment::Withdrawn,
        _ => Enrollment::None,
    }
}

impl TaskRow {
    pub fn target_kind(&self) -> ScopeKind {
        ScopeKind::parse(&self.target_kind).unwrap_or(ScopeKind::Building)
    }

    pub fn path(&self) -> PlacePath {
        PlacePath {
            community_id: self.community_id,
            grid_id: self.grid_id,
            building_id: self.building_id,
            unit_id: None,
        }
    }

    pub fn status(&self, now: i64) -> TaskStatus {
        if self.cancelled_at.is_some() {
            TaskStatus::Cancelled
        } else if self.completed_at.is_some() {
            TaskStatus::Completed
        } else if now < self.starts_at {
            TaskStatus::Upcoming
        } else if now < self.ends_at {
            TaskStatus::Ongoing
        } else {
            TaskStatus::Ended
        }
    }

    fn category(&self) -> Result<TaskCategory> {
        TaskCategory::parse(&self.category)
            .ok_or_else(|| AppError::internal(format!("task category {}", self.category)))
    }

    fn organiser(&self) -> TaskOrganiser {
        TaskOrganiser {
            id: self.creator_id,
            name: self.creator_name.clone(),
            role: Role::parse(&self.creator_role),
        }
    }

    fn target(&self) -> Scope {
        Scope {
            kind: self.target_kind(),
            id: self.target_id,
            name: self.target_name.clone().unwrap_or_default(),
        }
    }

    pub fn my_enrollment(&self) -> Enrollment {
        enrollment(
            self.my_status.as_deref(),
            self.my_position,
            self.my_minutes,
            self.my_points,
        )
    }

    fn slots_left(&self) -> i64 {
        (self.capacity - self.joined_count).max(0)
    }

    pub fn summary(&self, now: i64) -> Result<TaskSummary> {
        Ok(TaskSummary {
            id: self.id,
            title: self.title.clone(),
            category: self.category()?,
            place: self.place.clone(),
            starts_at: time(self.starts_at),
            ends_at: time(self.ends_at),
            points: self.points,
            capacity: self.capacity,
            joined_count: self.joined_count,
            slots_left: self.slots_left(),
            waitlist_count: self.waitlist_count,
            organiser: self.organiser(),
            target: self.target(),
            status: self.status(now),
            my_enrollment: self.my_enrollment(),
        })
    }

    /// The task as `auth` sees it: whether they run it says what the app offers them.
    pub fn task_for(&self, auth: &AuthUser, now: i64) -> Result<Task> {
        self.task(now, scope::can_manage(auth, self))
    }

    pub fn task(&self, now: i64, can_manage: bool) -> Result<Task> {
        Ok(Task {
            id: self.id,
            title: self.title.clone(),
            description: self.description.clone(),
            category: self.category()?,
            place: self.place.clone(),
            starts_at: time(self.starts_at),
            ends_at: time(self.ends_at),
            points: self.points,
            capacity: self.capacity,
            joined_count: self.joined_count,
            slots_left: self.slots_left(),
            waitlist_count: self.waitlist_count,
            organiser: self.organiser(),
            target: self.target(),
            status: self.status(now),
            my_enrollment: self.my_enrollment(),
            can_manage,
            created_at: time(self.created_at),
            completed_at: self.completed_at.map(time),
            cancellation: self.cancellation(),
            time_change: self.time_change(),
        })
    }

    fn cancellation(&self) -> Option<TaskCancellation> {
        Some(TaskCancellation {
            reason: self.cancel_reason.clone()?,
            at: time(self.cancelled_at?),
            by: self.cancelled_by_name.clone().unwrap_or_default(),
        })
    }

    fn time_change(&self) -> Option<TaskTimeChange> {
        Some(TaskTimeChange {
            previous_starts_at: time(self.previous_starts_at?),
            previous_ends_at: time(self.previous_ends_at?),
            changed_at: time(self.time_changed_at?),
        })
    }
}

/// `SELECT … FROM tasks t …` with names, counts and `user_param`'s enrolment.
pub fn select_sql(user_param: &str) -> String {
    format!(
        "SELECT t.id, t.title, t.description, t.category, t.place, t.starts_at, t.ends_at, \
            t.capacity, t.points, t.joined_count, \
            (SELECT COUNT(*) FROM task_enrollments w WHERE w.task_id = t.id \
                AND w.status = 'waitlisted') AS waitlist_count, \
            t.target_kind, t.target_id, \
            CASE t.target_kind WHEN 'community' THEN c.name WHEN 'grid' THEN g.name \
                ELSE {BUILDING_NAME_SQL} END AS target_name, \
            t.community_id, t.grid_id, t.building_id, t.creator_id, a.name AS creator_name, \
            t.creator_role, t.created_at, t.completed_at, \
            e.status AS my_status, \
            (SELECT COUNT(*) FROM task_enrollments w WHERE w.task_id = t.id \
                AND w.status = 'waitlisted' AND w.seq <= e.seq) AS my_position, \
            e.minutes AS my_minutes, e.points AS my_points, \
            t.cancelled_at, t.cancel_reason, \
            (SELECT x.name FROM users x WHERE x.id = t.cancelled_by) AS cancelled_by_name, \
            t.previous_starts_at, t.previous_ends_at, t.time_changed_at \
         FROM tasks t \
         JOIN users a ON a.id = t.creator_id \
         JOIN communities c ON c.id = t.community_id \
         LEFT JOIN grids g ON g.id = t.grid_id \
         LEFT JOIN buildings b ON b.id = t.building_id \
         LEFT JOIN task_enrollments e ON e.task_id = t.id AND e.user_id = {user_param}"
    )
}

/// One task by id with `user_id`'s enrolment, whoever may see it (callers check scope:
/// [`scope::reachable`]).
pub async fn load<'e, E>(executor: E, user_id: UserId, task_id: TaskId) -> Result<Option<TaskRow>>
where
    E: Executor<'e, Database = Any>,
{
    let sql = format!("{} WHERE t.id = $2", select_sql("$1"));
    Ok(sqlx::query_as(&sql)
        .bind(user_id.get())
        .bind(task_id.get())
        .fetch_optional(executor)
        .await?)
}

/// The task `task_id` as `auth` sees it now, read in `executor` (a write transaction sees
/// its own change).
pub async fn seen_by<'e, E>(executor: E, auth: &AuthUser, task_id: TaskId, now: i64) -> Result<Task>
where
    E: Executor<'e, Database = Any>,
{
    load(executor, UserId(auth.user_id), task_id)
        .await?
        .ok_or(AppError::NotFound)?
        .task_for(auth, now)
}
