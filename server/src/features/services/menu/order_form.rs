//! What the order form starts from, and what an order takes when the resident leaves a field
//! empty: the household's address and the member's own phone.

use sqlx::{Any, Executor};

use crate::platform::error::Result;
use crate::platform::ids::{HouseholdId, UserId};

/// "华盛世纪新城 3栋 1单元 1502"
pub async fn household_address<'e, E>(
    executor: E,
    household_id: HouseholdId,
) -> Result<Option<String>>
where
    E: Executor<'e, Database = Any>,
{
    Ok(sqlx::query_scalar(
        "SELECT b.estate || ' ' || b.name || ' ' || un.name || ' ' || h.door FROM households h \
         JOIN units un ON un.id = h.unit_id JOIN buildings b ON b.id = un.building_id \
         WHERE h.id = $1",
    )
    .bind(household_id.get())
    .fetch_optional(executor)
    .await?)
}

/// The phone the member signs in with.
pub async fn member_phone<'e, E>(executor: E, user_id: UserId) -> Result<String>
where
    E: Executor<'e, Database = Any>,
{
    Ok(sqlx::query_scalar("SELECT phone FROM users WHERE id = $1")
        .bind(user_id.get())
        .fetch_one(executor)
        .await?)
}
