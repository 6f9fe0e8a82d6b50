//! Who offers which service: the volunteers staff may dispatch an order to, least busy first.

use linli_api_types::ServiceVolunteer;
use sqlx::{Any, Executor};

use super::catalogue::reachable;
use crate::features::services::orders;
use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::db::Db;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::ids::{CommunityId, ServiceId, UserId};
use linli_api_types::Role;

/// Whether `user_id` is a volunteer of `community_id` offering `service_id`.
pub async fn offers<'e, E>(
    executor: E,
    user_id: UserId,
    service_id: ServiceId,
    community_id: CommunityId,
) -> Result<bool>
where
    E: Executor<'e, Database = Any>,
{
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT u.id FROM volunteer_services vs JOIN users u ON u.id = vs.user_id \
         WHERE vs.user_id = $1 AND vs.service_id = $2 AND u.is_volunteer = 1 AND u.community_id = $3",
    )
    .bind(user_id.get())
    .bind(service_id.get())
    .bind(community_id.get())
    .fetch_optional(executor)
    .await?;
    Ok(found.is_some())
}

/// The services of their community `auth` offers as a volunteer (none unless a volunteer).
pub async fn offered_by<'e, E>(executor: E, auth: &AuthUser) -> Result<Vec<i64>>
where
    E: Executor<'e, Database = Any>,
{
    if !auth.is_volunteer {
        return Ok(Vec::new());
    }
    Ok(sqlx::query_scalar(
        "SELECT vs.service_id FROM volunteer_services vs \
         JOIN services s ON s.id = vs.service_id \
         WHERE vs.user_id = $1 AND s.community_id = $2",
    )
    .bind(auth.user_id)
    .bind(auth.community_id)
    .fetch_all(executor)
    .await?)
}

#[derive(sqlx::FromRow)]
struct VolunteerRow {
    id: i64,
    name: String,
    phone: String,
    active_orders: i64,
}

/// Volunteers of the community offering service `id`, for staff only; with `order` (the query
/// as read: a bad one is refused after the service and the role are checked), without the
/// ordering resident and their household, who may not be assigned it.
pub async fn for_dispatch(
    db: &Db,
    auth: &AuthUser,
    id: ServiceId,
    order: Result<Option<String>>,
) -> Result<Vec<ServiceVolunteer>> {
    let service = reachable(db, auth, id).await?;
    auth.require(auth.covers(Role::Staff, &PlacePath::community(service.community_id)))?;
    // The ordering resident and their household, left out of the picker (0 / NULL: nobody).
    // Whoever placed it by 代办 counts as the resident (0: nobody).
    let (resident, household, placed_by) = match order?.as_deref().map(str::trim) {
        None | Some("") => (0, None, 0),
        Some(raw) => {
            let order_id: i64 = raw.parse().map_err(|_| {
                AppError::Validation(vec![FieldIssue::new("order", Rule::BadFormat)])
            })?;
            let order = orders::load(&db.read, order_id)
                .await?
                .filter(|order| {
                    order.service_id == service.id && order.community_id == service.community_id
                })
                .ok_or_else(|| {
                    AppError::Validation(vec![FieldIssue::new("order", Rule::Unknown)])
                })?;
            (
                order.resident_id,
                order.resident_household_id,
                order.proxy_by.unwrap_or(0),
            )
        }
    };
    let rows: Vec<VolunteerRow> = sqlx::query_as(
        "SELECT u.id, u.name, u.phone, \
            (SELECT COUNT(*) FROM orders o WHERE o.volunteer_id = u.id \
               AND o.status IN ('dispatched', 'accepted', 'in_progress')) AS active_orders \
         FROM volunteer_services vs JOIN users u ON u.id = vs.user_id \
         WHERE vs.service_id = $1 AND u.is_volunteer = 1 AND u.community_id = $2 \
           AND u.id <> $3 AND (u.household_id IS NULL OR $4 IS NULL OR u.household_id <> $4) \
           AND u.id <> $5 \
         ORDER BY active_orders, u.id",
    )
    .bind(service.id)
    .bind(service.community_id)
    .bind(resident)
    .bind(household)
    .bind(placed_by)
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ServiceVolunteer {
            id: r.id,
            name: r.name,
            phone: r.phone,
            active_orders: r.active_orders,
        })
        .collect())
}
