use linli_api_types::codes;
use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn a_missing_field_is_named() {
    let app = spawn_app().await;

    let response = app
        .post_sessions_raw(Some("application/json"), r#"{"phone":"13800000001"}"#)
        .await;

    let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem.code, codes::VALIDATION);
    let field = problem.field("password").expect("error at password");
    assert_eq!(
        (field.code.as_str(), field.message.as_str()),
        ("required", "请填写此项")
    );
}

#[tokio::test]
async fn a_field_of_the_wrong_type_is_named() {
    let app = spawn_app().await;

    let response = app
        .post_sessions_raw(
            Some("application/json"),
            r#"{"phone":13800000001,"password":"x"}"#,
        )
        .await;

    let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        problem.field("phone").expect("error at phone").code,
        "wrong_type"
    );
}

#[tokio::test]
async fn broken_json_is_a_bad_request() {
    let app = spawn_app().await;

    let response = app
        .post_sessions_raw(Some("application/json"), r#"{"phone": "1380"#)
        .await;

    assert_eq!(
        problem(response, StatusCode::BAD_REQUEST).await.code,
        "bad_json"
    );
}

#[tokio::test]
async fn a_body_that_is_not_json_is_unsupported() {
    let app = spawn_app().await;

    let form = app
        .post_sessions_raw(
            Some("application/x-www-form-urlencoded"),
            "phone=1&password=2",
        )
        .await;
    let none = app
        .post_sessions_raw(None, r#"{"phone":"13800000001","password":"x"}"#)
        .await;

    assert_eq!(
        problem(form, StatusCode::UNSUPPORTED_MEDIA_TYPE).await.code,
        "unsupported_media_type"
    );
    assert_eq!(
        problem(none, StatusCode::UNSUPPORTED_MEDIA_TYPE).await.code,
        "unsupported_media_type"
    );
}

#[tokio::test]
async fn a_body_over_64_kib_is_too_large() {
    let app = spawn_app().await;
    let body = format!(
        r#"{{"phone":"13800000001","password":"{}"}}"#,
        "x".repeat(70 * 1024)
    );

    let response = app.post_sessions_raw(Some("application/json"), body).await;

    assert_eq!(
        problem(response, StatusCode::PAYLOAD_TOO_LARGE).await.code,
        "payload_too_large"
    );
}

#[tokio::test]
async fn unknown_api_routes_are_problem_not_found() {
    let app = spawn_app().await;

    let response = app
        .client
        .get(app.url("/api/v1/no-such-thing"))
        .send()
        .await
        .unwrap();

    assert_eq!(
        problem(response, StatusCode::NOT_FOUND).await.code,
        codes::NOT_FOUND
    );
}

#[tokio::test]
async fn a_wrong_method_is_problem_method_not_allowed() {
    let app = spawn_app().await;

    let response = app
        .client
        .put(app.url("/api/v1/me"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();

    let problem = problem(response, StatusCode::METHOD_NOT_ALLOWED).await;
    assert_eq!(problem.code, "method_not_allowed");
    assert_eq!(problem.title, "This method is not allowed here");
}

/// axum's own `Path` answered these with a text/plain 400 that no route documents
/// (found fuzzing): a segment that is not UTF-8 names nothing.
#[tokio::test]
async fn path_segments_that_are_not_utf8_are_problem_not_found() {
    let app = spawn_app().await;
    let token = app.signed_in(STAFF).await.token;

    for (method, path) in [
        ("GET", "/api/v1/notices/%FF"),
        ("GET", "/api/v1/tasks/%C0%AF"),
        ("GET", "/api/v1/orders/%FF"),
        ("GET", "/api/v1/services/%FF/slots"),
        ("GET", "/api/v1/vouchers/%FF"),
        ("PUT", "/api/v1/tasks/1/roster/%FF/check_in"),
    ] {
        let response = app
            .client
            .request(method.parse().unwrap(), app.url(path))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{method} {path}");
        assert_eq!(problem(response, StatusCode::NOT_FOUND).await.code, codes::NOT_FOUND);
    }
}
