//! The `/api` routes, one file per resource, and the problem answers for routes that do not exist.

use axum::routing::{any, get};
use axum::{Json, Router};

use crate::error::AppError;
use crate::openapi;
use crate::state::AppState;

pub mod health;
pub mod me;
pub mod notices;
pub mod sessions;
// Volunteer tasks and the love bank (issue 4).
pub mod points;
pub mod tasks;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(sessions::router())
        .merge(me::router())
        .merge(notices::router())
        // Volunteer tasks and the love bank (issue 4).
        .merge(tasks::router())
        .merge(points::router())
        .merge(health::router())
        .route(
            "/api/v1/openapi.json",
            get(|| async { Json(openapi::document()) }),
        )
        .route("/api", any(unknown_route))
        .route("/api/{*rest}", any(unknown_route))
        .method_not_allowed_fallback(method_not_allowed)
}

async fn unknown_route() -> AppError {
    AppError::NotFound
}

async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
