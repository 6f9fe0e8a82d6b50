//! `POST /api/v1/orders/{id}/staff-cancel`: staff cancel an order with a reason
//! (`staff_cancel`), once per Idempotency-Key.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use linli_api_types::{CancelRequest, Order, Problem, CANCEL_REASON_MAX_CHARS};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::staff_cancel::staff_cancel;
use super::ORDERS_PATH;
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::{AppError, Result};
use crate::platform::extract::{path_id, ApiJson, ApiPath};
use crate::platform::idempotency::{self, Claim, IdempotencyKey};
use crate::platform::ids::OrderId;
use crate::platform::text::TextField;
use crate::state::AppState;

const REASON: TextField = TextField::line("reason", CANCEL_REASON_MAX_CHARS);

/// The route of this file, declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(staff_cancel_order))
}

/// 社区取消: staff cancel an order of their community with a reason, at any state before
/// completion; held points return to the resident, an assigned volunteer is released.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/staff-cancel",
    tag = "orders",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    request_body = CancelRequest,
    responses(
        (status = 200, description = "Cancelled; the timeline ends with a `cancelled` event by staff whose note is the reason", body = Order),
        (status = 400, description = "Not JSON or a bad Idempotency-Key", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the order's community (`order_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order the user may see (another community's)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Completed, rated, closed or cancelled already (`order_finished`), or changed meanwhile (`order_changed`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`reason` required or too_long (200)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn staff_cancel_order(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<CancelRequest>,
) -> Result<Response> {
    let id = OrderId(path_id(&id)?);
    let mut issues = Vec::new();
    let reason = REASON.check(&request.reason, &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let now = now_ms();
    let path = format!("{ORDERS_PATH}/{id}/staff-cancel");
    let hash = idempotency::request_hash("POST", &path, &request)?;
    let mut tx = state.db.write.begin().await?;
    let claim = match idempotency::claim(&mut tx, auth.user_id, &key, "POST", &path, &hash).await? {
        Claim::Replay(response) => return Ok(response),
        Claim::Fresh(claim) => claim,
    };
    let order = staff_cancel(&mut tx, auth, id, &reason, now).await?;
    let response = claim.complete(&mut tx, StatusCode::OK, &order).await?;
    tx.commit().await?;
    Ok(response)
}
