//! `GET /api/v1/health`: for load balancers and humans.

use utoipa_axum::{router::OpenApiRouter, routes};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use linli_api_types::Health;

use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(health))
}

/// Whether this server can reach its database.
#[utoipa::path(
    get,
    path = "/api/v1/health",
    tag = "operations",
    responses(
        (status = 200, description = "Serving", body = Health),
        (status = 503, description = "The database does not answer (`status` is \"degraded\")", body = Health),
    )
)]
async fn health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let reachable = state.db.is_reachable().await;
    let (status, text) = if reachable {
        (StatusCode::OK, "ok")
    } else {
        tracing::warn!("health check: database does not answer");
        (StatusCode::SERVICE_UNAVAILABLE, "degraded")
    };
    let health = Health {
        status: text.into(),
        database: state.db.backend.as_str().into(),
        version: env!("CARGO_PKG_VERSION").into(),
    };
    (status, Json(health))
}
