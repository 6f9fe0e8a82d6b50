//! Attendance at a task: check-in and out, absence, undoing a check-in, and confirming an
//! organiser's own attendance (which, after completion, credits it: [`super::completion`]).
//!
//! Points are money (docs/security.md): a credit is confirmed by someone other than the person
//! credited. A volunteer's attendance is vouched for by the organiser who checks them in or
//! who completes the task. An organiser (anyone who manages the task) who checks themself in —
//! by code or by roster — is recorded `awaiting_confirmation`: completion leaves them
//! uncredited until another organiser or staff member of the task confirms, before completion
//! or after it (a late confirmation credits them then). The one completing never vouches for
//! themself.
//!
//! Every step locks the task row first ([`lock`]), so a confirmation racing a completion, or
//! two confirmations, credit once.

use sqlx::AnyConnection;

use super::completion::{credit, points_for, AttendeeRow};
use super::enrollment::my_row;
use super::refusals::TaskRefusal;
use super::task_lock::lock;
use crate::features::points::ledger;
use crate::platform::error::Result;
use crate::platform::ids::{TaskId, UserId};

/// What checking in or out did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    CheckIn,
    CheckOut,
    NoShow,
    /// The volunteer's own code: in, or out when already in.
    Toggle,
}

/// Who takes a step: the user, and whether they manage the task (an organiser).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub manages: bool,
}

/// Moves one volunteer's enrolment on; repeating a step changes nothing. A check-in records
/// who made it; an organiser's own waits for another's confirmation, and an organiser checking
/// in someone already in on their own code confirms them.
pub async fn step(
    tx: &mut AnyConnection,
    task_id: TaskId,
    user_id: UserId,
    step: Step,
    by: Actor,
    now: i64,
) -> Result<()> {
    let task = lock(tx, task_id).await?;
    if task.completed_at.is_some() {
        return Err(TaskRefusal::Completed.into());
    }
    let row = my_row(tx, task_id, user_id)
        .await?
        .ok_or(TaskRefusal::EnrollmentState)?;
    // Whoever enrolled them by 代办 counts as them: their word does not vouch either.
    let own = by.user_id == user_id || row.proxy_by == Some(by.user_id.get());
    let status = row.status.as_str();
    let (new_status, set) = match (step, status) {
        (Step::CheckIn, "checked_in" | "checked_out") => {
            if !own {
                // Another organiser vouches for a pending self check-in.
                sqlx::query(
                    "UPDATE task_enrollments SET confirmed_by = $1, awaiting_confirmation = 0, \
                        updated_at = $2 WHERE id = $3 AND awaiting_confirmation = 1",
                )
                .bind(by.user_id.get())
                .bind(now)
                .bind(row.id)
                .execute(&mut *tx)
                .await?;
            }
            return Ok(());
        }
        (Step::CheckOut, "checked_out")
        | (Step::NoShow, "no_show")
        | (Step::Toggle, "checked_out") => return Ok(()),
        (Step::CheckIn | Step::Toggle, "joined") | (Step::CheckIn, "no_show") => (
            "checked_in",
            "checked_in_at = $1, checked_out_at = NULL, checked_in_by = $4, confirmed_by = $5, \
             awaiting_confirmation = $6",
        ),
        (Step::CheckOut | Step::Toggle, "checked_in") => ("checked_out", "checked_out_at = $1"),
        (Step::NoShow, "joined") => {
            if now < task.starts_at {
                return Err(TaskRefusal::NotStarted.into());
            }
            ("no_show", "checked_in_at = NULL")
        }
        _ => return Err(TaskRefusal::EnrollmentState.into()),
    };
    let confirmed_by = (!own).then_some(by.user_id.get());
    let awaiting = i64::from(own && by.manages);
    sqlx::query(&format!(
        "UPDATE task_enrollments SET status = $2, {set}, updated_at = $1 WHERE id = $3"
    ))
    .bind(now)
    .bind(new_status)
    .bind(row.id)
    .bind(by.user_id.get())
    .bind(confirmed_by)
    .bind(awaiting)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Undoes a check-in 撤销签到 until the task is completed: absent 缺席 once it has started,
/// joined again before. Someone not checked in stays as they are.
pub async fn undo_check_in(
    tx: &mut AnyConnection,
    task_id: TaskId,
    user_id: UserId,
    now: i64,
) -> Result<()> {
    let task = lock(tx, task_id).await?;
    if task.completed_at.is_some() {
        return Err(TaskRefusal::Completed.into());
    }
    let row = my_row(tx, task_id, user_id)
        .await?
        .ok_or(TaskRefusal::EnrollmentState)?;
    match row.status.as_str() {
        "joined" | "no_show" => return Ok(()),
        "checked_in" | "checked_out" => {}
        _ => return Err(TaskRefusal::EnrollmentState.into()),
    }
    let status = if now >= task.starts_at {
        "no_show"
    } else {
        "joined"
    };
    sqlx::query(
        "UPDATE task_enrollments SET status = $1, checked_in_at = NULL, checked_out_at = NULL, \
            checked_in_by = NULL, confirmed_by = NULL, awaiting_confirmation = 0, updated_at = $2 \
         WHERE id = $3",
    )
    .bind(status)
    .bind(now)
    .bind(row.id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Another organiser confirms `user_id`'s own check-in. Before completion it is marked
/// confirmed (completion then credits it); after completion it is credited now, once.
/// Confirming one's own attendance is refused; confirming what needs none changes nothing.
pub async fn confirm(
    tx: &mut AnyConnection,
    task_id: TaskId,
    user_id: UserId,
    by: UserId,
    now: i64,
) -> Result<()> {
    if by == user_id {
        return Err(TaskRefusal::OwnAttendance.into());
    }
    let task = lock(tx, task_id).await?;
    let row: AttendeeRow = sqlx::query_as(
        "SELECT id, user_id, status, checked_in_at, checked_out_at, confirmed_by, \
            awaiting_confirmation, proxy_by FROM task_enrollments \
         WHERE task_id = $1 AND user_id = $2",
    )
    .bind(task_id.get())
    .bind(user_id.get())
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(TaskRefusal::EnrollmentState)?;
    if row.proxy_by == Some(by.get()) {
        return Err(TaskRefusal::ProxyAttendance.into());
    }
    match row.status.as_str() {
        "completed" => return Ok(()),
        "checked_in" | "checked_out" => {}
        _ => return Err(TaskRefusal::EnrollmentState.into()),
    }
    if row.awaiting_confirmation == 0 && task.completed_at.is_none() {
        return Ok(());
    }
    if task.completed_at.is_none() {
        sqlx::query(
            "UPDATE task_enrollments SET confirmed_by = $1, awaiting_confirmation = 0, \
                updated_at = $2 WHERE id = $3",
        )
        .bind(by.get())
        .bind(now)
        .bind(row.id)
        .execute(&mut *tx)
        .await?;
        return Ok(());
    }
    // Completed without them: credit now, on the confirmer's word.
    ledger::lock_fund(tx, task.community_id).await?;
    let points = points_for(tx, &task).await?;
    credit(tx, &task, task_id, &row, points, by, now).await?;
    sqlx::query("UPDATE task_enrollments SET confirmed_by = $1 WHERE id = $2")
        .bind(by.get())
        .bind(row.id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}
