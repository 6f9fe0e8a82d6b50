//! 消息 written by the events themselves: each step of an order, a wish and a voucher, driven
//! through the real API, leaves exactly one message of its kind for each person it concerns
//! and none for the actor or anyone else — read straight from the `messages` table, which is
//! what every list, count, stream and webhook is made from. (Tasks and notices:
//! `message_events_tasks`; join requests and reports: `message_events_reports`.)

use chrono::Utc;
use serde_json::{json, Value};

use linli_server::features::services::orders::close_overdue;

use crate::helpers::*;
use crate::orders::{asap, service_id};

/// A message as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Stored {
    pub recipient_id: i64,
    pub kind: String,
    pub subject_kind: String,
    pub subject_id: i64,
    pub params: String,
}

impl Stored {
    pub fn param(&self, key: &str) -> Option<String> {
        let params: Value = serde_json::from_str(&self.params).expect("params are JSON");
        params[key].as_str().map(str::to_owned)
    }
}

/// The newest message's id now: what a test's events write comes after it.
pub async fn mark(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM messages")
        .fetch_one(&db(app).await.read)
        .await
        .unwrap()
}

/// Every message written after `after`, in order.
pub async fn since(app: &TestApp, after: i64) -> Vec<Stored> {
    sqlx::query_as(
        "SELECT recipient_id, kind, subject_kind, subject_id, params FROM messages \
         WHERE id > $1 ORDER BY id",
    )
    .bind(after)
    .fetch_all(&db(app).await.read)
    .await
    .unwrap()
}

/// Asserts that what was written after `after` is exactly one message per `(recipient, kind)`
/// of `expected`, all about `subject`; answers them (in `expected`'s order) for their params.
pub async fn told(
    app: &TestApp,
    after: i64,
    subject: (&str, i64),
    expected: &[(i64, &str)],
) -> Vec<Stored> {
    let written = since(app, after).await;
    let mut got: Vec<(i64, String)> = written
        .iter()
        .map(|m| (m.recipient_id, m.kind.clone()))
        .collect();
    let mut want: Vec<(i64, String)> = expected
        .iter()
        .map(|(who, kind)| (*who, (*kind).to_owned()))
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "messages written: {written:#?}");
    for message in &written {
        assert_eq!(
            (message.subject_kind.as_str(), message.subject_id),
            subject,
            "{message:?}"
        );
    }
    expected
        .iter()
        .map(|(who, kind)| {
            written
                .iter()
                .find(|m| m.recipient_id == *who && m.kind == *kind)
                .cloned()
                .unwrap()
        })
        .collect()
}

async fn step(api: &Client<'_>, path: &str, body: Value) {
    let response = api.post(path, Some(&body), None).await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert!(status.is_success(), "POST {path}: {status} {text}");
}

#[tokio::test]
async fn each_order_step_tells_the_orderer_and_a_dispatch_tells_the_volunteer() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let staff = Client::new(&app, STAFF).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let plumbing = service_id(&app, "水电维修").await;
    // Placing it tells nobody: the staff see it in their queue.
    let at = mark(&app).await;
    let order = resident.place_order(&asap(plumbing)).await.id;
    let subject = ("order", order);
    told(&app, at, subject, &[]).await;

    let at = mark(&app).await;
    let assign = json!({ "volunteer_id": volunteer.user_id });
    staff.step(order, "assign", Some(&assign)).await;
    let told_ = told(
        &app,
        at,
        subject,
        &[
            (resident.user_id, "order_dispatched"),
            (volunteer.user_id, "order_assigned"),
        ],
    )
    .await;
    assert_eq!(told_[0].param("service").as_deref(), Some("水电维修"));
    assert_eq!(told_[0].param("volunteer").as_deref(), Some("张建国"));
    assert_eq!(told_[1].param("resident").as_deref(), Some("王秀英"));

    for (action, kind) in [
        ("accept", "order_accepted"),
        ("start", "order_started"),
        ("complete", "order_completed"),
    ] {
        let at = mark(&app).await;
        let body = (action == "complete").then(|| json!({ "note": "修好了" }));
        volunteer.step(order, action, body.as_ref()).await;
        let told_ = told(&app, at, subject, &[(resident.user_id, kind)]).await;
        assert_eq!(told_[0].param("volunteer").as_deref(), Some("张建国"));
    }

    // The resident's own rating tells nobody, not even the volunteer.
    let at = mark(&app).await;
    resident
        .step(
            order,
            "rate",
            Some(&json!({ "stars": 5, "tags": [], "comment": "" })),
        )
        .await;
    told(&app, at, subject, &[]).await;
}

#[tokio::test]
async fn a_claim_is_an_acceptance_and_a_reassignment_tells_the_new_volunteer() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let staff = Client::new(&app, STAFF).await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    let liu = Client::new(&app, BUILDING_HEAD).await;
    let plumbing = service_id(&app, "水电维修").await;

    // Claimed by a volunteer of the service: the orderer hears it was accepted; no assignment.
    let claimed = resident.place_order(&asap(plumbing)).await.id;
    let at = mark(&app).await;
    liu.step(claimed, "claim", None).await;
    let told_ = told(
        &app,
        at,
        ("order", claimed),
        &[(resident.user_id, "order_accepted")],
    )
    .await;
    assert_eq!(told_[0].param("volunteer").as_deref(), Some("刘伟忠"));

    // Dispatched to 张建国, then reassigned to 刘伟忠: each dispatch tells the orderer and the
    // volunteer it now goes to, never the staff member who did it.
    let order = resident.place_order(&asap(plumbing)).await.id;
    staff
        .step(
            order,
            "assign",
            Some(&json!({ "volunteer_id": zhang.user_id })),
        )
        .await;
    let at = mark(&app).await;
    staff
        .step(
            order,
            "assign",
            Some(&json!({ "volunteer_id": liu.user_id })),
        )
        .await;
    let told_ = told(
        &app,
        at,
        ("order", order),
        &[
            (resident.user_id, "order_dispatched"),
            (liu.user_id, "order_assigned"),
        ],
    )
    .await;
    assert_eq!(told_[0].param("volunteer").as_deref(), Some("刘伟忠"));

    // A decline sends it back to the queue: nobody is told.
    let at = mark(&app).await;
    liu.step(order, "decline", Some(&json!({ "reason": "这周不在家" })))
        .await;
    told(&app, at, ("order", order), &[]).await;
}

#[tokio::test]
async fn an_order_placed_by_daiban_tells_the_resident_not_the_head_who_acted() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let staff = Client::new(&app, STAFF).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let wang = user_id(&app, RESIDENT).await;
    let response = head
        .post(
            "/proxy/sessions",
            Some(&json!({ "kind": "account", "id": wang })),
            None,
        )
        .await;
    assert_eq!(response.status(), reqwest::StatusCode::CREATED);
    let grant: linli_api_types::SessionGrant = response.json().await.unwrap();
    let mut acting = Client::new(&app, RESIDENT_5).await;
    acting.token = grant.token;
    acting.user_id = grant.me.id;
    let plumbing = service_id(&app, "水电维修").await;
    let order = acting.place_order(&asap(plumbing)).await.id;

    let at = mark(&app).await;
    staff
        .step(
            order,
            "assign",
            Some(&json!({ "volunteer_id": volunteer.user_id })),
        )
        .await;
    volunteer.step(order, "accept", None).await;
    told(
        &app,
        at,
        ("order", order),
        &[
            (wang, "order_dispatched"),
            (volunteer.user_id, "order_assigned"),
            (wang, "order_accepted"),
        ],
    )
    .await;
}

#[tokio::test]
async fn an_order_closed_by_the_server_tells_its_orderer_once() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let meals = service_id(&app, "助餐送餐").await;
    let db = db(&app).await;
    let order: i64 =
        sqlx::query_scalar("SELECT id FROM orders WHERE service_id = $1 AND status = 'completed'")
            .bind(meals)
            .fetch_one(&db.read)
            .await
            .unwrap();
    let day = 24 * 60 * 60 * 1000_i64;
    sqlx::query("UPDATE orders SET completed_at = $1 WHERE id = $2")
        .bind(Utc::now().timestamp_millis() - 8 * day)
        .bind(order)
        .execute(&db.write)
        .await
        .unwrap();
    let at = mark(&app).await;
    // The timer closes it once (the next run finds nothing), and so tells once.
    let mut closed = 0;
    for _ in 0..2 {
        closed += close_overdue(&db, Utc::now().timestamp_millis())
            .await
            .unwrap();
    }
    assert!(
        closed <= 1,
        "the server's own timer may have closed it first"
    );
    let told_ = told(
        &app,
        at,
        ("order", order),
        &[(resident.user_id, "order_auto_closed")],
    )
    .await;
    assert_eq!(told_[0].param("service").as_deref(), Some("助餐送餐"));
}

#[tokio::test]
async fn a_claimed_and_a_fulfilled_wish_tell_its_resident_only() {
    let app = spawn_app().await;
    sqlx::query("UPDATE wishes SET status = 'withdrawn'")
        .execute(&db(&app).await.write)
        .await
        .unwrap();
    let resident = Client::new(&app, RESIDENT).await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let response = resident
        .post(
            "/wishes",
            Some(&json!({ "title": "帮忙换灯泡", "text": "请帮帮忙" })),
            None,
        )
        .await;
    assert_eq!(response.status(), reqwest::StatusCode::CREATED);
    let wish: Value = response.json().await.unwrap();
    let id = wish["summary"]["id"].as_i64().unwrap();
    let subject = ("wish", id);

    // Publishing is the head's review: no message kind tells of it.
    let at = mark(&app).await;
    step(
        &head,
        &format!("/wishes/{id}/review"),
        json!({ "publish": true }),
    )
    .await;
    told(&app, at, subject, &[]).await;

    // Claimed, released and claimed again by one volunteer: she hears of it once.
    let at = mark(&app).await;
    step(&volunteer, &format!("/wishes/{id}/claim"), json!({})).await;
    step(&volunteer, &format!("/wishes/{id}/release"), json!({})).await;
    step(&volunteer, &format!("/wishes/{id}/claim"), json!({})).await;
    let told_ = told(&app, at, subject, &[(resident.user_id, "wish_claimed")]).await;
    assert_eq!(told_[0].param("wish").as_deref(), Some("帮忙换灯泡"));
    assert_eq!(told_[0].param("volunteer").as_deref(), Some("张建国"));

    let at = mark(&app).await;
    step(
        &volunteer,
        &format!("/wishes/{id}/fulfil"),
        json!({ "note": "灯泡换好了" }),
    )
    .await;
    told(&app, at, subject, &[(resident.user_id, "wish_fulfilled")]).await;

    // Her thanks pay the volunteer; the message centre tells nobody of them.
    let at = mark(&app).await;
    step(&resident, &format!("/wishes/{id}/thanks"), json!({})).await;
    told(&app, at, subject, &[]).await;
}

#[tokio::test]
async fn a_voucher_marked_used_tells_its_owner_once() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let staff = Client::new(&app, STAFF).await;
    let toothpaste: i64 = sqlx::query_scalar(
        "SELECT r.id FROM rewards r JOIN communities c ON c.id = r.community_id \
         WHERE r.name = '牙膏' AND c.name = '井湘社区'",
    )
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    let at = mark(&app).await;
    let response = resident
        .post(&format!("/rewards/{toothpaste}/redemptions"), None, None)
        .await;
    assert_eq!(response.status(), reqwest::StatusCode::CREATED);
    let voucher: Value = response.json().await.unwrap();
    let (id, code) = (
        voucher["id"].as_i64().unwrap(),
        voucher["code"].as_str().unwrap().to_owned(),
    );
    // Redeeming is her own step: nothing.
    told(&app, at, ("voucher", id), &[]).await;

    let at = mark(&app).await;
    for _ in 0..2 {
        let response = staff
            .put(&format!("/vouchers/{code}/used"), None, None)
            .await;
        assert_eq!(response.status(), reqwest::StatusCode::OK);
    }
    let told_ = told(
        &app,
        at,
        ("voucher", id),
        &[(resident.user_id, "voucher_used")],
    )
    .await;
    assert_eq!(told_[0].param("reward").as_deref(), Some("牙膏"));
    assert_eq!(told_[0].param("code"), Some(code));
}

#[tokio::test]
async fn the_demo_gives_its_resident_read_and_unread_messages_of_several_kinds() {
    let app = spawn_app().await;
    let wang = user_id(&app, RESIDENT).await;
    let rows: Vec<(String, Option<i64>)> =
        sqlx::query_as("SELECT kind, read_at FROM messages WHERE recipient_id = $1")
            .bind(wang)
            .fetch_all(&db(&app).await.read)
            .await
            .unwrap();
    let unread = rows.iter().filter(|(_, read)| read.is_none()).count();
    assert!(unread >= 2 && unread < rows.len(), "{rows:?}");
    let mut kinds: Vec<&str> = rows.iter().map(|(kind, _)| kind.as_str()).collect();
    kinds.sort();
    kinds.dedup();
    for kind in ["notice_important", "order_completed", "wish_claimed"] {
        assert!(kinds.contains(&kind), "{kinds:?}");
    }
    // Nobody of another community hears of 井湘社区's history.
    let zhao = user_id(&app, OTHER_RESIDENT).await;
    let theirs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE recipient_id = $1")
        .bind(zhao)
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
    assert_eq!(theirs, 0);
}
