//! Hostile text in every field users post (notice, task, order, decline, completion, rating,
//! correction): emoji sequences, RTL and zero-width marks, combining characters, markup and
//! SQL come back exactly as sent; NUL and other control characters are cleaned out by the one
//! rule of `server/src/platform/text.rs` in every field (line breaks and tabs kept where a field has
//! several lines), never stored (PostgreSQL cannot store NUL) and never a 500; over-long text
//! is a field error counted in characters, not bytes, in the request's language.

use linli_api_types::{Correction, Notice, Order, OrderEventKind, Problem, Task};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::orders::service_id;

/// Each at most 60 characters (the shortest limit, titles), none with control characters or
/// edge whitespace, so each must come back byte for byte.
const HOSTILE: [&str; 7] = [
    "👨‍👩‍👧‍👦 家庭日 🏳️‍🌈👍🏽",
    "\u{202E}evil\u{202C} 通知 \u{200F}\u{200E}x",
    "zero\u{200B}width\u{200C}\u{200D}\u{FEFF}joiner",
    "e\u{301}\u{302}\u{303} Z\u{351}\u{352} ả",
    "<script>alert('x')</script><img src=x onerror=alert(1)>&amp;",
    "'; DROP TABLE notices; -- \" \\ %s %n {{7*7}} ${jndi:x}",
    "\u{FFFF}\u{FFFE}\u{10FFFF}\u{1F600}",
];

/// All of them in one text (195 characters: within the 200 of notes and reasons).
fn all_hostile() -> String {
    HOSTILE.join(" | ")
}

async fn community(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT id FROM communities WHERE name = '井湘社区'")
        .fetch_one(&db(app).await.read)
        .await
        .unwrap()
}

fn notice_draft(title: &str, body: &str, community: i64) -> Value {
    json!({
        "title": title,
        "body": body,
        "category": "activity",
        "target": { "kind": "community", "id": community },
    })
}

fn task_draft(title: &str, place: &str, description: &str, community: i64) -> Value {
    let start = chrono::Utc::now() + chrono::Duration::days(2);
    json!({
        "title": title,
        "description": description,
        "category": "environment",
        "place": place,
        "starts_at": start,
        "ends_at": start + chrono::Duration::hours(2),
        "capacity": 5,
        "points": 10,
        "target": { "kind": "community", "id": community },
    })
}

async fn body_of<T: serde::de::DeserializeOwned>(
    response: reqwest::Response,
    status: StatusCode,
) -> T {
    let got = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn hostile_text_round_trips_exactly_through_every_posted_field() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let resident = Client::new(&app, RESIDENT).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let community = community(&app).await;
    let all = all_hostile();

    for text in HOSTILE {
        // Notices: posted by staff, read by a resident.
        let draft = notice_draft(text, &all, community);
        let posted: Notice = body_of(
            staff.post("/notices", Some(&draft), None).await,
            StatusCode::CREATED,
        )
        .await;
        let read: Notice = body_of(
            resident.get(&format!("/notices/{}", posted.id)).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(
            (read.title.as_str(), read.body.as_str()),
            (text, all.as_str())
        );

        // Tasks.
        let draft = task_draft(text, text, &all, community);
        let task: Task = body_of(
            staff.post("/tasks", Some(&draft), None).await,
            StatusCode::CREATED,
        )
        .await;
        let read: Task = body_of(
            resident.get(&format!("/tasks/{}", task.id)).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(
            (
                read.title.as_str(),
                read.place.as_str(),
                read.description.as_str()
            ),
            (text, text, all.as_str())
        );

        // Corrections.
        assert_eq!(correct(&staff, &resident, text).await.reason, text);
    }

    // An order through every step that carries text.
    let plumbing = service_id(&app, "水电维修").await;
    let draft = json!({ "service_id": plumbing, "address": HOSTILE[0], "note": all });
    let order = resident.place_order(&draft).await;
    let read = resident.order(order.id).await;
    assert_eq!(
        (read.address.as_str(), read.note.as_str()),
        (HOSTILE[0], all.as_str())
    );

    let assign = json!({ "volunteer_id": volunteer.user_id });
    staff.step(order.id, "assign", Some(&assign)).await;
    let declined = volunteer
        .step(order.id, "decline", Some(&json!({ "reason": all })))
        .await;
    let event = declined
        .timeline
        .iter()
        .find(|e| e.kind == OrderEventKind::Declined)
        .unwrap();
    assert_eq!(event.note.as_deref(), Some(all.as_str()));

    staff.step(order.id, "assign", Some(&assign)).await;
    volunteer.step(order.id, "accept", None).await;
    volunteer.step(order.id, "start", None).await;
    let completed = volunteer
        .step(order.id, "complete", Some(&json!({ "note": all })))
        .await;
    assert_eq!(completed.completion_note.as_deref(), Some(all.as_str()));
    let rated: Order = resident
        .step(
            order.id,
            "rate",
            Some(&json!({ "stars": 4, "tags": [], "comment": all })),
        )
        .await;
    assert_eq!(rated.rating.unwrap().comment, all);
    assert_eq!(resident.order(order.id).await.rating.unwrap().comment, all);
}

/// One point to `member` from `staff`, for `reason`; must be written.
async fn correct(staff: &Client<'_>, member: &Client<'_>, reason: &str) -> Correction {
    let request = json!({ "user_id": member.user_id, "amount": 1, "reason": reason });
    body_of(
        staff
            .post("/ledger/corrections", Some(&request), None)
            .await,
        StatusCode::CREATED,
    )
    .await
}

/// `field` of a problem: its code, or a panic naming what came instead.
fn field_code<'p>(problem: &'p Problem, field: &str) -> &'p str {
    problem
        .field(field)
        .unwrap_or_else(|| panic!("no field error at {field}: {problem:?}"))
        .code
        .as_str()
}

/// Pasted text with NUL, BEL, ESC and C1 controls, CR LF, a tab, NEL and a line separator.
const PASTED: &str = " 前\u{0}后\u{7}\u{1B}[31m\r\n下一行\t列\u{85}尾\u{9F} ";
/// What every multi-line field keeps of it: line breaks (as `\n`) and tabs.
const PASTED_MANY: &str = "前后[31m\n下一行\t列\n尾";
/// What every single-line field keeps of it: breaks and tabs as spaces.
const PASTED_ONE: &str = "前后[31m 下一行 列 尾";

/// Nothing with a control character other than `\n` and `\t` reached `table.column`.
async fn no_controls_stored(app: &TestApp, table: &str, column: &str) {
    let texts: Vec<Option<String>> = sqlx::query_scalar(&format!("SELECT {column} FROM {table}"))
        .fetch_all(&db(app).await.read)
        .await
        .unwrap();
    for text in texts.into_iter().flatten() {
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{table}.{column}: {text:?}"
        );
    }
}

#[tokio::test]
async fn notices_clean_control_characters_by_the_one_rule() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let community = community(&app).await;

    let posted: Notice = body_of(
        staff
            .post(
                "/notices",
                Some(&notice_draft(PASTED, PASTED, community)),
                None,
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    let edited: Notice = body_of(
        staff
            .request(Method::PUT, &format!("/notices/{}", posted.id), None)
            .json(&notice_draft(
                &format!("改{PASTED}"),
                &format!("改{PASTED}"),
                community,
            ))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;

    assert_eq!(
        (posted.title.as_str(), posted.body.as_str()),
        (PASTED_ONE, PASTED_MANY)
    );
    assert_eq!(edited.title, format!("改 {PASTED_ONE}"));
    assert_eq!(edited.body, format!("改 {PASTED_MANY}"));
    no_controls_stored(&app, "notices", "title").await;
    no_controls_stored(&app, "notices", "body").await;
}

#[tokio::test]
async fn tasks_clean_control_characters_by_the_one_rule() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let community = community(&app).await;

    let task: Task = body_of(
        staff
            .post(
                "/tasks",
                Some(&task_draft(PASTED, PASTED, PASTED, community)),
                None,
            )
            .await,
        StatusCode::CREATED,
    )
    .await;

    assert_eq!(
        (
            task.title.as_str(),
            task.place.as_str(),
            task.description.as_str()
        ),
        (PASTED_ONE, PASTED_ONE, PASTED_MANY)
    );
    for column in ["title", "place", "description"] {
        no_controls_stored(&app, "tasks", column).await;
    }
}

/// Orders used to refuse what notices and tasks cleaned: now every step follows the same rule.
#[tokio::test]
async fn orders_and_their_steps_clean_control_characters_by_the_one_rule() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let resident = Client::new(&app, RESIDENT).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let plumbing = service_id(&app, "水电维修").await;

    let order = resident
        .place_order(&json!({ "service_id": plumbing, "address": PASTED, "note": PASTED }))
        .await;
    let assign = json!({ "volunteer_id": volunteer.user_id });
    staff.step(order.id, "assign", Some(&assign)).await;
    let declined = volunteer
        .step(order.id, "decline", Some(&json!({ "reason": PASTED })))
        .await;
    staff.step(order.id, "assign", Some(&assign)).await;
    volunteer.step(order.id, "accept", None).await;
    volunteer.step(order.id, "start", None).await;
    let completed = volunteer
        .step(order.id, "complete", Some(&json!({ "note": PASTED })))
        .await;
    let rated = resident
        .step(
            order.id,
            "rate",
            Some(&json!({ "stars": 5, "tags": [], "comment": PASTED })),
        )
        .await;

    assert_eq!(
        (order.address.as_str(), order.note.as_str()),
        (PASTED_ONE, PASTED_MANY)
    );
    let decline_event = declined
        .timeline
        .iter()
        .find(|e| e.kind == OrderEventKind::Declined)
        .unwrap();
    assert_eq!(decline_event.note.as_deref(), Some(PASTED_MANY));
    assert_eq!(completed.completion_note.as_deref(), Some(PASTED_MANY));
    assert_eq!(rated.rating.unwrap().comment, PASTED_MANY);
    for column in ["address", "note", "completion_note", "rating_comment"] {
        no_controls_stored(&app, "orders", column).await;
    }
    no_controls_stored(&app, "order_events", "note").await;

    // Text that is only control characters is blank: required where the field is.
    let blank = crate::helpers::problem(
        volunteer
            .post(
                &format!("/orders/{}/decline", order.id),
                Some(&json!({ "reason": "\u{0}\u{7}\r\n" })),
                None,
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field_code(&blank, "reason"), "required");
}

#[tokio::test]
async fn corrections_clean_control_characters_by_the_one_rule() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let resident = Client::new(&app, RESIDENT).await;

    let correction = correct(&staff, &resident, PASTED).await;

    assert_eq!(correction.reason, PASTED_ONE);
    let blank = json!({ "user_id": resident.user_id, "amount": 1, "reason": "\u{0}\u{1B}" });
    let problem = crate::helpers::problem(
        staff.post("/ledger/corrections", Some(&blank), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field_code(&problem, "reason"), "required");
}

#[tokio::test]
async fn overlong_text_is_counted_in_characters_and_refused_in_the_requests_language() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let community = community(&app).await;
    // 60 emoji are 240 bytes but 60 characters: a full-length title.
    let sixty = "😀".repeat(60);
    let posted: Notice = body_of(
        staff
            .post(
                "/notices",
                Some(&notice_draft(&sixty, "正文", community)),
                None,
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(posted.title, sixty);

    let long_title = "😀".repeat(61);
    let long_body = "长".repeat(5001);
    let draft = notice_draft(&long_title, &long_body, community);
    let zh = crate::helpers::problem(
        staff.post("/notices", Some(&draft), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(zh.field("title").unwrap().message, "最多60个字");
    assert_eq!(zh.field("body").unwrap().message, "最多5000个字");

    let english = Client::new(&app, STAFF).await.english();
    let draft = task_draft(&long_title, &long_title, "", community);
    let en = crate::helpers::problem(
        english.post("/tasks", Some(&draft), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(en.field("title").unwrap().message, "At most 60 characters");
    assert_eq!(en.field("place").unwrap().message, "At most 60 characters");
}
