//! 消息 of tasks and notices: a volunteer promoted from the waitlist, the members of a task
//! that changed or was cancelled, and everyone under an important notice — each once, never
//! the organiser or author, never anyone the task or notice does not concern.

use chrono::{Duration, Utc};
use linli_api_types::{Notice, NoticePage};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::message_events::{mark, since, told};

async fn id_of(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&db(app).await.read)
        .await
        .unwrap()
}

async fn building_3(app: &TestApp) -> i64 {
    id_of(
        app,
        "SELECT id FROM buildings WHERE estate || ' ' || name = '华盛世纪新城 3栋'",
    )
    .await
}

/// A task for 3栋 starting in two days, as its building head drafts it.
fn task_draft(b3: i64, capacity: i64, place: &str, start: chrono::DateTime<Utc>) -> Value {
    json!({
        "title": "楼道清扫",
        "description": "带好手套",
        "category": "environment",
        "place": place,
        "starts_at": start,
        "ends_at": start + Duration::hours(2),
        "capacity": capacity,
        "points": 20,
        "target": { "kind": "building", "id": b3 },
    })
}

async fn ok(response: reqwest::Response, status: StatusCode) -> Value {
    let got = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn a_promotion_a_change_and_a_cancellation_tell_the_tasks_members() {
    let app = spawn_app().await;
    let b3 = building_3(&app).await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let resident = Client::new(&app, RESIDENT).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let unit_head = Client::new(&app, UNIT_HEAD).await;
    let huang = Client::new(&app, HUANG_JIANHUA).await;
    let start = Utc::now() + Duration::days(2);
    let task = ok(
        head.post("/tasks", Some(&task_draft(b3, 1, "3栋楼下", start)), None)
            .await,
        StatusCode::CREATED,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let subject = ("task", task);
    let enrollment = format!("/tasks/{task}/enrollment");

    // Joining and waiting tell nobody.
    let at = mark(&app).await;
    for member in [&resident, &volunteer, &unit_head] {
        ok(member.put(&enrollment, None, None).await, StatusCode::OK).await;
    }
    told(&app, at, subject, &[]).await;

    // The joined one withdraws: the first waiting gets the place and hears of it.
    let at = mark(&app).await;
    ok(resident.delete(&enrollment, None).await, StatusCode::OK).await;
    let promoted = told(
        &app,
        at,
        subject,
        &[(volunteer.user_id, "waitlist_promoted")],
    )
    .await;
    assert_eq!(promoted[0].param("task").as_deref(), Some("楼道清扫"));
    assert_eq!(
        promoted[0].param("starts_at"),
        Some(start.timestamp_millis().to_string())
    );

    // An edit of the time and place tells the joined and the waiting, not the editor, nor the
    // one who withdrew, nor a neighbour who never joined.
    let later = start + Duration::hours(3);
    let at = mark(&app).await;
    ok(
        head.put(
            &format!("/tasks/{task}"),
            Some(&task_draft(b3, 1, "社区广场", later)),
            None,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let changed = told(
        &app,
        at,
        subject,
        &[
            (volunteer.user_id, "task_changed"),
            (unit_head.user_id, "task_changed"),
        ],
    )
    .await;
    assert_eq!(changed[0].param("changed").as_deref(), Some("time,place"));
    assert_eq!(changed[0].param("place").as_deref(), Some("社区广场"));
    assert_eq!(
        changed[0].param("starts_at"),
        Some(later.timestamp_millis().to_string())
    );

    // One more place, nothing else: the waiting one is promoted, nobody is told of a change.
    let at = mark(&app).await;
    ok(
        head.put(
            &format!("/tasks/{task}"),
            Some(&task_draft(b3, 2, "社区广场", later)),
            None,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    told(
        &app,
        at,
        subject,
        &[(unit_head.user_id, "waitlist_promoted")],
    )
    .await;

    // A third joins and waits; cancelling tells all three with the reason, once.
    ok(huang.put(&enrollment, None, None).await, StatusCode::OK).await;
    let at = mark(&app).await;
    let reason = json!({ "reason": "暴雨预警，活动改期" });
    for _ in 0..2 {
        ok(
            head.post(&format!("/tasks/{task}/cancel"), Some(&reason), None)
                .await,
            StatusCode::OK,
        )
        .await;
    }
    let cancelled = told(
        &app,
        at,
        subject,
        &[
            (volunteer.user_id, "task_cancelled"),
            (unit_head.user_id, "task_cancelled"),
            (huang.user_id, "task_cancelled"),
        ],
    )
    .await;
    assert_eq!(
        cancelled[2].param("reason").as_deref(),
        Some("暴雨预警，活动改期")
    );
}

/// The active accounts living in building `b3`, but `except`: whom a notice to it reaches.
async fn living_in(app: &TestApp, b3: i64, except: i64) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT u.id FROM users u JOIN households h ON h.id = u.household_id \
         JOIN units un ON un.id = h.unit_id \
         WHERE un.building_id = $1 AND u.status = 'active' AND u.id <> $2 ORDER BY u.id",
    )
    .bind(b3)
    .bind(except)
    .fetch_all(&db(app).await.read)
    .await
    .unwrap()
}

fn notice_draft(title: &str, kind: &str, id: i64, important: bool) -> Value {
    json!({
        "title": title,
        "body": "周六 8:00-14:00 停水，请提前储水",
        "category": "utilities",
        "target": { "kind": kind, "id": id },
        "important": important,
    })
}

async fn posted(response: reqwest::Response) -> Notice {
    serde_json::from_value(ok(response, StatusCode::CREATED).await).unwrap()
}

#[tokio::test]
async fn an_important_notice_tells_every_account_under_its_target_once() {
    let app = spawn_app().await;
    let b3 = building_3(&app).await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let resident = Client::new(&app, RESIDENT).await;
    let neighbour = Client::new(&app, RESIDENT_5).await;

    // Not marked: nobody is told.
    let at = mark(&app).await;
    let draft = notice_draft("楼道灯更换", "building", b3, false);
    let plain: Notice = posted(head.post("/notices", Some(&draft), None).await).await;
    assert!(!plain.important);
    told(&app, at, ("notice", plain.id), &[]).await;

    // Marked: every active account of 3栋 but the author, nobody of 5栋 or another community.
    let at = mark(&app).await;
    let draft = notice_draft("3栋停水通知", "building", b3, true);
    let posted: Notice = posted(head.post("/notices", Some(&draft), None).await).await;
    assert!(posted.important);
    let everyone = living_in(&app, b3, head.user_id).await;
    assert!(everyone.len() >= 4, "3栋 has its households' accounts");
    assert!(everyone.contains(&resident.user_id));
    let expected: Vec<(i64, &str)> = everyone
        .iter()
        .map(|id| (*id, "notice_important"))
        .collect();
    let written = told(&app, at, ("notice", posted.id), &expected).await;
    assert_eq!(written[0].param("notice").as_deref(), Some("3栋停水通知"));
    assert_eq!(written[0].param("author").as_deref(), Some("刘伟忠"));
    let recipients: Vec<i64> = written.iter().map(|m| m.recipient_id).collect();
    for outsider in [
        head.user_id,
        neighbour.user_id,
        user_id(&app, OTHER_RESIDENT).await,
    ] {
        assert!(!recipients.contains(&outsider));
    }
    // Readers see the mark on the list and the notice.
    let page: NoticePage = resident.get_ok("/notices?limit=50").await;
    let line = page.items.iter().find(|n| n.id == posted.id).unwrap();
    assert!(line.important);
    let seen: Notice = resident.get_ok(&format!("/notices/{}", posted.id)).await;
    assert!(seen.important);

    // Unmarked and marked again by edits: nobody hears of it twice.
    let at = mark(&app).await;
    for important in [false, true, true] {
        let edit = notice_draft("3栋停水通知（更正）", "building", b3, important);
        ok(
            head.put(&format!("/notices/{}", posted.id), Some(&edit), None)
                .await,
            StatusCode::OK,
        )
        .await;
    }
    assert!(since(&app, at).await.is_empty());

    // The plain one marked by an edit tells its readers then.
    let at = mark(&app).await;
    let edit = notice_draft("楼道灯更换", "building", b3, true);
    ok(
        head.put(&format!("/notices/{}", plain.id), Some(&edit), None)
            .await,
        StatusCode::OK,
    )
    .await;
    told(&app, at, ("notice", plain.id), &expected).await;
}

#[tokio::test]
async fn an_important_notice_to_a_unit_tells_that_unit_only() {
    let app = spawn_app().await;
    let unit_head = Client::new(&app, UNIT_HEAD).await;
    let unit: i64 = id_of(
        &app,
        "SELECT h.unit_id FROM users u JOIN households h ON h.id = u.household_id \
         WHERE u.phone = '13800000001'",
    )
    .await;
    let at = mark(&app).await;
    let posted = ok(
        unit_head
            .post(
                "/notices",
                Some(&notice_draft("1单元电梯检修", "unit", unit, true)),
                None,
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    let written = since(&app, at).await;
    let in_unit: Vec<i64> = sqlx::query_scalar(
        "SELECT u.id FROM users u JOIN households h ON h.id = u.household_id \
         WHERE h.unit_id = $1 AND u.status = 'active' AND u.id <> $2 ORDER BY u.id",
    )
    .bind(unit)
    .bind(unit_head.user_id)
    .fetch_all(&db(&app).await.read)
    .await
    .unwrap();
    let mut recipients: Vec<i64> = written.iter().map(|m| m.recipient_id).collect();
    recipients.sort();
    assert_eq!(recipients, in_unit);
    assert!(recipients.contains(&user_id(&app, RESIDENT).await));
    assert!(
        !recipients.contains(&user_id(&app, VOLUNTEER).await),
        "2单元"
    );
    assert!(written
        .iter()
        .all(|m| m.subject_id == posted["id"].as_i64().unwrap() && m.kind == "notice_important"));
}
