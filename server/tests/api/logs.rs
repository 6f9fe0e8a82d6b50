//! No secrets in the server's logs: passwords, session tokens and Idempotency-Keys never appear
//! in what it writes, even at TRACE level, through sign-in, use, password change and sign-out.

use std::io::Write;
use std::sync::{Arc, Mutex};

use reqwest::StatusCode;
use serde_json::json;
use tracing_subscriber::fmt::MakeWriter;

use crate::helpers::*;

/// Everything the subscriber writes, kept for the test to read.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

// `#[tokio::test]` runs on one thread, and the server is spawned onto it, so a subscriber set
// as this thread's default sees every event of the server and no other test's.
#[tokio::test]
async fn passwords_tokens_and_idempotency_keys_never_reach_the_log() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(captured.clone())
        .finish();
    // With a single dispatcher registered, tracing takes it for everyone's and caches a
    // callsite's interest from whichever thread reaches it first: another test's thread, with
    // no subscriber, would switch the server's spans off for good. A second live dispatcher
    // makes it ask all of them.
    let _second = tracing::Dispatch::new(tracing_subscriber::registry());
    let _guard = tracing::subscriber::set_default(subscriber);
    tracing::callsite::rebuild_interest_cache();
    let app = spawn_app().await;
    let new_password = "Secret-New-Pass-8842";
    let wrong_password = "Wrong-Guess-5531";
    let idempotency_key = "idem-key-3f9a7c21-secret";

    let refused = app.sign_in(RESIDENT, wrong_password).await;
    let grant = app.signed_in(RESIDENT).await;
    let read = app
        .client
        .put(app.url("/api/v1/notices/1/read"))
        .bearer_auth(&grant.token)
        .header("Idempotency-Key", idempotency_key)
        .send()
        .await
        .unwrap();
    let order = app
        .client
        .post(app.url("/api/v1/orders"))
        .bearer_auth(&grant.token)
        .header("Idempotency-Key", idempotency_key)
        .json(&json!({ "service_id": 1, "note": "x" }))
        .send()
        .await
        .unwrap();
    let changed = app
        .client
        .put(app.url("/api/v1/me/password"))
        .bearer_auth(&grant.token)
        .json(&json!({ "current_password": PASSWORD, "new_password": new_password }))
        .send()
        .await
        .unwrap();
    let signed_out = app.sign_out(&grant.token).await;

    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert!(read.status().is_client_error() || read.status().is_success());
    assert!(order.status().is_client_error() || order.status().is_success());
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    assert_eq!(signed_out.status(), StatusCode::NO_CONTENT);
    let log = captured.text();
    // The capture works: requests and the server's own events are there.
    assert!(log.contains("/api/v1/sessions"), "{log}");
    assert!(log.contains("password changed"), "{log}");
    // On PostgreSQL sqlx's statements are in it too (their text, never the bound values). The
    // SQLite driver runs them on its own worker threads, out of this capture's reach.
    if app.database_url.starts_with("postgres") {
        assert!(log.contains("sqlx::query"), "{log}");
    }
    for secret in [
        PASSWORD,
        new_password,
        wrong_password,
        &grant.token,
        idempotency_key,
    ] {
        assert!(!log.contains(secret), "{secret:?} is in the log:\n{log}");
    }
    assert!(!log.to_ascii_lowercase().contains("bearer "), "{log}");
}
