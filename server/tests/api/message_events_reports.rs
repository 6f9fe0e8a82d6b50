//! 消息 of join requests and reports: a waiting request tells the heads it waits for and a
//! decision tells the applicant; a report tells its holder when it comes to them and its
//! reporter of each answer, and the timer's climbs and overdue marks tell once even with two
//! servers' timers at one moment.

use std::time::Duration;

use linli_api_types::{MyJoinRequest, SignedUp};
use linli_server::features::reports::escalate::run_due;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::message_events::{mark, since, told, Stored};
use crate::reports::{file, home_report, step_ok};

const HOUR: Duration = Duration::from_secs(3600);
const GRID_HEAD: &str = linli_server::demo::ZHOU_JIANPING.phone;

async fn unit(app: &TestApp, building: &str, unit: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT un.id FROM units un JOIN buildings b ON b.id = un.building_id \
         WHERE b.estate = '华盛世纪新城' AND b.name = $1 AND un.name = $2",
    )
    .bind(building)
    .bind(unit)
    .fetch_one(&db(app).await.read)
    .await
    .unwrap()
}

/// Signs up someone the register does not know, into `unit_id` door `door`: their account and
/// the request that waits.
async fn newcomer(
    app: &TestApp,
    phone: &str,
    name: &str,
    unit_id: i64,
    door: &str,
) -> (SignedUp, i64) {
    let body = json!({
        "phone": phone, "password": PASSWORD, "name": name, "unit_id": unit_id, "door": door,
    });
    let response = app
        .client
        .post(app.url("/api/v1/join"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let signed: SignedUp = response.json().await.unwrap();
    let request: i64 = sqlx::query_scalar(
        "SELECT id FROM join_requests WHERE user_id = $1 AND status = 'pending'",
    )
    .bind(signed.session.me.id)
    .fetch_one(&db(app).await.read)
    .await
    .unwrap();
    (signed, request)
}

async fn name_of(app: &TestApp, id: i64) -> String {
    sqlx::query_scalar("SELECT name FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(&db(app).await.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_waiting_request_tells_its_reviewers_and_the_decision_tells_the_applicant() {
    let app = spawn_app().await;
    let unit_head = Client::new(&app, UNIT_HEAD).await;
    let building_head = Client::new(&app, BUILDING_HEAD).await;
    let unit_3_1 = unit(&app, "3栋", "1单元").await;

    let at = mark(&app).await;
    let (signed, request) = newcomer(&app, "13912345601", "新邻居", unit_3_1, "1201").await;
    let waiting = told(
        &app,
        at,
        ("join_request", request),
        &[
            (unit_head.user_id, "registration_waiting"),
            (building_head.user_id, "registration_waiting"),
        ],
    )
    .await;
    assert_eq!(waiting[0].param("name").as_deref(), Some("新邻居"));
    assert_eq!(
        waiting[0].param("place").as_deref(),
        Some("华盛世纪新城 3栋 1单元 1201")
    );

    let at = mark(&app).await;
    let response = unit_head
        .post(
            &format!("/join-requests/{request}/approve"),
            Some(&json!({})),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    told(
        &app,
        at,
        ("join_request", request),
        &[(signed.session.me.id, "registration_approved")],
    )
    .await;

    // Another, declined with a reason the applicant reads in the message too.
    let (signed, request) = newcomer(&app, "13912345602", "另一位", unit_3_1, "1202").await;
    let at = mark(&app).await;
    let response = building_head
        .post(
            &format!("/join-requests/{request}/decline"),
            Some(&json!({ "reason": "1202没有这位住户，请核对门牌" })),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let declined = told(
        &app,
        at,
        ("join_request", request),
        &[(signed.session.me.id, "registration_declined")],
    )
    .await;
    assert_eq!(
        declined[0].param("reason").as_deref(),
        Some("1202没有这位住户，请核对门牌")
    );
}

#[tokio::test]
async fn asking_again_for_the_same_home_tells_the_heads_once_until_a_decline() {
    let app = spawn_app().await;
    let unit_head = Client::new(&app, UNIT_HEAD).await;
    let building_head = Client::new(&app, BUILDING_HEAD).await;
    let unit_3_1 = unit(&app, "3栋", "1单元").await;
    let (signed, first) = newcomer(&app, "13912345605", "新邻居", unit_3_1, "1201").await;
    let again = json!({ "unit_id": unit_3_1, "door": "1201" });
    let ask_again = || async {
        let response = app
            .client
            .put(app.url("/api/v1/me/join-request"))
            .bearer_auth(&signed.session.token)
            .json(&again)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let mine: MyJoinRequest = response.json().await.unwrap();
        mine.id
    };

    // Asked again and again while waiting: nobody hears of it twice.
    let at = mark(&app).await;
    for _ in 0..3 {
        assert_ne!(ask_again().await, first);
    }
    assert!(since(&app, at).await.is_empty());

    // Declined, then asked again: the heads hear of the new request once more.
    let latest: i64 = sqlx::query_scalar(
        "SELECT id FROM join_requests WHERE user_id = $1 AND status = 'pending'",
    )
    .bind(signed.session.me.id)
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    let response = unit_head
        .post(
            &format!("/join-requests/{latest}/decline"),
            Some(&json!({ "reason": "请核对门牌" })),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let at = mark(&app).await;
    let request = ask_again().await;
    told(
        &app,
        at,
        ("join_request", request),
        &[
            (unit_head.user_id, "registration_waiting"),
            (building_head.user_id, "registration_waiting"),
        ],
    )
    .await;
}

#[tokio::test]
async fn a_request_waits_for_exactly_the_reviewers_the_applicant_is_shown() {
    let app = spawn_app().await;
    for (phone, building) in [("13912345603", "5栋"), ("13912345604", "1栋")] {
        let place = unit(&app, building, "1单元").await;
        let door: String = sqlx::query_scalar(
            "SELECT door FROM households WHERE unit_id = $1 ORDER BY id LIMIT 1",
        )
        .bind(place)
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
        let door = door.as_str();
        let at = mark(&app).await;
        let (signed, request) = newcomer(&app, phone, "新邻居", place, door).await;
        let written = since(&app, at).await;
        assert!(!written.is_empty(), "{building}: someone reviews");
        assert!(written
            .iter()
            .all(|m| m.kind == "registration_waiting" && m.subject_id == request));
        let mut told_names = Vec::new();
        for message in &written {
            told_names.push(name_of(&app, message.recipient_id).await);
        }
        let mine: MyJoinRequest = app
            .client
            .get(app.url("/api/v1/me/join-request"))
            .bearer_auth(&signed.session.token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let mut shown: Vec<String> = mine.reviewers.into_iter().map(|r| r.name).collect();
        told_names.sort();
        shown.sort();
        assert_eq!(told_names, shown, "{building}");
    }
}

/// The messages about report `id` written after `at` (the timer may climb the demo's reports
/// meanwhile), as (recipient, kind).
async fn about(app: &TestApp, at: i64, id: i64) -> Vec<(i64, String)> {
    let mut got: Vec<(i64, String)> = since(app, at)
        .await
        .into_iter()
        .filter(|m: &Stored| m.subject_kind == "report" && m.subject_id == id)
        .map(|m| (m.recipient_id, m.kind))
        .collect();
    got.sort();
    got
}

fn pairs(expected: &[(i64, &str)]) -> Vec<(i64, String)> {
    let mut want: Vec<(i64, String)> = expected
        .iter()
        .map(|(who, kind)| (*who, (*kind).to_owned()))
        .collect();
    want.sort();
    want
}

#[tokio::test]
async fn a_reports_steps_tell_its_holder_and_its_reporter_only() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let unit_head = Client::new(&app, UNIT_HEAD).await;
    let building_head = Client::new(&app, BUILDING_HEAD).await;

    // Filed: the unit head it goes to hears; the reporter's household does not.
    let at = mark(&app).await;
    let text = "楼道堆放杂物，消防通道被堵，已经一个多星期了";
    let id = file(&resident, home_report(text)).await.summary.id;
    let filed = told(
        &app,
        at,
        ("report", id),
        &[(unit_head.user_id, "report_waiting")],
    )
    .await;
    assert_eq!(
        filed[0].param("summary").as_deref(),
        Some("楼道堆放杂物，消防通道被堵，已经一个多星…")
    );
    assert_eq!(filed[0].param("category").as_deref(), Some("sanitation"));

    for (step, body, kind) in [
        ("acknowledge", json!({}), "report_acknowledged"),
        (
            "reply",
            json!({ "text": "明天上午清理" }),
            "report_answered",
        ),
    ] {
        let at = mark(&app).await;
        step_ok(&unit_head, id, step, body).await;
        told(&app, at, ("report", id), &[(resident.user_id, kind)]).await;
    }

    // Transferred: the new holder hears; the reporter is not told of a hand-over.
    let at = mark(&app).await;
    let to_liu = json!({ "target": { "kind": "head", "user_id": building_head.user_id } });
    step_ok(&unit_head, id, "transfer", to_liu).await;
    told(
        &app,
        at,
        ("report", id),
        &[(building_head.user_id, "report_waiting")],
    )
    .await;

    let at = mark(&app).await;
    step_ok(
        &building_head,
        id,
        "resolve",
        json!({ "note": "已清理干净" }),
    )
    .await;
    told(
        &app,
        at,
        ("report", id),
        &[(resident.user_id, "report_resolved")],
    )
    .await;

    // 没解决: back with its last holder, who hears it waits again.
    let at = mark(&app).await;
    step_ok(
        &resident,
        id,
        "follow-up",
        json!({ "solved": false, "note": "又堆上了" }),
    )
    .await;
    told(
        &app,
        at,
        ("report", id),
        &[(building_head.user_id, "report_waiting")],
    )
    .await;
}

#[tokio::test]
async fn climbs_and_the_overdue_mark_tell_once_with_two_servers_timers() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let building_head = user_id(&app, BUILDING_HEAD).await;
    let grid_head = user_id(&app, GRID_HEAD).await;
    let staff: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT g.user_id FROM role_grants g JOIN users u ON u.id = g.user_id \
         JOIN communities c ON c.id = g.scope_id \
         WHERE g.role = 'staff' AND g.scope_kind = 'community' AND c.name = '井湘社区' \
           AND u.status = 'active' ORDER BY g.user_id",
    )
    .fetch_all(&db(&app).await.read)
    .await
    .unwrap();
    assert!(staff.len() >= 2);
    let id = file(&resident, home_report("楼道堆放杂物"))
        .await
        .summary
        .id;

    let (one, two) = (db(&app).await, db(&app).await);
    let climbs = [vec![building_head], vec![grid_head], staff.clone()];
    for holders in climbs {
        let at = mark(&app).await;
        app.clock.advance(25 * HOUR);
        let now = app.clock.now_ms();
        let (a, b) = tokio::join!(run_due(&one, now), run_due(&two, now));
        a.unwrap();
        b.unwrap();
        let mut expected = vec![(resident.user_id, "report_escalated")];
        expected.extend(holders.iter().map(|h| (*h, "report_waiting")));
        assert_eq!(about(&app, at, id).await, pairs(&expected));
    }
    let escalated: Vec<Stored> = since(&app, 0)
        .await
        .into_iter()
        .filter(|m| m.subject_id == id && m.kind == "report_escalated")
        .collect();
    let levels: Vec<Option<String>> = escalated.iter().map(|m| m.param("level")).collect();
    assert_eq!(
        levels,
        ["building", "grid", "staff"].map(|l| Some(l.to_owned()))
    );

    // At the top: overdue, told to every staff member once, however many timers run.
    let at = mark(&app).await;
    app.clock.advance(25 * HOUR);
    let now = app.clock.now_ms();
    let (a, b) = tokio::join!(run_due(&one, now), run_due(&two, now));
    a.unwrap();
    b.unwrap();
    run_due(&one, now).await.unwrap();
    let expected: Vec<(i64, &str)> = staff.iter().map(|s| (*s, "report_overdue")).collect();
    assert_eq!(about(&app, at, id).await, pairs(&expected));
}
