//! Wrong check-in codes, limited per volunteer and task: six digits are a million guesses, and
//! a volunteer who may try without limit checks themself in without being there.
//!
//! Counted in the database (`task_code_failures`) so every server behind a load balancer
//! agrees, and race-safe: the self check-in counts and records inside its write transaction
//! after locking the task row ([`super::task_lock::lock`]), so on PostgreSQL parallel attempts of one task
//! are counted one after another (on SQLite writers are serialized anyway). Twenty wrong codes
//! sent at once: five are checked, fifteen answered 429.

use sqlx::AnyConnection;

use super::refusals::TaskRefusal;
use crate::platform::db::{now_ms, Db};
use crate::platform::error::Result;
use crate::platform::ids::{TaskId, UserId};

/// Wrong codes allowed per volunteer and task within [`WINDOW_MS`].
pub const MAX_FAILURES: i64 = 5;
pub const WINDOW_MS: i64 = 10 * 60 * 1000;

/// Refuses with 429 (and how long to wait) once `user_id` has had [`MAX_FAILURES`] wrong codes
/// for the task within the window. Call with the task row locked.
pub async fn check(
    tx: &mut AnyConnection,
    task_id: TaskId,
    user_id: UserId,
    now: i64,
) -> Result<()> {
    // The oldest of the newest MAX failures, when there are that many: the limit lifts when it
    // leaves the window.
    let oldest: Option<i64> = sqlx::query_scalar(
        "SELECT at FROM task_code_failures WHERE task_id = $1 AND user_id = $2 AND at > $3 \
         ORDER BY at DESC LIMIT 1 OFFSET $4",
    )
    .bind(task_id.get())
    .bind(user_id.get())
    .bind(now - WINDOW_MS)
    .bind(MAX_FAILURES - 1)
    .fetch_optional(&mut *tx)
    .await?;
    match oldest {
        Some(oldest) => {
            let wait_ms = (oldest + WINDOW_MS - now).max(1000);
            Err(TaskRefusal::CodeTriedTooOften {
                retry_after_secs: (wait_ms as u64).div_ceil(1000),
            }
            .into())
        }
        None => Ok(()),
    }
}

/// Records one wrong code; the caller commits it even though the request fails.
pub async fn record(
    tx: &mut AnyConnection,
    task_id: TaskId,
    user_id: UserId,
    now: i64,
) -> Result<()> {
    sqlx::query("INSERT INTO task_code_failures (task_id, user_id, at) VALUES ($1, $2, $3)")
        .bind(task_id.get())
        .bind(user_id.get())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Forgets failures that no longer count; called where sign-in attempts are pruned.
pub async fn prune_old(db: &Db) -> Result<u64> {
    let done = sqlx::query("DELETE FROM task_code_failures WHERE at < $1")
        .bind(now_ms() - WINDOW_MS)
        .execute(&db.write)
        .await?;
    Ok(done.rows_affected())
}
