//! A server busier than its database pool: 503 `overloaded` with Retry-After, at once.

use std::time::{Duration, Instant};

use reqwest::header::RETRY_AFTER;
use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn a_busy_pool_answers_503_with_retry_after_within_seconds() {
    let app = spawn_app_with(|config| {
        config.pool.acquire_timeout = linli_server::platform::db::ACQUIRE_TIMEOUT;
    })
    .await;
    let token = app.signed_in(RESIDENT).await.token;
    // Every read connection taken, as by requests the server cannot keep up with.
    let pool = &app.db.read;
    let mut held = Vec::new();
    for _ in 0..pool.options().get_max_connections() {
        held.push(pool.acquire().await.expect("a connection"));
    }

    let started = Instant::now();
    let response = app.get_me(Some(&token)).await;
    let waited = started.elapsed();

    assert_eq!(
        response.headers().get(RETRY_AFTER).map(|v| v.as_bytes()),
        Some(&b"1"[..])
    );
    let problem = problem(response, StatusCode::SERVICE_UNAVAILABLE).await;
    assert_eq!(problem.code, "overloaded");
    // The pool's acquire time-out (2 s), not the 10 s a request used to hang before a 500.
    assert!(waited < Duration::from_secs(5), "answered after {waited:?}");

    drop(held);
    assert_eq!(app.get_me(Some(&token)).await.status(), StatusCode::OK);
}
