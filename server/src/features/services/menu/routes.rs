//! The service menu 服务菜单: `/api/v1/services…`.

use axum::extract::{Query, State};
use axum::Json;
use linli_api_types::{Problem, ServiceDetail, ServiceMenu, ServiceSlots, ServiceVolunteer};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{catalogue, detail, slots, volunteers};
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::extract::{path_id, ApiPath};
use crate::platform::ids::{CommunityId, ServiceId};
use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(menu))
        .routes(routes!(detail))
        .routes(routes!(service_slots))
        .routes(routes!(volunteers))
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
    Ok(Json(
        catalogue::menu(&state.db, CommunityId(auth.community_id)).await?,
    ))
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
    let id = ServiceId(path_id(&id)?);
    Ok(Json(detail::service_detail(&state.db, &auth, id).await?))
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
    let days = slots::days_ahead(params.as_ref().ok().map(|Query(p)| p.days.as_deref()))?;
    let id = ServiceId(path_id(&id)?);
    Ok(Json(
        slots::service_slots(&state.db, &auth, id, days, now_ms()).await?,
    ))
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
    let id = ServiceId(path_id(&id)?);
    let order = params
        .map(|Query(params)| params.order)
        .map_err(|_| AppError::Validation(vec![FieldIssue::new("order", Rule::BadFormat)]));
    Ok(Json(
        volunteers::for_dispatch(&state.db, &auth, id, order).await?,
    ))
}
