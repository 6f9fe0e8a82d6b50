//! Every change to a task's enrolments starts with [`lock`]: one UPDATE of the task row that
//! bumps its `seq`. On PostgreSQL that row lock serializes the task's joins, withdrawals,
//! promotions, check-ins and completion (and each later statement sees the latest committed
//! enrolments); on SQLite writers are serialized anyway. So 50 simultaneous joins to 10 slots
//! give exactly 10 joined and 40 waitlisted, numbered 1–40 by their `seq`.

use sqlx::AnyConnection;

use crate::platform::error::{AppError, Result};
use crate::platform::ids::TaskId;

/// The task row's state as locked for an enrolment change.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Locked {
    pub seq: i64,
    pub capacity: i64,
    pub joined_count: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub points: i64,
    pub title: String,
    pub community_id: i64,
    pub completed_at: Option<i64>,
    pub cancelled_at: Option<i64>,
}

/// Locks the task for the rest of `tx` and takes the next `seq`. A cancelled task is refused
/// here (409 `task_cancelled`), so nothing joins, checks in or completes it afterwards: a join
/// racing the cancel either locked first (and the cancel releases its place) or sees it.
pub async fn lock(tx: &mut AnyConnection, task_id: TaskId) -> Result<Locked> {
    let locked = lock_any(tx, task_id).await?;
    if locked.cancelled_at.is_some() {
        return Err(super::cancel::Cancelled.into());
    }
    Ok(locked)
}

/// [`lock`], cancelled or not: for editing and cancelling, which say so themselves.
pub async fn lock_any(tx: &mut AnyConnection, task_id: TaskId) -> Result<Locked> {
    sqlx::query_as(
        "UPDATE tasks SET seq = seq + 1 WHERE id = $1 RETURNING seq, capacity, joined_count, \
            starts_at, ends_at, points, title, community_id, completed_at, cancelled_at",
    )
    .bind(task_id.get())
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)
}
