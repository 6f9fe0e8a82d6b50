//! Service orders 四单: the state machine through the API, every refusal, idempotency,
//! settlement through the love bank ledger and its invariants, and closing after 7 days.

use chrono::{Duration, Utc};
use linli_api_types::{
    DispatchQueue, LedgerKind, Order, OrderEventKind, OrderStatus, OrderSummary, Problem,
    ServiceSlots, VolunteerOrders,
};
use linli_server::features::points::ledger::{self, Account, Memo, Transfer};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

/// What the order tests ask of the one client.
impl Client<'_> {
    /// A step that must succeed, answering the order.
    pub async fn step(&self, order_id: i64, action: &str, body: Option<&Value>) -> Order {
        let response = self
            .post(&format!("/orders/{order_id}/{action}"), body, None)
            .await;
        let status = response.status();
        let text = response.text().await.unwrap();
        assert_eq!(status, StatusCode::OK, "{action}: {text}");
        serde_json::from_str(&text).unwrap()
    }

    /// A step that must be refused with `status` and `code`.
    pub async fn refused(
        &self,
        order_id: i64,
        action: &str,
        body: Option<&Value>,
        status: StatusCode,
        code: &str,
    ) -> Problem {
        let response = self
            .post(&format!("/orders/{order_id}/{action}"), body, None)
            .await;
        let problem = problem(response, status).await;
        assert_eq!(problem.code, code, "{action}: {problem:?}");
        problem
    }

    pub async fn place_order(&self, draft: &Value) -> Order {
        let response = self.post("/orders", Some(draft), None).await;
        let status = response.status();
        let text = response.text().await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "{text}");
        serde_json::from_str(&text).unwrap()
    }

    pub async fn order(&self, order_id: i64) -> Order {
        let response = self.get(&format!("/orders/{order_id}")).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }
}

/// A 井湘社区 service's id, by name.
pub async fn service_id(app: &TestApp, name: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT s.id FROM services s JOIN communities c ON c.id = s.community_id \
         WHERE s.name = $1 AND c.name = '井湘社区'",
    )
    .bind(name)
    .fetch_one(&db(app).await.read)
    .await
    .unwrap()
}

pub async fn community_id(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT id FROM communities WHERE name = '井湘社区'")
        .fetch_one(&db(app).await.read)
        .await
        .unwrap()
}

pub async fn balance(app: &TestApp, account: Account) -> i64 {
    ledger::balance(&db(app).await.read, account).await.unwrap()
}

/// Every transaction sums to zero; every cached balance equals the sum of its entries.
pub async fn assert_ledger_invariants(app: &TestApp) {
    let db = db(app).await;
    let unbalanced: Vec<i64> = sqlx::query_scalar(
        "SELECT transaction_id FROM ledger_entries GROUP BY transaction_id \
         HAVING SUM(amount) <> 0 OR COUNT(*) <> 2",
    )
    .fetch_all(&db.read)
    .await
    .unwrap();
    assert!(
        unbalanced.is_empty(),
        "unbalanced transactions {unbalanced:?}"
    );
    let drifted: Vec<i64> = sqlx::query_scalar(
        "SELECT a.id FROM ledger_accounts a WHERE a.balance <> \
           (SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entries e WHERE e.account_id = a.id)",
    )
    .fetch_all(&db.read)
    .await
    .unwrap();
    assert!(
        drifted.is_empty(),
        "balances differ from their entries {drifted:?}"
    );
}

/// (kind, amount, minutes) of ledger transactions linked to the order, in order.
pub async fn order_ledger(app: &TestApp, order_id: i64) -> Vec<(String, i64, Option<i64>)> {
    sqlx::query_as(
        "SELECT t.kind, CAST(MAX(e.amount) AS BIGINT) AS amount, t.minutes FROM ledger_transactions t \
         JOIN ledger_entries e ON e.transaction_id = t.id \
         WHERE t.link_kind = 'order' AND t.link_id = $1 GROUP BY t.id, t.kind, t.minutes ORDER BY t.id",
    )
    .bind(order_id)
    .fetch_all(&db(app).await.read)
    .await
    .unwrap()
}

pub fn kinds(order: &Order) -> Vec<OrderEventKind> {
    order.timeline.iter().map(|e| e.kind).collect()
}

pub fn asap(service_id: i64) -> Value {
    json!({ "service_id": service_id, "note": "厨房水龙头漏水" })
}

#[tokio::test]
async fn an_order_goes_through_the_four_steps_and_settles_points() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let staff = Client::new(&app, STAFF).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let community = community_id(&app).await;
    let plumbing = service_id(&app, "水电维修").await;
    let resident_before = balance(&app, Account::Member(resident.user_id)).await;
    let held_before = balance(&app, Account::Held(community)).await;
    let volunteer_before = balance(&app, Account::Member(volunteer.user_id)).await;

    // 群众点单
    let order = resident.place_order(&asap(plumbing)).await;
    assert_eq!(order.status, OrderStatus::Submitted);
    assert_eq!(order.points, 30);
    assert_eq!(order.address, "华盛世纪新城 3栋 1单元 1502");
    assert_eq!(order.contact_phone, RESIDENT);
    assert!(order.actions.cancel && !order.actions.rate);
    assert_eq!(
        balance(&app, Account::Member(resident.user_id)).await,
        resident_before - 30
    );
    assert_eq!(
        balance(&app, Account::Held(community)).await,
        held_before + 30
    );

    // 中心派单: oldest first, with the waiting time.
    let queue: DispatchQueue = staff.get("/dispatch/queue").await.json().await.unwrap();
    let position = queue
        .waiting
        .items
        .iter()
        .position(|o| o.id == order.id)
        .unwrap();
    assert!(position > 0, "the seeded order waits longer");
    assert!(queue
        .waiting
        .items
        .windows(2)
        .all(|w| w[0].waiting_since <= w[1].waiting_since));
    assert!(queue.waiting.items[position].waiting_since.is_some());
    let dispatched = staff
        .step(
            order.id,
            "assign",
            Some(&json!({ "volunteer_id": volunteer.user_id })),
        )
        .await;
    assert_eq!(dispatched.status, OrderStatus::Dispatched);
    let event = dispatched.timeline.last().unwrap();
    assert_eq!(event.kind, OrderEventKind::Dispatched);
    assert_eq!(event.note.as_deref(), Some("张建国"));
    assert_eq!(event.actor.as_ref().unwrap().name, "许各利");

    // 志愿者接单
    let mine: VolunteerOrders = volunteer
        .get("/volunteer/orders")
        .await
        .json()
        .await
        .unwrap();
    assert!(mine.assigned.items.iter().any(|o| o.id == order.id));
    let accepted = volunteer.step(order.id, "accept", None).await;
    assert_eq!(accepted.status, OrderStatus::Accepted);
    assert!(accepted.actions.start && !accepted.actions.accept);
    let started = volunteer.step(order.id, "start", None).await;
    assert_eq!(started.status, OrderStatus::InProgress);
    // Make the service last 45 minutes.
    sqlx::query("UPDATE orders SET started_at = started_at - $1 WHERE id = $2")
        .bind(45 * 60 * 1000_i64)
        .bind(order.id)
        .execute(&db(&app).await.write)
        .await
        .unwrap();
    let completed = volunteer
        .step(order.id, "complete", Some(&json!({ "note": "更换了阀芯" })))
        .await;
    assert_eq!(completed.status, OrderStatus::Completed);
    assert_eq!(completed.completion_note.as_deref(), Some("更换了阀芯"));

    // 群众评单
    let seen = resident.order(order.id).await;
    assert!(seen.actions.rate && !seen.actions.cancel);
    let rate_by = seen.rate_by.unwrap();
    assert!(rate_by > Utc::now() + Duration::days(6));
    let rated = resident
        .step(
            order.id,
            "rate",
            Some(&json!({ "stars": 5, "tags": ["on_time", "professional", "on_time"], "comment": "师傅很专业" })),
        )
        .await;
    assert_eq!(rated.status, OrderStatus::Rated);
    let rating = rated.rating.clone().unwrap();
    assert_eq!((rating.stars, rating.comment.as_str()), (5, "师傅很专业"));
    assert_eq!(rating.tags.len(), 2);
    assert_eq!(
        kinds(&rated),
        vec![
            OrderEventKind::Submitted,
            OrderEventKind::Dispatched,
            OrderEventKind::Accepted,
            OrderEventKind::Started,
            OrderEventKind::Completed,
            OrderEventKind::Rated,
        ]
    );
    let roles: Vec<_> = rated
        .timeline
        .iter()
        .map(|e| e.actor.as_ref().unwrap().role)
        .collect();
    use linli_api_types::OrderActorRole::{Resident, Staff, Volunteer};
    assert_eq!(
        roles,
        vec![Resident, Staff, Volunteer, Volunteer, Volunteer, Resident]
    );

    // Settlement: the resident paid 30, the held points are back where they were, the
    // volunteer earned 30 for 45 minutes.
    assert_eq!(
        balance(&app, Account::Member(resident.user_id)).await,
        resident_before - 30
    );
    assert_eq!(balance(&app, Account::Held(community)).await, held_before);
    assert_eq!(
        balance(&app, Account::Member(volunteer.user_id)).await,
        volunteer_before + 30
    );
    assert_eq!(
        order_ledger(&app, order.id).await,
        vec![
            (LedgerKind::OrderHold.as_str().into(), 30, None),
            (LedgerKind::OrderSettle.as_str().into(), 30, None),
            (LedgerKind::ServiceReward.as_str().into(), 30, Some(45)),
        ]
    );
    assert_ledger_invariants(&app).await;

    let list: Vec<OrderSummary> = resident.get("/me/orders").await.json().await.unwrap();
    assert_eq!(list[0].id, order.id);
    assert_eq!(list[0].status, OrderStatus::Rated);
    assert_eq!(list[0].volunteer.as_ref().unwrap().name, "张建国");
}

#[tokio::test]
async fn every_illegal_step_is_refused_with_its_own_error() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let staff = Client::new(&app, STAFF).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let other_volunteer = Client::new(&app, BUILDING_HEAD).await; // 刘伟忠 offers 水电维修 too
    let plumbing = service_id(&app, "水电维修").await;
    let order = resident.place_order(&asap(plumbing)).await.id;
    let (forbidden, conflict) = (StatusCode::FORBIDDEN, StatusCode::CONFLICT);

    // Submitted: nobody accepts what was not dispatched; only staff dispatch; the resident
    // cannot rate yet.
    volunteer
        .refused(order, "accept", None, conflict, "order_wrong_status")
        .await;
    volunteer
        .refused(order, "start", None, conflict, "order_wrong_status")
        .await;
    resident
        .refused(
            order,
            "rate",
            Some(&json!({ "stars": 5 })),
            conflict,
            "order_not_completed",
        )
        .await;
    resident
        .refused(
            order,
            "assign",
            Some(&json!({ "volunteer_id": volunteer.user_id })),
            forbidden,
            "order_not_allowed",
        )
        .await;
    resident
        .refused(order, "accept", None, forbidden, "order_not_allowed")
        .await;
    staff
        .refused(order, "accept", None, forbidden, "order_not_allowed")
        .await;
    staff
        .refused(order, "cancel", None, forbidden, "order_not_allowed")
        .await;

    staff
        .step(
            order,
            "assign",
            Some(&json!({ "volunteer_id": volunteer.user_id })),
        )
        .await;
    // Dispatched to 张建国: 刘伟忠 may not take it.
    other_volunteer
        .refused(order, "accept", None, forbidden, "order_assigned_to_other")
        .await;
    other_volunteer
        .refused(order, "claim", None, forbidden, "order_assigned_to_other")
        .await;
    other_volunteer
        .refused(
            order,
            "decline",
            Some(&json!({ "reason": "没空" })),
            forbidden,
            "order_assigned_to_other",
        )
        .await;
    volunteer
        .refused(
            order,
            "complete",
            Some(&json!({})),
            conflict,
            "order_wrong_status",
        )
        .await;

    volunteer.step(order, "accept", None).await;
    let problem_ = volunteer
        .refused(order, "accept", None, conflict, "order_wrong_status")
        .await;
    assert_eq!(problem_.detail.as_deref(), Some("订单当前状态：已接单"));
    resident
        .refused(order, "cancel", None, conflict, "order_already_accepted")
        .await;
    other_volunteer
        .refused(order, "start", None, forbidden, "order_assigned_to_other")
        .await;
    resident
        .refused(
            order,
            "rate",
            Some(&json!({ "stars": 4 })),
            conflict,
            "order_not_completed",
        )
        .await;
    volunteer
        .refused(
            order,
            "complete",
            Some(&json!({})),
            conflict,
            "order_wrong_status",
        )
        .await;

    volunteer.step(order, "start", None).await;
    staff
        .refused(
            order,
            "assign",
            Some(&json!({ "volunteer_id": other_volunteer.user_id })),
            conflict,
            "order_wrong_status",
        )
        .await;
    other_volunteer
        .refused(
            order,
            "complete",
            Some(&json!({})),
            forbidden,
            "order_assigned_to_other",
        )
        .await;
    volunteer.step(order, "complete", Some(&json!({}))).await;
    volunteer
        .refused(
            order,
            "complete",
            Some(&json!({})),
            conflict,
            "order_wrong_status",
        )
        .await;
    volunteer
        .refused(
            order,
            "rate",
            Some(&json!({ "stars": 5 })),
            forbidden,
            "order_not_allowed",
        )
        .await;

    let problem = resident
        .refused(
            order,
            "rate",
            Some(&json!({ "stars": 9 })),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
    assert_eq!(problem.field("stars").unwrap().code, "out_of_range");
    resident
        .step(order, "rate", Some(&json!({ "stars": 4 })))
        .await;
    let problem = resident
        .refused(
            order,
            "rate",
            Some(&json!({ "stars": 5 })),
            conflict,
            "order_already_rated",
        )
        .await;
    assert_eq!(problem.title, "该订单已评价，每单只能评价一次");
    resident
        .refused(order, "cancel", None, conflict, "order_finished")
        .await;
    staff
        .refused(
            order,
            "assign",
            Some(&json!({ "volunteer_id": volunteer.user_id })),
            conflict,
            "order_finished",
        )
        .await;

    // A cancelled order is finished too.
    let cancelled = resident.place_order(&asap(plumbing)).await.id;
    resident.step(cancelled, "cancel", None).await;
    resident
        .refused(cancelled, "cancel", None, conflict, "order_finished")
        .await;
    other_volunteer
        .refused(cancelled, "claim", None, conflict, "order_finished")
        .await;
    staff
        .refused(
            cancelled,
            "assign",
            Some(&json!({ "volunteer_id": volunteer.user_id })),
            conflict,
            "order_finished",
        )
        .await;
    assert_ledger_invariants(&app).await;
}

#[tokio::test]
async fn who_may_see_and_dispatch_is_checked_on_the_server() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let neighbour = Client::new(&app, RESIDENT_5).await;
    let staff = Client::new(&app, STAFF).await;
    let other_staff = Client::new(&app, OTHER_STAFF).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let legal_volunteer = Client::new(&app, LEGAL_VOLUNTEER).await;
    let plumbing = service_id(&app, "水电维修").await;
    let order = resident.place_order(&asap(plumbing)).await.id;
    let path = format!("/orders/{order}");

    // Residents see only their own orders; staff of another community nothing of ours.
    problem(neighbour.get(&path).await, StatusCode::NOT_FOUND).await;
    problem(other_staff.get(&path).await, StatusCode::NOT_FOUND).await;
    other_staff
        .refused(
            order,
            "assign",
            Some(&json!({ "volunteer_id": volunteer.user_id })),
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    neighbour
        .refused(order, "cancel", None, StatusCode::NOT_FOUND, "not_found")
        .await;
    // Volunteers see open orders of their services only.
    assert_eq!(volunteer.get(&path).await.status(), StatusCode::OK);
    problem(legal_volunteer.get(&path).await, StatusCode::NOT_FOUND).await;
    legal_volunteer
        .refused(order, "claim", None, StatusCode::NOT_FOUND, "not_found")
        .await;
    // An offering volunteer sees the phone masked until the order is theirs.
    let seen = volunteer.order(order).await;
    assert_eq!(seen.contact_phone, "138****0001");
    assert!(seen.actions.claim && !seen.actions.accept && !seen.actions.cancel);
    assert_eq!(staff.order(order).await.contact_phone, RESIDENT);

    // Only staff see the queue and the volunteers to assign; only volunteers their list.
    problem(resident.get("/dispatch/queue").await, StatusCode::FORBIDDEN).await;
    problem(
        volunteer.get("/dispatch/queue").await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let other_queue: DispatchQueue = other_staff
        .get("/dispatch/queue")
        .await
        .json()
        .await
        .unwrap();
    assert!(other_queue.waiting.items.is_empty() && other_queue.dispatched.items.is_empty());
    problem(
        resident.get("/volunteer/orders").await,
        StatusCode::FORBIDDEN,
    )
    .await;

    // Staff assign only to a volunteer offering the service.
    let problem_ = staff
        .refused(
            order,
            "assign",
            Some(&json!({ "volunteer_id": legal_volunteer.user_id })),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
    assert_eq!(problem_.field("volunteer_id").unwrap().code, "not_offered");
    let resident_id = resident.user_id;
    let problem_ = staff
        .refused(
            order,
            "assign",
            Some(&json!({ "volunteer_id": resident_id })),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
    assert_eq!(problem_.field("volunteer_id").unwrap().code, "not_offered");

    // Once dispatched, the other volunteers no longer see it; the assignee does, in full.
    staff
        .step(
            order,
            "assign",
            Some(&json!({ "volunteer_id": volunteer.user_id })),
        )
        .await;
    let liu = Client::new(&app, BUILDING_HEAD).await;
    problem(liu.get(&path).await, StatusCode::NOT_FOUND).await;
    assert_eq!(volunteer.order(order).await.contact_phone, RESIDENT);
}

#[tokio::test]
async fn decline_returns_the_order_to_the_queue_and_staff_can_reassign() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let staff = Client::new(&app, STAFF).await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    let liu = Client::new(&app, BUILDING_HEAD).await;
    let plumbing = service_id(&app, "水电维修").await;
    let order = resident.place_order(&asap(plumbing)).await.id;

    staff
        .step(
            order,
            "assign",
            Some(&json!({ "volunteer_id": zhang.user_id })),
        )
        .await;
    let problem_ = zhang
        .refused(
            order,
            "decline",
            Some(&json!({ "reason": "  " })),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
    assert_eq!(problem_.field("reason").unwrap().code, "required");
    let declined = zhang
        .step(
            order,
            "decline",
            Some(&json!({ "reason": "今天在外地，赶不回来" })),
        )
        .await;
    assert_eq!(declined.status, OrderStatus::Submitted);
    assert!(declined.volunteer.is_none());
    assert_eq!(
        declined.timeline.last().unwrap().note.as_deref(),
        Some("今天在外地，赶不回来")
    );
    let queue: DispatchQueue = staff.get("/dispatch/queue").await.json().await.unwrap();
    assert!(queue.waiting.items.iter().any(|o| o.id == order));

    // Assign again, then reassign before it is started.
    staff
        .step(
            order,
            "assign",
            Some(&json!({ "volunteer_id": zhang.user_id })),
        )
        .await;
    zhang.step(order, "accept", None).await;
    let reassigned = staff
        .step(
            order,
            "assign",
            Some(&json!({ "volunteer_id": liu.user_id })),
        )
        .await;
    assert_eq!(reassigned.status, OrderStatus::Dispatched);
    assert_eq!(reassigned.volunteer.as_ref().unwrap().name, "刘伟忠");
    assert_eq!(
        reassigned.timeline.last().unwrap().kind,
        OrderEventKind::Reassigned
    );
    zhang
        .refused(
            order,
            "start",
            None,
            StatusCode::FORBIDDEN,
            "order_assigned_to_other",
        )
        .await;
    let accepted = liu.step(order, "accept", None).await;
    assert_eq!(accepted.status, OrderStatus::Accepted);
    assert_eq!(
        kinds(&accepted),
        vec![
            OrderEventKind::Submitted,
            OrderEventKind::Dispatched,
            OrderEventKind::Declined,
            OrderEventKind::Dispatched,
            OrderEventKind::Accepted,
            OrderEventKind::Reassigned,
            OrderEventKind::Accepted,
        ]
    );
}

#[tokio::test]
async fn volunteers_claim_open_orders_of_their_services() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    let liu = Client::new(&app, BUILDING_HEAD).await;
    let plumbing = service_id(&app, "水电维修").await;
    let order = resident.place_order(&asap(plumbing)).await.id;

    let open: VolunteerOrders = liu.get("/volunteer/orders").await.json().await.unwrap();
    assert!(open.open.items.iter().any(|o| o.id == order));
    let claimed = liu.step(order, "claim", None).await;
    assert_eq!(claimed.status, OrderStatus::Accepted);
    assert_eq!(claimed.volunteer.as_ref().unwrap().name, "刘伟忠");
    assert_eq!(
        claimed.timeline.last().unwrap().kind,
        OrderEventKind::Claimed
    );
    zhang
        .refused(
            order,
            "claim",
            None,
            StatusCode::FORBIDDEN,
            "order_assigned_to_other",
        )
        .await;
    let open: VolunteerOrders = zhang.get("/volunteer/orders").await.json().await.unwrap();
    assert!(!open.open.items.iter().any(|o| o.id == order));
    let mine: VolunteerOrders = liu.get("/volunteer/orders").await.json().await.unwrap();
    assert!(mine.assigned.items.iter().any(|o| o.id == order));
}

#[tokio::test]
async fn two_volunteers_claiming_at_once_get_one_order() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    let liu = Client::new(&app, BUILDING_HEAD).await;
    let plumbing = service_id(&app, "水电维修").await;
    let order = resident.place_order(&asap(plumbing)).await.id;
    let path = format!("/orders/{order}/claim");

    let (a, b) = tokio::join!(zhang.post(&path, None, None), liu.post(&path, None, None));
    let mut statuses = vec![a.status(), b.status()];
    statuses.sort();
    assert_eq!(statuses[0], StatusCode::OK);
    assert!(
        [StatusCode::FORBIDDEN, StatusCode::CONFLICT].contains(&statuses[1]),
        "{statuses:?}"
    );
    let claimed = resident.order(order).await;
    assert_eq!(claimed.status, OrderStatus::Accepted);
    let claims = kinds(&claimed)
        .into_iter()
        .filter(|k| *k == OrderEventKind::Claimed)
        .count();
    assert_eq!(claims, 1);
}

#[tokio::test]
async fn ordering_checks_every_field_and_the_points() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await.english();
    let legal = service_id(&app, "法律咨询").await;
    let plumbing = service_id(&app, "水电维修").await;
    let field = |problem: &Problem, name: &str| problem.field(name).map(|f| f.code.clone());

    // A slot outside the opening times (legal advice: Fridays 9–12, 14–17).
    let slots: ServiceSlots = resident
        .get(&format!("/services/{legal}/slots"))
        .await
        .json()
        .await
        .unwrap();
    // The first Friday 9:00 still ahead (today's may have passed).
    let shanghai = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    let friday_nine = slots
        .slots
        .iter()
        .map(|slot| slot.start)
        .find(|start| chrono::Timelike::hour(&start.with_timezone(&shanghai)) == 9)
        .unwrap();
    let lunch = friday_nine + Duration::hours(3) + Duration::minutes(30);
    let response = resident
        .post(
            "/orders",
            Some(&json!({ "service_id": legal, "preferred_start": lunch })),
            None,
        )
        .await;
    let problem_ = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        field(&problem_, "preferred_start").as_deref(),
        Some("outside_opening")
    );
    assert_eq!(
        problem_.field("preferred_start").unwrap().message,
        "This time is outside the service's opening times"
    );
    let past = Utc::now() - Duration::days(7);
    let response = resident
        .post(
            "/orders",
            Some(&json!({ "service_id": legal, "preferred_start": past })),
            None,
        )
        .await;
    let problem_ = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        field(&problem_, "preferred_start").as_deref(),
        Some("in_past")
    );
    let far = friday_nine + Duration::weeks(6);
    let response = resident
        .post(
            "/orders",
            Some(&json!({ "service_id": legal, "preferred_start": far })),
            None,
        )
        .await;
    let problem_ = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        field(&problem_, "preferred_start").as_deref(),
        Some("too_far_ahead")
    );

    // A slot inside: accepted, and free services hold nothing.
    let before = balance(&app, Account::Member(resident.user_id)).await;
    let order = resident
        .place_order(&json!({ "service_id": legal, "preferred_start": friday_nine, "address": "红帆驿站", "contact_phone": "139 0000 1234" }))
        .await;
    assert_eq!(order.preferred_start, Some(friday_nine));
    assert_eq!(order.points, 0);
    assert_eq!(order.address, "红帆驿站");
    assert_eq!(order.contact_phone, "13900001234");
    assert_eq!(
        balance(&app, Account::Member(resident.user_id)).await,
        before
    );

    // Other fields.
    let tonghua_service: i64 = sqlx::query_scalar(
        "SELECT s.id FROM services s JOIN communities c ON c.id = s.community_id WHERE c.name = '通化街社区'",
    )
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    for (draft, name, code) in [
        (json!({ "service_id": 99999 }), "service_id", "unknown"),
        (
            json!({ "service_id": tonghua_service }),
            "service_id",
            "unknown",
        ),
        (
            json!({ "service_id": plumbing, "contact_phone": "12345" }),
            "contact_phone",
            "bad_format",
        ),
        (
            json!({ "service_id": plumbing, "note": "长".repeat(201) }),
            "note",
            "too_long",
        ),
        (
            json!({ "service_id": plumbing, "address": "址".repeat(101) }),
            "address",
            "too_long",
        ),
    ] {
        let response = resident.post("/orders", Some(&draft), None).await;
        let problem_ = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(field(&problem_, name).as_deref(), Some(code), "{draft}");
    }
    // Staff without a household must say where.
    let staff = Client::new(&app, STAFF).await;
    let response = staff.post("/orders", Some(&asap(plumbing)), None).await;
    let problem_ = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(field(&problem_, "address").as_deref(), Some("required"));

    // Not enough points: spend them all first.
    let community = community_id(&app).await;
    let held = balance(&app, Account::Member(resident.user_id)).await;
    let db = db(&app).await;
    let mut tx = db.write.begin().await.unwrap();
    ledger::transfer(
        &mut tx,
        &Transfer {
            community_id: community,
            from: Account::Member(resident.user_id),
            to: Account::Fund(community),
            amount: held - 10,
            memo: Memo::new(LedgerKind::Correction, "测试"),
            actor_id: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let response = resident
        .post("/orders", Some(&asap(plumbing)), Some("poor-1"))
        .await;
    let problem_ = problem(response, StatusCode::CONFLICT).await;
    assert_eq!(problem_.code, "insufficient_points");
    assert_eq!(balance(&app, Account::Member(resident.user_id)).await, 10);
    // Nothing was written: the same key may be used again once there are points.
    let mine: Vec<OrderSummary> = resident.get("/me/orders").await.json().await.unwrap();
    assert_eq!(
        mine.iter().filter(|o| o.service.id == plumbing).count(),
        1,
        "only the seeded one"
    );
    assert_ledger_invariants(&app).await;
}

#[tokio::test]
async fn ordering_cancelling_accepting_and_rating_are_idempotent() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let staff = Client::new(&app, STAFF).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let plumbing = service_id(&app, "水电维修").await;
    let before = balance(&app, Account::Member(resident.user_id)).await;

    // Ordering twice with one key orders once.
    let first = resident
        .post("/orders", Some(&asap(plumbing)), Some("order-1"))
        .await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Order = first.json().await.unwrap();
    let again = resident
        .post("/orders", Some(&asap(plumbing)), Some("order-1"))
        .await;
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let again: Order = again.json().await.unwrap();
    assert_eq!(again.id, first.id);
    assert_eq!(
        balance(&app, Account::Member(resident.user_id)).await,
        before - 30
    );
    let other = resident
        .post(
            "/orders",
            Some(&json!({ "service_id": plumbing, "note": "别的" })),
            Some("order-1"),
        )
        .await;
    assert_eq!(
        problem(other, StatusCode::UNPROCESSABLE_ENTITY).await.code,
        "idempotency_key_reused"
    );

    // Cancelling twice with one key releases once.
    let path = format!("/orders/{}/cancel", first.id);
    let cancelled = resident.post(&path, None, Some("cancel-1")).await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    let replay = resident.post(&path, None, Some("cancel-1")).await;
    assert_eq!(replay.status(), StatusCode::OK);
    assert_eq!(replay.headers()["idempotent-replayed"], "true");
    assert_eq!(
        replay.json::<Order>().await.unwrap().status,
        OrderStatus::Cancelled
    );
    assert_eq!(
        balance(&app, Account::Member(resident.user_id)).await,
        before
    );
    assert_eq!(
        order_ledger(&app, first.id).await,
        vec![
            (LedgerKind::OrderHold.as_str().into(), 30, None),
            (LedgerKind::OrderRelease.as_str().into(), 30, None),
        ]
    );

    // Accepting twice with one key.
    let order = resident.place_order(&asap(plumbing)).await.id;
    staff
        .step(
            order,
            "assign",
            Some(&json!({ "volunteer_id": volunteer.user_id })),
        )
        .await;
    let path = format!("/orders/{order}/accept");
    assert_eq!(
        volunteer.post(&path, None, Some("accept-1")).await.status(),
        StatusCode::OK
    );
    let replay = volunteer.post(&path, None, Some("accept-1")).await;
    assert_eq!(replay.status(), StatusCode::OK);
    assert_eq!(replay.headers()["idempotent-replayed"], "true");
    volunteer.step(order, "start", None).await;
    volunteer
        .step(order, "complete", Some(&json!({ "note": "好了" })))
        .await;

    // Rating twice with one key rates and settles once.
    let volunteer_before = balance(&app, Account::Member(volunteer.user_id)).await;
    let path = format!("/orders/{order}/rate");
    let body = json!({ "stars": 5, "tags": ["friendly"] });
    assert_eq!(
        resident
            .post(&path, Some(&body), Some("rate-1"))
            .await
            .status(),
        StatusCode::OK
    );
    let replay = resident.post(&path, Some(&body), Some("rate-1")).await;
    assert_eq!(replay.status(), StatusCode::OK);
    assert_eq!(replay.headers()["idempotent-replayed"], "true");
    assert_eq!(
        balance(&app, Account::Member(volunteer.user_id)).await,
        volunteer_before + 30
    );
    let kinds_: Vec<String> = order_ledger(&app, order)
        .await
        .into_iter()
        .map(|t| t.0)
        .collect();
    assert_eq!(kinds_, vec!["order_hold", "order_settle", "service_reward"]);
    assert_ledger_invariants(&app).await;
}

#[tokio::test]
async fn an_unrated_order_closes_itself_after_seven_days_and_settles_once() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let zhang = user_id(&app, VOLUNTEER).await;
    let community = community_id(&app).await;
    // The seeded 助餐送餐 order, completed yesterday, waiting for 王秀英's rating.
    let meals = service_id(&app, "助餐送餐").await;
    let db = db(&app).await;
    let order: i64 =
        sqlx::query_scalar("SELECT id FROM orders WHERE service_id = $1 AND status = 'completed'")
            .bind(meals)
            .fetch_one(&db.read)
            .await
            .unwrap();
    assert!(resident.order(order).await.actions.rate);
    let held_before = balance(&app, Account::Held(community)).await;
    let zhang_before = balance(&app, Account::Member(zhang)).await;

    // Six days later it still waits.
    let day = 24 * 60 * 60 * 1000_i64;
    sqlx::query("UPDATE orders SET completed_at = $1 WHERE id = $2")
        .bind(Utc::now().timestamp_millis() - 6 * day)
        .bind(order)
        .execute(&db.write)
        .await
        .unwrap();
    assert_eq!(resident.order(order).await.status, OrderStatus::Completed);

    // Eight days: the next read closes it, settled as if rated.
    sqlx::query("UPDATE orders SET completed_at = $1 WHERE id = $2")
        .bind(Utc::now().timestamp_millis() - 8 * day)
        .bind(order)
        .execute(&db.write)
        .await
        .unwrap();
    let list: Vec<OrderSummary> = resident.get("/me/orders").await.json().await.unwrap();
    assert_eq!(
        list.iter().find(|o| o.id == order).unwrap().status,
        OrderStatus::Closed
    );
    let closed = resident.order(order).await;
    let event = closed.timeline.last().unwrap();
    assert_eq!(event.kind, OrderEventKind::Closed);
    assert!(event.actor.is_none());
    assert!(!closed.actions.rate);
    assert_eq!(
        balance(&app, Account::Held(community)).await,
        held_before - 20
    );
    assert_eq!(
        balance(&app, Account::Member(zhang)).await,
        zhang_before + 20
    );
    resident
        .refused(
            order,
            "rate",
            Some(&json!({ "stars": 5 })),
            StatusCode::CONFLICT,
            "order_finished",
        )
        .await;

    // Running the closer again changes nothing.
    assert_eq!(
        linli_server::features::services::orders::close_overdue(&db, Utc::now().timestamp_millis())
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        balance(&app, Account::Member(zhang)).await,
        zhang_before + 20
    );
    let kinds_: Vec<String> = order_ledger(&app, order)
        .await
        .into_iter()
        .map(|t| t.0)
        .collect();
    assert_eq!(kinds_, vec!["order_hold", "order_settle", "service_reward"]);
    assert_ledger_invariants(&app).await;
}

#[tokio::test]
async fn the_demo_gives_each_role_a_living_app() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let staff = Client::new(&app, STAFF).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;

    let mine: Vec<OrderSummary> = resident.get("/me/orders").await.json().await.unwrap();
    let statuses: Vec<OrderStatus> = mine.iter().map(|o| o.status).collect();
    for status in [
        OrderStatus::Submitted,
        OrderStatus::Rated,
        OrderStatus::Completed,
    ] {
        assert!(statuses.contains(&status), "{statuses:?}");
    }
    let queue: DispatchQueue = staff.get("/dispatch/queue").await.json().await.unwrap();
    assert_eq!(queue.waiting.items.len(), 1);
    assert_eq!(queue.dispatched.items.len(), 1);
    let theirs: VolunteerOrders = volunteer
        .get("/volunteer/orders")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(theirs.assigned.items.len(), 1);
    assert_eq!(theirs.assigned.items[0].status, OrderStatus::Dispatched);
    assert_eq!(theirs.open.items.len(), 1);
    assert!(theirs.done.items.len() >= 2);
    let rated = mine
        .iter()
        .find(|o| o.status == OrderStatus::Rated)
        .unwrap();
    let rated = resident.order(rated.id).await;
    assert_eq!(rated.rating.unwrap().stars, 5);
    assert_eq!(rated.timeline.len(), 6);
    assert_ledger_invariants(&app).await;
}
