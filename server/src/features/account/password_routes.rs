//! `PUT /api/v1/me/password`: changing the password, which signs out every other device.

use axum::extract::State;
use axum::http::StatusCode;
use linli_api_types::{PasswordChange, Problem};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::features::account::password_change;
use crate::platform::auth::AuthUser;
use crate::platform::error::Result;
use crate::platform::extract::{ApiJson, ClientIp};
use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(change_password))
}

/// Change the password. The current password is required (a borrowed, signed-in phone is not
/// enough) and wrong guesses are limited per user (a growing wait, apart from strangers'
/// sign-in failures, so nobody else can keep the owner from changing it). The new password
/// must differ from the current one and not be among the most common ones. Every other
/// session of the user is revoked; the one making the request stays signed in, so the app
/// keeps its token.
#[utoipa::path(
    put,
    path = "/api/v1/me/password",
    tag = "account",
    security(("bearer" = [])),
    request_body = PasswordChange,
    responses(
        (status = 204, description = "Changed; every other session of the user is signed out"),
        (status = 400, description = "The body is not valid JSON (`bad_json`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session (`unauthenticated`, `session_expired`)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors (`validation`): `current_password` required/too_long/wrong_password; `new_password` required/too_short (8)/too_long (128)/too_common (on the common list, one character repeated, or a run like 23456789)/same_as_current", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong current passwords from this account (`rate_limited`); see Retry-After", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until trying again can succeed"))),
        (status = 503, description = "Too many passwords being checked at once (`overloaded`); see Retry-After", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until trying again"))),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn change_password(
    State(state): State<AppState>,
    auth: AuthUser,
    ClientIp(ip): ClientIp,
    ApiJson(request): ApiJson<PasswordChange>,
) -> Result<StatusCode> {
    password_change::change(&state.db, &state.hasher, &auth, &ip, request).await?;
    Ok(StatusCode::NO_CONTENT)
}
