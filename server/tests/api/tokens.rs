//! Session tokens: they expire after LINLI_SESSION_TTL_SECS, end on sign-out, and end on every
//! other device when the password changes; dead rows are purged.

use std::time::Duration;

use linli_api_types::codes;
use reqwest::{Response, StatusCode};
use serde_json::json;

use crate::helpers::*;

const NEW_PASSWORD: &str = "邻里新密码2027";

async fn change_password(app: &TestApp, token: &str, current: &str, new: &str) -> Response {
    app.client
        .put(app.url("/api/v1/me/password"))
        .bearer_auth(token)
        .json(&json!({ "current_password": current, "new_password": new }))
        .send()
        .await
        .expect("request sent")
}

async fn session_rows(app: &TestApp, phone: &str) -> i64 {
    let db = linli_server::platform::db::Db::connect(&app.database_url)
        .await
        .unwrap();
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.phone = $1",
    )
    .bind(phone)
    .fetch_one(&db.read)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_session_works_until_its_ttl_and_not_after() {
    let app = spawn_app_with(|config| config.session_ttl = Duration::from_secs(2)).await;
    let grant = app.signed_in(RESIDENT).await;
    let lifetime = grant.expires_at - chrono::Utc::now();
    assert!(lifetime <= chrono::Duration::seconds(2), "{lifetime}");

    assert_eq!(
        app.get_me(Some(&grant.token)).await.status(),
        StatusCode::OK
    );
    tokio::time::sleep(Duration::from_millis(2100)).await;

    let problem = problem(
        app.get_me(Some(&grant.token)).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(problem.code, codes::SESSION_EXPIRED);
}

#[tokio::test]
async fn a_signed_out_token_is_refused_everywhere() {
    let app = spawn_app().await;
    let grant = app.signed_in(STAFF).await;
    assert_eq!(
        app.sign_out(&grant.token).await.status(),
        StatusCode::NO_CONTENT
    );

    for path in ["/api/v1/me", "/api/v1/dispatch/queue", "/api/v1/notices"] {
        let response = app
            .client
            .get(app.url(path))
            .bearer_auth(&grant.token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    // Signing out twice is refused too: the token is gone for good.
    assert_eq!(
        app.sign_out(&grant.token).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn changing_the_password_signs_out_every_other_device_and_keeps_this_one() {
    let app = spawn_app().await;
    let phone = app.signed_in(RESIDENT).await;
    let tablet = app.signed_in(RESIDENT).await;
    let neighbour = app.signed_in(VOLUNTEER).await;

    let response = change_password(&app, &phone.token, PASSWORD, NEW_PASSWORD).await;

    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get_me(Some(&phone.token)).await.status(),
        StatusCode::OK
    );
    let revoked = problem(
        app.get_me(Some(&tablet.token)).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(revoked.code, codes::SESSION_EXPIRED);
    assert_eq!(
        app.get_me(Some(&neighbour.token)).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.sign_in(RESIDENT, PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.sign_in(RESIDENT, NEW_PASSWORD).await.status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn a_wrong_current_password_is_a_field_error_and_changes_nothing() {
    let app = spawn_app().await;
    let grant = app.signed_in(RESIDENT).await;
    let tablet = app.signed_in(RESIDENT).await;

    let response = change_password(&app, &grant.token, "linli2025", NEW_PASSWORD).await;

    // 422, not 401: the app signs out on 401, and this session is fine.
    let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    let field = problem
        .field("current_password")
        .expect("error at current_password");
    assert_eq!(
        (field.code.as_str(), field.message.as_str()),
        ("wrong_password", "当前密码不正确")
    );
    assert_eq!(
        app.get_me(Some(&tablet.token)).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.sign_in(RESIDENT, PASSWORD).await.status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn new_passwords_are_checked_at_the_field_in_the_users_language() {
    let app = spawn_app().await;
    let grant = app.signed_in(RESIDENT).await;

    let short = app
        .client
        .put(app.url("/api/v1/me/password"))
        .bearer_auth(&grant.token)
        .header("accept-language", "en")
        .json(&json!({ "current_password": "", "new_password": "1234567" }))
        .send()
        .await
        .unwrap();
    let short = problem(short, StatusCode::UNPROCESSABLE_ENTITY).await;
    let long = problem(
        change_password(&app, &grant.token, PASSWORD, &"长".repeat(129)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let missing = problem(
        app.client
            .put(app.url("/api/v1/me/password"))
            .bearer_auth(&grant.token)
            .json(&json!({ "current_password": PASSWORD }))
            .send()
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;

    assert_eq!(short.field("current_password").unwrap().code, "required");
    let new = short.field("new_password").unwrap();
    assert_eq!(
        (new.code.as_str(), new.message.as_str()),
        ("too_short", "At least 8 characters")
    );
    let new = long.field("new_password").unwrap();
    assert_eq!(
        (new.code.as_str(), new.message.as_str()),
        ("too_long", "最多128个字")
    );
    assert_eq!(missing.field("new_password").unwrap().code, "required");
    assert_eq!(
        app.sign_in(RESIDENT, PASSWORD).await.status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn guessing_the_current_password_meets_a_growing_wait() {
    let app = spawn_app().await;
    let grant = app.signed_in(RESIDENT).await;
    for attempt in 1..=5 {
        let response = change_password(&app, &grant.token, "guess", NEW_PASSWORD).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "attempt {attempt}"
        );
    }

    let limited = change_password(&app, &grant.token, PASSWORD, NEW_PASSWORD).await;

    let retry_after: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&retry_after), "Retry-After {retry_after}");
    assert_eq!(
        problem(limited, StatusCode::TOO_MANY_REQUESTS).await.code,
        codes::RATE_LIMITED
    );
    // The five wrong guesses were checked; the refused one was not.
    let db = linli_server::platform::db::Db::connect(&app.database_url)
        .await
        .unwrap();
    let failures: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sign_in_attempts WHERE phone = $1 AND succeeded = 0",
    )
    .bind(RESIDENT)
    .fetch_one(&db.read)
    .await
    .unwrap();
    assert_eq!(failures, 5);
    // Counted apart from signing in: the owner still signs in elsewhere.
    assert_eq!(
        app.sign_in(RESIDENT, PASSWORD).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(
        app.get_me(Some(&grant.token)).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn changing_the_password_needs_a_session() {
    let app = spawn_app().await;

    let response = app
        .client
        .put(app.url("/api/v1/me/password"))
        .json(&json!({ "current_password": PASSWORD, "new_password": NEW_PASSWORD }))
        .send()
        .await
        .unwrap();

    assert_eq!(
        problem(response, StatusCode::UNAUTHORIZED).await.code,
        codes::UNAUTHENTICATED
    );
    assert_eq!(
        app.sign_in(RESIDENT, PASSWORD).await.status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn expired_sessions_are_deleted_when_the_user_signs_in_again() {
    let app = spawn_app_with(|config| config.session_ttl = Duration::ZERO).await;
    for _ in 0..3 {
        app.signed_in(RESIDENT).await;
    }

    // Each sign-in deleted the ones before it, all expired at once; the last stays until the next.
    assert_eq!(session_rows(&app, RESIDENT).await, 1);
}

#[tokio::test]
async fn a_revoked_session_is_kept_a_day_so_it_still_says_expired() {
    let app = spawn_app().await;
    let old = app.signed_in(RESIDENT).await;
    app.sign_out(&old.token).await;

    app.signed_in(RESIDENT).await;

    assert_eq!(session_rows(&app, RESIDENT).await, 2);
    let problem = problem(app.get_me(Some(&old.token)).await, StatusCode::UNAUTHORIZED).await;
    assert_eq!(problem.code, codes::SESSION_EXPIRED);
}
