//! No secrets in the server's logs: passwords, session tokens, Idempotency-Keys, voucher codes
//! and check-in codes never appear in what it writes, even at TRACE level, through sign-in,
//! use, password change, sign-out, redeeming and handing over a reward, and checking in.

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

/// Everything the server writes from here on, at TRACE level, until the capture is dropped.
struct Capture {
    captured: Captured,
    _second: tracing::Dispatch,
    _guard: tracing::subscriber::DefaultGuard,
}

impl Capture {
    // `#[tokio::test]` runs on one thread, and the server is spawned onto it, so a subscriber
    // set as this thread's default sees every event of the server and no other test's.
    fn start() -> Capture {
        let captured = Captured::default();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            // No clock: its digits could look like a six-digit check-in code.
            .without_time()
            .with_writer(captured.clone())
            .finish();
        // With a single dispatcher registered, tracing takes it for everyone's and caches a
        // callsite's interest from whichever thread reaches it first: another test's thread,
        // with no subscriber, would switch the server's spans off for good. A second live
        // dispatcher makes it ask all of them.
        let second = tracing::Dispatch::new(tracing_subscriber::registry());
        let guard = tracing::subscriber::set_default(subscriber);
        tracing::callsite::rebuild_interest_cache();
        Capture {
            captured,
            _second: second,
            _guard: guard,
        }
    }

    fn text(&self) -> String {
        self.captured.text()
    }
}

#[tokio::test]
async fn passwords_tokens_and_idempotency_keys_never_reach_the_log() {
    let capture = Capture::start();
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
    let log = capture.text();
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

/// A voucher code redeems nothing alone, but it is the resident's claim on a reward; the
/// check-in code is what proves presence at a task. Staff look vouchers up by the code in the
/// path, which the request log used to write out.
#[tokio::test]
async fn voucher_codes_and_check_in_codes_never_reach_the_log() {
    let capture = Capture::start();
    let app = spawn_app().await;
    let resident = app.signed_in(RESIDENT).await.token;
    let staff = app.signed_in(STAFF).await.token;
    let head = app.signed_in(BUILDING_HEAD).await.token;
    let volunteer = app.signed_in(VOLUNTEER).await.token;
    let db = linli_server::platform::db::Db::connect(&app.database_url)
        .await
        .unwrap();
    let reward: i64 = sqlx::query_scalar(
        "SELECT r.id FROM rewards r JOIN communities c ON c.id = r.community_id \
         WHERE c.name = '井湘社区' AND r.name = '牙膏'",
    )
    .fetch_one(&db.read)
    .await
    .unwrap();
    let building_3: i64 = sqlx::query_scalar(
        "SELECT id FROM buildings WHERE estate = '华盛世纪新城' AND name = '3栋'",
    )
    .fetch_one(&db.read)
    .await
    .unwrap();
    let send = |request: reqwest::RequestBuilder, token: &str| {
        request.bearer_auth(token.to_owned()).send()
    };

    // A reward redeemed, the voucher looked up and handed over at the desk.
    let redeemed = send(
        app.client
            .post(app.url(&format!("/api/v1/rewards/{reward}/redemptions"))),
        &resident,
    )
    .await
    .unwrap();
    assert_eq!(redeemed.status(), StatusCode::CREATED);
    let code = redeemed.json::<serde_json::Value>().await.unwrap()["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let typed_by_staff = code.to_lowercase().replace('-', "");
    for looked_up in [&code, &typed_by_staff] {
        let found = send(
            app.client
                .get(app.url(&format!("/api/v1/vouchers/{looked_up}"))),
            &staff,
        )
        .await
        .unwrap();
        assert_eq!(found.status(), StatusCode::OK, "{looked_up}");
    }
    let used = send(
        app.client
            .put(app.url(&format!("/api/v1/vouchers/{code}/used"))),
        &staff,
    )
    .await
    .unwrap();
    assert_eq!(used.status(), StatusCode::OK);
    // A code that names nothing, and one sent to a path no route knows.
    let unknown = "ZZ9Q-XW7K";
    for path in [
        format!("/api/v1/vouchers/{unknown}"),
        format!("/api/v1/voucher/{unknown}"),
    ] {
        let answer = send(app.client.get(app.url(&path)), &staff).await.unwrap();
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "{path}");
    }

    // A task checked in to with the code shown at the site.
    let starts = chrono::Utc::now() + chrono::Duration::minutes(30);
    let task = send(
        app.client.post(app.url("/api/v1/tasks")).json(&json!({
            "title": "清理楼道",
            "category": "environment",
            "place": "3栋楼下",
            "starts_at": starts,
            "ends_at": starts + chrono::Duration::hours(2),
            "capacity": 5,
            "points": 5,
            "target": { "kind": "building", "id": building_3 },
        })),
        &head,
    )
    .await
    .unwrap();
    assert_eq!(task.status(), StatusCode::CREATED);
    let task = task.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let joined = send(
        app.client
            .put(app.url(&format!("/api/v1/tasks/{task}/enrollment"))),
        &volunteer,
    )
    .await
    .unwrap();
    assert_eq!(joined.status(), StatusCode::OK);
    let check_in_code = send(
        app.client
            .get(app.url(&format!("/api/v1/tasks/{task}/check-in-code"))),
        &head,
    )
    .await
    .unwrap()
    .json::<serde_json::Value>()
    .await
    .unwrap()["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let checked_in = send(
        app.client
            .post(app.url(&format!("/api/v1/tasks/{task}/check-in")))
            .json(&json!({ "code": check_in_code })),
        &volunteer,
    )
    .await
    .unwrap();
    assert_eq!(checked_in.status(), StatusCode::OK);

    let log = capture.text();
    // The requests are there, with the route in place of the code and the ids kept.
    assert!(log.contains("/api/v1/vouchers/{code}/used"), "{log}");
    assert!(
        log.contains(&format!("/api/v1/tasks/{task}/check-in")),
        "{log}"
    );
    let upper = typed_by_staff.to_uppercase();
    for secret in [
        code.as_str(),
        typed_by_staff.as_str(),
        upper.as_str(),
        unknown,
    ] {
        assert!(!log.contains(secret), "{secret:?} is in the log:\n{log}");
    }
    assert!(
        !contains_number(&log, &check_in_code),
        "check-in code {check_in_code} is in the log:\n{log}"
    );
}

/// Whether `number` appears in `text` as a whole number (not inside a longer one, such as a
/// latency).
fn contains_number(text: &str, number: &str) -> bool {
    text.match_indices(number).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + number.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}
