//! The resident's own join request: `GET` and `PUT /api/v1/me/join-request`.

use axum::extract::State;
use axum::Json;
use linli_api_types::{JoinAgain, MyJoinRequest, Problem};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::features::joining::own_request;
use crate::platform::auth::AuthUser;
use crate::platform::error::Result;
use crate::platform::extract::ApiJson;
use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(my_request, ask_again))
}

/// The resident's latest join request, and while it waits who can approve it.
#[utoipa::path(
    get,
    path = "/api/v1/me/join-request",
    tag = "joining",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The latest request", body = MyJoinRequest),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The member never asked to join (a seeded or staff-made account)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn my_request(State(state): State<AppState>, auth: AuthUser) -> Result<Json<MyJoinRequest>> {
    Ok(Json(own_request::load(&state.db, auth.user_id).await?))
}

/// Ask again, for a corrected home (after a decline, or while waiting): the register may let
/// the resident in at once; otherwise the new request waits and replaces the old one.
#[utoipa::path(
    put,
    path = "/api/v1/me/join-request",
    tag = "joining",
    security(("bearer" = [])),
    request_body = JoinAgain,
    responses(
        (status = 200, description = "The new request (approved when the register vouched)", body = MyJoinRequest),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A member of their household already (`already_member`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown unit (of the resident's community) or door", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn ask_again(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(request): ApiJson<JoinAgain>,
) -> Result<Json<MyJoinRequest>> {
    Ok(Json(
        own_request::ask_again(&state.db, &auth, request).await?,
    ))
}
