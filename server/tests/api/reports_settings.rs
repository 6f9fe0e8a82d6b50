//! Report settings: 物业 handlers are retired, never deleted (reports name them); a retired
//! handler is no transfer option nor a category's first handler.

use linli_api_types::{HandlerLevel, ReportSettings, TransferOption, TransferTarget};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::reports::{file, home_report, step};

async fn put(staff: &Client<'_>, settings: Value) -> reqwest::Response {
    staff
        .put(
            "/reports/settings",
            Some(&settings),
            Some(&format!("settings-{}", rand::random::<u64>())),
        )
        .await
}

#[tokio::test]
async fn a_retired_property_handler_keeps_its_reports_but_takes_no_new_ones() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let resident = Client::new(&app, RESIDENT).await;
    let unit_head = Client::new(&app, UNIT_HEAD).await;
    let created = put(
        &staff,
        json!({ "rules": [], "property_handlers": [{ "id": 0, "name": "恒大物业 张经理" }] }),
    )
    .await;
    assert_eq!(created.status(), StatusCode::OK);
    let created: ReportSettings = created.json().await.unwrap();
    let handler = created.property_handlers[0].id;
    assert!(!created.property_handlers[0].retired);
    let to_property = json!({ "category": "repair", "first": "property",
        "property_handler_id": handler, "respond_hours": 24, "resolve_days": 5 });
    let response = put(
        &staff,
        json!({ "rules": [to_property], "property_handlers": [] }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let held = file(
        &resident,
        json!({ "category": "repair", "text": "电梯异响", "location": { "kind": "home" } }),
    )
    .await;
    assert_eq!(held.summary.handler.level, HandlerLevel::Property);

    // Not while a category still goes first to it.
    let retire = json!({ "id": handler, "name": "恒大物业 张经理", "retired": true });
    let refused = problem(
        put(
            &staff,
            json!({ "rules": [], "property_handlers": [retire] }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.errors[0].field, "property_handlers[0].retired");
    assert_eq!(refused.errors[0].code, "in_use");
    // Repointing the rule in the same change lets it go.
    let to_staff = json!({ "category": "repair", "first": "staff", "property_handler_id": null,
        "respond_hours": 24, "resolve_days": 5 });
    let response = put(
        &staff,
        json!({ "rules": [to_staff], "property_handlers": [retire] }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let stored: ReportSettings = staff.get_ok("/reports/settings").await;
    assert!(stored.property_handlers[0].retired);
    assert_eq!(stored.property_handlers[0].name, "恒大物业 张经理");
    // A rule may not name it again.
    let refused = problem(
        put(
            &staff,
            json!({ "rules": [to_property], "property_handlers": [] }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.errors[0].field, "rules[0].property_handler_id");
    assert_eq!(refused.errors[0].code, "retired");

    // The report it held still names it; staff can hand it on.
    let view: linli_api_types::ReportView =
        staff.get_ok(&format!("/reports/{}", held.summary.id)).await;
    assert_eq!(view.summary.handler.name, "恒大物业 张经理");
    // It is no longer a transfer option, and a transfer naming it is refused at the field.
    let other = file(&resident, home_report("楼道堆放杂物"))
        .await
        .summary
        .id;
    let options: Vec<TransferOption> = unit_head
        .get_ok(&format!("/reports/{other}/transfer-options"))
        .await;
    assert!(!options.iter().any(|o| o.target
        == TransferTarget::Property {
            handler_id: handler
        }));
    let refused = problem(
        step(
            &unit_head,
            other,
            "transfer",
            json!({ "target": { "kind": "property", "handler_id": handler }, "note": "" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.errors[0].field, "target");

    // Restored, it is a rule's first handler again.
    let restore = json!({ "id": handler, "name": "恒大物业 张经理", "retired": false });
    let response = put(
        &staff,
        json!({ "rules": [to_property], "property_handlers": [restore] }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
}
