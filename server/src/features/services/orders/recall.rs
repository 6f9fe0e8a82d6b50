//! Sending a volunteer's unfinished orders back to the dispatch queue when their volunteer
//! role ends (`community::members` calls it in the transaction that removes the flag): they
//! could otherwise still complete one and be paid for it.

use sqlx::AnyConnection;

use super::row::load;
use super::steps::Step;
use super::take_step::{take_step, By};
use crate::features::services::refusals::OrderRefusal;
use crate::platform::error::Result;
use crate::platform::ids::UserId;

/// Returns every dispatched, accepted or in-progress order of `volunteer` to the queue, each
/// with a `recalled` timeline step by staff member `by`. The ids returned.
pub async fn recall_all_of(
    tx: &mut AnyConnection,
    volunteer: UserId,
    by: UserId,
    now: i64,
) -> Result<Vec<i64>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM orders WHERE volunteer_id = $1 \
         AND status IN ('dispatched', 'accepted', 'in_progress') ORDER BY id",
    )
    .bind(volunteer.get())
    .fetch_all(&mut *tx)
    .await?;
    let mut returned = Vec::new();
    for id in ids {
        if recall(tx, id, volunteer, by, now).await? {
            returned.push(id);
        }
    }
    Ok(returned)
}

/// Sends order `id` back to the queue if `volunteer` still holds it. A concurrent step (a
/// reassignment, a decline) may win the guarded write: then read again and decide again, a
/// few times.
async fn recall(
    tx: &mut AnyConnection,
    id: i64,
    volunteer: UserId,
    by: UserId,
    now: i64,
) -> Result<bool> {
    for _ in 0..3 {
        let Some(row) = load(&mut *tx, id).await? else {
            return Ok(false);
        };
        if row.volunteer_id != Some(volunteer.get()) {
            return Ok(false);
        }
        match take_step(tx, By::System, &row, Step::Recall { by }, now).await? {
            Ok(()) => return Ok(true),
            Err(OrderRefusal::Changed) => continue,
            Err(_) => return Ok(false),
        }
    }
    Err(OrderRefusal::Changed.into())
}
