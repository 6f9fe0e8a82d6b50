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

/// `null`, an array or a string where the body should be an object used to get a bare 422
/// with nothing at any field (and an array in field order was even taken as the object).
#[tokio::test]
async fn a_body_that_is_not_an_object_says_so_and_names_each_field_it_needs() {
    let app = spawn_app().await;

    for (body, got_zh) in [
        ("null", "null"),
        (r#"["13800000001","linli2026"]"#, "数组 […]"),
        (r#""13800000001""#, "字符串"),
        ("1", "数字"),
    ] {
        let response = app.post_sessions_raw(Some("application/json"), body).await;
        let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(problem.code, codes::VALIDATION, "{body}");
        assert_eq!(
            problem.detail.as_deref(),
            Some(format!("请求内容应为 JSON 对象 {{…}}，收到的是{got_zh}").as_str())
        );
        for field in ["phone", "password"] {
            let error = problem.field(field).expect(field);
            assert_eq!(
                (error.code.as_str(), error.message.as_str()),
                ("required", "请填写此项"),
                "{body}"
            );
        }
    }

    let english = app
        .client
        .post(app.url("/api/v1/sessions"))
        .header("accept-language", "en")
        .header("content-type", "application/json")
        .body("null")
        .send()
        .await
        .unwrap();
    let problem = problem(english, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        problem.detail.as_deref(),
        Some("The request body must be a JSON object ({…}), not null")
    );
    assert_eq!(
        problem.field("phone").unwrap().message,
        "This field is required"
    );
}

/// The same on a signed-in form: every field the draft needs, at its field.
#[tokio::test]
async fn a_null_notice_draft_names_every_field_it_needs() {
    let app = spawn_app().await;
    let token = app.signed_in(STAFF).await.token;

    let response = app
        .client
        .post(app.url("/api/v1/notices"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("null")
        .send()
        .await
        .unwrap();

    let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    let fields: Vec<(&str, &str)> = problem
        .errors
        .iter()
        .map(|e| (e.field.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("title", "required"),
            ("body", "required"),
            ("category", "required"),
            ("target", "required")
        ]
    );
}

#[tokio::test]
async fn null_in_a_required_field_is_required_and_a_wrong_type_says_what_the_field_takes() {
    let app = spawn_app().await;
    let token = app.signed_in(STAFF).await.token;
    let post = |body: serde_json::Value| {
        app.client
            .post(app.url("/api/v1/notices"))
            .bearer_auth(&token)
            .json(&body)
            .send()
    };

    let sign_in = app
        .post_sessions_raw(
            Some("application/json"),
            r#"{"password":12345678,"phone":null}"#,
        )
        .await;
    let nested_array = post(serde_json::json!({
        "title": "停水", "body": "周三停水", "category": "utilities", "target": ["community", 1],
    }))
    .await
    .unwrap();
    let nested_text = post(serde_json::json!({
        "title": "停水", "body": "周三停水", "category": "utilities", "target": "3栋",
    }))
    .await
    .unwrap();

    let problem_sign_in = problem(sign_in, StatusCode::UNPROCESSABLE_ENTITY).await;
    let phone = problem_sign_in.field("phone").unwrap();
    assert_eq!(
        (phone.code.as_str(), phone.message.as_str()),
        ("required", "请填写此项")
    );
    let password = problem_sign_in.field("password").unwrap();
    assert_eq!(
        (password.code.as_str(), password.message.as_str()),
        ("wrong_type", "此项应为文字")
    );
    // An array in field order used to be taken for the target object.
    for response in [nested_array, nested_text] {
        let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        let target = problem.field("target").unwrap();
        assert_eq!(
            (target.code.as_str(), target.message.as_str()),
            ("wrong_type", "此项应为对象 {…}")
        );
    }
}
