//! Linli's REST backend: `/api/v1` on SQLite or PostgreSQL, and the built app, on one port.

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::Response;
use axum::middleware;
use axum::response::IntoResponse;
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

pub mod auth;
pub mod config;
// 积分管理 (issue 15).
pub mod corrections;
pub mod db;
pub mod error;
pub mod extract;
pub mod forwarded;
pub mod housekeeping;
pub mod http;
pub mod idempotency;
pub mod known_devices;
pub mod lang;
pub mod ledger;
pub mod members;
pub mod notices;
pub mod openapi;
pub mod orders;
pub mod password;
pub mod places;
pub mod policy;
// Volunteer tasks and the love bank (issue 4).
pub mod points;
pub mod points_audit;
pub mod rate_limit;
pub mod request_log;
pub mod security_headers;
pub mod seed;
pub mod seed_love_bank;
pub mod session_token;
pub mod shanghai;
pub mod sessions;
pub mod startup;
pub mod state;
pub mod static_files;
pub mod tasks;
pub mod text;

pub use config::Config;
pub use error::AppError;
pub use startup::Application;
pub use state::AppState;

/// The whole HTTP surface: the API, the app's files, and the layers around both.
pub fn app(state: AppState) -> Router {
    let dist = state.config.dist_dir.clone();
    let policy = security_headers::policy_for_dist(&dist);
    // Method, path (without voucher codes and the like), status and latency only: headers and
    // bodies carry tokens and passwords. A layer of the router, so the matched route is known.
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &Request| {
            tracing::info_span!("request", method = %request.method(), path = %request_log::path(request))
        })
        .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(tower_http::LatencyUnit::Micros));
    Router::new()
        .merge(http::router())
        .fallback_service(static_files::router(dist))
        .layer(DefaultBodyLimit::max(extract::MAX_BODY_BYTES))
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::from_fn_with_state(
            policy,
            security_headers::add,
        ))
        .layer(middleware::from_fn(lang::remember_language))
        .layer(trace)
        .with_state(state)
}

fn panic_response(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    AppError::internal("a handler panicked").into_response()
}

#[cfg(test)]
mod tests {
    use axum::routing::get;
    use tower::ServiceExt;

    use super::*;

    async fn boom() -> &'static str {
        panic!("secret internals")
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_a_generic_problem() {
        let router: Router = Router::new()
            .route("/boom", get(boom))
            .layer(CatchPanicLayer::custom(panic_response));

        let response = router
            .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
            .await
            .unwrap();

        assert_eq!(response.status(), 500);
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json"
        );
        let body = axum::body::to_bytes(response.into_body(), 4096)
            .await
            .unwrap();
        let problem: linli_api_types::Problem = serde_json::from_slice(&body).unwrap();
        assert_eq!(problem.code, "internal");
        assert!(!String::from_utf8_lossy(&body).contains("secret"));
    }
}
