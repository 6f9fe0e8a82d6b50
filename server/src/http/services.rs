//! The service menu 服务菜单: `/api/v1/services…`.

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use linli_api_types::{
    BookableSlot, Problem, ServiceDetail, ServiceMenu, ServiceSlots, ServiceVolunteer,
    SLOT_DAYS_DEFAULT, SLOT_DAYS_MAX,
};
use serde::Deserialize;

use crate::http::path_id;
use crate::auth::AuthUser;
use crate::db::now_ms;
use crate::error::{AppError, FieldIssue, Result, Rule};
use crate::extract::ApiPath;
use crate::ledger::{self, Account};
use crate::orders::{self, slots, OrderViewer, ServiceRow};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/services", get(menu))
        .route("/api/v1/services/{id}", get(detail))
        .route("/api/v1/services/{id}/slots", get(service_slots))
        .route("/api/v1/services/{id}/volunteers", get(volunteers))
}

/// The service if it is on the menu of the user's community; 404 otherwise.
async fn reachable(state: &AppState, auth: &AuthUser, raw_id: &str) -> Result<ServiceRow> {
    let id = path_id(raw_id)?;
    orders::load_service(&state.db.read, id)
        .await?
        .filter(|service| service.community_id == auth.community_id)
        .ok_or(AppError::NotFound)
}

/// The menu of the user's community, by category.
#[utoipa::path(
    get,
    path = "/api/v1/services",
    tag = "services",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Services of the user's community grouped by category, with provider, opening times and price", body = ServiceMenu),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn menu(State(state): State<AppState>, auth: AuthUser) -> Result<Json<ServiceMenu>> {
    Ok(Json(orders::menu(&state.db, auth.community_id).await?))
}

/// One service, with what the order form starts from (balance, address, phone).
#[utoipa::path(
    get,
    path = "/api/v1/services/{id}",
    tag = "services",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Service id")),
    responses(
        (status = 200, description = "The service and the order form's defaults", body = ServiceDetail),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service in the user's community", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn detail(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<ServiceDetail>> {
    let row = reachable(&state, &auth, &id).await?;
    let opening = orders::opening_of(&state.db.read, row.id).await?;
    let default_address = match auth.household_id {
        Some(household) => orders::household_address(&state.db.read, household).await?,
        None => None,
    };
    let default_phone: String = sqlx::query_scalar("SELECT phone FROM users WHERE id = $1")
        .bind(auth.user_id)
        .fetch_one(&state.db.read)
        .await?;
    let my_points = ledger::balance(&state.db.read, Account::Member(auth.user_id)).await?;
    let viewer = OrderViewer::of(&state.db.read, auth).await?;
    Ok(Json(ServiceDetail {
        i_offer: viewer.offered.contains(&row.id),
        service: row.service(opening)?,
        my_points,
        default_address,
        default_phone,
    }))
}

/// `GET /services/{id}/slots` query; text so a bad value is a field error.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SlotParams {
    /// Days ahead, today included, 1–30; 14 when absent.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 30)]
    days: Option<String>,
}

/// Bookable hour slots within the service's opening times, for a time picker.
#[utoipa::path(
    get,
    path = "/api/v1/services/{id}/slots",
    tag = "services",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Service id"), SlotParams),
    responses(
        (status = 200, description = "Future slots (Asia/Shanghai opening times) in time order; empty for services by arrangement", body = ServiceSlots),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service in the user's community", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `days` (field error)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn service_slots(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
    params: std::result::Result<Query<SlotParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ServiceSlots>> {
    let bad_days = || AppError::Validation(vec![FieldIssue::new("days", Rule::BadFormat)]);
    let Query(params) = params.map_err(|_| bad_days())?;
    let days = match params.days.as_deref() {
        None => SLOT_DAYS_DEFAULT,
        Some(raw) => raw
            .parse::<u32>()
            .ok()
            .filter(|days| (1..=SLOT_DAYS_MAX).contains(days))
            .ok_or_else(bad_days)?,
    };
    let row = reachable(&state, &auth, &id).await?;
    let opening = orders::opening_of(&state.db.read, row.id).await?;
    let slots = slots::bookable_slots(&opening, now_ms(), days)
        .into_iter()
        .map(|(start, end)| {
            Ok(BookableSlot {
                start: orders::time(start)?,
                end: orders::time(end)?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Json(ServiceSlots {
        service_id: row.id,
        slots,
    }))
}

#[derive(sqlx::FromRow)]
struct VolunteerRow {
    id: i64,
    name: String,
    phone: String,
    active_orders: i64,
}

/// `GET /services/{id}/volunteers` query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VolunteersParams {
    /// The order being dispatched: volunteers of the household that placed it are left out
    /// (they may not be assigned it). Text so a bad value is a field error.
    #[param(schema_with = linli_api_types::volunteers_order_schema)]
    order: Option<String>,
}

/// Volunteers offering the service, least busy first: whom staff may assign an order to.
#[utoipa::path(
    get,
    path = "/api/v1/services/{id}/volunteers",
    tag = "dispatch",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Service id"), VolunteersParams),
    responses(
        (status = 200, description = "Volunteers of the community offering the service, with their open orders; with `order`, without the ordering household's members", body = Vec<ServiceVolunteer>),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the community (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service in the user's community", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`order` not an order of this service in the community (`unknown`) or not a number (`bad_format`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn volunteers(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
    params: std::result::Result<Query<VolunteersParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<ServiceVolunteer>>> {
    let row = reachable(&state, &auth, &id).await?;
    let viewer = OrderViewer::of(&state.db.read, auth).await?;
    viewer.auth.require(viewer.is_staff_of(row.community_id))?;
    let Query(params) = params
        .map_err(|_| AppError::Validation(vec![FieldIssue::new("order", Rule::BadFormat)]))?;
    // The ordering resident and their household, left out of the picker (0 / NULL: nobody).
    let (resident, household) = match params.order.as_deref().map(str::trim) {
        None | Some("") => (0, None),
        Some(raw) => {
            let order_id: i64 = raw.parse().map_err(|_| {
                AppError::Validation(vec![FieldIssue::new("order", Rule::BadFormat)])
            })?;
            let order = orders::load(&state.db.read, order_id)
                .await?
                .filter(|order| {
                    order.service_id == row.id && order.community_id == row.community_id
                })
                .ok_or_else(|| {
                    AppError::Validation(vec![FieldIssue::new("order", Rule::Unknown)])
                })?;
            (order.resident_id, order.resident_household_id)
        }
    };
    let rows: Vec<VolunteerRow> = sqlx::query_as(
        "SELECT u.id, u.name, u.phone, \
            (SELECT COUNT(*) FROM orders o WHERE o.volunteer_id = u.id \
               AND o.status IN ('dispatched', 'accepted', 'in_progress')) AS active_orders \
         FROM volunteer_services vs JOIN users u ON u.id = vs.user_id \
         WHERE vs.service_id = $1 AND u.is_volunteer = 1 AND u.community_id = $2 \
           AND u.id <> $3 AND (u.household_id IS NULL OR $4 IS NULL OR u.household_id <> $4) \
         ORDER BY active_orders, u.id",
    )
    .bind(row.id)
    .bind(row.community_id)
    .bind(resident)
    .bind(household)
    .fetch_all(&state.db.read)
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| ServiceVolunteer {
                id: r.id,
                name: r.name,
                phone: r.phone,
                active_orders: r.active_orders,
            })
            .collect(),
    ))
}
