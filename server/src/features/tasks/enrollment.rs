//! Joining 报名 and withdrawing: a slot while there is one, else the waitlist; a freed slot
//! goes to the first on the waitlist. Each runs with the task locked ([`lock`]).

use linli_api_types::Task;
use sqlx::AnyConnection;

use super::messages;
use super::refusals::TaskRefusal;
use super::task_lock::lock;
use super::task_row;
use crate::platform::auth::AuthUser;
use crate::platform::error::Result;
use crate::platform::ids::{TaskId, UserId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub(super) struct EnrollmentRow {
    pub id: i64,
    pub status: String,
    /// Enrolled by 代办: who acted for the volunteer. They may not vouch for their attendance.
    pub proxy_by: Option<i64>,
}

/// `user_id`'s enrolment in the task, whatever its status.
pub(super) async fn my_row(
    tx: &mut AnyConnection,
    task_id: TaskId,
    user_id: UserId,
) -> Result<Option<EnrollmentRow>> {
    Ok(sqlx::query_as(
        "SELECT id, status, proxy_by FROM task_enrollments WHERE task_id = $1 AND user_id = $2",
    )
    .bind(task_id.get())
    .bind(user_id.get())
    .fetch_optional(&mut *tx)
    .await?)
}

/// Joins `user_id` to the task: a slot while there is one, else the waitlist. Joining again is
/// the same enrolment.
pub async fn join(
    tx: &mut AnyConnection,
    task_id: TaskId,
    user_id: UserId,
    now: i64,
) -> Result<()> {
    let task = lock(tx, task_id).await?;
    let existing = my_row(tx, task_id, user_id).await?;
    if let Some(row) = &existing {
        if row.status != "withdrawn" {
            return Ok(());
        }
    }
    if task.completed_at.is_some() || now >= task.starts_at {
        return Err(TaskRefusal::Started.into());
    }
    let status = if task.joined_count < task.capacity {
        sqlx::query("UPDATE tasks SET joined_count = joined_count + 1 WHERE id = $1")
            .bind(task_id.get())
            .execute(&mut *tx)
            .await?;
        "joined"
    } else {
        "waitlisted"
    };
    match existing {
        Some(row) => {
            sqlx::query(
                "UPDATE task_enrollments SET status = $1, seq = $2, joined_at = $3, \
                    checked_in_at = NULL, checked_out_at = NULL, updated_at = $3 WHERE id = $4",
            )
            .bind(status)
            .bind(task.seq)
            .bind(now)
            .bind(row.id)
            .execute(&mut *tx)
            .await?;
        }
        None => {
            sqlx::query(
                "INSERT INTO task_enrollments (task_id, user_id, status, seq, joined_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5)",
            )
            .bind(task_id.get())
            .bind(user_id.get())
            .bind(status)
            .bind(task.seq)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
    }
    Ok(())
}

/// Withdraws `user_id` before the start; a freed slot goes to the first on the waitlist.
/// Withdrawing without an enrolment is fine.
pub async fn withdraw(
    tx: &mut AnyConnection,
    task_id: TaskId,
    user_id: UserId,
    now: i64,
) -> Result<()> {
    let task = lock(tx, task_id).await?;
    let Some(row) = my_row(tx, task_id, user_id).await? else {
        return Ok(());
    };
    match row.status.as_str() {
        "withdrawn" => return Ok(()),
        "joined" | "waitlisted" => {}
        _ => return Err(TaskRefusal::EnrollmentState.into()),
    }
    if task.completed_at.is_some() || now >= task.starts_at {
        return Err(TaskRefusal::Started.into());
    }
    sqlx::query("UPDATE task_enrollments SET status = 'withdrawn', updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(row.id)
        .execute(&mut *tx)
        .await?;
    if row.status == "joined" {
        let next: Option<(i64, i64)> = sqlx::query_as(
            "SELECT id, user_id FROM task_enrollments WHERE task_id = $1 \
               AND status = 'waitlisted' ORDER BY seq LIMIT 1",
        )
        .bind(task_id.get())
        .fetch_optional(&mut *tx)
        .await?;
        match next {
            Some((next, promoted)) => {
                sqlx::query(
                    "UPDATE task_enrollments SET status = 'joined', updated_at = $1 WHERE id = $2",
                )
                .bind(now)
                .bind(next)
                .execute(&mut *tx)
                .await?;
                tracing::info!(
                    task_id = task_id.get(),
                    enrollment_id = next,
                    "waitlist promoted"
                );
                messages::promoted(tx, task_id, &[promoted], now).await?;
            }
            None => {
                sqlx::query("UPDATE tasks SET joined_count = joined_count - 1 WHERE id = $1")
                    .bind(task_id.get())
                    .execute(&mut *tx)
                    .await?;
            }
        }
    }
    Ok(())
}

/// 报名 by the signed-in user; answers the task as they then see it.
pub async fn join_as(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    task_id: TaskId,
    now: i64,
) -> Result<Task> {
    let me = UserId(auth.user_id);
    let before = my_row(tx, task_id, me).await?;
    join(tx, task_id, me, now).await?;
    // A new enrolment records who joined them by 代办 (or that they joined themself); joining
    // again while enrolled changes nothing, so it cannot wash out who enrolled them.
    if before.is_none_or(|row| row.status == "withdrawn") {
        sqlx::query(
            "UPDATE task_enrollments SET proxy_by = $1 WHERE task_id = $2 AND user_id = $3",
        )
        .bind(auth.proxy_by)
        .bind(task_id.get())
        .bind(me.get())
        .execute(&mut *tx)
        .await?;
    }
    task_row::seen_by(&mut *tx, auth, task_id, now).await
}

/// Withdrawing by the signed-in user; answers the task as they then see it.
pub async fn withdraw_as(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    task_id: TaskId,
    now: i64,
) -> Result<Task> {
    withdraw(tx, task_id, UserId(auth.user_id), now).await?;
    task_row::seen_by(&mut *tx, auth, task_id, now).await
}
