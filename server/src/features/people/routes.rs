//! 居民: `GET /api/v1/people`, `GET /api/v1/people/{person}`, reset codes
//! (`POST /api/v1/members/{id}/reset-codes`, `POST /api/v1/password-resets`) and
//! `GET /api/v1/me/password-reset`.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use linli_api_types::{
    PasswordReset, PasswordResetDone, PasswordResetNotice, PeoplePage, PersonDetail, Problem,
    ResetCode,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::features::people::{directory, person, reset_codes};
use crate::platform::auth::AuthUser;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::extract::{path_id, ApiJson, ApiPath, ClientIp};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(people))
        .routes(routes!(person_detail))
        .routes(routes!(issue_reset_code))
        .routes(routes!(reset_password))
        .routes(routes!(password_reset_notice))
}

/// `GET /people` query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeopleParams {
    /// Name, phone or room ("3栋1单元1502", "1502"); all within reach when empty. At most 40
    /// characters.
    q: Option<String>,
}

/// Residents within the caller's reach (staff: the community; 网格长: their grids; building
/// heads: their buildings; unit heads: their units): accounts and register members not on
/// Linli, with address, relation, care tags, status, masked phone and roles; by building,
/// unit and door. At most 50: `more` says the search should narrow.
#[utoipa::path(
    get,
    path = "/api/v1/people",
    tag = "people",
    security(("bearer" = [])),
    params(PeopleParams),
    responses(
        (status = 200, description = "People found", body = PeoplePage),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a head nor staff", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`q` too_long", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn people(
    State(state): State<AppState>,
    auth: AuthUser,
    params: std::result::Result<Query<PeopleParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<PeoplePage>> {
    let Query(params) =
        params.map_err(|_| AppError::Validation(vec![FieldIssue::new("q", Rule::BadFormat)]))?;
    Ok(Json(directory::search(&state.db, &auth, params.q).await?))
}

/// A person within the caller's reach: `u<id>` an account, `r<id>` a register member not on
/// Linli (one who has joined since answers as their account). Their household, register
/// entry, roles, the history of changes to their roles, and what the caller may do.
#[utoipa::path(
    get,
    path = "/api/v1/people/{person}",
    tag = "people",
    security(("bearer" = [])),
    params(("person" = String, Path, description = "`u<account id>` or `r<register member id>`")),
    responses(
        (status = 200, description = "The person", body = PersonDetail),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a head nor staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such person within reach", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn person_detail(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(reference): ApiPath<String>,
) -> Result<Json<PersonDetail>> {
    Ok(Json(person::detail(&state.db, &auth, &reference).await?))
}

/// Issues a one-time password reset code for a member, shown this once: 8 digits, valid 30
/// minutes, single use; an earlier unused code is void. Heads for residents of their places
/// who hold no role and do not volunteer; staff for anyone of the community; nobody for
/// themselves. A retry issues a new code (no stored answer holds one in the clear).
#[utoipa::path(
    post,
    path = "/api/v1/members/{id}/reset-codes",
    tag = "people",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The member's user id")),
    responses(
        (status = 201, description = "The code", body = ResetCode),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a head or staff; themselves; a head for someone holding a role; an account without a login", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member within reach", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn issue_reset_code(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<(StatusCode, Json<ResetCode>)> {
    let code = reset_codes::issue(&state.db, &auth, path_id(&id)?).await?;
    Ok((StatusCode::CREATED, Json(code)))
}

/// 忘记密码: sets a new password with the code a head or staff member gave (no session). Every
/// session of the account is signed out. A wrong phone and a wrong, used, void or expired code
/// answer alike; after 5 wrong codes for a phone its code is void.
#[utoipa::path(
    post,
    path = "/api/v1/password-resets",
    tag = "people",
    request_body = PasswordReset,
    responses(
        (status = 200, description = "Password set; every session of the account signed out", body = PasswordResetDone),
        (status = 400, description = "The body is not valid JSON (`bad_json`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`phone` bad_format; `code` required/bad_format/wrong_code; `new_password` required/too_short/too_long/too_common", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts from this address (`rate_limited`, 30 an hour); see Retry-After", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until trying again can succeed"))),
        (status = 503, description = "Too many passwords being hashed at once (`overloaded`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all)]
async fn reset_password(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(request): ApiJson<PasswordReset>,
) -> Result<Json<PasswordResetDone>> {
    let sessions_signed_out = reset_codes::reset(&state.db, &state.hasher, request, &ip).await?;
    Ok(Json(PasswordResetDone {
        sessions_signed_out,
    }))
}

/// The last reset of one's password with a code: by whom and when (shown in 我的).
#[utoipa::path(
    get,
    path = "/api/v1/me/password-reset",
    tag = "people",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The last reset, if any", body = PasswordResetNotice),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn password_reset_notice(
    State(state): State<AppState>,
    auth: AuthUser,
) -> Result<Json<PasswordResetNotice>> {
    Ok(Json(reset_codes::notice(&state.db, &auth).await?))
}
