//! Signing in (`POST /api/v1/sessions`) and out (`DELETE /api/v1/sessions/current`).

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::Json;
use linli_api_types::{Problem, SessionGrant, SignInRequest};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::features::account::{self, known_devices, sessions};
use crate::platform::auth::AuthUser;
use crate::platform::error::Result;
use crate::platform::extract::{ApiJson, ClientIp};
use crate::platform::forwarded;
use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_in))
        .routes(routes!(sign_out))
}

/// The `linli_device` cookie of a successful sign-in (`known_devices`).
type SetCookie = [(axum::http::HeaderName, HeaderValue); 1];

/// Sign in with phone number and password.
#[utoipa::path(
    post,
    path = "/api/v1/sessions",
    tag = "sessions",
    request_body = SignInRequest,
    responses(
        (status = 201, description = "Signed in; the token is shown only this once. Sets the `linli_device` cookie (HttpOnly, SameSite=Strict, Path=/api/v1/sessions): sign-ins that carry it are counted apart from strangers' failures", body = SessionGrant,
            headers(("Set-Cookie" = String, description = "linli_device=…: this device has signed in before"))),
        (status = 400, description = "The body is not valid JSON (`bad_json`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Wrong phone number or password (`invalid_credentials`, field error on `password`)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing or malformed fields (`validation`, field errors)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts (`rate_limited`): for this phone from this address, for this phone from unknown devices (a wait that grows with each failure), for this known device, or from this address; see Retry-After", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until trying again can succeed"))),
        (status = 503, description = "Too many passwords being checked at once (`overloaded`); see Retry-After", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until trying again"))),
    )
)]
#[tracing::instrument(skip_all)]
async fn sign_in(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiJson(request): ApiJson<SignInRequest>,
) -> Result<(StatusCode, SetCookie, Json<SessionGrant>)> {
    let origin = account::sign_in::Origin {
        ip,
        device_token: known_devices::token_in(&headers),
    };
    let signed_in = account::sign_in::sign_in(
        &state.db,
        &state.hasher,
        state.config.session_ttl,
        request,
        origin,
    )
    .await?;
    let cookie = known_devices::set_cookie(
        &signed_in.device_token,
        forwarded::is_https(&headers, state.config.trusted_proxies),
    );
    Ok((
        StatusCode::CREATED,
        [(SET_COOKIE, cookie)],
        Json(signed_in.grant),
    ))
}

/// Sign out: the token stops working.
#[utoipa::path(
    delete,
    path = "/api/v1/sessions/current",
    tag = "sessions",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "No valid session (`unauthenticated`, `session_expired`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn sign_out(State(state): State<AppState>, auth: AuthUser) -> Result<StatusCode> {
    sessions::revoke(&state.db, auth.session_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
