//! A household may keep at most [`FREE_ORDERS_OPEN_MAX`] free (0-point) orders open: a free
//! order costs its household nothing, so without a cap one account could fill the dispatch
//! queue. Paid orders are bounded by the points they hold.
//!
//! Race-safe: the count and the insert happen in one write transaction, and on PostgreSQL the
//! household's row (the user's, without a household) is locked first, so parallel orders of
//! one household queue behind each other and each counts the ones before it. SQLite has one
//! writer, which serialises them already.

use linli_api_types::FREE_ORDERS_OPEN_MAX;
use sqlx::AnyConnection;

use crate::features::services::refusals::OrderRefusal;
use crate::platform::db::Backend;
use crate::platform::error::Result;
use crate::platform::ids::{HouseholdId, UserId};

/// Refuses (422 `free_orders_cap`) when the household of `user_id` already has the maximum of
/// open free orders. Call inside the transaction that inserts the order, before inserting.
pub async fn check(
    tx: &mut AnyConnection,
    backend: Backend,
    user_id: UserId,
    household_id: Option<HouseholdId>,
) -> Result<()> {
    let (user_id, household_id) = (user_id.get(), household_id.map(HouseholdId::get));
    if backend == Backend::Postgres {
        let lock = match household_id {
            Some(_) => "SELECT id FROM households WHERE id = $1 FOR UPDATE",
            None => "SELECT id FROM users WHERE id = $1 FOR UPDATE",
        };
        sqlx::query(lock)
            .bind(household_id.unwrap_or(user_id))
            .execute(&mut *tx)
            .await?;
    }
    // Open = not yet completed, rated, closed or cancelled. The household's members are found
    // first and their orders by orders_resident: an OR across the joined users (as this was)
    // cannot use that index, and on a district's 200,000 orders the planners walked every open
    // order instead (40 ms a placement on SQLite, holding the one writer; docs/load.md).
    let open: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM orders o \
         WHERE o.points = 0 AND o.status IN ('submitted', 'dispatched', 'accepted', 'in_progress') \
           AND o.resident_id IN (SELECT u.id FROM users u \
               WHERE u.id = $1 OR (u.household_id IS NOT NULL AND u.household_id = $2))",
    )
    .bind(user_id)
    .bind(household_id)
    .fetch_one(&mut *tx)
    .await?;
    if open >= FREE_ORDERS_OPEN_MAX {
        return Err(OrderRefusal::FreeOrdersCap.into());
    }
    Ok(())
}
