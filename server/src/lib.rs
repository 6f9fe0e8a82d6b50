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

pub mod api;
pub mod config;
#[cfg(feature = "demo")]
pub mod demo;
pub mod features;
pub mod openapi;
pub mod platform;
pub mod startup;
pub mod state;

pub use config::Config;
pub use platform::error::AppError;
pub use startup::Application;
pub use state::AppState;

/// The whole HTTP surface: the API, the app's files, and the layers around both.
pub fn app(state: AppState) -> Router {
    let dist = state.config.dist_dir.clone();
    let policy = platform::security_headers::policy_for_dist(&dist);
    // Method, path (without voucher codes and the like), status and latency only: headers and
    // bodies carry tokens and passwords. A layer of the router, so the matched route is known.
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &Request| {
            tracing::info_span!("request", method = %request.method(), path = %platform::request_log::path(request))
        })
        .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(tower_http::LatencyUnit::Micros));
    Router::new()
        .merge(api::router())
        .merge(platform::metrics::router())
        .fallback_service(platform::static_files::router(dist))
        .layer(DefaultBodyLimit::max(platform::extract::MAX_BODY_BYTES))
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::from_fn_with_state(
            policy,
            platform::security_headers::add,
        ))
        .layer(middleware::from_fn(platform::lang::remember_language))
        .layer(middleware::from_fn(platform::metrics::record))
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
