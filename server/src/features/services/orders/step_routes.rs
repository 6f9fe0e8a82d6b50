//! The steps on an order: `POST /api/v1/orders/{id}/{cancel,rate,assign,accept,decline,claim,
//! start,complete}`, each answering the order as the user sees it after the step.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use linli_api_types::{
    AssignRequest, CompleteRequest, DeclineRequest, Order, Problem, RateRequest,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::close::close_overdue;
use super::state::Action;
use super::steps::{Step, StepRequest};
use super::take_step::take;
use super::ORDERS_PATH;
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::Result;
use crate::platform::extract::{path_id, ApiJson, ApiPath};
use crate::platform::idempotency::{self, Claim, IdempotencyKey};
use crate::platform::ids::OrderId;
use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(cancel))
        .routes(routes!(rate))
        .routes(routes!(assign))
        .routes(routes!(accept))
        .routes(routes!(decline))
        .routes(routes!(claim))
        .routes(routes!(start))
        .routes(routes!(complete))
}

/// The last segment of a step's path.
fn path_segment(action: Action) -> &'static str {
    match action {
        Action::Assign => "assign",
        Action::Accept => "accept",
        Action::Decline => "decline",
        Action::Claim => "claim",
        Action::Start => "start",
        Action::Complete => "complete",
        Action::Rate => "rate",
        Action::Close => "close",
        Action::Cancel => "cancel",
        Action::Recall => "recall",
    }
}

/// One step on an order: checks the request, claims the Idempotency-Key, takes the step in
/// one transaction, answers the order.
async fn act(
    state: AppState,
    auth: AuthUser,
    key: IdempotencyKey,
    raw_id: &str,
    action: Action,
    request: StepRequest,
) -> Result<Response> {
    let id = OrderId(path_id(raw_id)?);
    let step = Step::checked(action, &request)?;
    let now = now_ms();
    // A rating after the window must find the order closed; the closer writes in its own
    // transactions, so before this one begins.
    close_overdue(&state.db, now).await?;
    let path = format!("{ORDERS_PATH}/{id}/{}", path_segment(action));
    let hash = idempotency::request_hash("POST", &path, &request)?;
    let mut tx = state.db.write.begin().await?;
    let claim = match idempotency::claim(&mut tx, auth.user_id, &key, "POST", &path, &hash).await? {
        Claim::Replay(response) => return Ok(response),
        Claim::Fresh(claim) => claim,
    };
    let order = take(&mut tx, state.db.backend, auth, id, step, now).await?;
    let response = claim.complete(&mut tx, StatusCode::OK, &order).await?;
    tx.commit().await?;
    tracing::info!(
        order_id = id.get(),
        action = path_segment(action),
        "order step"
    );
    Ok(response)
}

/// Cancels an order before a volunteer accepts it; held points return.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/cancel",
    tag = "orders",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    responses(
        (status = 200, description = "Cancelled", body = Order),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the resident who ordered (`order_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already accepted (`order_already_accepted`) or finished (`order_finished`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn cancel(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    act(state, auth, key, &id, Action::Cancel, StepRequest::None).await
}

/// 群众评单: confirms completion and rates, once; settles the points.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/rate",
    tag = "orders",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    request_body = RateRequest,
    responses(
        (status = 200, description = "Rated: held points settled, the volunteer credited", body = Order),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the resident who ordered (`order_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Rated already (`order_already_rated`), not completed (`order_not_completed`), closed after the rating window or cancelled (`order_finished`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors: `stars` out_of_range, `tags` too_many, `comment` too_long", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn rate(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<RateRequest>,
) -> Result<Response> {
    act(
        state,
        auth,
        key,
        &id,
        Action::Rate,
        StepRequest::Rate(request),
    )
    .await
}

/// 中心派单 (staff): assigns, or reassigns, to a volunteer offering the service.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/assign",
    tag = "dispatch",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    request_body = AssignRequest,
    responses(
        (status = 200, description = "Dispatched: waiting for the volunteer to accept", body = Order),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the order's community (`order_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "In progress or later (`order_wrong_status`, `order_finished`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`volunteer_id` not_offered: not a volunteer offering the service", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn assign(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<AssignRequest>,
) -> Result<Response> {
    act(
        state,
        auth,
        key,
        &id,
        Action::Assign,
        StepRequest::Assign(request),
    )
    .await
}

/// 志愿者接单: the assigned volunteer accepts.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/accept",
    tag = "volunteering",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    responses(
        (status = 200, description = "Accepted", body = Order),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Assigned to another volunteer (`order_assigned_to_other`) or not a volunteer's step (`order_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not dispatched to the volunteer (`order_wrong_status`, `order_finished`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn accept(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    act(state, auth, key, &id, Action::Accept, StepRequest::None).await
}

/// The assigned volunteer declines with a reason; the order goes back to the dispatch queue.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/decline",
    tag = "volunteering",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    request_body = DeclineRequest,
    responses(
        (status = 200, description = "Declined: back in the queue", body = Order),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the assigned volunteer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not dispatched or accepted", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`reason` required/too_long", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn decline(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<DeclineRequest>,
) -> Result<Response> {
    act(
        state,
        auth,
        key,
        &id,
        Action::Decline,
        StepRequest::Decline(request),
    )
    .await
}

/// A volunteer offering the service takes an open order from the queue.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/claim",
    tag = "volunteering",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    responses(
        (status = 200, description = "Claimed and accepted", body = Order),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a volunteer of the service (`order_not_allowed`), or already assigned to another (`order_assigned_to_other`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not open (`order_wrong_status`, `order_finished`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn claim(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    act(state, auth, key, &id, Action::Claim, StepRequest::None).await
}

/// The assigned volunteer starts the service.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/start",
    tag = "volunteering",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    responses(
        (status = 200, description = "In progress", body = Order),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the assigned volunteer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not accepted (`order_wrong_status`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn start(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    act(state, auth, key, &id, Action::Start, StepRequest::None).await
}

/// The assigned volunteer completes the service, with a note; the resident may rate it.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/complete",
    tag = "volunteering",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    request_body = CompleteRequest,
    responses(
        (status = 200, description = "Completed: waiting for the resident's rating (closes itself after 7 days)", body = Order),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the assigned volunteer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in progress (`order_wrong_status`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`note` too_long", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn complete(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<CompleteRequest>,
) -> Result<Response> {
    act(
        state,
        auth,
        key,
        &id,
        Action::Complete,
        StepRequest::Complete(request),
    )
    .await
}
