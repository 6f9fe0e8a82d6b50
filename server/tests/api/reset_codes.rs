//! Password help without SMS: reset codes issued by heads (residents of their places holding no
//! role) and staff, shown once, valid 30 minutes, single use, voided by a newer one, limited
//! wrong tries; using one signs every session out and the resident learns who reset it.

use linli_api_types::{PasswordResetNotice, ResetCode};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

async fn issue(by: &Client<'_>, member: i64) -> ResetCode {
    let response = by
        .post(&format!("/members/{member}/reset-codes"), None, None)
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

async fn reset(app: &TestApp, phone: &str, code: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/password-resets"))
        .json(&json!({ "phone": phone, "code": code, "new_password": password }))
        .send()
        .await
        .unwrap()
}

async fn refused_code(response: reqwest::Response) -> String {
    problem(response, StatusCode::UNPROCESSABLE_ENTITY)
        .await
        .field("code")
        .expect("a refusal at the code")
        .code
        .clone()
}

const NEW: &str = "qingshan-2027";

#[tokio::test]
async fn a_head_issues_a_code_and_the_resident_resets_once_signing_everything_out() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let wang = Client::new(&app, RESIDENT).await;
    let code = issue(&head, wang.user_id).await;
    assert_eq!(code.code.len(), 8);
    assert_eq!(
        (code.for_name.as_str(), code.for_phone_masked.as_str()),
        ("王秀英", "138****0001")
    );
    // Only a hash is stored.
    let stored: String = sqlx::query_scalar("SELECT code_hash FROM reset_codes WHERE user_id = $1")
        .bind(wang.user_id)
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
    assert!(!stored.contains(&code.code));

    let response = reset(&app, RESIDENT, &code.code, NEW).await;
    assert_eq!(response.status(), StatusCode::OK);
    let done: linli_api_types::PasswordResetDone = response.json().await.unwrap();
    assert_eq!(done.sessions_signed_out, 1);
    // Her old session is signed out; the new password works, the old one not.
    assert_eq!(wang.get("/me").await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.sign_in(RESIDENT, PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.sign_in(RESIDENT, NEW).await.status(),
        StatusCode::CREATED
    );
    // Used once.
    assert_eq!(
        refused_code(reset(&app, RESIDENT, &code.code, "another-pass-9").await).await,
        "wrong_code"
    );
    // She learns who reset it.
    let grant: linli_api_types::SessionGrant =
        app.sign_in(RESIDENT, NEW).await.json().await.unwrap();
    let notice: PasswordResetNotice = app
        .client
        .get(app.url("/api/v1/me/password-reset"))
        .bearer_auth(&grant.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(notice.last.unwrap().by_name, "刘伟忠");
    let used: Option<i64> =
        sqlx::query_scalar("SELECT used_at FROM reset_codes WHERE user_id = $1")
            .bind(wang.user_id)
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();
    assert!(used.is_some());
}

#[tokio::test]
async fn heads_reset_only_role_free_residents_of_their_places_and_nobody_themselves() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let staff = Client::new(&app, STAFF).await;
    let path = |id: i64| format!("/members/{id}/reset-codes");
    let cases = [
        // 5栋 is not his: as if nobody.
        (user_id(&app, RESIDENT_5).await, StatusCode::NOT_FOUND),
        // Staff living elsewhere: not his either.
        (staff.user_id, StatusCode::NOT_FOUND),
        // Another head, a volunteer, himself: no takeover.
        (user_id(&app, UNIT_HEAD).await, StatusCode::FORBIDDEN),
        (user_id(&app, VOLUNTEER).await, StatusCode::FORBIDDEN),
        (head.user_id, StatusCode::FORBIDDEN),
        (999_999, StatusCode::NOT_FOUND),
    ];
    for (member, status) in cases {
        assert_eq!(
            head.post(&path(member), None, None).await.status(),
            status,
            "{member}"
        );
    }
    // Staff: anyone of the community but themselves; another community's staff: nobody here.
    issue(&staff, head.user_id).await;
    assert_eq!(
        staff.post(&path(staff.user_id), None, None).await.status(),
        StatusCode::FORBIDDEN
    );
    let other = Client::new(&app, OTHER_STAFF).await;
    let wang = user_id(&app, RESIDENT).await;
    assert_eq!(
        other.post(&path(wang), None, None).await.status(),
        StatusCode::NOT_FOUND
    );
    let resident = Client::new(&app, RESIDENT_5).await;
    assert_eq!(
        resident.post(&path(wang), None, None).await.status(),
        StatusCode::FORBIDDEN
    );
    let issued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reset_codes")
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
    assert_eq!(issued, 1);
}

#[tokio::test]
async fn codes_expire_are_voided_by_newer_ones_and_die_after_five_wrong_tries() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let wang = user_id(&app, RESIDENT).await;

    // A newer code voids the older.
    let first = issue(&head, wang).await;
    let second = issue(&head, wang).await;
    assert_eq!(
        refused_code(reset(&app, RESIDENT, &first.code, NEW).await).await,
        "wrong_code"
    );

    // Expired: 30 minutes after issue it no longer works.
    sqlx::query("UPDATE reset_codes SET expires_at = issued_at - 1 WHERE user_id = $1")
        .bind(wang)
        .execute(&db(&app).await.write)
        .await
        .unwrap();
    assert_eq!(
        refused_code(reset(&app, RESIDENT, &second.code, NEW).await).await,
        "wrong_code"
    );

    // Five wrong tries void it, even for the right code after.
    let third = issue(&head, wang).await;
    let wrong = if third.code == "00000000" {
        "11111111"
    } else {
        "00000000"
    };
    for _ in 0..5 {
        assert_eq!(
            refused_code(reset(&app, RESIDENT, wrong, NEW).await).await,
            "wrong_code"
        );
    }
    assert_eq!(
        refused_code(reset(&app, RESIDENT, &third.code, NEW).await).await,
        "wrong_code"
    );
    let tries: i64 = sqlx::query_scalar(
        "SELECT wrong_tries FROM reset_codes WHERE user_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(wang)
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    assert_eq!(tries, 5);
    assert_eq!(
        app.sign_in(RESIDENT, PASSWORD).await.status(),
        StatusCode::CREATED
    );

    // An unknown phone answers as a wrong code; bad input at its field, in English on request.
    assert_eq!(
        refused_code(reset(&app, "13999999999", "12345678", NEW).await).await,
        "wrong_code"
    );
    let response = app
        .client
        .post(app.url("/api/v1/password-resets"))
        .header("accept-language", "en")
        .json(&json!({ "phone": "12", "code": "12ab", "new_password": "1234" }))
        .send()
        .await
        .unwrap();
    let refused = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(refused.field("phone").unwrap().code, "bad_format");
    assert_eq!(
        refused.field("code").unwrap().message,
        "The reset code is 8 digits"
    );
    assert_eq!(refused.field("new_password").unwrap().code, "too_short");
}

#[tokio::test]
async fn removing_a_head_voids_the_codes_they_issued() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let staff = Client::new(&app, STAFF).await;
    let wang = user_id(&app, RESIDENT).await;
    let code = issue(&head, wang).await;
    let building: i64 = sqlx::query_scalar(
        "SELECT scope_id FROM role_grants WHERE user_id = $1 AND role = 'building_head'",
    )
    .bind(head.user_id)
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    let path = format!(
        "/members/{}/grants/building_head/building/{building}",
        head.user_id
    );
    assert_eq!(staff.delete(&path, None).await.status(), StatusCode::OK);
    assert_eq!(
        refused_code(reset(&app, RESIDENT, &code.code, NEW).await).await,
        "wrong_code"
    );
    assert_eq!(
        head.post(&format!("/members/{wang}/reset-codes"), None, None)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn attempts_from_one_address_are_limited() {
    let app = spawn_app().await;
    // Thirty an hour from one address, whatever the phones: each is a wrong code here.
    for n in 0..30 {
        let phone = format!("139000002{n:02}");
        let response = reset(&app, &phone, "12345678", NEW).await;
        assert_eq!(refused_code(response).await, "wrong_code", "{n}");
    }
    let limited = reset(&app, "13900000299", "12345678", NEW).await;
    assert!(limited.headers().contains_key("retry-after"));
    assert_eq!(
        problem(limited, StatusCode::TOO_MANY_REQUESTS).await.code,
        "rate_limited"
    );
}
