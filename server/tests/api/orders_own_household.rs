//! Nobody earns from their own or their household's order. The attack as it was
//! seen (张建国 orders 上门代办 for himself, claims, starts, completes, rates: +10 each time),
//! the same through a member of his household, through staff's dispatch, and the settlement
//! that pays only the volunteer points held when the order was placed.

use linli_api_types::{OrderStatus, ServiceVolunteer, VolunteerOrders};
use linli_server::features::points::ledger::Account;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::orders::*;

/// A phone for a member of 张建国's household (3栋 2单元 801) added by these tests.
pub const ZHANG_SPOUSE: &str = "13700000021";

/// Adds a user to the household of `of_phone` (same community), volunteer or not; their id.
pub async fn add_household_member(
    app: &TestApp,
    of_phone: &str,
    phone: &str,
    name: &str,
    volunteer: bool,
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO users (phone, name, password_hash, community_id, household_id, \
            is_volunteer, created_at) \
         SELECT $1, $2, password_hash, community_id, household_id, $3, created_at \
         FROM users WHERE phone = $4 RETURNING id",
    )
    .bind(phone)
    .bind(name)
    .bind(i64::from(volunteer))
    .bind(of_phone)
    .fetch_one(&db(app).await.write)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_volunteer_cannot_earn_from_his_own_order() {
    let app = spawn_app().await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    let errand = service_id(&app, "上门代办").await;
    let before = balance(&app, Account::Member(zhang.user_id)).await;

    // The attack as seen: order for himself, claim, start, complete, rate.
    let order = zhang.place_order(&asap(errand)).await;
    assert!(
        !order.actions.claim,
        "his own order is not offered to claim"
    );
    let refused = zhang
        .refused(order.id, "claim", None, StatusCode::CONFLICT, "own_order")
        .await;
    assert_eq!(refused.title, "不能接自己家的订单");
    zhang
        .refused(
            order.id,
            "start",
            None,
            StatusCode::CONFLICT,
            "order_wrong_status",
        )
        .await;
    zhang
        .refused(
            order.id,
            "complete",
            Some(&json!({})),
            StatusCode::CONFLICT,
            "order_wrong_status",
        )
        .await;
    zhang
        .refused(
            order.id,
            "rate",
            Some(&json!({ "stars": 5 })),
            StatusCode::CONFLICT,
            "order_not_completed",
        )
        .await;
    let stored = zhang.order(order.id).await;
    assert_eq!(stored.status, OrderStatus::Submitted);
    assert_eq!(stored.volunteer, None);
    assert_eq!(balance(&app, Account::Member(zhang.user_id)).await, before);

    // In English too.
    let english = Client::new(&app, VOLUNTEER).await.english();
    let refused = english
        .refused(order.id, "claim", None, StatusCode::CONFLICT, "own_order")
        .await;
    assert_eq!(
        refused.title,
        "You cannot take an order placed by yourself or your household"
    );

    // His list of open orders does not offer it; other volunteers' does.
    let mine: VolunteerOrders = zhang.get("/volunteer/orders").await.json().await.unwrap();
    assert!(!mine.open.items.iter().any(|o| o.id == order.id));
}

#[tokio::test]
async fn nor_from_his_households_order_claimed_assigned_or_accepted() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    add_household_member(&app, VOLUNTEER, ZHANG_SPOUSE, "张妻", false).await;
    let spouse = Client::new(&app, ZHANG_SPOUSE).await;
    let errand = service_id(&app, "上门代办").await;
    let before = balance(&app, Account::Member(zhang.user_id)).await;

    let order = spouse.place_order(&asap(errand)).await;
    zhang
        .refused(order.id, "claim", None, StatusCode::CONFLICT, "own_order")
        .await;
    let mine: VolunteerOrders = zhang.get("/volunteer/orders").await.json().await.unwrap();
    assert!(!mine.open.items.iter().any(|o| o.id == order.id));

    // Staff's 派单: a field error at volunteer_id, and the picker does not offer him.
    let response = staff
        .post(
            &format!("/orders/{}/assign", order.id),
            Some(&json!({ "volunteer_id": zhang.user_id })),
            None,
        )
        .await;
    let refused = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    let field = refused.field("volunteer_id").unwrap();
    assert_eq!(field.code, "own_order");
    assert!(field.message.contains("自己家"), "{}", field.message);
    let picker: Vec<ServiceVolunteer> = staff
        .get(&format!("/services/{errand}/volunteers?order={}", order.id))
        .await
        .json()
        .await
        .unwrap();
    assert!(!picker.iter().any(|v| v.id == zhang.user_id));
    let everyone: Vec<ServiceVolunteer> = staff
        .get(&format!("/services/{errand}/volunteers"))
        .await
        .json()
        .await
        .unwrap();
    assert!(everyone.iter().any(|v| v.id == zhang.user_id));

    // An order that reached him anyway (assigned before the rule, or before he moved in):
    // he can neither accept nor start nor complete it.
    sqlx::query("UPDATE orders SET status = 'dispatched', volunteer_id = $1 WHERE id = $2")
        .bind(zhang.user_id)
        .bind(order.id)
        .execute(&db(&app).await.write)
        .await
        .unwrap();
    let seen = zhang.order(order.id).await;
    assert!(!seen.actions.accept);
    zhang
        .refused(order.id, "accept", None, StatusCode::CONFLICT, "own_order")
        .await;
    for (status, step) in [("accepted", "start"), ("in_progress", "complete")] {
        sqlx::query("UPDATE orders SET status = $1 WHERE id = $2")
            .bind(status)
            .bind(order.id)
            .execute(&db(&app).await.write)
            .await
            .unwrap();
        zhang
            .refused(
                order.id,
                step,
                Some(&json!({})),
                StatusCode::CONFLICT,
                "own_order",
            )
            .await;
    }
    assert_eq!(balance(&app, Account::Member(zhang.user_id)).await, before);
    // He may still hand it back.
    sqlx::query("UPDATE orders SET status = 'accepted' WHERE id = $1")
        .bind(order.id)
        .execute(&db(&app).await.write)
        .await
        .unwrap();
    let declined = zhang
        .step(
            order.id,
            "decline",
            Some(&json!({ "reason": "是我家的单" })),
        )
        .await;
    assert_eq!(declined.status, OrderStatus::Submitted);
}

#[tokio::test]
async fn settlement_pays_the_volunteer_points_held_at_order_time_whatever_is_sent() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    let errand = service_id(&app, "上门代办").await;
    let before = balance(&app, Account::Member(zhang.user_id)).await;

    let order = resident.place_order(&asap(errand)).await;
    // The menu changes after ordering: the order keeps what it held.
    sqlx::query("UPDATE services SET volunteer_points = 500 WHERE id = $1")
        .bind(errand)
        .execute(&db(&app).await.write)
        .await
        .unwrap();
    zhang.step(order.id, "claim", None).await;
    zhang.step(order.id, "start", None).await;
    let forged = json!({ "note": "办好了", "points": 9999, "volunteer_points": 9999 });
    let response = zhang
        .post(
            &format!("/orders/{}/complete", order.id),
            Some(&forged),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = resident
        .post(
            &format!("/orders/{}/rate", order.id),
            Some(&json!({ "stars": 5, "points": 9999, "volunteer_points": 9999, "amount": 9999 })),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        balance(&app, Account::Member(zhang.user_id)).await,
        before + 10
    );
    let rewards: Vec<_> = order_ledger(&app, order.id)
        .await
        .into_iter()
        .map(|(kind, amount, _)| (kind, amount))
        .collect();
    assert_eq!(
        rewards,
        vec![(
            linli_api_types::LedgerKind::ServiceReward
                .as_str()
                .to_string(),
            10
        )]
    );
    assert_ledger_invariants(&app).await;
}
