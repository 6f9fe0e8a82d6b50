//! Staff cancelling an order with a reason (社区取消): at any state before completion, the held
//! points back to the resident exactly once (an `order_release` line), the volunteer released,
//! the reason in the timeline for the resident, the volunteer and staff; refused after
//! completion, to non-staff, and to another community (404); one winner under races.

use linli_api_types::{
    HoldState, LedgerKind, LedgerPage, Order, OrderActorRole, OrderEventKind, OrderStatus,
};
use linli_server::features::points::ledger::{self, Account, Memo, Transfer};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::orders::{
    asap, assert_ledger_invariants, balance, community_id, order_ledger, service_id,
};

const REASON: &str = "志愿者临时有事，社区另约时间";

/// Enough points for the many orders a test places.
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

async fn staff_cancel(client: &Client<'_>, order: i64, key: &str) -> reqwest::Response {
    client
        .post(
            &format!("/orders/{order}/staff-cancel"),
            Some(&json!({ "reason": REASON })),
            Some(key),
        )
        .await
}

fn ends_with_staff_cancel(order: &Order) -> bool {
    let last = order.timeline.last().unwrap();
    last.kind == OrderEventKind::Cancelled
        && last.note.as_deref() == Some(REASON)
        && last
            .actor
            .as_ref()
            .is_some_and(|a| a.role == OrderActorRole::Staff && a.name == "许各利")
}

#[tokio::test]
async fn staff_cancel_an_order_in_progress_and_the_points_come_back_once() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    let staff = Client::new(&app, STAFF).await;
    let plumbing = service_id(&app, "水电维修").await;
    let before = balance(&app, Account::Member(resident.user_id)).await;
    let order = resident.place_order(&asap(plumbing)).await.id;
    zhang.step(order, "claim", None).await;
    let started = zhang.step(order, "start", None).await;
    assert!(
        !started.actions.staff_cancel,
        "not the volunteer's to cancel"
    );
    assert!(staff.order(order).await.actions.staff_cancel);
    assert_eq!(
        balance(&app, Account::Member(resident.user_id)).await,
        before - 30
    );

    // Not staff: 403; another community's staff: 404; no reason: 422 at the field.
    for client in [&resident, &zhang] {
        let p = problem(
            staff_cancel(client, order, "x").await,
            StatusCode::FORBIDDEN,
        )
        .await;
        assert_eq!(p.code, "order_not_allowed");
    }
    let other = Client::new(&app, OTHER_STAFF).await;
    problem(
        staff_cancel(&other, order, "x").await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let blank = staff
        .post(
            &format!("/orders/{order}/staff-cancel"),
            Some(&json!({ "reason": " " })),
            None,
        )
        .await;
    let p = problem(blank, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(p.field("reason").unwrap().code, "required");

    let response = staff_cancel(&staff, order, "cancel-1").await;
    assert_eq!(response.status(), StatusCode::OK);
    let cancelled: Order = response.json().await.unwrap();
    assert_eq!(cancelled.status, OrderStatus::Cancelled);
    assert!(ends_with_staff_cancel(&cancelled));
    assert!(!cancelled.actions.staff_cancel && !cancelled.actions.complete);
    // The same key replays; another cancel is refused; the volunteer cannot complete it.
    let replay = staff_cancel(&staff, order, "cancel-1").await;
    assert_eq!(replay.status(), StatusCode::OK);
    let p = problem(
        staff_cancel(&staff, order, "cancel-2").await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(p.code, "order_finished");
    zhang
        .refused(
            order,
            "complete",
            Some(&json!({})),
            StatusCode::CONFLICT,
            "order_finished",
        )
        .await;

    // Exactly one release, the resident whole again, the ledger balanced.
    assert_eq!(
        order_ledger(&app, order).await,
        [
            ("order_hold".to_owned(), 30, None),
            ("order_release".to_owned(), 30, None)
        ]
    );
    assert_eq!(
        balance(&app, Account::Member(resident.user_id)).await,
        before
    );
    assert_ledger_invariants(&app).await;
    let page: LedgerPage = resident.get_ok("/me/ledger?limit=50").await;
    assert!(page.items.iter().any(|l| l.kind == LedgerKind::OrderRelease
        && l.amount == 30
        && l.link.is_some_and(|k| k.id == order)));
    let hold = page
        .items
        .iter()
        .find(|l| l.kind == LedgerKind::OrderHold && l.link.is_some_and(|k| k.id == order))
        .unwrap();
    assert_eq!(hold.hold, Some(HoldState::Released), "已退回");

    // The resident, the volunteer and staff all read the reason.
    for client in [&resident, &zhang, &staff] {
        assert!(ends_with_staff_cancel(&client.order(order).await));
    }
    let stored: Option<String> =
        sqlx::query_scalar("SELECT cancel_reason FROM orders WHERE id = $1")
            .bind(order)
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!(stored.as_deref(), Some(REASON));
}

#[tokio::test]
async fn staff_cancel_at_every_state_before_completion_and_not_after() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    let staff = Client::new(&app, STAFF).await;
    let plumbing = service_id(&app, "水电维修").await;
    top_up(&app, resident.user_id, 500).await;

    let submitted = resident.place_order(&asap(plumbing)).await.id;
    let dispatched = resident.place_order(&asap(plumbing)).await.id;
    staff
        .step(
            dispatched,
            "assign",
            Some(&json!({ "volunteer_id": zhang.user_id })),
        )
        .await;
    let accepted = resident.place_order(&asap(plumbing)).await.id;
    zhang.step(accepted, "claim", None).await;
    for order in [submitted, dispatched, accepted] {
        let response = staff_cancel(&staff, order, &format!("c-{order}")).await;
        assert_eq!(response.status(), StatusCode::OK, "order {order}");
        let kinds: Vec<String> = order_ledger(&app, order)
            .await
            .into_iter()
            .map(|(kind, _, _)| kind)
            .collect();
        assert_eq!(kinds, ["order_hold", "order_release"]);
    }
    // The volunteer no longer has it to do.
    let mine: linli_api_types::VolunteerOrders = zhang.get_ok("/volunteer/orders").await;
    assert!(mine
        .assigned
        .items
        .iter()
        .all(|o| o.id != dispatched && o.id != accepted));

    let done = resident.place_order(&asap(plumbing)).await.id;
    zhang.step(done, "claim", None).await;
    zhang.step(done, "start", None).await;
    zhang
        .step(done, "complete", Some(&json!({ "note": "换了阀门" })))
        .await;
    let p = problem(
        staff_cancel(&staff, done, "c-done").await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(p.code, "order_finished");
    assert_eq!(order_ledger(&app, done).await.len(), 1, "still only held");
    assert_ledger_invariants(&app).await;
}

#[tokio::test]
async fn staff_cancelling_against_a_completion_or_another_cancel_moves_points_once() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    let staff = Client::new(&app, STAFF).await;
    let staff_too = Client::new(&app, STAFF).await;
    let plumbing = service_id(&app, "水电维修").await;
    top_up(&app, resident.user_id, 500).await;
    for round in 0..4 {
        let order = resident.place_order(&asap(plumbing)).await.id;
        zhang.step(order, "claim", None).await;
        zhang.step(order, "start", None).await;
        let complete = format!("/orders/{order}/complete");
        let (key, body) = (format!("race-{round}"), json!({}));
        let (cancel, completed) = tokio::join!(
            staff_cancel(&staff, order, &key),
            zhang.post(&complete, Some(&body), None)
        );
        let won = [cancel.status(), completed.status()]
            .iter()
            .filter(|s| **s == StatusCode::OK)
            .count();
        assert_eq!(
            won,
            1,
            "round {round}: {:?} {:?}",
            cancel.status(),
            completed.status()
        );
        let releases = order_ledger(&app, order)
            .await
            .into_iter()
            .filter(|(kind, _, _)| kind == "order_release")
            .count();
        let cancelled = cancel.status() == StatusCode::OK;
        assert_eq!(releases, usize::from(cancelled), "round {round}");

        // Two staff sessions at once: one cancel.
        let order = resident.place_order(&asap(plumbing)).await.id;
        let (key_a, key_b) = (format!("a-{round}"), format!("b-{round}"));
        let (a, b) = tokio::join!(
            staff_cancel(&staff, order, &key_a),
            staff_cancel(&staff_too, order, &key_b)
        );
        let mut statuses = [a.status(), b.status()];
        statuses.sort();
        assert_eq!(statuses[0], StatusCode::OK, "round {round}");
        assert_eq!(statuses[1], StatusCode::CONFLICT, "round {round}");
        let releases = order_ledger(&app, order)
            .await
            .into_iter()
            .filter(|(kind, _, _)| kind == "order_release")
            .count();
        assert_eq!(releases, 1);
    }
    assert_ledger_invariants(&app).await;
}
