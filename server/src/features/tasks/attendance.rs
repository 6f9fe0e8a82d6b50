//! Attendance at a task and the points it earns: check-in and out, absence, undoing a
//! check-in, confirming an organiser's own attendance, and completion.
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

use linli_api_types::{LedgerKind, LedgerLinkKind, TaskCompletion};
use sqlx::AnyConnection;

use super::{lock, my_row, time, Locked};
use crate::platform::error::{AppError, Result};
use crate::features::points::ledger::{self, Account, Memo, Transfer};
use crate::features::points::policy;

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
    pub user_id: i64,
    pub manages: bool,
}

/// Moves one volunteer's enrolment on; repeating a step changes nothing. A check-in records
/// who made it; an organiser's own waits for another's confirmation, and an organiser checking
/// in someone already in on their own code confirms them.
pub async fn step(
    tx: &mut AnyConnection,
    task_id: i64,
    user_id: i64,
    step: Step,
    by: Actor,
    now: i64,
) -> Result<()> {
    let task = lock(tx, task_id).await?;
    if task.completed_at.is_some() {
        return Err(AppError::TaskCompleted);
    }
    let row = my_row(tx, task_id, user_id)
        .await?
        .ok_or(AppError::EnrollmentState)?;
    let own = by.user_id == user_id;
    let status = row.status.as_str();
    let (new_status, set) = match (step, status) {
        (Step::CheckIn, "checked_in" | "checked_out") => {
            if !own {
                // Another organiser vouches for a pending self check-in.
                sqlx::query(
                    "UPDATE task_enrollments SET confirmed_by = $1, awaiting_confirmation = 0, \
                        updated_at = $2 WHERE id = $3 AND awaiting_confirmation = 1",
                )
                .bind(by.user_id)
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
                return Err(AppError::TaskNotStarted);
            }
            ("no_show", "checked_in_at = NULL")
        }
        _ => return Err(AppError::EnrollmentState),
    };
    let confirmed_by = (!own).then_some(by.user_id);
    let awaiting = i64::from(own && by.manages);
    sqlx::query(&format!(
        "UPDATE task_enrollments SET status = $2, {set}, updated_at = $1 WHERE id = $3"
    ))
    .bind(now)
    .bind(new_status)
    .bind(row.id)
    .bind(by.user_id)
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
    task_id: i64,
    user_id: i64,
    now: i64,
) -> Result<()> {
    let task = lock(tx, task_id).await?;
    if task.completed_at.is_some() {
        return Err(AppError::TaskCompleted);
    }
    let row = my_row(tx, task_id, user_id)
        .await?
        .ok_or(AppError::EnrollmentState)?;
    match row.status.as_str() {
        "joined" | "no_show" => return Ok(()),
        "checked_in" | "checked_out" => {}
        _ => return Err(AppError::EnrollmentState),
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
    task_id: i64,
    user_id: i64,
    by: i64,
    now: i64,
) -> Result<()> {
    if by == user_id {
        return Err(AppError::OwnAttendance);
    }
    let task = lock(tx, task_id).await?;
    let row: AttendeeRow = sqlx::query_as(
        "SELECT id, user_id, status, checked_in_at, checked_out_at, confirmed_by, \
            awaiting_confirmation FROM task_enrollments WHERE task_id = $1 AND user_id = $2",
    )
    .bind(task_id)
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::EnrollmentState)?;
    match row.status.as_str() {
        "completed" => return Ok(()),
        "checked_in" | "checked_out" => {}
        _ => return Err(AppError::EnrollmentState),
    }
    if row.awaiting_confirmation == 0 && task.completed_at.is_none() {
        return Ok(());
    }
    if task.completed_at.is_none() {
        sqlx::query(
            "UPDATE task_enrollments SET confirmed_by = $1, awaiting_confirmation = 0, \
                updated_at = $2 WHERE id = $3",
        )
        .bind(by)
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
        .bind(by)
        .bind(row.id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct AttendeeRow {
    id: i64,
    user_id: i64,
    status: String,
    checked_in_at: Option<i64>,
    checked_out_at: Option<i64>,
    confirmed_by: Option<i64>,
    awaiting_confirmation: i64,
}

impl AttendeeRow {
    /// Whether completion by `completer` may credit this attendee: someone else vouched for
    /// them (checked them in, or confirmed), or they never needed it and someone else completes.
    fn creditable_by(&self, completer: i64) -> bool {
        if self.awaiting_confirmation != 0 {
            return false;
        }
        match self.confirmed_by {
            Some(by) => by != self.user_id,
            None => self.user_id != completer,
        }
    }
}

/// Minutes a volunteer is credited: check-in to check-out, or the task's duration when not
/// clocked out; never more than the duration, at least one.
pub fn minutes_for(
    starts_at: i64,
    ends_at: i64,
    checked_in_at: Option<i64>,
    checked_out_at: Option<i64>,
) -> i64 {
    let duration = duration_minutes(starts_at, ends_at);
    match (checked_in_at, checked_out_at) {
        (Some(checked_in), Some(checked_out)) => {
            ((checked_out - checked_in.max(starts_at)) / 60_000).clamp(1, duration)
        }
        _ => duration,
    }
}

fn duration_minutes(starts_at: i64, ends_at: i64) -> i64 {
    ((ends_at - starts_at) / 60_000).max(1)
}

/// The points each attendee gets: the task's, from its row (never from a request), and never
/// more than the community's policy allows for its length now — a task stored before the
/// bound, or before staff lowered it, pays no more than a new one could.
async fn points_for(tx: &mut AnyConnection, task: &Locked) -> Result<i64> {
    let policy = policy::load(&mut *tx, task.community_id).await?;
    let cap = policy.max_task_points(duration_minutes(task.starts_at, task.ends_at));
    Ok(task.points.min(cap).max(0))
}

/// Credits one attendee `points` from the community fund and records their minutes; the fund
/// is locked by the caller. Answers the minutes.
async fn credit(
    tx: &mut AnyConnection,
    task: &Locked,
    task_id: i64,
    row: &AttendeeRow,
    points: i64,
    actor_id: i64,
    now: i64,
) -> Result<i64> {
    let minutes = minutes_for(
        task.starts_at,
        task.ends_at,
        row.checked_in_at,
        row.checked_out_at,
    );
    // Guarded: only a row still waiting for its credit moves, so nothing is paid twice.
    let updated = sqlx::query(
        "UPDATE task_enrollments SET status = 'completed', minutes = $1, points = $2, \
            awaiting_confirmation = 0, updated_at = $3 \
         WHERE id = $4 AND status IN ('checked_in', 'checked_out')",
    )
    .bind(minutes)
    .bind(points)
    .bind(now)
    .bind(row.id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Err(AppError::EnrollmentState);
    }
    if points > 0 {
        ledger::transfer(
            tx,
            &Transfer {
                community_id: task.community_id,
                from: Account::Fund(task.community_id),
                to: Account::Member(row.user_id),
                amount: points,
                memo: Memo::new(LedgerKind::TaskReward, task.title.clone())
                    .minutes(minutes)
                    .link(LedgerLinkKind::Task, task_id),
                actor_id: Some(actor_id),
            },
        )
        .await?;
    }
    Ok(minutes)
}

/// Confirms the task once: records minutes for everyone checked in whose attendance someone
/// else vouched for and credits them the task's points from the community fund, marks the rest
/// no-show, and leaves organisers' own unconfirmed attendance waiting.
pub async fn complete(
    tx: &mut AnyConnection,
    task_id: i64,
    organiser_id: i64,
    now: i64,
) -> Result<TaskCompletion> {
    let task = lock(tx, task_id).await?;
    if task.completed_at.is_some() {
        return Err(AppError::TaskCompleted);
    }
    if now < task.starts_at {
        return Err(AppError::TaskNotStarted);
    }
    ledger::lock_fund(tx, task.community_id).await?;
    let points = points_for(tx, &task).await?;
    let rows: Vec<AttendeeRow> = sqlx::query_as(
        "SELECT id, user_id, status, checked_in_at, checked_out_at, confirmed_by, \
            awaiting_confirmation FROM task_enrollments \
         WHERE task_id = $1 AND status IN ('joined', 'checked_in', 'checked_out', 'no_show') \
         ORDER BY seq",
    )
    .bind(task_id)
    .fetch_all(&mut *tx)
    .await?;
    let mut completion = TaskCompletion {
        task_id,
        attendees: 0,
        no_shows: 0,
        minutes_total: 0,
        points_total: 0,
        completed_at: time(now),
        awaiting_confirmation: 0,
    };
    for row in rows {
        if !matches!(row.status.as_str(), "checked_in" | "checked_out") {
            sqlx::query(
                "UPDATE task_enrollments SET status = 'no_show', updated_at = $1 WHERE id = $2",
            )
            .bind(now)
            .bind(row.id)
            .execute(&mut *tx)
            .await?;
            completion.no_shows += 1;
            continue;
        }
        if !row.creditable_by(organiser_id) {
            // Their own attendance: it waits for another organiser (shown on the roster).
            sqlx::query(
                "UPDATE task_enrollments SET awaiting_confirmation = 1, updated_at = $1 \
                 WHERE id = $2",
            )
            .bind(now)
            .bind(row.id)
            .execute(&mut *tx)
            .await?;
            completion.awaiting_confirmation += 1;
            continue;
        }
        // The ledger names who vouched: the organiser who checked them in or confirmed them,
        // else the one completing (never the person credited).
        let actor = row
            .confirmed_by
            .filter(|by| *by != row.user_id)
            .unwrap_or(organiser_id);
        let minutes = credit(tx, &task, task_id, &row, points, actor, now).await?;
        completion.attendees += 1;
        completion.minutes_total += minutes;
        completion.points_total += points;
    }
    sqlx::query("UPDATE tasks SET completed_at = $1, completed_by = $2 WHERE id = $3")
        .bind(now)
        .bind(organiser_id)
        .bind(task_id)
        .execute(&mut *tx)
        .await?;
    Ok(completion)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_run_from_check_in_to_out_within_the_duration() {
        let hour = 60 * 60_000;
        assert_eq!(minutes_for(0, 2 * hour, Some(0), None), 120);
        assert_eq!(minutes_for(0, 2 * hour, Some(0), Some(hour)), 60);
        assert_eq!(minutes_for(0, 2 * hour, Some(-hour), Some(5 * hour)), 120);
        assert_eq!(minutes_for(0, 2 * hour, Some(0), Some(0)), 1);
    }

    fn attendee(user_id: i64, confirmed_by: Option<i64>, awaiting: bool) -> AttendeeRow {
        AttendeeRow {
            id: 1,
            user_id,
            status: "checked_in".into(),
            checked_in_at: None,
            checked_out_at: None,
            confirmed_by,
            awaiting_confirmation: i64::from(awaiting),
        }
    }

    #[test]
    fn nobody_is_credited_on_their_own_word() {
        // A volunteer on their own code: the organiser completing vouches.
        assert!(attendee(7, None, false).creditable_by(3));
        // The organiser's own check-in waits, whoever completes.
        assert!(!attendee(3, None, true).creditable_by(3));
        assert!(!attendee(3, None, true).creditable_by(4));
        // Confirmed by another: credited, even by their own completion.
        assert!(attendee(3, Some(4), false).creditable_by(3));
        // Checked in by nobody else, completing themself: not credited.
        assert!(!attendee(3, None, false).creditable_by(3));
        assert!(!attendee(3, Some(3), false).creditable_by(3));
    }
}
