//! The `/api` routes, one file per resource, and the problem answers for routes that do not exist.

use axum::routing::{any, get};
use axum::{Json, Router};

use crate::error::AppError;
use crate::openapi;
use crate::state::AppState;

pub mod corrections;
pub mod health;
pub mod me;
// Issue 15: staff removing a member's volunteer flag and role grants.
pub mod members;
pub mod notices;
pub mod orders;
pub mod password_change;
pub mod services;
pub mod sessions;
// Volunteer tasks and the love bank (issue 4).
pub mod points;
// 积分管理: policy and audit (issue 15).
pub mod points_admin;
pub mod tasks;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(sessions::router())
        .merge(me::router())
        .merge(password_change::router())
        .merge(notices::router())
        // Volunteer tasks and the love bank (issue 4).
        .merge(tasks::router())
        .merge(points::router())
        .merge(corrections::router())
        .merge(points_admin::router())
        .merge(services::router())
        .merge(orders::router())
        .merge(members::router())
        .merge(health::router())
        .route(
            "/api/v1/openapi.json",
            get(|| async { Json(openapi::document()) }),
        )
        .route("/api", any(unknown_route))
        .route("/api/{*rest}", any(unknown_route))
        .method_not_allowed_fallback(method_not_allowed)
}

/// An id from the path (`/notices/{id}`, `/tasks/{id}` …): a positive integer, or it names
/// nothing (404).
pub fn path_id(raw: &str) -> crate::error::Result<i64> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(AppError::NotFound)
}

async fn unknown_route() -> AppError {
    AppError::NotFound
}

async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
