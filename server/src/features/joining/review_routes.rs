//! Heads and staff deciding join requests: `GET /api/v1/join-requests`, `POST …/{id}/approve`
//! and `POST …/{id}/decline`.

use axum::extract::State;
use axum::Json;
use linli_api_types::{JoinApproval, JoinDecision, JoinDecline, JoinRequestList, Problem};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::features::joining::review;
use crate::platform::auth::AuthUser;
use crate::platform::error::Result;
use crate::platform::extract::{path_id, ApiJson, ApiPath};
use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(approve))
        .routes(routes!(decline))
}

/// The requests waiting for the caller: of their unit (unit head), building (building head)
/// or community (staff), oldest first, each with the register's names for that room.
#[utoipa::path(
    get,
    path = "/api/v1/join-requests",
    tag = "joining",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Waiting requests in the caller's scope", body = JoinRequestList),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a head nor staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn list(State(state): State<AppState>, auth: AuthUser) -> Result<Json<JoinRequestList>> {
    Ok(Json(review::list(&state.db, &auth).await?))
}

/// Approve: the resident becomes a member of the household, linked to the register entry
/// named (of that room, not linked yet) if any.
#[utoipa::path(
    post,
    path = "/api/v1/join-requests/{id}/approve",
    tag = "joining",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The join request")),
    request_body = JoinApproval,
    responses(
        (status = 200, description = "Approved", body = JoinDecision),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller's own request (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided already (`already_decided`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The register entry is not of that room or is linked (`register_member_id`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn approve(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(approval): ApiJson<JoinApproval>,
) -> Result<Json<JoinDecision>> {
    let id = path_id(&id)?;
    Ok(Json(review::approve(&state.db, &auth, id, approval).await?))
}

/// Decline with a reason the resident reads; they can correct their room and ask again.
#[utoipa::path(
    post,
    path = "/api/v1/join-requests/{id}/decline",
    tag = "joining",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The join request")),
    request_body = JoinDecline,
    responses(
        (status = 200, description = "Declined", body = JoinDecision),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller's own request (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided already (`already_decided`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason, or over 200 characters", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn decline(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<JoinDecline>,
) -> Result<Json<JoinDecision>> {
    let id = path_id(&id)?;
    Ok(Json(review::decline(&state.db, &auth, id, body).await?))
}
