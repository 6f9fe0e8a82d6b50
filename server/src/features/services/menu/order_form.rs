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

/// The phone the member signs in with. A member without one (`proxy_only`, acted for by 代办)
/// is reached through `proxy_by`, the head or staff member acting for them.
pub async fn member_phone<'e, E>(
    executor: E,
    user_id: UserId,
    proxy_by: Option<i64>,
) -> Result<String>
where
    E: Executor<'e, Database = Any>,
{
    Ok(sqlx::query_scalar(
        "SELECT CASE WHEN u.status = 'proxy_only' THEN COALESCE(a.phone, '') ELSE u.phone END \
         FROM users u LEFT JOIN users a ON a.id = $2 WHERE u.id = $1",
    )
    .bind(user_id.get())
    .bind(proxy_by)
    .fetch_one(executor)
    .await?)
}
