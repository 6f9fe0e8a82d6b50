//! Accounts: a stranger cannot lock an owner out, brute force stays bounded, limits
//! hold under parallel requests, hashing is bounded, X-Forwarded-For is read from the right.

use std::time::{Duration, Instant};

use linli_api_types::codes;
use reqwest::header::{RETRY_AFTER, SET_COOKIE};
use reqwest::StatusCode;
use serde_json::json;
use tokio::task::JoinSet;

use crate::helpers::*;

/// A sign-in request as a client sends it, optionally through our load balancer (which appends
/// the client's address to X-Forwarded-For) and with a device cookie.
fn sign_in_request(
    app: &TestApp,
    phone: &str,
    password: &str,
    forwarded_for: Option<&str>,
    device: Option<&str>,
) -> reqwest::RequestBuilder {
    let mut request = app
        .client
        .post(app.url("/api/v1/sessions"))
        .json(&json!({ "phone": phone, "password": password }));
    if let Some(forwarded_for) = forwarded_for {
        request = request.header("x-forwarded-for", forwarded_for);
    }
    if let Some(device) = device {
        request = request.header("cookie", format!("linli_device={device}"));
    }
    request
}

/// Signs in with the right password and returns the device token from the Set-Cookie header.
async fn known_device(app: &TestApp, phone: &str) -> String {
    let response = sign_in_request(app, phone, PASSWORD, None, None)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    device_cookie(&response).expect("a device cookie")
}

fn device_cookie(response: &reqwest::Response) -> Option<String> {
    let cookie = response.headers().get(SET_COOKIE)?.to_str().ok()?;
    let value = cookie.strip_prefix("linli_device=")?.split(';').next()?;
    Some(value.to_owned())
}

/// Statuses of `requests` sent all at once.
async fn all_at_once(requests: Vec<reqwest::RequestBuilder>) -> Vec<(StatusCode, Option<String>)> {
    let mut set = JoinSet::new();
    for request in requests {
        set.spawn(async move {
            let response = request.send().await.expect("request sent");
            let retry_after = response
                .headers()
                .get(RETRY_AFTER)
                .map(|value| value.to_str().unwrap().to_owned());
            (response.status(), retry_after)
        });
    }
    let mut statuses = Vec::new();
    while let Some(result) = set.join_next().await {
        statuses.push(result.unwrap());
    }
    statuses
}

fn count(statuses: &[(StatusCode, Option<String>)], status: StatusCode) -> usize {
    statuses.iter().filter(|(s, _)| *s == status).count()
}

/// How many times a wrong password for `phone` was actually checked.
async fn checked_failures(app: &TestApp, phone: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM sign_in_attempts WHERE phone = $1 AND succeeded = 0")
        .bind(phone)
        .fetch_one(&app.db.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn sixty_parallel_wrong_guesses_check_the_password_five_times_and_the_owner_still_gets_in() {
    let app = spawn_app().await;
    let device = known_device(&app, RESIDENT).await;

    let guesses = (0..60)
        .map(|n| sign_in_request(&app, RESIDENT, &format!("guess-{n:04}"), None, None))
        .collect();
    let statuses = all_at_once(guesses).await;

    assert_eq!(
        count(&statuses, StatusCode::UNAUTHORIZED),
        5,
        "{statuses:?}"
    );
    assert_eq!(
        count(&statuses, StatusCode::TOO_MANY_REQUESTS),
        55,
        "{statuses:?}"
    );
    assert_eq!(checked_failures(&app, RESIDENT).await, 5);
    // A stranger with the right password is held back like any stranger from that address …
    let stranger = sign_in_request(&app, RESIDENT, PASSWORD, None, None)
        .send()
        .await
        .unwrap();
    assert_eq!(stranger.status(), StatusCode::TOO_MANY_REQUESTS);
    // … the owner's phone, which has signed in before, is not.
    let owner = sign_in_request(&app, RESIDENT, PASSWORD, None, Some(&device))
        .send()
        .await
        .unwrap();
    assert_eq!(owner.status(), StatusCode::CREATED);
    // The same device keeps its token.
    assert_eq!(device_cookie(&owner).as_deref(), Some(device.as_str()));
}

#[tokio::test]
async fn strangers_from_many_addresses_meet_a_growing_wait_that_never_slows_the_owner() {
    let app = spawn_app_with(|config| config.trusted_proxies = 1).await;
    let device = known_device(&app, RESIDENT).await;

    // Sixty guesses at once, each from its own address: the per-address limit never bites.
    let guesses = (0..60)
        .map(|n| {
            let from = format!("203.0.113.{n}");
            sign_in_request(&app, RESIDENT, "wrong-guess", Some(&from), None)
        })
        .collect();
    let statuses = all_at_once(guesses).await;

    // Ten free failures for the phone, then a wait.
    assert_eq!(
        count(&statuses, StatusCode::UNAUTHORIZED),
        10,
        "{statuses:?}"
    );
    assert_eq!(
        count(&statuses, StatusCode::TOO_MANY_REQUESTS),
        50,
        "{statuses:?}"
    );
    assert_eq!(checked_failures(&app, RESIDENT).await, 10);
    for (status, retry_after) in &statuses {
        if *status == StatusCode::TOO_MANY_REQUESTS {
            let secs: u64 = retry_after.as_deref().unwrap().parse().unwrap();
            assert!((1..=2).contains(&secs), "Retry-After {secs}");
        }
    }
    // The fifty refused came from fifty fresh addresses: more addresses do not help.
    // The owner's device signs in at once, from anywhere, again and again.
    for from in ["198.51.100.2", "203.0.113.1"] {
        let owner = sign_in_request(&app, RESIDENT, PASSWORD, Some(from), Some(&device))
            .send()
            .await
            .unwrap();
        assert_eq!(owner.status(), StatusCode::CREATED, "from {from}");
    }

    // After the wait (the clock moved on, here by the counter's), one more guess; then the wait
    // has doubled.
    sqlx::query("UPDATE sign_in_limits SET blocked_until = 0 WHERE limit_key = $1")
        .bind(format!("phone:{RESIDENT}"))
        .execute(&app.db.write)
        .await
        .unwrap();
    let waited_from = Instant::now();
    let after_wait = sign_in_request(&app, RESIDENT, "wrong-again", Some("198.51.100.3"), None)
        .send()
        .await
        .unwrap();
    assert_eq!(after_wait.status(), StatusCode::UNAUTHORIZED);
    let next = sign_in_request(&app, RESIDENT, "wrong-again", Some("198.51.100.4"), None)
        .send()
        .await
        .unwrap();
    // The 11th failure set a 4 s wait (unless this machine took longer than that to get here).
    if waited_from.elapsed() < Duration::from_millis(3_500) {
        assert_eq!(checked_failures(&app, RESIDENT).await, 11);
        let retry_after: u64 = next.headers()[RETRY_AFTER]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=4).contains(&retry_after), "Retry-After {retry_after}");
        let problem = problem(next, StatusCode::TOO_MANY_REQUESTS).await;
        assert_eq!(problem.code, codes::RATE_LIMITED);
        assert!(problem.title.contains("秒"), "{}", problem.title);
    }
    let waits = linli_server::features::account::sign_in_limits::progressive_waits(linli_server::features::account::sign_in_limits::PHONE, 11);
    assert_eq!(waits[10], 4_000);
}

#[tokio::test]
async fn a_device_cookie_only_counts_for_its_own_account() {
    let app = spawn_app().await;
    let volunteer_device = known_device(&app, VOLUNTEER).await;
    for _ in 0..5 {
        let guess = sign_in_request(&app, RESIDENT, "wrong", None, Some(&volunteer_device));
        assert_eq!(
            guess.send().await.unwrap().status(),
            StatusCode::UNAUTHORIZED
        );
    }
    // Counted as a stranger's: the per-address limit for the resident's phone holds.
    let limited = sign_in_request(&app, RESIDENT, "wrong", None, Some(&volunteer_device));
    assert_eq!(
        limited.send().await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // A made-up token is no device at all.
    let made_up = sign_in_request(&app, RESIDENT, PASSWORD, None, Some("made-up-token"));
    assert_eq!(
        made_up.send().await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn the_device_cookie_is_http_only_strict_scoped_and_stored_as_a_hash() {
    let app = spawn_app_with(|config| config.trusted_proxies = 1).await;
    let plain = sign_in_request(&app, RESIDENT, PASSWORD, None, None)
        .send()
        .await
        .unwrap();
    let cookie = plain.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    let token = device_cookie(&plain).unwrap();

    assert!(cookie.contains("; HttpOnly"), "{cookie}");
    assert!(cookie.contains("; SameSite=Strict"), "{cookie}");
    assert!(cookie.contains("; Path=/api/v1/sessions"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http: {cookie}");
    assert!(token.len() >= 43);
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM known_devices")
        .fetch_all(&app.db.read)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], token);
    assert_eq!(stored[0], linli_server::features::account::session_token::hash(&token));

    let https = sign_in_request(&app, VOLUNTEER, PASSWORD, Some("203.0.113.9"), None)
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    let cookie = https.headers()[SET_COOKIE].to_str().unwrap();
    assert!(cookie.ends_with("; Secure"), "{cookie}");
}

#[tokio::test]
async fn a_spoofed_left_entry_of_x_forwarded_for_does_not_dodge_the_address_limit() {
    let app = spawn_app_with(|config| config.trusted_proxies = 1).await;
    // The client writes a new address at the left each time; the load balancer appends the
    // real one, 203.0.113.7.
    for n in 0..5 {
        let spoofed = format!("10.1.1.{n}, 203.0.113.7");
        let guess = sign_in_request(&app, RESIDENT, "wrong", Some(&spoofed), None);
        assert_eq!(
            guess.send().await.unwrap().status(),
            StatusCode::UNAUTHORIZED
        );
    }

    let spoofed = sign_in_request(
        &app,
        RESIDENT,
        "wrong",
        Some("10.1.1.99, 203.0.113.7"),
        None,
    );
    let unforwarded_looking = sign_in_request(&app, RESIDENT, "wrong", Some("203.0.113.7"), None);

    assert_eq!(
        spoofed.send().await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        unforwarded_looking.send().await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    let limits: Vec<String> = sqlx::query_scalar(
        "SELECT limit_key FROM sign_in_limits WHERE limit_key LIKE 'phone_ip:%' ORDER BY limit_key",
    )
    .fetch_all(&app.db.read)
    .await
    .unwrap();
    assert_eq!(limits, [format!("phone_ip:{RESIDENT}|203.0.113.7")]);
}

#[tokio::test]
async fn five_hundred_parallel_sign_ins_are_answered_quickly_and_never_500() {
    let app = spawn_app_with(|config| {
        config.trusted_proxies = 1;
        config.pool.acquire_timeout = linli_server::platform::db::ACQUIRE_TIMEOUT;
    })
    .await;
    // Each from its own address for its own (unknown) phone, so no limit stops them before
    // the hashing pool does.
    let requests = (0..500)
        .map(|n| {
            let from = format!("10.{}.{}.1", n / 200, n % 200);
            sign_in_request(
                &app,
                &format!("137{n:08}"),
                "wrong-guess",
                Some(&from),
                None,
            )
        })
        .collect();

    let started = Instant::now();
    let statuses = all_at_once(requests).await;
    let took = started.elapsed();

    let unexpected: Vec<_> = statuses
        .iter()
        .filter(|(s, _)| ![401, 429, 503].contains(&s.as_u16()))
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:?}");
    let overloaded = count(&statuses, StatusCode::SERVICE_UNAVAILABLE);
    assert!(overloaded > 0, "the queue never filled: {statuses:?}");
    assert!(statuses
        .iter()
        .filter(|(s, _)| *s == StatusCode::SERVICE_UNAVAILABLE)
        .all(|(_, retry_after)| retry_after.is_some()));
    // Generous for a shared 2-core machine: the point is seconds, not minutes of queueing.
    assert!(took < Duration::from_secs(60), "took {took:?}");
    // Still serving afterwards.
    assert_eq!(
        app.sign_in(VOLUNTEER, PASSWORD).await.status(),
        StatusCode::CREATED
    );
}
