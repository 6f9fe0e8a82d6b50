//! `PUT /api/v1/me/password`: changing the password, which signs out every other device.

use utoipa_axum::{router::OpenApiRouter, routes};
use axum::extract::State;
use axum::http::StatusCode;
use linli_api_types::{is_too_common, NewPassword, Password, PasswordChange, Problem};

use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::extract::{ApiJson, ClientIp};
use crate::features::account::sign_in_limits::{self, Limit};
use crate::features::account::sessions;
use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(change_password))
}

#[derive(sqlx::FromRow)]
struct Credentials {
    phone: String,
    password_hash: String,
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
    let mut issues = Vec::new();
    FieldIssue::check(
        "current_password",
        Password::check(&request.current_password),
        &mut issues,
    );
    let new_password = FieldIssue::check(
        "new_password",
        NewPassword::check(&request.new_password),
        &mut issues,
    );
    if new_password.is_some() && is_too_common(&request.new_password) {
        issues.push(FieldIssue::new("new_password", Rule::TooCommon));
    }
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let db = &state.db;
    let user: Credentials = sqlx::query_as("SELECT phone, password_hash FROM users WHERE id = $1")
        .bind(auth.user_id)
        .fetch_one(&db.read)
        .await?;
    let reservation = sign_in_limits::reserve(db, vec![Limit::password_change(auth.user_id)]).await?;
    // Two hashes (the check, then the new one), two places in the queue: a full queue refuses
    // before anything is spent.
    let (check, new) = match (state.hasher.slot(), state.hasher.slot()) {
        (Ok(check), Ok(new)) => (check, new),
        (Err(overloaded), _) | (_, Err(overloaded)) => {
            reservation.release(db).await?;
            return Err(overloaded);
        }
    };
    let verified = match check
        .verify(request.current_password.clone(), Some(user.password_hash))
        .await
    {
        Ok(verified) => verified,
        Err(error) => {
            reservation.release(db).await?;
            return Err(error);
        }
    };
    sign_in_limits::record_sign_in(db, &user.phone, &ip, verified).await?;
    if !verified {
        reservation.failed();
        return Err(AppError::Validation(vec![FieldIssue::new(
            "current_password",
            Rule::WrongPassword,
        )]));
    }
    reservation.succeeded(db).await?;
    if request.new_password == request.current_password {
        return Err(AppError::Validation(vec![FieldIssue::new(
            "new_password",
            Rule::SameAsCurrent,
        )]));
    }

    let new_hash = new.hash(request.new_password).await?;
    let now = now_ms();
    let mut tx = db.write.begin().await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(&new_hash)
        .bind(auth.user_id)
        .execute(&mut *tx)
        .await?;
    let revoked = sqlx::query(
        "UPDATE sessions SET revoked_at = $1 \
         WHERE user_id = $2 AND id <> $3 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(auth.user_id)
    .bind(auth.session_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    tracing::info!(revoked_sessions = revoked, "password changed");
    sessions::purge_dead(db, Some(auth.user_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}
