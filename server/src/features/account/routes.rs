//! Signing in (`POST /api/v1/sessions`) and out (`DELETE /api/v1/sessions/current`).

use utoipa_axum::{router::OpenApiRouter, routes};
use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::Json;
use chrono::{DateTime, Utc};
use linli_api_types::{Password, Phone, Problem, SessionGrant, SignInRequest};

use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::{AppError, FieldIssue, Result};
use crate::platform::extract::{ApiJson, ClientIp};
use crate::features::account::me_routes::load_me;
use crate::features::account::sign_in_limits::{self, Limit};
use crate::state::AppState;
use crate::features::account::{known_devices, session_token, sessions};
use crate::platform::forwarded;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_in))
        .routes(routes!(sign_out))
}

/// The `linli_device` cookie of a successful sign-in (server/src/features/account/known_devices.rs).
type SetCookie = [(axum::http::HeaderName, HeaderValue); 1];

#[derive(sqlx::FromRow)]
struct Credentials {
    id: i64,
    password_hash: String,
}

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
    let mut issues = Vec::new();
    let phone = FieldIssue::check("phone", Phone::parse(&request.phone), &mut issues);
    FieldIssue::check("password", Password::check(&request.password), &mut issues);
    let Some(phone) = phone.filter(|_| issues.is_empty()) else {
        return Err(AppError::Validation(issues));
    };
    let db = &state.db;
    // A device that has signed in to this phone before is counted on its own; anyone else
    // on the address, the phone-and-address and the phone (server/src/features/account/sign_in_limits.rs).
    let device = known_devices::recognise(db, &headers, phone.as_str()).await?;
    let limits = match &device {
        Some((device_id, _)) => vec![Limit::device(*device_id)],
        None => vec![
            Limit::ip(&ip),
            Limit::phone_ip(phone.as_str(), &ip),
            Limit::phone(phone.as_str()),
        ],
    };
    let reservation = sign_in_limits::reserve(db, limits).await?;
    let slot = match state.hasher.slot() {
        Ok(slot) => slot,
        Err(overloaded) => {
            reservation.release(db).await?;
            return Err(overloaded);
        }
    };

    let user: Option<Credentials> =
        sqlx::query_as("SELECT id, password_hash FROM users WHERE phone = $1")
            .bind(phone.as_str())
            .fetch_optional(&db.read)
            .await?;
    let (user_id, stored) = match user {
        Some(user) => (Some(user.id), Some(user.password_hash)),
        None => (None, None),
    };
    let verified = match slot.verify(request.password, stored).await {
        Ok(verified) => verified,
        Err(error) => {
            reservation.release(db).await?;
            return Err(error);
        }
    };
    sign_in_limits::record_sign_in(db, phone.as_str(), &ip, verified).await?;
    let user_id = match user_id {
        Some(id) if verified => {
            reservation.succeeded(db).await?;
            id
        }
        _ => {
            reservation.failed();
            return Err(AppError::InvalidCredentials);
        }
    };

    // The user's dead sessions go now, so the table holds about one live row per device.
    sessions::purge_dead(db, Some(user_id)).await?;
    let token = session_token::generate();
    let now = now_ms();
    let ttl_ms = i64::try_from(state.config.session_ttl.as_millis()).unwrap_or(i64::MAX / 2);
    let expires_at = now.saturating_add(ttl_ms);
    sqlx::query(
        "INSERT INTO sessions (user_id, token_hash, created_at, expires_at, created_ip) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user_id)
    .bind(session_token::hash(&token))
    .bind(now)
    .bind(expires_at)
    .bind(&ip)
    .execute(&db.write)
    .await?;
    tracing::info!(user_id, "signed in");

    let device_token = known_devices::remember(db, user_id, device).await?;
    let cookie = known_devices::set_cookie(
        &device_token,
        forwarded::is_https(&headers, state.config.trusted_proxies),
    );

    let me = load_me(db, user_id).await?;
    let expires_at =
        DateTime::<Utc>::from_timestamp_millis(expires_at).unwrap_or(DateTime::<Utc>::MAX_UTC);
    Ok((
        StatusCode::CREATED,
        [(SET_COOKIE, cookie)],
        Json(SessionGrant {
            token,
            expires_at,
            me,
        }),
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
    sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(now_ms())
        .bind(auth.session_id)
        .execute(&state.db.write)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
