//! Joining without a session: signing up (`POST /api/v1/join`), the places one can sign up in,
//! and what a building's invite names.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use linli_api_types::{InviteTarget, JoinPlaces, Problem, SignUpRequest, SignedUp};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::features::joining::{invites, places, sign_up};
use crate::platform::error::Result;
use crate::platform::extract::{ApiJson, ApiPath, ClientIp};
use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(join))
        .routes(routes!(join_places))
        .routes(routes!(invite_target))
}

/// Sign up: a new account, signed in at once. Active when the household register has this
/// name and phone for that room; otherwise waiting (`me.status` = `pending`) for the unit or
/// building head to approve.
#[utoipa::path(
    post,
    path = "/api/v1/join",
    tag = "joining",
    request_body = SignUpRequest,
    responses(
        (status = 201, description = "Signed up and signed in; the token is shown only this once", body = SignedUp),
        (status = 400, description = "The body is not valid JSON (`bad_json`)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors (`validation`): a malformed phone, a short or common password, a name, an unknown unit (`unit_id` `unknown`) or door (`door` `unknown_door`), a phone with an account (`phone` `phone_taken`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many sign-ups from this address or for this phone (`rate_limited`); see Retry-After", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until trying again can succeed"))),
        (status = 503, description = "Too many passwords being hashed at once (`overloaded`); see Retry-After", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all)]
async fn join(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(request): ApiJson<SignUpRequest>,
) -> Result<(StatusCode, Json<SignedUp>)> {
    let signed_up = sign_up::sign_up(
        &state.db,
        &state.hasher,
        state.config.session_ttl,
        request,
        &ip,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(signed_up)))
}

/// Every community with its buildings and units, for the sign-up form.
#[utoipa::path(
    get,
    path = "/api/v1/join/places",
    tag = "joining",
    responses((status = 200, description = "Communities, buildings and units", body = JoinPlaces))
)]
#[tracing::instrument(skip_all)]
async fn join_places(State(state): State<AppState>) -> Result<Json<JoinPlaces>> {
    Ok(Json(places::list(&state.db).await?))
}

/// What a building's invite link names: the community, the building and its units.
#[utoipa::path(
    get,
    path = "/api/v1/join/invites/{code}",
    tag = "joining",
    params(("code" = String, Path, description = "The code of the invite link /join/{code}")),
    responses(
        (status = 200, description = "The building the invite is for", body = InviteTarget),
        (status = 404, description = "No such invite, or it was renewed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all)]
async fn invite_target(
    State(state): State<AppState>,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<InviteTarget>> {
    Ok(Json(invites::target(&state.db, &code).await?))
}
