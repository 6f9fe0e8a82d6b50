//! The lists work is taken from: `GET /api/v1/dispatch/queue` (staff) and
//! `GET /api/v1/volunteer/orders`.

use axum::extract::{Query, State};
use axum::Json;
use linli_api_types::{DispatchQueue, Problem, VolunteerOrders};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::queues::{self, PageAsked};
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(queue))
        .routes(routes!(volunteer_orders))
}

/// `?limit=&cursor=` of the paged order lists. Both stay text so a bad value is a field
/// error, not a bare 400.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// A list's `next_cursor` from the previous answer: the next page of that list only.
    cursor: Option<String>,
    /// Orders per list and page, 1–50; 20 when absent.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    limit: Option<String>,
}

type PageQuery = std::result::Result<Query<PageParams>, axum::extract::rejection::QueryRejection>;

/// The query as read; one that cannot be read at all is a field error at `query`.
fn asked(params: PageQuery) -> Result<PageAsked> {
    let Query(params) = params
        .map_err(|_| AppError::Validation(vec![FieldIssue::new("query", Rule::BadFormat)]))?;
    Ok(PageAsked {
        cursor: params.cursor,
        limit: params.limit,
    })
}

/// 中心派单: orders waiting for a volunteer, longest waiting first, and those dispatched but not
/// accepted, a page of each.
#[utoipa::path(
    get,
    path = "/api/v1/dispatch/queue",
    tag = "dispatch",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "The community's dispatch queue: the first page of both lists, or with `cursor` the next page of that cursor's list", body = DispatchQueue),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `limit` (1–50) or `cursor` (field errors)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn queue(
    State(state): State<AppState>,
    auth: AuthUser,
    params: PageQuery,
) -> Result<Json<DispatchQueue>> {
    Ok(Json(
        queues::dispatch_queue(&state.db, &auth, asked(params), now_ms()).await?,
    ))
}

/// 志愿者接单: orders assigned to me, open orders of my services, and what I completed, a page
/// of each.
#[utoipa::path(
    get,
    path = "/api/v1/volunteer/orders",
    tag = "volunteering",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "The volunteer's orders: the first page of each list, or with `cursor` the next page of that cursor's list. `open` never holds orders of the volunteer's own household (they may not take them)", body = VolunteerOrders),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a volunteer (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `limit` (1–50) or `cursor` (field errors)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn volunteer_orders(
    State(state): State<AppState>,
    auth: AuthUser,
    params: PageQuery,
) -> Result<Json<VolunteerOrders>> {
    Ok(Json(
        queues::volunteer_orders(&state.db, &auth, asked(params), now_ms()).await?,
    ))
}
