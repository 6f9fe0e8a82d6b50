//! `/api/v1/proxy…`: whom a head or staff member may act for, starting 代办 and ending it.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};
use linli_api_types::{
    Problem, ProxyResident, ProxyResidents, ProxyStart, ProxyTargetKind, SessionGrant,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{acting, residents, start};
use crate::features::account::me;
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::{AppError, Result};
use crate::platform::extract::{path_id, ApiJson, ApiPath, ClientIp};
use crate::platform::ids::UserId;
use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(one))
        .routes(routes!(start_session))
        .routes(routes!(end_session))
}

/// `GET /proxy/residents` query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Part of a name; all residents of the scope when absent.
    q: Option<String>,
}

/// Residents of the caller's scope they may act for by 代办.
#[utoipa::path(
    get,
    path = "/api/v1/proxy/residents",
    tag = "proxy",
    security(("bearer" = [])),
    params(ListParams),
    responses(
        (status = 200, description = "Up to 40 residents whose name contains `q`: members without a role and register members not on Linli, of the buildings, units or grid the caller heads (staff: the community), those with care tags and without a login first", body = ProxyResidents),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a head or staff member, or in a 代办 session (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    params: std::result::Result<Query<ListParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ProxyResidents>> {
    let query = params.ok().and_then(|Query(p)| p.q).unwrap_or_default();
    let query: String = query.chars().take(20).collect();
    Ok(Json(residents::list(&state.db.read, &auth, &query).await?))
}

/// One resident the caller may act for: who they are and where they live, for the start page.
#[utoipa::path(
    get,
    path = "/api/v1/proxy/residents/{kind}/{id}",
    tag = "proxy",
    security(("bearer" = [])),
    params(
        ("kind" = ProxyTargetKind, Path, description = "`account` or `register` (a register entry)"),
        ("id" = i64, Path, description = "The account's or register entry's id"),
    ),
    responses(
        (status = 200, description = "The resident; a register entry with an account is answered as the account", body = ProxyResident),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a head or staff member, or in a 代办 session (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such resident in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn one(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath((kind, id)): ApiPath<(String, String)>,
) -> Result<Json<ProxyResident>> {
    let kind = ProxyTargetKind::parse(&kind).ok_or(AppError::NotFound)?;
    let id = path_id(&id)?;
    Ok(Json(residents::one(&state.db.read, &auth, kind, id).await?))
}

/// Starts 代办 for a resident of the caller's scope; ends the caller's previous one.
#[utoipa::path(
    post,
    path = "/api/v1/proxy/sessions",
    tag = "proxy",
    security(("bearer" = [])),
    request_body = ProxyStart,
    responses(
        (status = 201, description = "A session for the resident, naming the caller as the one acting (`me.proxy`), for 30 minutes; the token is shown only this once. A register member without a login gets a `proxy_only` account, once. Not idempotent on purpose: a retry opens a new session and ends the first", body = SessionGrant),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a head or staff member, or in a 代办 session (`forbidden`); the resident is the caller (`proxy_self`) or holds a role (`proxy_role_holder`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such resident in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The resident's account waits for approval or was declined (`proxy_not_member`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing or malformed fields (`validation`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn start_session(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    auth: AuthUser,
    ApiJson(request): ApiJson<ProxyStart>,
) -> Result<(StatusCode, Json<SessionGrant>)> {
    let now = now_ms();
    let mut tx = state.db.write.begin().await?;
    let started = start::start(&mut tx, &auth, &request, &ip, now).await?;
    tx.commit().await?;
    let mut me = me::load(&state.db, UserId(started.resident_id)).await?;
    let expires_at = DateTime::<Utc>::from_timestamp_millis(started.expires_at)
        .ok_or_else(|| AppError::internal("proxy expiry"))?;
    me.proxy = Some(linli_api_types::ProxyActor {
        id: auth.user_id,
        name: me::load(&state.db, UserId(auth.user_id)).await?.name,
        expires_at,
    });
    Ok((
        StatusCode::CREATED,
        Json(SessionGrant {
            token: started.token,
            expires_at,
            me,
        }),
    ))
}

/// Ends 代办: with the 代办 session's token, that session; with the caller's own, all of theirs.
#[utoipa::path(
    delete,
    path = "/api/v1/proxy/current",
    tag = "proxy",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Ended (or nothing was running); the 代办 token stops working"),
        (status = 401, description = "No valid session (`unauthenticated`, `session_expired`: a 代办 session past its 30 minutes)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn end_session(State(state): State<AppState>, auth: AuthUser) -> Result<StatusCode> {
    let mut tx = state.db.write.begin().await?;
    acting::end(&mut tx, &auth, now_ms()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
