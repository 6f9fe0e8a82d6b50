//! Reports by 代办: a head files and follows up for a resident, named on the timeline, and
//! never confirms or rates their own handling in the resident's name.

use linli_api_types::{ReportStatus, ReportView, SessionGrant};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::reports::{file, home_report, step, step_ok};

/// `actor` acting for 王秀英: a client speaking for her.
async fn acting_for_wang<'a>(actor: &Client<'a>, resident: i64) -> Client<'a> {
    let response = actor
        .post(
            "/proxy/sessions",
            Some(&json!({ "kind": "account", "id": resident })),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let grant: SessionGrant = response.json().await.unwrap();
    let mut client = Client::new(actor.app, RESIDENT).await;
    client.token = grant.token;
    client.user_id = grant.me.id;
    client
}

#[tokio::test]
async fn a_head_reports_for_a_resident_but_never_confirms_their_own_handling() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let building_head = Client::new(&app, BUILDING_HEAD).await;
    let unit_head = Client::new(&app, UNIT_HEAD).await;

    let acting = acting_for_wang(&building_head, resident.user_id).await;
    let view = file(&acting, home_report("楼道堆放杂物")).await;
    let id = view.summary.id;
    assert_eq!(view.summary.handler.name, "尚建超");
    assert_eq!(view.events[0].acted_by.as_deref(), Some("由 刘伟忠 代办"));
    assert!(view.summary.mine);
    // A 代办 session never handles.
    assert_eq!(
        step(&acting, id, "acknowledge", json!({})).await.status(),
        StatusCode::FORBIDDEN
    );

    step_ok(&unit_head, id, "resolve", json!({ "note": "已清理" })).await;
    // The unit head who resolved it cannot confirm or rate it for her.
    let handler_acting = acting_for_wang(&unit_head, resident.user_id).await;
    let confirm = step(&handler_acting, id, "follow-up", json!({ "solved": true })).await;
    assert_eq!(confirm.status(), StatusCode::FORBIDDEN);
    let rate = step(&handler_acting, id, "rating", json!({ "stars": 5 })).await;
    assert_eq!(rate.status(), StatusCode::FORBIDDEN);
    // Someone who never handled it may, and the timeline says who acted.
    let acting = acting_for_wang(&building_head, resident.user_id).await;
    let view = step_ok(&acting, id, "follow-up", json!({ "solved": true })).await;
    let last = view.events.last().unwrap();
    assert_eq!(last.acted_by.as_deref(), Some("由 刘伟忠 代办"));
    let own: ReportView = resident.get_ok(&format!("/reports/{id}")).await;
    assert_eq!(own.summary.status, ReportStatus::Confirmed);
}

#[tokio::test]
async fn an_account_waiting_for_approval_neither_uploads_nor_reports() {
    let app = spawn_app().await;
    let waiting = Client::new(&app, RESIDENT_5).await;
    sqlx::query("UPDATE users SET status = 'pending' WHERE id = $1")
        .bind(waiting.user_id)
        .execute(&app.db.write)
        .await
        .unwrap();
    let upload = crate::photos::upload(
        &waiting,
        crate::photos::image_bytes(image::ImageFormat::Png, 8, 8),
        "image/png",
    )
    .await;
    assert_eq!(upload.status(), StatusCode::FORBIDDEN);
    let report = waiting
        .post("/reports", Some(&home_report("路灯不亮")), Some("waiting"))
        .await;
    assert_eq!(report.status(), StatusCode::FORBIDDEN);
}
