//! Cancelling a task 取消活动 with a reason: every place is released (joined and waitlisted
//! enrolments become `withdrawn`, keeping what they were in `cancelled_from` so 我的任务 still
//! shows the task as 已取消), and the task is refused to every later join, check-in and
//! completion by [`super::task_lock::lock`], so no points are ever paid for it.

use axum::http::StatusCode;
use linli_api_types::{Task, CANCEL_REASON_MAX_CHARS};
use sqlx::AnyConnection;

use super::messages;
use super::refusals::TaskRefusal;
use super::task_lock::lock_any;
use super::task_row;
use crate::platform::auth::AuthUser;
use crate::platform::error::{AppError, Refusal, Result};
use crate::platform::ids::TaskId;
use crate::platform::lang::Lang;
use crate::platform::text::TextField;

const REASON: TextField = TextField::line("reason", CANCEL_REASON_MAX_CHARS);

/// The task was cancelled: nothing joins, checks in, completes or edits it any more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

impl Refusal for Cancelled {
    fn status(&self) -> StatusCode {
        StatusCode::CONFLICT
    }

    fn code(&self) -> &'static str {
        "task_cancelled"
    }

    fn title(&self, lang: Lang) -> String {
        lang.pick("活动已取消", "The task has been cancelled")
            .into()
    }
}

/// The reason, cleaned: 422 at `reason` when blank or too long.
pub fn checked_reason(raw: &str) -> Result<String> {
    let mut issues = Vec::new();
    let reason = REASON.check(raw, &mut issues);
    if issues.is_empty() {
        Ok(reason)
    } else {
        Err(AppError::Validation(issues))
    }
}

/// Cancels the task (the caller checked that `auth` manages it), with the task locked so a
/// join at the same moment either came first and is released here, or comes after and is
/// refused. Cancelling a cancelled task again answers it as it is (the first reason stays):
/// the app may retry. A completed task cannot be cancelled: its points are paid.
pub async fn cancel(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    task_id: TaskId,
    reason: &str,
    now: i64,
) -> Result<Task> {
    let task = lock_any(tx, task_id).await?;
    if task.cancelled_at.is_none() {
        if task.completed_at.is_some() {
            return Err(TaskRefusal::Completed.into());
        }
        let to = messages::members(
            tx,
            task_id,
            "'joined', 'waitlisted', 'checked_in', 'checked_out'",
            auth.user_id,
        )
        .await?;
        let released = sqlx::query(
            "UPDATE task_enrollments SET cancelled_from = status, status = 'withdrawn', \
                updated_at = $1 \
             WHERE task_id = $2 AND status IN ('joined', 'waitlisted', 'checked_in', \
                'checked_out')",
        )
        .bind(now)
        .bind(task_id.get())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        sqlx::query(
            "UPDATE tasks SET cancelled_at = $1, cancelled_by = $2, cancel_reason = $3, \
                joined_count = 0 WHERE id = $4",
        )
        .bind(now)
        .bind(auth.user_id)
        .bind(reason)
        .bind(task_id.get())
        .execute(&mut *tx)
        .await?;
        messages::cancelled(tx, task_id, &to, reason, now).await?;
        tracing::info!(task_id = task_id.get(), released, "task cancelled");
    }
    task_row::seen_by(&mut *tx, auth, task_id, now).await
}
