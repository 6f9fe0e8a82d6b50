//! A new password must differ from the current one and not be a common one; both
//! refused at the `new_password` field in the user's language, and nothing changes.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

async fn change(app: &TestApp, token: &str, new: &str, lang: &str) -> reqwest::Response {
    app.client
        .put(app.url("/api/v1/me/password"))
        .bearer_auth(token)
        .header("accept-language", lang)
        .json(&json!({ "current_password": PASSWORD, "new_password": new }))
        .send()
        .await
        .unwrap()
}

async fn password_hash(app: &TestApp) -> String {
    sqlx::query_scalar("SELECT password_hash FROM users WHERE phone = $1")
        .bind(RESIDENT)
        .fetch_one(&app.db.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn common_passwords_are_refused_at_the_field() {
    let app = spawn_app().await;
    let token = app.signed_in(RESIDENT).await.token;
    let before = password_hash(&app).await;

    for common in [
        "12345678",
        "88888888",
        "a1234567",
        "11111111",
        "Password",
        "qwertyuiop",
        "aaaaaaaaa",
        "23456789",
        "98765432",
    ] {
        let refused = problem(
            change(&app, &token, common, "zh-CN").await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        let field = refused.field("new_password").unwrap();
        assert_eq!(field.code, "too_common", "{common}");
        assert_eq!(field.message, "这个密码太常见，容易被猜到，请换一个");
    }
    let english = problem(
        change(&app, &token, "00000000", "en").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        english.field("new_password").unwrap().message,
        "This password is too common and easy to guess. Choose another"
    );
    assert_eq!(password_hash(&app).await, before);
}

#[tokio::test]
async fn the_new_password_must_differ_from_the_current_one() {
    let app = spawn_app().await;
    let token = app.signed_in(RESIDENT).await.token;
    let before = password_hash(&app).await;

    let same = problem(
        change(&app, &token, PASSWORD, "en").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;

    let field = same.field("new_password").unwrap();
    assert_eq!(field.code, "same_as_current");
    assert_eq!(
        field.message,
        "The new password must differ from the current one"
    );
    assert_eq!(password_hash(&app).await, before);
    // And a good one is taken.
    let changed = change(&app, &token, "hongfan-yizhan-2027", "en").await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    assert_ne!(password_hash(&app).await, before);
}
