//! A volunteer checks themself in with the code shown at the site, or out when already in.
//! Opens two hours before the start.

use linli_api_types::Task;
use sqlx::AnyConnection;

use super::attendance::{self, Actor, Step};
use super::check_in_code::{code_matches, secret};
use super::code_attempts;
use super::refusals::TaskRefusal;
use super::scope;
use super::task_lock::lock;
use super::task_row::{self, TaskRow};
use crate::platform::auth::AuthUser;
use crate::platform::error::Result;
use crate::platform::ids::{TaskId, UserId};

/// Self check-in by code opens this long before the start.
pub const OPENS_BEFORE_MS: i64 = 2 * 60 * 60 * 1000;

pub enum CheckIn {
    /// In (or out), answered with the task as the volunteer then sees it.
    Done(Box<Task>),
    /// Neither this minute's code nor the last: the failure is recorded in the transaction,
    /// which the caller commits although it refuses ([`super::refusals::wrong_code`]).
    WrongCode,
}

/// `auth` checks in or out of `row` (a task they reach) with `code`.
pub async fn by_code(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    row: &TaskRow,
    code: &str,
    now: i64,
) -> Result<CheckIn> {
    let task_id = TaskId(row.id);
    let me = UserId(auth.user_id);
    // The task row locked first: parallel attempts of this task are counted one by one.
    let locked = lock(tx, task_id).await?;
    if locked.completed_at.is_some() {
        return Err(TaskRefusal::Completed.into());
    }
    code_attempts::check(tx, task_id, me, now).await?;
    let secret = secret(&mut *tx, task_id).await?;
    if !code_matches(&secret, code, now) {
        code_attempts::record(tx, task_id, me, now).await?;
        return Ok(CheckIn::WrongCode);
    }
    if now < row.starts_at - OPENS_BEFORE_MS {
        return Err(TaskRefusal::NotStarted.into());
    }
    // An organiser's own check-in waits for another organiser's confirmation.
    let by = Actor {
        user_id: me,
        manages: scope::can_manage(auth, row),
    };
    attendance::step(tx, task_id, me, Step::Toggle, by, now).await?;
    let task = task_row::seen_by(&mut *tx, auth, task_id, now).await?;
    Ok(CheckIn::Done(Box::new(task)))
}
