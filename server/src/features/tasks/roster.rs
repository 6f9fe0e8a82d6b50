//! The organiser's roster: who holds a slot and who waits, and what an organiser does to one
//! volunteer's line (check in or out, absent, confirm, undo a check-in).

use linli_api_types::{RosterAction, RosterEntry};
use sqlx::{Any, AnyConnection, Executor};

use super::attendance::{self, Actor, Step};
use super::task_row::{enrollment, time};
use crate::platform::error::{AppError, Result};
use crate::platform::ids::{TaskId, UserId};

#[derive(Debug, Clone, sqlx::FromRow)]
struct RosterRow {
    user_id: i64,
    name: String,
    phone: String,
    status: String,
    position: i64,
    minutes: Option<i64>,
    points: Option<i64>,
    joined_at: i64,
    checked_in_at: Option<i64>,
    checked_out_at: Option<i64>,
    awaiting_confirmation: i64,
    /// Enrolled by 代办: who acted for them (id, name).
    proxy_by: Option<i64>,
    acted_by: Option<String>,
}

impl RosterRow {
    /// The line as `viewer` (an organiser) sees it: they may confirm anyone's pending
    /// attendance but their own.
    fn entry(&self, viewer: UserId) -> RosterEntry {
        let awaiting = self.awaiting_confirmation != 0
            && matches!(self.status.as_str(), "checked_in" | "checked_out");
        RosterEntry {
            user_id: self.user_id,
            name: self.name.clone(),
            phone: self.phone.clone(),
            enrollment: enrollment(Some(&self.status), self.position, self.minutes, self.points),
            joined_at: time(self.joined_at),
            checked_in_at: self.checked_in_at.map(time),
            checked_out_at: self.checked_out_at.map(time),
            awaiting_confirmation: awaiting,
            can_confirm: awaiting
                && self.user_id != viewer.get()
                && self.proxy_by != Some(viewer.get()),
            acted_by: self.acted_by.clone(),
        }
    }
}

/// Who holds a slot (in joining order) and the waitlist (in order); withdrawn ones are left out.
/// `viewer` is the organiser asking.
pub async fn roster<'e, E>(
    executor: E,
    task_id: TaskId,
    viewer: UserId,
) -> Result<(Vec<RosterEntry>, Vec<RosterEntry>)>
where
    E: Executor<'e, Database = Any>,
{
    let rows: Vec<RosterRow> = sqlx::query_as(
        "SELECT e.user_id, u.name, u.phone, e.status, \
            (SELECT COUNT(*) FROM task_enrollments w WHERE w.task_id = e.task_id \
                AND w.status = 'waitlisted' AND w.seq <= e.seq) AS position, \
            e.minutes, e.points, e.joined_at, e.checked_in_at, e.checked_out_at, \
            e.awaiting_confirmation, e.proxy_by, p.name AS acted_by \
         FROM task_enrollments e JOIN users u ON u.id = e.user_id \
         LEFT JOIN users p ON p.id = e.proxy_by \
         WHERE e.task_id = $1 AND e.status <> 'withdrawn' ORDER BY e.seq",
    )
    .bind(task_id.get())
    .fetch_all(executor)
    .await?;
    let (waitlist, volunteers): (Vec<_>, Vec<_>) =
        rows.iter().partition(|row| row.status == "waitlisted");
    Ok((
        volunteers
            .into_iter()
            .map(|row| row.entry(viewer))
            .collect(),
        waitlist.into_iter().map(|row| row.entry(viewer)).collect(),
    ))
}

/// One volunteer's line of the roster, if they are on it.
async fn roster_entry<'e, E>(
    executor: E,
    task_id: TaskId,
    user_id: UserId,
    viewer: UserId,
) -> Result<Option<RosterEntry>>
where
    E: Executor<'e, Database = Any>,
{
    let (volunteers, waitlist) = roster(executor, task_id, viewer).await?;
    Ok(volunteers
        .into_iter()
        .chain(waitlist)
        .find(|entry| entry.user_id == user_id.get()))
}

/// What an organiser does to one volunteer's roster line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterChange {
    Step(Step),
    /// Confirms another organiser's own attendance.
    Confirm,
    /// 撤销签到: absent once the task has started, joined again before.
    UndoCheckIn,
}

impl From<RosterAction> for RosterChange {
    fn from(action: RosterAction) -> Self {
        match action {
            RosterAction::CheckIn => RosterChange::Step(Step::CheckIn),
            RosterAction::CheckOut => RosterChange::Step(Step::CheckOut),
            RosterAction::NoShow => RosterChange::Step(Step::NoShow),
            RosterAction::Confirm => RosterChange::Confirm,
        }
    }
}

/// `organiser` (who manages the task now: the caller checks) changes `volunteer`'s line;
/// answers the line after the change. 404 when the volunteer is not on the roster at all.
pub async fn change(
    tx: &mut AnyConnection,
    task_id: TaskId,
    volunteer: UserId,
    organiser: UserId,
    change: RosterChange,
    now: i64,
) -> Result<RosterEntry> {
    if roster_entry(&mut *tx, task_id, volunteer, organiser)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    match change {
        RosterChange::Step(step) => {
            let by = Actor {
                user_id: organiser,
                manages: true,
            };
            attendance::step(tx, task_id, volunteer, step, by, now).await?
        }
        RosterChange::Confirm => {
            attendance::confirm(tx, task_id, volunteer, organiser, now).await?
        }
        RosterChange::UndoCheckIn => attendance::undo_check_in(tx, task_id, volunteer, now).await?,
    }
    roster_entry(&mut *tx, task_id, volunteer, organiser)
        .await?
        .ok_or(AppError::NotFound)
}
