//! The dashboard's figures on a known small data set.

use std::time::Duration;

use linli_api_types::{ReportDashboard, ReportStatus};
use linli_server::features::reports::escalate::run_due;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::reports::{file, home_report, step_ok, HOUR};

/// Removes the demo reports, so the figures are this test's alone.
async fn only_this_tests_reports(app: &TestApp) {
    for table in [
        "report_events",
        "report_holders",
        "report_supports",
        "reports",
    ] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&app.db.write)
            .await
            .unwrap();
    }
}

/// The Shanghai month of the app's clock now, as the dashboard names it.
fn month_now(app: &TestApp) -> String {
    let now = chrono::DateTime::from_timestamp_millis(app.clock.now_ms()).unwrap();
    (now + chrono::Duration::hours(8))
        .format("%Y-%m")
        .to_string()
}

#[tokio::test]
async fn the_dashboard_counts_response_resolution_and_satisfaction() {
    let app = spawn_app().await;
    only_this_tests_reports(&app).await;
    let month = month_now(&app);
    let resident = Client::new(&app, RESIDENT).await;
    let unit_head = Client::new(&app, UNIT_HEAD).await;
    let grid_head = Client::new(&app, linli_server::demo::ZHOU_JIANPING.phone).await;
    let other_building = Client::new(&app, RESIDENT_5).await;
    // A: acknowledged in time.
    let a = file(&resident, home_report("楼道堆放杂物"))
        .await
        .summary
        .id;
    step_ok(&unit_head, a, "acknowledge", json!({})).await;
    // B: about the community, to the grid head; resolved, confirmed, rated 4.
    let b = file(
        &resident,
        json!({ "category": "suggestion", "text": "增设休息座椅", "location": { "kind": "community" } }),
    )
    .await;
    assert_eq!(b.summary.handler.name, "周建平");
    let b = b.summary.id;
    step_ok(&grid_head, b, "resolve", json!({ "note": "已增设4张座椅" })).await;
    step_ok(&resident, b, "follow-up", json!({ "solved": true })).await;
    step_ok(&resident, b, "rating", json!({ "stars": 4 })).await;
    // C: 5栋, nobody there to take it: staff; left unanswered past its deadline.
    let c = file(&other_building, home_report("路灯不亮"))
        .await
        .summary
        .id;
    app.clock.advance(25 * HOUR + Duration::from_secs(60));

    let staff = Client::new(&app, STAFF).await;
    let board: ReportDashboard = staff
        .get_ok(&format!("/reports/dashboard?month={month}"))
        .await;
    assert_eq!(board.month, month);
    assert_eq!(board.scope, "井湘社区");
    let figures = board.this_month;
    assert_eq!(
        (
            figures.received,
            figures.responded_in_time,
            figures.resolved,
            figures.confirmed,
            figures.rated
        ),
        (3, 2, 1, 1, 1)
    );
    assert_eq!(figures.satisfaction, Some(4.0));
    assert!((figures.response_rate.unwrap() - 2.0 / 3.0).abs() < 1e-4);
    assert!((figures.resolution_rate.unwrap() - 1.0 / 3.0).abs() < 1e-4);
    assert_eq!(board.last_month.received, 0);
    assert_eq!(board.last_month.response_rate, None);
    let overdue: Vec<i64> = board.overdue.iter().map(|r| r.id).collect();
    assert_eq!(overdue, [c]);
    let by_handler: Vec<(&str, u32)> = board
        .by_handler
        .iter()
        .map(|row| (row.name.as_str(), row.this_month.received))
        .collect();
    assert!(by_handler.contains(&("周建平", 1)), "{by_handler:?}");
    assert!(by_handler.contains(&("尚建超", 1)), "{by_handler:?}");
    assert_eq!(
        board
            .by_grid
            .iter()
            .map(|g| g.this_month.received)
            .sum::<u32>(),
        3
    );
    let building_3 = board
        .by_building
        .iter()
        .find(|row| row.name == "3栋")
        .unwrap();
    assert_eq!(building_3.this_month.received, 1);

    // The grid head sees their grid only.
    let board: ReportDashboard = grid_head
        .get_ok(&format!("/reports/dashboard?month={month}"))
        .await;
    assert_eq!(board.this_month.received, 2);
    assert!(board.overdue.is_empty());
    // A bad month is refused at the field; a resident is refused.
    let refused = problem(
        staff.get("/reports/dashboard?month=2026-13").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.errors[0].field, "month");
    assert_eq!(
        resident.get("/reports/dashboard").await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn only_an_answer_before_the_deadline_set_at_filing_counts_as_responded_in_time() {
    let app = spawn_app().await;
    only_this_tests_reports(&app).await;
    let month = month_now(&app);
    let resident = Client::new(&app, RESIDENT).await;
    let unit_head = Client::new(&app, UNIT_HEAD).await;
    let building_head = Client::new(&app, BUILDING_HEAD).await;
    let staff = Client::new(&app, STAFF).await;
    // In time: acknowledged by the unit head at once, then handed to staff (which clears the
    // current response; the first one still counts).
    let in_time = file(&resident, home_report("楼道堆放杂物"))
        .await
        .summary
        .id;
    step_ok(&unit_head, in_time, "acknowledge", json!({})).await;
    step_ok(
        &unit_head,
        in_time,
        "transfer",
        json!({ "target": { "kind": "staff" }, "note": "需要社区协调" }),
    )
    .await;
    // Not in time: nobody answered, it climbed to the building head, who answered at once
    // (well within the fresh deadline the climb gave them).
    let climbed = file(&resident, home_report("楼道灯不亮")).await.summary.id;
    // Not in time either: handed on at once (a transfer answers nobody), answered late.
    let transferred = file(&resident, home_report("垃圾桶满了")).await.summary.id;
    step_ok(
        &unit_head,
        transferred,
        "transfer",
        json!({ "target": { "kind": "staff" }, "note": "" }),
    )
    .await;
    app.clock.advance(24 * HOUR + Duration::from_secs(60));
    run_due(&app.db, app.clock.now_ms()).await.unwrap();
    let view = step_ok(&building_head, climbed, "acknowledge", json!({})).await;
    assert_eq!(view.summary.escalations, 1);
    assert_eq!(view.summary.status, ReportStatus::Acknowledged);
    step_ok(&staff, transferred, "acknowledge", json!({})).await;

    let board: ReportDashboard = staff
        .get_ok(&format!("/reports/dashboard?month={month}"))
        .await;
    let figures = board.this_month;
    assert_eq!((figures.received, figures.responded_in_time), (3, 1));
    assert!((figures.response_rate.unwrap() - 1.0 / 3.0).abs() < 1e-4);
    let of = |name: &str| {
        board
            .by_handler
            .iter()
            .find(|row| row.name == name)
            .map(|row| (row.this_month.received, row.this_month.responded_in_time))
    };
    // The climbed report is held against the level it climbed to, and not in time.
    assert_eq!(of("刘伟忠"), Some((1, 0)), "{:?}", board.by_handler);
}
