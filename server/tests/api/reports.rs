//! 民声有回应: where a report goes, its deadlines, climbing when nobody answers (exactly once
//! across servers), the reporter's follow-up and rating, closing by itself, and who sees it.

use std::time::Duration;

use linli_api_types::{
    HandlerLevel, ReportEventKind, ReportPage, ReportStatus, ReportView, SimilarReports,
};
use linli_server::features::reports::escalate::run_due;
use linli_server::platform::db::Db;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

pub const HOUR: Duration = Duration::from_secs(3600);

/// Files a report as `client`; answers its view.
pub async fn file(client: &Client<'_>, draft: Value) -> ReportView {
    let response = client
        .post(
            "/reports",
            Some(&draft),
            Some(&format!("r-{}", rand::random::<u64>())),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

pub fn home_report(text: &str) -> Value {
    json!({ "category": "sanitation", "text": text, "location": { "kind": "home" } })
}

pub async fn step(client: &Client<'_>, id: i64, step: &str, body: Value) -> reqwest::Response {
    client
        .post(
            &format!("/reports/{id}/{step}"),
            Some(&body),
            Some(&format!("s-{}", rand::random::<u64>())),
        )
        .await
}

pub async fn step_ok(client: &Client<'_>, id: i64, step_name: &str, body: Value) -> ReportView {
    let response = step(client, id, step_name, body).await;
    assert_eq!(response.status(), StatusCode::OK, "{step_name}");
    response.json().await.unwrap()
}

const GRID_HEAD: &str = linli_server::demo::ZHOU_JIANPING.phone;

fn hours_from(at: chrono::DateTime<chrono::Utc>, from: i64) -> f64 {
    (at.timestamp_millis() - from) as f64 / 3_600_000.0
}

#[tokio::test]
async fn a_home_report_goes_to_the_unit_head_with_the_default_deadlines() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let now = app.clock.now_ms();
    let view = file(&resident, home_report("楼道堆放杂物")).await;
    let summary = &view.summary;
    assert_eq!(summary.status, ReportStatus::Open);
    assert_eq!(summary.handler.level, HandlerLevel::Unit);
    assert_eq!(summary.handler.name, "尚建超");
    assert_eq!(summary.place, "3栋 1单元");
    let respond = hours_from(summary.respond_by.unwrap(), now);
    let resolve = hours_from(summary.resolve_by.unwrap(), now);
    assert!((24.0..24.1).contains(&respond), "{respond}");
    assert!((120.0..120.1).contains(&resolve), "{resolve}");
    assert_eq!(view.events[0].kind, ReportEventKind::Submitted);
    assert_eq!(view.events[0].note.as_deref(), Some("尚建超（单元长）"));
    // The unit head finds it in their inbox.
    let head = Client::new(&app, UNIT_HEAD).await;
    let inbox: ReportPage = head.get_ok("/reports/inbox").await;
    assert!(inbox.items.iter().any(|item| item.id == summary.id));
}

#[tokio::test]
async fn a_level_without_a_holder_is_skipped_and_a_category_rule_can_send_to_staff() {
    let app = spawn_app().await;
    let unit_head = user_id(&app, UNIT_HEAD).await;
    sqlx::query("DELETE FROM role_grants WHERE user_id = $1")
        .bind(unit_head)
        .execute(&app.db.write)
        .await
        .unwrap();
    let resident = Client::new(&app, RESIDENT).await;
    let view = file(&resident, home_report("楼道灯不亮")).await;
    assert_eq!(view.summary.handler.level, HandlerLevel::Building);
    assert_eq!(view.summary.handler.name, "刘伟忠");

    let staff = Client::new(&app, STAFF).await;
    let settings = json!({
        "rules": [{ "category": "safety", "first": "staff", "property_handler_id": null,
                    "respond_hours": 4, "resolve_days": 2 }],
        "property_handlers": [{ "id": 0, "name": "恒大物业 张经理" }],
    });
    let response = staff
        .put("/reports/settings", Some(&settings), Some("settings-1"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let stored: linli_api_types::ReportSettings = response.json().await.unwrap();
    assert_eq!(stored.property_handlers.len(), 1);
    let now = app.clock.now_ms();
    let view = file(
        &resident,
        json!({ "category": "safety", "text": "电动车楼道充电", "location": { "kind": "home" } }),
    )
    .await;
    assert_eq!(view.summary.handler.level, HandlerLevel::Staff);
    let respond = hours_from(view.summary.respond_by.unwrap(), now);
    assert!((4.0..4.1).contains(&respond), "{respond}");
    // Out of range deadlines are refused at the field.
    let bad = json!({
        "rules": [{ "category": "safety", "first": "staff", "property_handler_id": null,
                    "respond_hours": 0, "resolve_days": 99 }],
        "property_handlers": [],
    });
    let problem = problem(
        staff
            .put("/reports/settings", Some(&bad), Some("settings-2"))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let fields: Vec<_> = problem.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["rules[0].respond_hours", "rules[0].resolve_days"]);
}

async fn escalation_events(db: &Db, id: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM report_events WHERE report_id = $1 AND kind = 'escalated'",
    )
    .bind(id)
    .fetch_one(&db.read)
    .await
    .unwrap()
}

#[tokio::test]
async fn an_unanswered_report_climbs_one_level_at_a_time_up_to_staff() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let id = file(&resident, home_report("楼道堆放杂物"))
        .await
        .summary
        .id;
    let expected = [
        (HandlerLevel::Building, "刘伟忠"),
        (HandlerLevel::Grid, "周建平"),
        (HandlerLevel::Staff, "社区工作人员"),
    ];
    for (i, (level, name)) in expected.into_iter().enumerate() {
        // Not due yet: nothing moves.
        app.clock.advance(23 * HOUR);
        run_due(&app.db, app.clock.now_ms()).await.unwrap();
        let view: ReportView = resident.get_ok(&format!("/reports/{id}")).await;
        assert_eq!(view.summary.escalations as usize, i);
        app.clock.advance(HOUR + Duration::from_secs(60));
        // (The server's own timer may have climbed it first: the state is what counts.)
        run_due(&app.db, app.clock.now_ms()).await.unwrap();
        let view: ReportView = resident.get_ok(&format!("/reports/{id}")).await;
        assert_eq!(view.summary.handler.level, level);
        assert_eq!(view.summary.handler.name, name);
        assert_eq!(view.summary.escalations as usize, i + 1);
        let last = view.events.last().unwrap();
        assert_eq!(last.kind, ReportEventKind::Escalated);
        assert!(last.actor.is_none());
        // Fresh deadlines from the climb.
        let respond = hours_from(view.summary.respond_by.unwrap(), app.clock.now_ms());
        assert!((23.9..24.1).contains(&respond), "{respond}");
    }
    // Staff is the top: past the deadline again it is marked overdue, once, and stays.
    app.clock.advance(25 * HOUR);
    run_due(&app.db, app.clock.now_ms()).await.unwrap();
    run_due(&app.db, app.clock.now_ms()).await.unwrap();
    let view: ReportView = resident.get_ok(&format!("/reports/{id}")).await;
    assert_eq!(view.summary.handler.level, HandlerLevel::Staff);
    assert!(view.summary.overdue);
    assert_eq!(escalation_events(&app.db, id).await, 3);
    // Those who held it still see it.
    let unit_head = Client::new(&app, UNIT_HEAD).await;
    assert_eq!(
        unit_head.get(&format!("/reports/{id}")).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn acknowledging_stops_the_response_deadline_but_not_the_resolution_one() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let head = Client::new(&app, UNIT_HEAD).await;
    let id = file(&resident, home_report("楼道堆放杂物"))
        .await
        .summary
        .id;
    let view = step_ok(&head, id, "acknowledge", json!({})).await;
    assert_eq!(view.summary.status, ReportStatus::Acknowledged);
    assert!(view.summary.respond_by.is_none());
    assert_eq!(
        view.events.last().unwrap().actor.as_deref(),
        Some("尚建超（单元长）")
    );
    app.clock.advance(48 * HOUR);
    run_due(&app.db, app.clock.now_ms()).await.unwrap();
    let view: ReportView = resident.get_ok(&format!("/reports/{id}")).await;
    assert_eq!(view.summary.handler.level, HandlerLevel::Unit);
    // Past the resolution deadline it climbs all the same.
    app.clock.advance(4 * 24 * HOUR);
    run_due(&app.db, app.clock.now_ms()).await.unwrap();
    let view: ReportView = resident.get_ok(&format!("/reports/{id}")).await;
    assert_eq!(view.summary.handler.level, HandlerLevel::Building);
}

/// Two servers' timers on one database, at the same moment, on the same due reports.
async fn escalation_happens_once_with_two_pools(app: &TestApp) {
    let resident = Client::new(app, RESIDENT).await;
    let mut ids = Vec::new();
    for i in 0..6 {
        ids.push(
            file(&resident, home_report(&format!("楼道杂物 {i}")))
                .await
                .summary
                .id,
        );
    }
    let all_events = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM report_events WHERE kind = 'escalated'")
            .fetch_one(&app.db.read)
            .await
            .unwrap()
    };
    let before = all_events().await;
    app.clock.advance(25 * HOUR);
    let now = app.clock.now_ms();
    let (one, two) = (db(app).await, db(app).await);
    let (a, b) = tokio::join!(run_due(&one, now), run_due(&two, now));
    let (a, b) = (a.unwrap(), b.unwrap());
    // Every climb a run counted left one event (the server's own timer may take part too,
    // and the demo's reports fall due as well); whoever climbs a report, it climbs once.
    let recorded = usize::try_from(all_events().await - before).unwrap();
    assert!(
        a.escalated + b.escalated <= recorded,
        "{a:?} {b:?} {recorded}"
    );
    assert!(a.escalated + b.escalated >= ids.len(), "{a:?} {b:?}");
    for id in ids {
        assert_eq!(escalation_events(&app.db, id).await, 1, "report {id}");
        let escalations: i64 = sqlx::query_scalar("SELECT escalations FROM reports WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db.read)
            .await
            .unwrap();
        assert_eq!(escalations, 1);
    }
}

#[tokio::test]
async fn escalation_happens_exactly_once_across_servers() {
    let app = spawn_app().await;
    escalation_happens_once_with_two_pools(&app).await;
}

#[tokio::test]
async fn not_solved_reopens_with_the_last_handler_and_fresh_deadlines() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let head = Client::new(&app, UNIT_HEAD).await;
    let id = file(&resident, home_report("楼道堆放杂物"))
        .await
        .summary
        .id;
    let view = step_ok(&head, id, "resolve", json!({ "note": "已清理" })).await;
    assert_eq!(view.summary.status, ReportStatus::Resolved);
    // The note is required to reopen.
    let refused = problem(
        step(&resident, id, "follow-up", json!({ "solved": false })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.errors[0].field, "note");
    app.clock.advance(48 * HOUR);
    let now = app.clock.now_ms();
    let view = step_ok(
        &resident,
        id,
        "follow-up",
        json!({ "solved": false, "note": "还有两个纸箱" }),
    )
    .await;
    assert_eq!(view.summary.status, ReportStatus::Open);
    assert_eq!(view.summary.handler.name, "尚建超");
    let respond = hours_from(view.summary.respond_by.unwrap(), now);
    assert!((24.0..24.1).contains(&respond), "{respond}");
    let last = view.events.last().unwrap();
    assert_eq!(last.kind, ReportEventKind::Reopened);
    assert_eq!(last.note.as_deref(), Some("还有两个纸箱"));
    // Resolved again and confirmed; a second answer is refused.
    step_ok(&head, id, "resolve", json!({ "note": "全部清走了" })).await;
    let view = step_ok(&resident, id, "follow-up", json!({ "solved": true })).await;
    assert_eq!(view.summary.status, ReportStatus::Confirmed);
    let refused = problem(
        step(&resident, id, "follow-up", json!({ "solved": true })).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(refused.code, "report_not_resolved");
}

#[tokio::test]
async fn satisfaction_is_given_once_after_resolution() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let head = Client::new(&app, UNIT_HEAD).await;
    let id = file(&resident, home_report("楼道堆放杂物"))
        .await
        .summary
        .id;
    let early = problem(
        step(&resident, id, "rating", json!({ "stars": 5 })).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(early.code, "report_not_rateable");
    step_ok(&head, id, "resolve", json!({ "note": "已清理" })).await;
    let out = problem(
        step(&resident, id, "rating", json!({ "stars": 6 })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(out.errors[0].field, "stars");
    // The handler cannot rate their own work.
    assert_eq!(
        step(&head, id, "rating", json!({ "stars": 5 }))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let view = step_ok(&resident, id, "rating", json!({ "stars": 4 })).await;
    assert_eq!(view.satisfaction, Some(4));
    assert!(!view.actions.rate);
    let again = problem(
        step(&resident, id, "rating", json!({ "stars": 5 })).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(again.code, "report_not_rateable");
}

#[tokio::test]
async fn a_resolved_report_closes_itself_after_seven_days_once() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let head = Client::new(&app, UNIT_HEAD).await;
    let id = file(&resident, home_report("楼道堆放杂物"))
        .await
        .summary
        .id;
    step_ok(&head, id, "resolve", json!({ "note": "已清理" })).await;
    app.clock.advance(6 * 24 * HOUR);
    run_due(&app.db, app.clock.now_ms()).await.unwrap();
    let view: ReportView = resident.get_ok(&format!("/reports/{id}")).await;
    assert_eq!(view.summary.status, ReportStatus::Resolved);
    app.clock.advance(24 * HOUR + Duration::from_secs(60));
    let now = app.clock.now_ms();
    let (one, two) = (db(&app).await, db(&app).await);
    let (a, b) = tokio::join!(run_due(&one, now), run_due(&two, now));
    assert!(a.unwrap().closed + b.unwrap().closed <= 1);
    let view: ReportView = resident.get_ok(&format!("/reports/{id}")).await;
    assert_eq!(view.summary.status, ReportStatus::Closed);
    let closed = view
        .events
        .iter()
        .filter(|e| e.kind == ReportEventKind::Closed)
        .count();
    assert_eq!(closed, 1);
    // Still rateable after closing.
    assert!(view.actions.rate);
}

#[tokio::test]
async fn a_report_is_seen_by_its_household_handlers_grid_head_and_staff_only() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let id = file(&resident, home_report("楼道堆放杂物，不想让邻居知道是我"))
        .await
        .summary
        .id;
    let path = format!("/reports/{id}");
    for phone in [RESIDENT, UNIT_HEAD, STAFF, GRID_HEAD, STAFF_SECOND] {
        let client = Client::new(&app, phone).await;
        assert_eq!(client.get(&path).await.status(), StatusCode::OK, "{phone}");
    }
    // Another building, another community, a neighbour of the same building: as if it did
    // not exist.
    for phone in [RESIDENT_5, OTHER_RESIDENT, OTHER_STAFF, VOLUNTEER] {
        let client = Client::new(&app, phone).await;
        let response = client.get(&path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{phone}");
    }
    // The neighbour finds it among the open reports of the building, without the name.
    let neighbour = Client::new(&app, VOLUNTEER).await;
    let nearby: ReportPage = neighbour.get_ok("/reports/nearby").await;
    let item = nearby
        .items
        .iter()
        .find(|item| item.id == id)
        .expect("listed");
    assert_eq!(item.reporter, None);
    let similar: SimilarReports = neighbour
        .get_ok("/reports/similar?category=sanitation&location=home")
        .await;
    let item = similar
        .items
        .iter()
        .find(|item| item.id == id)
        .expect("similar");
    assert_eq!(item.reporter, None);
    // …and may press 我也遇到了, once per household; the reporter's household may not.
    for _ in 0..2 {
        let summary: linli_api_types::ReportSummary = step(&neighbour, id, "support", json!({}))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(summary.supporters, 1);
        assert!(summary.supported);
        assert_eq!(summary.reporter, None);
    }
    let own = problem(
        step(&resident, id, "support", json!({})).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(own.code, "report_own");
    let elsewhere = Client::new(&app, RESIDENT_5).await;
    assert_eq!(
        step(&elsewhere, id, "support", json!({})).await.status(),
        StatusCode::NOT_FOUND
    );
    let nearby: ReportPage = elsewhere.get_ok("/reports/nearby").await;
    assert!(nearby.items.iter().all(|item| item.id != id));
    // Handlers see the name and how to reach the reporter.
    let head = Client::new(&app, UNIT_HEAD).await;
    let view: ReportView = head.get_ok(&path).await;
    assert_eq!(view.summary.reporter.as_deref(), Some("王秀英"));
    assert!(view.reporter_contact.unwrap().contains("13800000001"));
    // A resident's steps a handler's: refused as forbidden (they see it).
    assert_eq!(
        step(&resident, id, "acknowledge", json!({})).await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn reports_about_another_communitys_building_are_refused_at_the_field() {
    let app = spawn_app().await;
    let other = Client::new(&app, OTHER_RESIDENT).await;
    let building: i64 = sqlx::query_scalar(
        "SELECT b.id FROM buildings b JOIN grids g ON g.id = b.grid_id \
         JOIN communities c ON c.id = g.community_id WHERE c.name = '井湘社区' LIMIT 1",
    )
    .fetch_one(&app.db.read)
    .await
    .unwrap();
    let draft = json!({ "category": "repair", "text": "路灯不亮",
                        "location": { "kind": "building", "building_id": building } });
    let refused = problem(
        other.post("/reports", Some(&draft), Some("cross")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.errors[0].field, "location.building_id");
}

#[tokio::test]
async fn transfer_hands_it_over_with_fresh_deadlines_and_the_timeline_says_who() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let head = Client::new(&app, UNIT_HEAD).await;
    let id = file(&resident, home_report("楼道堆放杂物"))
        .await
        .summary
        .id;
    let options: Vec<linli_api_types::TransferOption> = head
        .get_ok(&format!("/reports/{id}/transfer-options"))
        .await;
    let liu = user_id(&app, BUILDING_HEAD).await;
    let to_liu = options
        .iter()
        .find(|o| o.target == linli_api_types::TransferTarget::Head { user_id: liu })
        .expect("the building head is an option");
    assert_eq!(to_liu.label, "刘伟忠（3栋楼栋长）");
    app.clock.advance(20 * HOUR);
    let now = app.clock.now_ms();
    let view = step_ok(
        &head,
        id,
        "transfer",
        json!({ "target": { "kind": "head", "user_id": liu }, "note": "需要楼栋协调" }),
    )
    .await;
    assert_eq!(view.summary.handler.name, "刘伟忠");
    let respond = hours_from(view.summary.respond_by.unwrap(), now);
    assert!((24.0..24.1).contains(&respond), "{respond}");
    let last = view.events.last().unwrap();
    assert_eq!(last.kind, ReportEventKind::Transferred);
    assert_eq!(last.actor.as_deref(), Some("尚建超（单元长）"));
    assert_eq!(last.note.as_deref(), Some("刘伟忠（楼栋长）：需要楼栋协调"));
    // The unit head no longer handles it, but still sees it.
    assert_eq!(
        step(&head, id, "acknowledge", json!({})).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        head.get(&format!("/reports/{id}")).await.status(),
        StatusCode::OK
    );
}
