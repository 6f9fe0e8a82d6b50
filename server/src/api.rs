//! The `/api` surface: every feature's routes with their OpenAPI entries, the document
//! itself, and the problem answers for routes and methods that do not exist.

use axum::routing::{any, get};
use axum::{Json, Router};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::openapi;
use crate::platform::error::AppError;
use crate::state::AppState;

/// The routes and, beside each, its OpenAPI entry: the document is what these declare.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .merge(crate::features::router())
        .merge(crate::platform::health::router())
}

pub fn router() -> Router<AppState> {
    let (router, _) = routes().split_for_parts();
    router
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
