//! Bounded work: the dispatch queue and a volunteer's lists come in pages that
//! neither repeat nor skip while orders arrive, and a household keeps at most 5 free orders
//! open — also when it sends many at once.

use std::collections::HashSet;

use linli_api_types::{
    DispatchQueue, LedgerKind, OrderPage, Problem, VolunteerOrders, FREE_ORDERS_OPEN_MAX,
};
use linli_server::features::points::ledger::{self, Account, Memo, Transfer};
use reqwest::StatusCode;

use crate::helpers::*;
use crate::orders::*;
use crate::orders_own_household::add_household_member;

async fn top_up(app: &TestApp, user_id: i64, amount: i64) {
    let community = community_id(app).await;
    let db = db(app).await;
    let mut tx = db.write.begin().await.unwrap();
    ledger::transfer(
        &mut tx,
        &Transfer {
            community_id: community,
            from: Account::Fund(community),
            to: Account::Member(user_id),
            amount,
            memo: Memo::new(LedgerKind::Correction, "测试"),
            actor_id: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// Open free orders of the household of `phone`, as the cap counts them.
async fn open_free_orders(app: &TestApp, phone: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM orders o JOIN users r ON r.id = o.resident_id \
         JOIN users me ON me.phone = $1 \
         WHERE o.points = 0 AND o.status IN ('submitted', 'dispatched', 'accepted', 'in_progress') \
           AND (r.id = me.id OR r.household_id = me.household_id)",
    )
    .bind(phone)
    .fetch_one(&db(app).await.read)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_dispatch_queue_pages_neither_repeat_nor_skip_while_orders_arrive() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let staff = Client::new(&app, STAFF).await;
    let plumbing = service_id(&app, "水电维修").await;
    top_up(&app, resident.user_id, 30 * 12).await;
    for _ in 0..5 {
        resident.place_order(&asap(plumbing)).await;
    }
    let everything: DispatchQueue = staff
        .get("/dispatch/queue?limit=50")
        .await
        .json()
        .await
        .unwrap();
    let before: Vec<i64> = everything.waiting.items.iter().map(|o| o.id).collect();
    assert!(before.len() >= 6, "{before:?}");

    // Pages of 2, with a new order arriving before each page.
    let first: DispatchQueue = staff
        .get("/dispatch/queue?limit=2")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first.waiting.items.len(), 2);
    let mut seen: Vec<i64> = first.waiting.items.iter().map(|o| o.id).collect();
    let mut added = Vec::new();
    let mut cursor = first.waiting.next_cursor.clone();
    let mut pages = 1;
    while let Some(next) = cursor {
        if added.len() < 4 {
            added.push(resident.place_order(&asap(plumbing)).await.id);
        }
        let page: DispatchQueue = staff
            .get(&format!("/dispatch/queue?limit=2&cursor={next}"))
            .await
            .json()
            .await
            .unwrap();
        // A waiting list's cursor brings only more of that list.
        assert!(page.dispatched.items.is_empty() && page.dispatched.next_cursor.is_none());
        assert!(page.waiting.items.len() <= 2);
        seen.extend(page.waiting.items.iter().map(|o| o.id));
        cursor = page.waiting.next_cursor;
        pages += 1;
        assert!(pages < 50, "the pages never end");
    }
    let unique: HashSet<i64> = seen.iter().copied().collect();
    assert_eq!(unique.len(), seen.len(), "an order repeated: {seen:?}");
    for id in before.iter().chain(&added) {
        assert!(unique.contains(id), "order {id} skipped: {seen:?}");
    }
    // Longest waiting first, as one list.
    assert_eq!(&seen[..before.len()], &before[..]);
}

#[tokio::test]
async fn page_sizes_and_cursors_are_checked_at_their_fields() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=51", "limit"),
        ("limit=abc", "limit"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=dDEuNS42", "cursor"),
    ] {
        for (who, path) in [(&staff, "/dispatch/queue"), (&zhang, "/volunteer/orders")] {
            let response = who.get(&format!("{path}?{query}")).await;
            let problem: Problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
            assert_eq!(
                problem.errors.first().map(|e| e.field.as_str()),
                Some(field),
                "{path}?{query}"
            );
        }
    }
    let default: DispatchQueue = staff.get("/dispatch/queue").await.json().await.unwrap();
    assert!(default.waiting.items.len() <= 20);
}

#[tokio::test]
async fn a_volunteers_lists_page_each_on_its_own() {
    let app = spawn_app().await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    let all: VolunteerOrders = zhang
        .get("/volunteer/orders?limit=50")
        .await
        .json()
        .await
        .unwrap();
    assert!(all.done.items.len() >= 2);
    let mut seen = Vec::new();
    let mut page: OrderPage = zhang
        .get("/volunteer/orders?limit=1")
        .await
        .json::<VolunteerOrders>()
        .await
        .unwrap()
        .done;
    loop {
        assert!(page.items.len() <= 1);
        seen.extend(page.items.iter().map(|o| o.id));
        let Some(cursor) = page.next_cursor.clone() else {
            break;
        };
        let next: VolunteerOrders = zhang
            .get(&format!("/volunteer/orders?limit=1&cursor={cursor}"))
            .await
            .json()
            .await
            .unwrap();
        assert!(next.assigned.items.is_empty() && next.open.items.is_empty());
        page = next.done;
    }
    let expected: Vec<i64> = all.done.items.iter().map(|o| o.id).collect();
    assert_eq!(
        seen, expected,
        "newest first, one by one, the same as one page"
    );
}

#[tokio::test]
async fn a_household_keeps_at_most_five_free_orders_open() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    add_household_member(&app, RESIDENT, "13700000031", "王秀英之子", false).await;
    let son = Client::new(&app, "13700000031").await.english();
    let errand = service_id(&app, "上门代办").await;
    let plumbing = service_id(&app, "水电维修").await;
    let already = open_free_orders(&app, RESIDENT).await;
    assert!(already < FREE_ORDERS_OPEN_MAX);
    let mut mine = Vec::new();
    for _ in already..FREE_ORDERS_OPEN_MAX {
        mine.push(resident.place_order(&asap(errand)).await.id);
    }
    // The sixth, by anyone of the household, is refused with a clear message.
    let response = resident.post("/orders", Some(&asap(errand)), None).await;
    let refused = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(refused.code, "free_orders_cap");
    assert_eq!(
        refused.title,
        format!("你家已有 {FREE_ORDERS_OPEN_MAX} 个进行中的免费服务订单，请等完成后再下单")
    );
    let response = son.post("/orders", Some(&asap(errand)), None).await;
    let refused = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(refused.code, "free_orders_cap");
    assert!(refused.title.contains("5 open free"), "{}", refused.title);
    assert_eq!(open_free_orders(&app, RESIDENT).await, FREE_ORDERS_OPEN_MAX);
    // Paid orders are bounded by their points, not by the cap.
    resident.place_order(&asap(plumbing)).await;
    // One finished (cancelled here) makes room for one more.
    resident.step(mine[0], "cancel", None).await;
    son.place_order(&asap(errand)).await;
    let response = son.post("/orders", Some(&asap(errand)), None).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn many_free_orders_at_once_do_not_pass_the_cap() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT_5).await;
    add_household_member(&app, RESIDENT_5, "13700000041", "陈丽华之女", false).await;
    let daughter = Client::new(&app, "13700000041").await;
    let errand = service_id(&app, "上门代办").await;
    let already = open_free_orders(&app, RESIDENT_5).await;
    let draft = asap(errand);
    // Twelve requests in flight at once (spawned: each its own task).
    let mut burst = tokio::task::JoinSet::new();
    for i in 0..12 {
        let who = if i % 2 == 0 { &resident } else { &daughter };
        let key = format!("burst-{i}");
        let request = who
            .request(Method::POST, "/orders", Some(&key))
            .json(&draft);
        burst.spawn(async move { request.send().await.unwrap().status() });
    }
    let statuses = burst.join_all().await;
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count() as i64;
    let capped = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count() as i64;
    assert_eq!(created, FREE_ORDERS_OPEN_MAX - already, "{statuses:?}");
    assert_eq!(created + capped, 12, "{statuses:?}");
    assert_eq!(
        open_free_orders(&app, RESIDENT_5).await,
        FREE_ORDERS_OPEN_MAX
    );
}
