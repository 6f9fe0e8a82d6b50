//! Editing a task 修改活动 before it starts: the draft is checked as creating checks it (text,
//! times, numbers, the points the community's policy allows), the place it is for stays.
//!
//! Capacity below the volunteers already joined is refused with their number at the field,
//! rather than moving the latest joiners to the waitlist: a place promised to a neighbour is
//! not taken back by a form; the organiser asks someone to withdraw first. A larger capacity
//! gives the new places to the waitlist, first come first served. Moving the time records the
//! time before, which the task shows to those who joined.

use linli_api_types::{Task, TaskDraft};
use sqlx::AnyConnection;

use super::cancel::Cancelled;
use super::create::{self, CheckedTask};
use super::messages;
use super::task_lock::lock_any;
use super::task_row::{self, TaskRow};
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::{AppError, FieldIssue, Result, Said};
use crate::platform::ids::TaskId;

/// Checks `draft` as an edit of `row` by `auth` (who manages it): the creation rules, and the
/// place unchanged.
pub async fn check(
    db: &Db,
    auth: &AuthUser,
    row: &TaskRow,
    draft: &TaskDraft,
    now: i64,
) -> Result<CheckedTask> {
    if row.cancelled_at.is_some() {
        return Err(Cancelled.into());
    }
    if row.completed_at.is_some() || now >= row.starts_at {
        return Err(Started.into());
    }
    if draft.target.kind != row.target_kind() || draft.target.id != row.target_id {
        return Err(AppError::Validation(vec![FieldIssue::own(
            "target",
            "fixed",
            Said::new(
                "发布范围不能修改，请取消后重新发布",
                "The place a task is for cannot change: cancel it and post a new one",
            ),
        )]));
    }
    create::check(db, auth, draft, now).await
}

/// Writes the checked edit with the task locked; answers the task as `auth` then sees it.
pub async fn apply(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    task_id: TaskId,
    edit: &CheckedTask,
    now: i64,
) -> Result<Task> {
    let locked = lock_any(tx, task_id).await?;
    if locked.cancelled_at.is_some() {
        return Err(Cancelled.into());
    }
    if locked.completed_at.is_some() || now >= locked.starts_at {
        return Err(Started.into());
    }
    let capacity = edit.capacity();
    if capacity < locked.joined_count {
        return Err(AppError::Validation(vec![below_joined(
            locked.joined_count,
        )]));
    }
    let before = messages::Told::load(tx, task_id).await?;
    let clean = edit.clean();
    let moved = clean.starts_at != locked.starts_at || clean.ends_at != locked.ends_at;
    sqlx::query(
        "UPDATE tasks SET title = $1, description = $2, category = $3, place = $4, \
            starts_at = $5, ends_at = $6, capacity = $7, points = $8 WHERE id = $9",
    )
    .bind(clean.title.as_str())
    .bind(clean.description.as_str())
    .bind(edit.category().as_str())
    .bind(clean.place.as_str())
    .bind(clean.starts_at)
    .bind(clean.ends_at)
    .bind(capacity)
    .bind(edit.points())
    .bind(task_id.get())
    .execute(&mut *tx)
    .await?;
    if moved {
        sqlx::query(
            "UPDATE tasks SET previous_starts_at = $1, previous_ends_at = $2, \
                time_changed_at = $3 WHERE id = $4",
        )
        .bind(locked.starts_at)
        .bind(locked.ends_at)
        .bind(now)
        .bind(task_id.get())
        .execute(&mut *tx)
        .await?;
    }
    promote(tx, task_id, capacity - locked.joined_count, now).await?;
    messages::changed(tx, task_id, &before, auth.user_id, now).await?;
    task_row::seen_by(&mut *tx, auth, task_id, now).await
}

/// Gives up to `free` new places to the waitlist, in its order.
async fn promote(tx: &mut AnyConnection, task_id: TaskId, free: i64, now: i64) -> Result<()> {
    if free <= 0 {
        return Ok(());
    }
    let next: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, user_id FROM task_enrollments WHERE task_id = $1 \
           AND status = 'waitlisted' ORDER BY seq LIMIT $2",
    )
    .bind(task_id.get())
    .bind(free)
    .fetch_all(&mut *tx)
    .await?;
    for (id, _) in &next {
        sqlx::query("UPDATE task_enrollments SET status = 'joined', updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(*id)
            .execute(&mut *tx)
            .await?;
    }
    if !next.is_empty() {
        sqlx::query("UPDATE tasks SET joined_count = joined_count + $1 WHERE id = $2")
            .bind(next.len() as i64)
            .bind(task_id.get())
            .execute(&mut *tx)
            .await?;
        tracing::info!(
            task_id = task_id.get(),
            promoted = next.len(),
            "waitlist promoted"
        );
    }
    let promoted: Vec<i64> = next.iter().map(|(_, user)| *user).collect();
    messages::promoted(tx, task_id, &promoted, now).await?;
    Ok(())
}

/// Capacity below the volunteers already joined: says how many.
fn below_joined(joined: i64) -> FieldIssue {
    FieldIssue::own(
        "capacity",
        "below_joined",
        Said::new(
            format!("已有 {joined} 人报名，名额不能少于 {joined}"),
            if joined == 1 {
                "1 volunteer has joined: the capacity cannot be below 1".to_owned()
            } else {
                format!("{joined} volunteers have joined: the capacity cannot be below {joined}")
            },
        ),
    )
}

/// The task has started or is completed: too late to edit it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Started;

impl crate::platform::error::Refusal for Started {
    fn status(&self) -> axum::http::StatusCode {
        axum::http::StatusCode::CONFLICT
    }

    fn code(&self) -> &'static str {
        "task_started"
    }

    fn title(&self, lang: crate::platform::lang::Lang) -> String {
        lang.pick(
            "活动已开始，不能再修改",
            "The task has started: it can no longer be edited",
        )
        .into()
    }
}
