//! Buildings' invites for heads and staff: `GET /api/v1/invites` and
//! `POST /api/v1/buildings/{id}/invite` (renew).

use axum::extract::State;
use axum::http::header::HOST;
use axum::http::HeaderMap;
use axum::Json;
use linli_api_types::{BuildingInvite, BuildingInvites, Problem};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::features::joining::invites;
use crate::platform::auth::AuthUser;
use crate::platform::error::Result;
use crate::platform::extract::{path_id, ApiPath};
use crate::platform::forwarded;
use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(renew))
}

/// Where the app was reached, for the link the QR code holds: the address the head's phone
/// used is the one neighbours can reach too.
fn origin(headers: &HeaderMap, state: &AppState) -> String {
    let host = headers
        .get(HOST)
        .and_then(|value| value.to_str().ok())
        .filter(|host| {
            host.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
        .unwrap_or("localhost");
    let scheme = if forwarded::is_https(headers, state.config.trusted_proxies) {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// The invite link and QR code of every building the caller heads or heads a unit of (staff:
/// every building of the community). A building without one gets its first code.
#[utoipa::path(
    get,
    path = "/api/v1/invites",
    tag = "joining",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Invites, one per building", body = BuildingInvites),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a head nor staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    headers: HeaderMap,
) -> Result<Json<BuildingInvites>> {
    let origin = origin(&headers, &state);
    Ok(Json(invites::list(&state.db, &auth, &origin).await?))
}

/// Renew a building's invite: a new code; the old link stops working at once.
#[utoipa::path(
    post,
    path = "/api/v1/buildings/{id}/invite",
    tag = "joining",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The building")),
    responses(
        (status = 200, description = "The new invite", body = BuildingInvite),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such building among those the caller may invite to", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn renew(
    State(state): State<AppState>,
    auth: AuthUser,
    headers: HeaderMap,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<BuildingInvite>> {
    let id = path_id(&id)?;
    let origin = origin(&headers, &state);
    Ok(Json(invites::renew(&state.db, &auth, id, &origin).await?))
}
