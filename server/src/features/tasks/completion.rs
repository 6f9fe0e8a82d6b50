//! Completing a task 确认完成 and the points it earns: minutes recorded per attendee, points
//! credited from the community fund to everyone someone else vouched for, the rest absent.
//!
//! Points are money (docs/security.md): nobody is credited on their own word, so an
//! organiser's own attendance waits for another organiser's confirmation
//! ([`super::attendance::confirm`], which credits it after completion through [`credit`]).

use linli_api_types::{LedgerKind, LedgerLinkKind, TaskCompletion};
use sqlx::AnyConnection;

use super::refusals::TaskRefusal;
use super::task_lock::{lock, Locked};
use super::task_row::time;
use crate::features::points::ledger::{self, Account, Memo, Transfer};
use crate::features::points::policy;
use crate::platform::error::Result;
use crate::platform::ids::{TaskId, UserId};

/// An enrolment as completion and confirmation read it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(super) struct AttendeeRow {
    pub id: i64,
    pub user_id: i64,
    pub status: String,
    pub checked_in_at: Option<i64>,
    pub checked_out_at: Option<i64>,
    pub confirmed_by: Option<i64>,
    pub awaiting_confirmation: i64,
    /// Enrolled by 代办: who acted for them. They count as the attendee: their word does not
    /// vouch for them.
    pub proxy_by: Option<i64>,
}

impl AttendeeRow {
    /// Whether completion by `completer` may credit this attendee: someone else vouched for
    /// them (checked them in, or confirmed), or they never needed it and someone else completes.
    fn creditable_by(&self, completer: i64) -> bool {
        if self.awaiting_confirmation != 0 {
            return false;
        }
        match self.confirmed_by {
            Some(by) => by != self.user_id && Some(by) != self.proxy_by,
            None => self.user_id != completer && Some(completer) != self.proxy_by,
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
pub(super) async fn points_for(tx: &mut AnyConnection, task: &Locked) -> Result<i64> {
    let policy = policy::load(&mut *tx, task.community_id).await?;
    let cap = policy.max_task_points(duration_minutes(task.starts_at, task.ends_at));
    Ok(task.points.min(cap).max(0))
}

/// Credits one attendee `points` from the community fund and records their minutes; the fund
/// is locked by the caller. Answers the minutes.
pub(super) async fn credit(
    tx: &mut AnyConnection,
    task: &Locked,
    task_id: TaskId,
    row: &AttendeeRow,
    points: i64,
    actor: UserId,
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
        return Err(TaskRefusal::EnrollmentState.into());
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
                    .link(LedgerLinkKind::Task, task_id.get()),
                actor_id: Some(actor.get()),
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
    task_id: TaskId,
    organiser: UserId,
    now: i64,
) -> Result<TaskCompletion> {
    let task = lock(tx, task_id).await?;
    if task.completed_at.is_some() {
        return Err(TaskRefusal::Completed.into());
    }
    if now < task.starts_at {
        return Err(TaskRefusal::NotStarted.into());
    }
    ledger::lock_fund(tx, task.community_id).await?;
    let points = points_for(tx, &task).await?;
    let rows: Vec<AttendeeRow> = sqlx::query_as(
        "SELECT id, user_id, status, checked_in_at, checked_out_at, confirmed_by, \
            awaiting_confirmation, proxy_by FROM task_enrollments \
         WHERE task_id = $1 AND status IN ('joined', 'checked_in', 'checked_out', 'no_show') \
         ORDER BY seq",
    )
    .bind(task_id.get())
    .fetch_all(&mut *tx)
    .await?;
    let mut completion = TaskCompletion {
        task_id: task_id.get(),
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
        if !row.creditable_by(organiser.get()) {
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
            .map_or(organiser, UserId);
        let minutes = credit(tx, &task, task_id, &row, points, actor, now).await?;
        completion.attendees += 1;
        completion.minutes_total += minutes;
        completion.points_total += points;
    }
    sqlx::query("UPDATE tasks SET completed_at = $1, completed_by = $2 WHERE id = $3")
        .bind(now)
        .bind(organiser.get())
        .bind(task_id.get())
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
            proxy_by: None,
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

    #[test]
    fn whoever_enrolled_them_by_proxy_does_not_vouch_for_them() {
        let by_proxy = |confirmed_by| AttendeeRow {
            proxy_by: Some(5),
            ..attendee(7, confirmed_by, false)
        };
        assert!(!by_proxy(None).creditable_by(5));
        assert!(!by_proxy(Some(5)).creditable_by(4));
        assert!(by_proxy(None).creditable_by(4));
        assert!(by_proxy(Some(4)).creditable_by(5));
    }
}
