use linli_api_types::codes;
use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn signing_in_gives_a_token_that_works_for_me() {
    let app = spawn_app().await;

    let grant = app.signed_in(RESIDENT).await;

    assert_eq!(grant.me.name, "王秀英");
    assert!(grant.token.len() >= 43);
    let days = (grant.expires_at - chrono::Utc::now()).num_days();
    assert!((29..=30).contains(&days), "30-day session, got {days} days");
    let response = app.get_me(Some(&grant.token)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let me: linli_api_types::Me = response.json().await.unwrap();
    assert_eq!(me, grant.me);
}

#[tokio::test]
async fn phone_numbers_may_be_typed_with_spaces_and_country_code() {
    let app = spawn_app().await;

    let response = app.sign_in("+86 138 0000 0001", PASSWORD).await;

    assert_eq!(response.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn wrong_password_is_refused_at_the_password_field_in_chinese_by_default() {
    let app = spawn_app().await;

    let problem = problem(
        app.sign_in(RESIDENT, "linli2025").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;

    assert_eq!(problem.code, "invalid_credentials");
    let field = problem.field("password").expect("error at password");
    assert_eq!(field.message, "手机号或密码不正确");
}

#[tokio::test]
async fn wrong_password_is_explained_in_english_when_asked() {
    let app = spawn_app().await;

    let response = app
        .sign_in_as(RESIDENT, "linli2025", Some("en-US,en;q=0.9"))
        .await;

    let problem = problem(response, StatusCode::UNAUTHORIZED).await;
    assert_eq!(
        problem.field("password").unwrap().message,
        "Wrong phone number or password"
    );
}

#[tokio::test]
async fn unknown_phone_gets_the_same_answer_as_a_wrong_password() {
    let app = spawn_app().await;

    let unknown = problem(
        app.sign_in("13712345678", PASSWORD).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let wrong = problem(
        app.sign_in(RESIDENT, "nope").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;

    assert_eq!(unknown, wrong);
}

#[tokio::test]
async fn malformed_phone_and_empty_password_are_field_errors() {
    let app = spawn_app().await;

    let problem = problem(
        app.sign_in("12345", "").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;

    assert_eq!(problem.code, codes::VALIDATION);
    let phone = problem.field("phone").expect("error at phone");
    assert_eq!(
        (phone.code.as_str(), phone.message.as_str()),
        ("bad_format", "请输入11位手机号码")
    );
    assert_eq!(problem.field("password").unwrap().code, "required");
}

#[tokio::test]
async fn the_sixth_failure_for_a_phone_from_one_address_is_rate_limited_even_with_the_right_password(
) {
    let app = spawn_app().await;
    for attempt in 1..=5 {
        let response = app.sign_in(RESIDENT, "wrong").await;
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "attempt {attempt}"
        );
    }

    let limited = app.sign_in(RESIDENT, "wrong").await;
    let retry_after: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let problem = problem(limited, StatusCode::TOO_MANY_REQUESTS).await;
    let right_password = app.sign_in(RESIDENT, PASSWORD).await;

    assert_eq!(problem.code, codes::RATE_LIMITED);
    assert_eq!(problem.title, "尝试次数过多，请15分钟后再试");
    assert!(
        (840..=900).contains(&retry_after),
        "Retry-After {retry_after}"
    );
    assert_eq!(right_password.status(), StatusCode::TOO_MANY_REQUESTS);
    // Another resident on the same network is not held back by someone else's mistakes.
    assert_eq!(
        app.sign_in(VOLUNTEER, PASSWORD).await.status(),
        StatusCode::CREATED
    );
}

/// `count` sign-in attempts from `ip`, the first `ago` before now, as a building's neighbours
/// (or a sprayer) would make them: straight into the address's counter, since 300 through the
/// API would spend a minute hashing passwords.
async fn attempts_from(app: &TestApp, ip: &str, count: usize, ago: chrono::Duration) {
    let db = linli_server::platform::db::Db::connect(&app.database_url)
        .await
        .unwrap();
    let at = (chrono::Utc::now() - ago).timestamp_millis();
    sqlx::query(
        "INSERT INTO sign_in_limits (limit_key, window_start, attempts) VALUES ($1, $2, $3) \
         ON CONFLICT (limit_key) DO UPDATE SET window_start = $2, attempts = $3",
    )
    .bind(format!("ip:{ip}"))
    .bind(at)
    .bind(count as i64)
    .execute(&db.write)
    .await
    .unwrap();
}

/// The old limit was 30 attempts per IP, which one building on one Wi-Fi reaches on the
/// evening everyone installs the app.
#[tokio::test]
async fn a_building_on_one_wifi_signs_in_well_past_thirty_attempts() {
    let app = spawn_app().await;
    attempts_from(&app, "127.0.0.1", 120, chrono::Duration::minutes(5)).await;
    for n in 0..5 {
        let response = app.sign_in(&format!("136{n:08}"), "wrong").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "attempt {n}");
    }

    let response = app.sign_in(RESIDENT, PASSWORD).await;

    assert_eq!(response.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn the_three_hundred_and_first_attempt_from_one_ip_is_rate_limited() {
    let app = spawn_app().await;
    // Attempts in a window that has ended do not count.
    attempts_from(&app, "127.0.0.1", 400, chrono::Duration::minutes(16)).await;
    assert_eq!(
        app.sign_in(UNIT_HEAD, PASSWORD).await.status(),
        StatusCode::CREATED
    );
    attempts_from(&app, "127.0.0.1", 299, chrono::Duration::minutes(10)).await;

    let three_hundredth = app.sign_in(RESIDENT, PASSWORD).await;
    let limited = app.sign_in_as(VOLUNTEER, PASSWORD, Some("en")).await;

    assert_eq!(three_hundredth.status(), StatusCode::CREATED);
    let retry_after: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    // The window began ten minutes ago and ends in five.
    assert!(
        (290..=300).contains(&retry_after),
        "Retry-After {retry_after}"
    );
    let problem = problem(limited, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(problem.code, codes::RATE_LIMITED);
    assert_eq!(problem.title, "Too many attempts. Try again in 5 minutes");
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_ip_limit_counts_the_forwarded_client() {
    let app = spawn_app_with(|config| config.trusted_proxies = 1).await;
    // The load balancer appends the address it saw; the client may have written anything
    // before it.
    let sign_in_from = |ip: &'static str| {
        app.client
            .post(app.url("/api/v1/sessions"))
            .header("x-forwarded-for", format!("10.0.0.1, {ip}"))
            .json(&serde_json::json!({ "phone": RESIDENT, "password": "wrong" }))
            .send()
    };
    attempts_from(&app, "203.0.113.7", 300, chrono::Duration::minutes(1)).await;

    let same_client = sign_in_from("203.0.113.7").await.unwrap();
    let other_client = sign_in_from("198.51.100.2").await.unwrap();

    assert_eq!(same_client.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(other_client.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn signing_out_revokes_the_token() {
    let app = spawn_app().await;
    let grant = app.signed_in(RESIDENT).await;

    let response = app.sign_out(&grant.token).await;

    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let problem = problem(
        app.get_me(Some(&grant.token)).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(problem.code, codes::SESSION_EXPIRED);
    assert_eq!(problem.title, "登录已过期，请重新登录");
}

#[tokio::test]
async fn signing_out_leaves_other_sessions_signed_in() {
    let app = spawn_app().await;
    let phone = app.signed_in(RESIDENT).await;
    let tablet = app.signed_in(RESIDENT).await;

    app.sign_out(&phone.token).await;

    assert_eq!(
        app.get_me(Some(&tablet.token)).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_expired_session_asks_to_sign_in_again() {
    let app = spawn_app_with(|config| config.session_ttl = std::time::Duration::ZERO).await;
    let grant = app.signed_in(RESIDENT).await;

    let response = app.get_me(Some(&grant.token)).await;

    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    let problem = problem(response, StatusCode::UNAUTHORIZED).await;
    assert_eq!(problem.code, codes::SESSION_EXPIRED);
}
