//! Ordering and reading orders: `POST /api/v1/orders`, `GET /api/v1/me/orders`,
//! `GET /api/v1/orders/{id}`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use linli_api_types::{Order, OrderDraft, OrderSummary, Problem};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{place, read, ORDERS_PATH};
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::Result;
use crate::platform::extract::{path_id, ApiJson, ApiPath};
use crate::platform::idempotency::{self, Claim, IdempotencyKey};
use crate::platform::ids::{OrderId, UserId};
use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create))
        .routes(routes!(mine))
        .routes(routes!(detail))
}

/// Orders a service for a time slot within its opening times (or as soon as possible). A paid
/// service holds its points from the resident's balance until the order is rated or closes.
#[utoipa::path(
    post,
    path = "/api/v1/orders",
    tag = "orders",
    security(("bearer" = [])),
    request_body = OrderDraft,
    params(("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters. The same key with the same draft replays the first answer (header `Idempotent-Replayed: true`) instead of ordering again")),
    responses(
        (status = 201, description = "Ordered: in the dispatch queue", body = Order),
        (status = 400, description = "Not JSON (`bad_json`) or a bad Idempotency-Key (`bad_idempotency_key`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not enough points for the service's price (`insufficient_points`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The household already has 5 open free orders (`free_orders_cap`); field errors (`validation`: `service_id` unknown; `preferred_start` in_past/too_far_ahead/outside_opening; `address` required/too_long; `contact_phone` bad_format; `note` too_long), or the Idempotency-Key was used for a different draft (`idempotency_key_reused`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiJson(draft): ApiJson<OrderDraft>,
) -> Result<Response> {
    let now = now_ms();
    let checked = place::check(&state.db, &auth, &draft, now).await?;
    let hash = idempotency::request_hash("POST", ORDERS_PATH, &draft)?;
    let mut tx = state.db.write.begin().await?;
    let claim =
        match idempotency::claim(&mut tx, auth.user_id, &key, "POST", ORDERS_PATH, &hash).await? {
            Claim::Replay(response) => return Ok(response),
            Claim::Fresh(claim) => claim,
        };
    let order = place::place(&mut tx, state.db.backend, auth, checked, now).await?;
    let response = claim.complete(&mut tx, StatusCode::CREATED, &order).await?;
    tx.commit().await?;
    tracing::info!(order_id = order.id, "service ordered");
    Ok(response)
}

/// The user's own orders, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/me/orders",
    tag = "orders",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Orders the user placed, newest first (at most 100)", body = Vec<OrderSummary>),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn mine(State(state): State<AppState>, auth: AuthUser) -> Result<Json<Vec<OrderSummary>>> {
    Ok(Json(
        read::mine(&state.db, UserId(auth.user_id), now_ms()).await?,
    ))
}

/// One order with its timeline and the steps the user may take now.
#[utoipa::path(
    get,
    path = "/api/v1/orders/{id}",
    tag = "orders",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "The order, its timeline (oldest first) and `actions`", body = Order),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order, or not one the user may see (residents: their own; staff: their community's; volunteers: assigned to them or open orders of their services)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn detail(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Order>> {
    let id = OrderId(path_id(&id)?);
    Ok(Json(read::one(&state.db, auth, id, now_ms()).await?))
}
