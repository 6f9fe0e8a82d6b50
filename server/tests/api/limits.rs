//! Size limits on what users post: every JSON body stops at 64 KiB (413 problem+json), and
//! every text field has a length bound answered as a `too_long` field error.

use linli_api_types::{
    COMPLETION_NOTE_MAX_CHARS, CORRECTION_REASON_MAX_CHARS, DECLINE_REASON_MAX_CHARS,
    NOTICE_BODY_MAX_CHARS, NOTICE_TITLE_MAX_CHARS, ORDER_ADDRESS_MAX_CHARS, ORDER_NOTE_MAX_CHARS,
    RATING_COMMENT_MAX_CHARS, TASK_DESCRIPTION_MAX_CHARS, TASK_PLACE_MAX_CHARS,
    TASK_TITLE_MAX_CHARS,
};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

/// `(method, path)` of every operation the OpenAPI document gives a JSON request body (the
/// register import takes the sheet itself, under a limit of its own: tests/api/register.rs).
fn endpoints_with_a_body() -> Vec<(String, String)> {
    let document = serde_json::to_value(linli_server::openapi::document()).unwrap();
    let mut found = Vec::new();
    for (path, operations) in document["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            if operation["requestBody"]["content"]
                .get("application/json")
                .is_some()
            {
                found.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    found
}

/// Text of `n` characters of three bytes each: limits count characters, not bytes.
fn text(n: usize) -> String {
    "长".repeat(n)
}

#[tokio::test]
async fn every_json_body_over_64_kib_is_refused_with_413() {
    let app = spawn_app().await;
    let staff = app.signed_in(STAFF).await.token;
    let endpoints = endpoints_with_a_body();
    assert!(endpoints.len() >= 10, "{endpoints:?}");
    let body = json!({ "note": "x".repeat(64 * 1024) }).to_string();

    for (method, path) in endpoints {
        let path = path
            .replace("{action}", "check_in")
            .replace("{code}", "LX7K2Q9M");
        let path = fill_ids(&path);
        let response = app
            .client
            .request(
                Method::from_bytes(method.as_bytes()).unwrap(),
                app.url(&path),
            )
            .bearer_auth(&staff)
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "{method} {path}"
        );
        let problem = problem(response, StatusCode::PAYLOAD_TOO_LARGE).await;
        assert_eq!(problem.code, "payload_too_large", "{method} {path}");
    }
}

/// `{id}`, `{user_id}` … → 1.
fn fill_ids(path: &str) -> String {
    let mut filled = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').unwrap() + open;
        filled.push_str(&rest[..open]);
        filled.push('1');
        rest = &rest[close + 1..];
    }
    filled.push_str(rest);
    filled
}

#[tokio::test]
async fn every_text_field_has_a_length_bound_in_characters() {
    let app = spawn_app().await;
    let staff = app.signed_in(STAFF).await.token;
    let target = json!({ "kind": "community", "id": 1 });
    let soon = chrono::Utc::now() + chrono::Duration::days(1);
    let cases: Vec<(&str, &str, Value, &[&str])> = vec![
        (
            "POST",
            "/api/v1/notices",
            json!({
                "title": text(NOTICE_TITLE_MAX_CHARS + 1),
                "body": text(NOTICE_BODY_MAX_CHARS + 1),
                "category": "activity",
                "target": target,
            }),
            &["title", "body"],
        ),
        (
            "POST",
            "/api/v1/tasks",
            json!({
                "title": text(TASK_TITLE_MAX_CHARS + 1),
                "description": text(TASK_DESCRIPTION_MAX_CHARS + 1),
                "place": text(TASK_PLACE_MAX_CHARS + 1),
                "category": "environment",
                "starts_at": soon,
                "ends_at": soon + chrono::Duration::hours(1),
                "capacity": 5,
                "points": 5,
                "target": target,
            }),
            &["title", "description", "place"],
        ),
        (
            "POST",
            "/api/v1/orders",
            json!({
                "service_id": 1,
                "address": text(ORDER_ADDRESS_MAX_CHARS + 1),
                "note": text(ORDER_NOTE_MAX_CHARS + 1),
            }),
            &["address", "note"],
        ),
        (
            "POST",
            "/api/v1/orders/1/decline",
            json!({ "reason": text(DECLINE_REASON_MAX_CHARS + 1) }),
            &["reason"],
        ),
        (
            "POST",
            "/api/v1/orders/1/complete",
            json!({ "note": text(COMPLETION_NOTE_MAX_CHARS + 1) }),
            &["note"],
        ),
        (
            "POST",
            "/api/v1/orders/1/rate",
            json!({ "stars": 5, "comment": text(RATING_COMMENT_MAX_CHARS + 1) }),
            &["comment"],
        ),
        (
            "POST",
            "/api/v1/ledger/corrections",
            json!({ "user_id": 1, "amount": 5, "reason": text(CORRECTION_REASON_MAX_CHARS + 1) }),
            &["reason"],
        ),
        (
            "PUT",
            "/api/v1/me/password",
            json!({ "current_password": text(129), "new_password": text(129) }),
            &["current_password", "new_password"],
        ),
    ];

    for (method, path, body, fields) in cases {
        let response = app
            .client
            .request(
                Method::from_bytes(method.as_bytes()).unwrap(),
                app.url(path),
            )
            .bearer_auth(&staff)
            .json(&body)
            .send()
            .await
            .unwrap();
        let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        for field in fields {
            let error = problem
                .field(field)
                .unwrap_or_else(|| panic!("{method} {path}: no error at {field}: {problem:?}"));
            assert_eq!(error.code, "too_long", "{method} {path} {field}");
        }
    }
    let sign_in = problem(
        app.sign_in(&"1".repeat(40), &text(129)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(sign_in.field("phone").unwrap().code, "bad_format");
    assert_eq!(sign_in.field("password").unwrap().code, "too_long");
}

#[tokio::test]
async fn text_at_the_bound_is_accepted_however_many_bytes_it_takes() {
    let app = spawn_app().await;
    let head = app.signed_in(BUILDING_HEAD).await;
    let building = head.me.roles[0].scope.id;

    let response = app
        .client
        .post(app.url("/api/v1/notices"))
        .bearer_auth(&head.token)
        .json(&json!({
            "title": text(NOTICE_TITLE_MAX_CHARS),
            "body": text(NOTICE_BODY_MAX_CHARS),
            "category": "activity",
            "target": { "kind": "building", "id": building },
        }))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::CREATED);
    let notice: Value = response.json().await.unwrap();
    assert_eq!(
        notice["body"].as_str().unwrap().chars().count(),
        NOTICE_BODY_MAX_CHARS
    );
}

#[tokio::test]
async fn an_overlong_voucher_code_in_the_path_is_simply_not_found() {
    let app = spawn_app().await;
    let staff = app.signed_in(STAFF).await.token;

    let response = app
        .client
        .get(app.url(&format!("/api/v1/vouchers/{}", "A".repeat(2000))))
        .bearer_auth(&staff)
        .send()
        .await
        .unwrap();

    assert_eq!(
        problem(response, StatusCode::NOT_FOUND).await.code,
        "not_found"
    );
}
