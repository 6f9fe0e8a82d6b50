//! 消息: the list, the bell's figure, marking read, preferences, quiet hours and the reminders'
//! timer run by hand. Messages are written by calling `notify()` in a transaction on the test
//! server's own database, as a feature does inside its event.

use std::time::Duration;

use chrono::{DateTime, Utc};
use linli_api_types::{
    Message, MessageKind, MessagePage, MessagePrefs, MessageSubject, SubjectKind, Task, UnreadCount,
};
use linli_server::features::messages::reminders::run_due;
use linli_server::features::messages::texts::render;
use linli_server::features::messages::{notify, NewMessage};
use linli_server::platform::db::now_ms;
use linli_server::platform::lang::Lang;
use linli_server::platform::shanghai::{day_start, DAY_MS};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

pub const HOUR_MS: i64 = 60 * 60 * 1000;

/// Writes one message of `kind` about `subject` to `recipients` (same community as the first),
/// at `at`, the way a feature does in its transaction. Answers how many were written.
pub async fn tell_at(
    app: &TestApp,
    kind: MessageKind,
    subject: (SubjectKind, i64),
    recipients: &[i64],
    at: i64,
) -> usize {
    let community: i64 = sqlx::query_scalar("SELECT community_id FROM users WHERE id = $1")
        .bind(recipients[0])
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    let message = NewMessage::new(
        community,
        kind,
        MessageSubject {
            kind: subject.0,
            id: subject.1,
        },
        at,
    )
    .with("task", "清理楼道")
    .with("service", "理发");
    let mut tx = app.db.write.begin().await.unwrap();
    let written = notify(&mut tx, &message, recipients).await.unwrap();
    tx.commit().await.unwrap();
    written
}

pub async fn tell(
    app: &TestApp,
    kind: MessageKind,
    subject: (SubjectKind, i64),
    recipients: &[i64],
) -> usize {
    tell_at(app, kind, subject, recipients, now_ms()).await
}

/// The newest message id of `user_id`.
pub async fn newest_id(app: &TestApp, user_id: i64) -> i64 {
    sqlx::query_scalar("SELECT MAX(id) FROM messages WHERE recipient_id = $1")
        .bind(user_id)
        .fetch_one(&app.db.read)
        .await
        .unwrap()
}

impl Client<'_> {
    pub async fn messages(&self, query: &str) -> MessagePage {
        self.get_ok(&format!("/messages{query}")).await
    }

    pub async fn unread(&self) -> UnreadCount {
        self.get_ok("/messages/unread").await
    }
}

fn kinds(page: &MessagePage) -> Vec<MessageKind> {
    page.items.iter().map(|message| message.kind).collect()
}

#[tokio::test]
async fn a_users_messages_are_listed_newest_first_in_pages_with_their_pages_and_words() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let neighbour = Client::new(&app, RESIDENT_5).await;
    tell(
        &app,
        MessageKind::OrderAccepted,
        (SubjectKind::Order, 12),
        &[resident.user_id],
    )
    .await;
    tell(
        &app,
        MessageKind::WishClaimed,
        (SubjectKind::Wish, 7),
        &[resident.user_id],
    )
    .await;
    tell(
        &app,
        MessageKind::RegistrationWaiting,
        (SubjectKind::JoinRequest, 3),
        &[resident.user_id],
    )
    .await;
    tell(
        &app,
        MessageKind::VoucherUsed,
        (SubjectKind::Voucher, 5),
        &[neighbour.user_id],
    )
    .await;

    let page = resident.messages("").await;
    assert_eq!(
        kinds(&page),
        [
            MessageKind::RegistrationWaiting,
            MessageKind::WishClaimed,
            MessageKind::OrderAccepted
        ]
    );
    assert_eq!(page.unread, 3);
    assert!(page.next_cursor.is_none());
    let paths: Vec<&str> = page.items.iter().map(|m| m.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/me/join-requests",
            "/services/wishes/7",
            "/services/orders/12"
        ]
    );
    let accepted = &page.items[2];
    assert!(!accepted.read);
    let params = [("task", "清理楼道"), ("service", "理发")]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    assert_eq!(
        (accepted.title.clone(), accepted.body.clone()),
        render(MessageKind::OrderAccepted, &params, Lang::Zh)
    );
    let english = Client::new(&app, RESIDENT).await.english();
    let page_en = english.messages("").await;
    assert_eq!(
        (
            page_en.items[2].title.clone(),
            page_en.items[2].body.clone()
        ),
        render(MessageKind::OrderAccepted, &params, Lang::En)
    );

    // Two at a time: the second page continues after the first, whatever arrives meanwhile.
    let first = resident.messages("?limit=2").await;
    assert_eq!(first.items.len(), 2);
    let cursor = first.next_cursor.clone().expect("a next page");
    tell(
        &app,
        MessageKind::OrderStarted,
        (SubjectKind::Order, 12),
        &[resident.user_id],
    )
    .await;
    let second = resident
        .messages(&format!("?limit=2&cursor={cursor}"))
        .await;
    assert_eq!(kinds(&second), [MessageKind::OrderAccepted]);
    assert!(second.next_cursor.is_none());
    assert_eq!(second.unread, 4);

    // The neighbour sees theirs only.
    let theirs = neighbour.messages("").await;
    assert_eq!(kinds(&theirs), [MessageKind::VoucherUsed]);
    assert_eq!(theirs.items[0].path, "/points/vouchers/5");
    let count = resident.unread().await;
    assert_eq!(count.unread, 4);
    assert_eq!(count.latest_id, newest_id(&app, resident.user_id).await);
    assert_eq!(
        Client::new(&app, STAFF).await.unread().await,
        UnreadCount {
            unread: 0,
            latest_id: 0
        }
    );

    for bad in ["?limit=0", "?limit=51", "?cursor=nonsense"] {
        let problem = problem(
            resident.get(&format!("/messages{bad}")).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(problem.code, "validation", "{bad}");
    }
}

#[tokio::test]
async fn marking_read_reaches_only_the_users_own_messages() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let neighbour = Client::new(&app, RESIDENT_5).await;
    for order in [1, 2, 3] {
        tell(
            &app,
            MessageKind::OrderDispatched,
            (SubjectKind::Order, order),
            &[resident.user_id],
        )
        .await;
    }
    let page = resident.messages("").await;
    let ids: Vec<i64> = page.items.iter().map(|m| m.id).collect();
    let (newest, middle, oldest) = (ids[0], ids[1], ids[2]);

    // Another user's message reads exactly as one that does not exist, and stays unread.
    let theirs = neighbour
        .post(&format!("/messages/{newest}/read"), None, None)
        .await;
    let theirs = problem(theirs, StatusCode::NOT_FOUND).await;
    let nothing = neighbour.post("/messages/999999999/read", None, None).await;
    assert_eq!(theirs, problem(nothing, StatusCode::NOT_FOUND).await);
    let read_at: Option<i64> = sqlx::query_scalar("SELECT read_at FROM messages WHERE id = $1")
        .bind(newest)
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    assert_eq!(read_at, None);
    // Nor does marking all read touch anyone else's.
    let all = json!({ "up_to": newest });
    assert_eq!(
        neighbour
            .post("/messages/read-all", Some(&all), None)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(resident.unread().await.unread, 3);

    // One, twice: the same.
    for _ in 0..2 {
        let response = resident
            .post(&format!("/messages/{oldest}/read"), None, None)
            .await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
    }
    assert_eq!(resident.unread().await.unread, 2);
    let page = resident.messages("").await;
    let read: Vec<bool> = page.items.iter().map(|m| m.read).collect();
    assert_eq!(read, [false, false, true]);

    // All up to the middle one: the newest, which the user had not seen, stays unread.
    let up_to_middle = json!({ "up_to": middle });
    assert_eq!(
        resident
            .post("/messages/read-all", Some(&up_to_middle), None)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let page = resident.messages("").await;
    let read: Vec<bool> = page.items.iter().map(|m| m.read).collect();
    assert_eq!(read, [false, true, true]);
    assert_eq!(page.unread, 1);

    let bad = resident
        .post("/messages/read-all", Some(&json!({ "up_to": "all" })), None)
        .await;
    problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
}

#[tokio::test]
async fn preferences_mute_the_kinds_turned_off_for_messages_written_after() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    assert_eq!(
        resident
            .get_ok::<MessagePrefs>("/messages/preferences")
            .await,
        MessagePrefs::default()
    );
    tell(
        &app,
        MessageKind::OrderStarted,
        (SubjectKind::Order, 1),
        &[resident.user_id],
    )
    .await;

    let prefs = json!({
        "off": ["order_started", "voucher_used", "order_started"],
        "quiet_hours": false,
        "quiet_start": 23 * 60,
        "quiet_end": 6 * 60,
    });
    let saved: MessagePrefs = resident
        .put("/messages/preferences", Some(&prefs), None)
        .await
        .json()
        .await
        .unwrap();
    let expected = MessagePrefs {
        off: vec![MessageKind::OrderStarted, MessageKind::VoucherUsed],
        quiet_hours: false,
        quiet_start: 23 * 60,
        quiet_end: 6 * 60,
    };
    assert_eq!(saved, expected);
    assert_eq!(
        resident
            .get_ok::<MessagePrefs>("/messages/preferences")
            .await,
        expected
    );

    tell(
        &app,
        MessageKind::OrderStarted,
        (SubjectKind::Order, 2),
        &[resident.user_id],
    )
    .await;
    tell(
        &app,
        MessageKind::OrderCompleted,
        (SubjectKind::Order, 2),
        &[resident.user_id],
    )
    .await;
    let muted: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT kind, subject_id, muted FROM messages WHERE recipient_id = $1 ORDER BY id",
    )
    .bind(resident.user_id)
    .fetch_all(&app.db.read)
    .await
    .unwrap();
    assert_eq!(
        muted,
        [
            ("order_started".to_owned(), 1, 0),
            ("order_started".to_owned(), 2, 1),
            ("order_completed".to_owned(), 2, 0)
        ]
    );
    // The muted one is neither listed nor counted; the one written before the change is.
    let page = resident.messages("").await;
    let listed: Vec<(MessageKind, i64)> =
        page.items.iter().map(|m| (m.kind, m.subject.id)).collect();
    assert_eq!(
        listed,
        [
            (MessageKind::OrderCompleted, 2),
            (MessageKind::OrderStarted, 1)
        ]
    );
    assert_eq!(page.unread, 2);
    // Something happened all the same: the newest id moves for a polling app.
    assert_eq!(
        resident.unread().await.latest_id,
        newest_id(&app, resident.user_id).await
    );

    // Minutes outside the day are refused at the field, in the user's language.
    let english = Client::new(&app, RESIDENT).await.english();
    let mut bad = prefs.clone();
    bad["quiet_end"] = json!(1440);
    let refused = problem(
        english.put("/messages/preferences", Some(&bad), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.errors.len(), 1);
    assert_eq!(refused.errors[0].field, "quiet_end");
    assert!(
        refused.errors[0].message.is_ascii(),
        "{}",
        refused.errors[0].message
    );
    let refused = problem(
        resident
            .put("/messages/preferences", Some(&bad), None)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        !refused.errors[0].message.is_ascii(),
        "{}",
        refused.errors[0].message
    );
    let mut unknown = prefs.clone();
    unknown["off"] = json!(["birthday"]);
    problem(
        resident
            .put("/messages/preferences", Some(&unknown), None)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    // Nothing refused was stored.
    assert_eq!(
        resident
            .get_ok::<MessagePrefs>("/messages/preferences")
            .await,
        expected
    );
}

/// 3栋 in 华盛世纪新城.
pub async fn building_3(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT id FROM buildings WHERE estate = '华盛世纪新城' AND name = '3栋'")
        .fetch_one(&app.db.read)
        .await
        .unwrap()
}

/// A task for 3栋 by its building head starting at `starts_at` (epoch ms), with `capacity`.
pub async fn task_at(app: &TestApp, starts_at: i64, capacity: i64) -> Task {
    let head = Client::new(app, BUILDING_HEAD).await;
    let start = DateTime::<Utc>::from_timestamp_millis(starts_at).unwrap();
    let draft = json!({
        "title": "清理楼道",
        "description": "带好手套",
        "category": "environment",
        "place": "3栋楼下",
        "starts_at": start,
        "ends_at": start + chrono::Duration::hours(2),
        "capacity": capacity,
        "points": 5,
        "target": { "kind": "building", "id": building_3(app).await },
    });
    let response = head.post("/tasks", Some(&draft), None).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

pub async fn join(client: &Client<'_>, task: i64) {
    let response = client
        .put(&format!("/tasks/{task}/enrollment"), None, None)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

/// Cancels the demo's upcoming tasks, whose members the reminder runs of a test would remind
/// too.
pub async fn cancel_demo_tasks(app: &TestApp) {
    sqlx::query("UPDATE tasks SET cancelled_at = $1 WHERE cancelled_at IS NULL")
        .bind(now_ms())
        .execute(&app.db.write)
        .await
        .unwrap();
}

/// (recipient, visible_at) of the reminders of `kind` about `task`, by recipient.
pub async fn reminders(app: &TestApp, kind: MessageKind, task: i64) -> Vec<(i64, i64)> {
    sqlx::query_as(
        "SELECT recipient_id, visible_at FROM messages \
         WHERE kind = $1 AND subject_kind = 'task' AND subject_id = $2 ORDER BY recipient_id",
    )
    .bind(kind.as_str())
    .bind(task)
    .fetch_all(&app.db.read)
    .await
    .unwrap()
}

/// The next `hour`:00 in Shanghai at least a minute after `now`.
fn next_shanghai_hour(now: i64, hour: i64) -> i64 {
    let today = day_start(now) + hour * HOUR_MS;
    if today > now + 60_000 {
        today
    } else {
        today + DAY_MS
    }
}

#[tokio::test]
async fn reminders_go_once_the_evening_before_and_two_hours_before_to_joined_members_only() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let neighbour = Client::new(&app, HUANG_JIANHUA).await;
    cancel_demo_tasks(&app).await;
    // Two days ahead at 09:00: one place; 王秀英 joins, 张建国 waits, 黄建华 joins and withdraws.
    let starts = day_start(now_ms()) + 2 * DAY_MS + 9 * HOUR_MS;
    let task = task_at(&app, starts, 1).await;
    join(&resident, task.id).await;
    join(&volunteer, task.id).await;
    let db = db(&app).await;
    let eve = starts - DAY_MS + 10 * HOUR_MS; // 19:00 the day before

    run_due(&db, eve - 60_000).await.unwrap();
    assert!(reminders(&app, MessageKind::TaskTomorrow, task.id)
        .await
        .is_empty());
    run_due(&db, eve).await.unwrap();
    run_due(&db, eve + 60_000).await.unwrap();
    // 19:00 is not in the default quiet hours (22:00–07:00): visible at once.
    assert_eq!(
        reminders(&app, MessageKind::TaskTomorrow, task.id).await,
        [(resident.user_id, eve)]
    );
    // Listed once the server's clock reaches that evening.
    app.clock.advance(Duration::from_millis(
        u64::try_from(eve + 60_000 - app.clock.now_ms()).unwrap(),
    ));
    let page = resident.messages("").await;
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].path, format!("/tasks/{}", task.id));
    let params: std::collections::BTreeMap<String, String> = sqlx::query_scalar::<_, String>(
        "SELECT params FROM messages WHERE kind = 'task_tomorrow' AND subject_id = $1",
    )
    .bind(task.id)
    .fetch_one(&app.db.read)
    .await
    .map(|text| serde_json::from_str(&text).unwrap())
    .unwrap();
    assert_eq!(params["task"], "清理楼道");
    assert_eq!(params["starts_at"], starts.to_string());
    assert_eq!(params["place"], "3栋楼下");

    // 黄建华 waits and withdraws; 王秀英 withdraws, so 张建国 moves up: only he is reminded two
    // hours before.
    join(&neighbour, task.id).await;
    let withdrawn = neighbour
        .delete(&format!("/tasks/{}/enrollment", task.id), None)
        .await;
    assert_eq!(withdrawn.status(), StatusCode::OK);
    let left = resident
        .delete(&format!("/tasks/{}/enrollment", task.id), None)
        .await;
    assert_eq!(left.status(), StatusCode::OK);
    let soon = starts - 2 * HOUR_MS; // 07:00, just out of quiet hours
    run_due(&db, soon - 60_000).await.unwrap();
    assert!(reminders(&app, MessageKind::TaskSoon, task.id)
        .await
        .is_empty());
    for _ in 0..2 {
        run_due(&db, soon).await.unwrap();
    }
    assert_eq!(
        reminders(&app, MessageKind::TaskSoon, task.id).await,
        [(volunteer.user_id, soon)]
    );
    // Nothing at or after the start.
    run_due(&db, starts).await.unwrap();
    assert_eq!(
        reminders(&app, MessageKind::TaskSoon, task.id).await.len(),
        1
    );
    assert!(reminders(&app, MessageKind::TaskTomorrow, task.id)
        .await
        .iter()
        .all(|(who, _)| *who == resident.user_id));
}

#[tokio::test]
async fn a_cancelled_task_reminds_nobody() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let starts = day_start(now_ms()) + 2 * DAY_MS + 9 * HOUR_MS;
    let task = task_at(&app, starts, 5).await;
    join(&resident, task.id).await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let cancelled = head
        .post(
            &format!("/tasks/{}/cancel", task.id),
            Some(&json!({ "reason": "下雨" })),
            None,
        )
        .await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    let db = db(&app).await;
    run_due(&db, starts - DAY_MS + 10 * HOUR_MS).await.unwrap();
    run_due(&db, starts - HOUR_MS).await.unwrap();
    assert!(reminders(&app, MessageKind::TaskTomorrow, task.id)
        .await
        .is_empty());
    assert!(reminders(&app, MessageKind::TaskSoon, task.id)
        .await
        .is_empty());
}

#[tokio::test]
async fn a_reminder_due_in_quiet_hours_is_listed_when_they_end() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    cancel_demo_tasks(&app).await;
    // 张建国 has no quiet hours; 王秀英 keeps the default 22:00–07:00.
    let no_quiet =
        json!({ "off": [], "quiet_hours": false, "quiet_start": 1320, "quiet_end": 420 });
    assert_eq!(
        volunteer
            .put("/messages/preferences", Some(&no_quiet), None)
            .await
            .status(),
        StatusCode::OK
    );
    // The server's clock at 23:00 Shanghai; a task at 00:30.
    let eleven = next_shanghai_hour(now_ms(), 23);
    app.clock.advance(Duration::from_millis(
        u64::try_from(eleven - app.clock.now_ms()).unwrap(),
    ));
    let task = task_at(&app, eleven + 90 * 60_000, 5).await;
    join(&resident, task.id).await;
    join(&volunteer, task.id).await;

    run_due(&db(&app).await, eleven).await.unwrap();
    let seven = eleven + 8 * HOUR_MS;
    assert_eq!(
        reminders(&app, MessageKind::TaskSoon, task.id).await,
        [(resident.user_id, seven), (volunteer.user_id, eleven)]
    );
    // At 23:00 王秀英 sees nothing yet; 张建国 sees his.
    assert!(resident.messages("").await.items.is_empty());
    assert_eq!(
        resident.unread().await,
        UnreadCount {
            unread: 0,
            latest_id: 0
        }
    );
    assert_eq!(
        kinds(&volunteer.messages("").await),
        [MessageKind::TaskSoon]
    );
    // Nor can she mark it read before she can see it.
    let id = newest_id(&app, resident.user_id).await;
    problem(
        resident
            .post(&format!("/messages/{id}/read"), None, None)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;

    app.clock
        .advance(Duration::from_millis(u64::try_from(8 * HOUR_MS).unwrap()));
    let page = resident.messages("").await;
    assert_eq!(kinds(&page), [MessageKind::TaskSoon]);
    let message: &Message = &page.items[0];
    assert_eq!(message.at.timestamp_millis(), seven);
    assert_eq!(page.unread, 1);
}

#[tokio::test]
async fn old_messages_are_pruned_with_their_deliveries() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let now = now_ms();
    let old = now - (linli_api_types::MESSAGE_KEEP_DAYS + 1) * DAY_MS;
    tell_at(
        &app,
        MessageKind::OrderStarted,
        (SubjectKind::Order, 1),
        &[resident.user_id],
        old,
    )
    .await;
    tell(
        &app,
        MessageKind::OrderCompleted,
        (SubjectKind::Order, 1),
        &[resident.user_id],
    )
    .await;
    let community: i64 = sqlx::query_scalar("SELECT community_id FROM users WHERE id = $1")
        .bind(resident.user_id)
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO webhook_deliveries (community_id, message_id, next_attempt_at, created_at) \
         SELECT community_id, id, created_at, created_at FROM messages WHERE recipient_id = $1",
    )
    .bind(resident.user_id)
    .execute(&app.db.write)
    .await
    .unwrap();
    let pruned = linli_server::features::messages::prune::prune_old(&app.db, now)
        .await
        .unwrap();
    assert_eq!(pruned, 1);
    assert_eq!(
        kinds(&resident.messages("").await),
        [MessageKind::OrderCompleted]
    );
    let deliveries: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM webhook_deliveries WHERE community_id = $1")
            .bind(community)
            .fetch_one(&app.db.read)
            .await
            .unwrap();
    assert_eq!(deliveries, 1);
}

/// What a message's JSON looks like to the app (the contract's field names).
#[tokio::test]
async fn a_message_carries_the_contracts_fields() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    tell(
        &app,
        MessageKind::ReportAnswered,
        (SubjectKind::Report, 4),
        &[resident.user_id],
    )
    .await;
    let page: Value = resident.get_ok("/messages").await;
    let message = &page["items"][0];
    assert_eq!(message["kind"], "report_answered");
    assert_eq!(message["subject"], json!({ "kind": "report", "id": 4 }));
    assert_eq!(message["path"], "/me/reports/4");
    assert_eq!(message["read"], false);
    assert!(message["at"].is_string());
    assert_eq!(page["unread"], 1);
    assert!(page["next_cursor"].is_null());
}
