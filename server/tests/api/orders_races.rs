//! Steps racing on one order cannot both win (on PostgreSQL the requests really run
//! at once; SQLite's one writer serialises them). Staff reassigning while the volunteer
//! accepts, two volunteers claiming, staff assigning while the resident cancels — 30 rounds
//! each; after each round the stored order must be what its timeline says happened, and the
//! timeline must be a possible sequence (nobody accepts an order assigned to someone else).

use linli_api_types::{LedgerKind, Order, OrderEventKind, OrderStatus};
use linli_server::features::points::ledger::{self, Account, Memo, Transfer};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::orders::*;

const ROUNDS: usize = 30;

/// Gives `user_id` `amount` points from the community fund (to pay for many paid orders).
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

/// Replays the timeline and checks every step could follow the one before; answers the
/// (status, volunteer name) it leads to.
fn replay(order: &Order) -> (OrderStatus, Option<String>) {
    use OrderEventKind as K;
    use OrderStatus as S;
    let mut status = S::Submitted;
    let mut volunteer: Option<String> = None;
    for event in &order.timeline {
        let actor = event.actor.as_ref().map(|a| a.name.clone());
        let (allowed, next, next_volunteer) = match event.kind {
            K::Submitted => (status == S::Submitted, S::Submitted, None),
            K::Dispatched | K::Reassigned => (
                matches!(status, S::Submitted | S::Dispatched | S::Accepted),
                S::Dispatched,
                event.note.clone(),
            ),
            K::Accepted => (
                status == S::Dispatched && actor == volunteer,
                S::Accepted,
                volunteer.clone(),
            ),
            K::Claimed => (status == S::Submitted, S::Accepted, actor.clone()),
            K::Declined => (
                matches!(status, S::Dispatched | S::Accepted) && actor == volunteer,
                S::Submitted,
                None,
            ),
            K::Cancelled => (
                matches!(status, S::Submitted | S::Dispatched),
                S::Cancelled,
                volunteer.clone(),
            ),
            K::Recalled => (
                matches!(status, S::Dispatched | S::Accepted | S::InProgress),
                S::Submitted,
                None,
            ),
            K::Started => (
                status == S::Accepted && actor == volunteer,
                S::InProgress,
                volunteer.clone(),
            ),
            K::Completed => (
                status == S::InProgress && actor == volunteer,
                S::Completed,
                volunteer.clone(),
            ),
            K::Rated | K::Closed => (status == S::Completed, S::Rated, volunteer.clone()),
        };
        assert!(
            allowed,
            "impossible timeline step {:?} by {actor:?} in {status:?} (volunteer {volunteer:?}): {:?}",
            event.kind, order.timeline
        );
        status = if event.kind == K::Closed {
            S::Closed
        } else {
            next
        };
        volunteer = next_volunteer;
    }
    (status, volunteer)
}

fn assert_consistent(order: &Order) {
    let (status, volunteer) = replay(order);
    assert_eq!(order.status, status, "{:?}", order.timeline);
    if status != OrderStatus::Cancelled {
        assert_eq!(
            order.volunteer.as_ref().map(|v| v.name.clone()),
            volunteer,
            "{:?}",
            order.timeline
        );
    }
}

/// A lost race is refused with a clear 409 (or, read after the winner, the ordinary refusal).
fn lost(status: StatusCode) -> bool {
    matches!(status, StatusCode::CONFLICT | StatusCode::FORBIDDEN)
}

#[tokio::test]
async fn reassigning_and_accepting_at_once_cannot_both_win() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let staff = Client::new(&app, STAFF).await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    let liu = Client::new(&app, BUILDING_HEAD).await;
    let plumbing = service_id(&app, "水电维修").await;
    top_up(&app, resident.user_id, 30 * ROUNDS as i64).await;
    let (mut accepted_only, mut reassigned_only, mut both) = (0, 0, 0);

    for _ in 0..ROUNDS {
        let order = resident.place_order(&asap(plumbing)).await.id;
        staff
            .step(
                order,
                "assign",
                Some(&json!({ "volunteer_id": zhang.user_id })),
            )
            .await;
        let reassign = json!({ "volunteer_id": liu.user_id });
        let assign_path = format!("/orders/{order}/assign");
        let accept_path = format!("/orders/{order}/accept");
        let (assigned, accepted) = tokio::join!(
            staff.post(&assign_path, Some(&reassign), None),
            zhang.post(&accept_path, None, None),
        );
        let (assigned, accepted) = (assigned.status(), accepted.status());
        let stored = staff.order(order).await;
        assert_consistent(&stored);
        match (assigned, accepted) {
            (StatusCode::OK, StatusCode::OK) => {
                // Only one after the other: accepted first, then reassigned.
                both += 1;
                assert_eq!(stored.status, OrderStatus::Dispatched);
                assert_eq!(stored.volunteer.as_ref().unwrap().id, liu.user_id);
                let kinds = kinds(&stored);
                assert_eq!(
                    kinds[kinds.len() - 2..],
                    [OrderEventKind::Accepted, OrderEventKind::Reassigned]
                );
            }
            (StatusCode::OK, refused) => {
                assert!(lost(refused), "accept answered {refused}");
                reassigned_only += 1;
                assert_eq!(stored.status, OrderStatus::Dispatched);
                assert_eq!(stored.volunteer.as_ref().unwrap().id, liu.user_id);
                assert!(!kinds(&stored).contains(&OrderEventKind::Accepted));
            }
            (refused, StatusCode::OK) => {
                assert!(lost(refused), "assign answered {refused}");
                accepted_only += 1;
                assert_eq!(stored.status, OrderStatus::Accepted);
                assert_eq!(stored.volunteer.as_ref().unwrap().id, zhang.user_id);
                assert!(!kinds(&stored).contains(&OrderEventKind::Reassigned));
            }
            other => panic!("neither won: {other:?}"),
        }
    }
    eprintln!(
        "accepted only {accepted_only}, reassigned only {reassigned_only}, both in turn {both}"
    );
}

#[tokio::test]
async fn a_lost_race_is_a_clear_409_order_changed() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let staff = Client::new(&app, STAFF).await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    let errand = service_id(&app, "上门代办").await;
    let order = resident.place_order(&asap(errand)).await.id;
    staff
        .step(
            order,
            "assign",
            Some(&json!({ "volunteer_id": zhang.user_id })),
        )
        .await;
    // The version the accept read is no longer the stored one: as if staff wrote in between.
    sqlx::query("UPDATE orders SET version = version + 1 WHERE id = $1")
        .bind(order)
        .execute(&db(&app).await.write)
        .await
        .unwrap();
    let version: i64 = sqlx::query_scalar("SELECT version FROM orders WHERE id = $1")
        .bind(order)
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
    assert!(version >= 2, "every write bumps the version");
    // A guarded write with a stale version matches nothing: the server's own save says so.
    let app_db = db(&app).await;
    let mut tx = app_db.write.begin().await.unwrap();
    let row = linli_server::features::services::orders::load(&mut *tx, order)
        .await
        .unwrap()
        .unwrap();
    let mut stale = row.clone();
    stale.version -= 1;
    let refused = linli_server::features::services::orders::save(&mut tx, &stale, &row)
        .await
        .unwrap_err();
    drop(tx);
    let problem = refused.to_problem(linli_server::platform::lang::Lang::Zh);
    assert_eq!(
        (problem.status, problem.code.as_str()),
        (409, "order_changed")
    );
    assert_eq!(problem.title, "订单刚刚有了变化，请刷新后再操作");
    let english = refused.to_problem(linli_server::platform::lang::Lang::En);
    assert_eq!(
        english.title,
        "The order changed in the meantime. Reload it and try again"
    );
}

#[tokio::test]
async fn two_volunteers_claiming_at_once_one_wins_every_round() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    let liu = Client::new(&app, BUILDING_HEAD).await;
    let plumbing = service_id(&app, "水电维修").await;
    top_up(&app, resident.user_id, 30 * ROUNDS as i64).await;

    for _ in 0..ROUNDS {
        let order = resident.place_order(&asap(plumbing)).await.id;
        let path = format!("/orders/{order}/claim");
        let (a, b) = tokio::join!(zhang.post(&path, None, None), liu.post(&path, None, None));
        let (a, b) = (a.status(), b.status());
        let winner = match (a, b) {
            (StatusCode::OK, other) if lost(other) => zhang.user_id,
            (other, StatusCode::OK) if lost(other) => liu.user_id,
            other => panic!("not exactly one winner: {other:?}"),
        };
        let stored = resident.order(order).await;
        assert_consistent(&stored);
        assert_eq!(stored.status, OrderStatus::Accepted);
        assert_eq!(stored.volunteer.as_ref().unwrap().id, winner);
        let claims = kinds(&stored)
            .into_iter()
            .filter(|k| *k == OrderEventKind::Claimed)
            .count();
        assert_eq!(claims, 1);
    }
}

#[tokio::test]
async fn assigning_and_cancelling_at_once_leave_a_possible_story_and_the_points_right() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let staff = Client::new(&app, STAFF).await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    let plumbing = service_id(&app, "水电维修").await;
    top_up(&app, resident.user_id, 30 * ROUNDS as i64).await;
    let community = community_id(&app).await;
    let held_before = balance(&app, Account::Held(community)).await;
    let mut still_held = 0;

    for _ in 0..ROUNDS {
        let order = resident.place_order(&asap(plumbing)).await.id;
        let assign = json!({ "volunteer_id": zhang.user_id });
        let assign_path = format!("/orders/{order}/assign");
        let cancel_path = format!("/orders/{order}/cancel");
        let (assigned, cancelled) = tokio::join!(
            staff.post(&assign_path, Some(&assign), None),
            resident.post(&cancel_path, None, None),
        );
        let (assigned, cancelled) = (assigned.status(), cancelled.status());
        let stored = resident.order(order).await;
        assert_consistent(&stored);
        match (assigned, cancelled) {
            // Assigned, then cancelled while still only dispatched: legal in turn.
            (StatusCode::OK, StatusCode::OK) => {
                assert_eq!(stored.status, OrderStatus::Cancelled);
                assert_eq!(
                    kinds(&stored)[1..],
                    [OrderEventKind::Dispatched, OrderEventKind::Cancelled]
                );
            }
            (StatusCode::OK, refused) => {
                assert!(lost(refused), "cancel answered {refused}");
                assert_eq!(stored.status, OrderStatus::Dispatched);
                still_held += 30;
            }
            (refused, StatusCode::OK) => {
                assert!(lost(refused), "assign answered {refused}");
                assert_eq!(stored.status, OrderStatus::Cancelled);
                assert_eq!(kinds(&stored)[1..], [OrderEventKind::Cancelled]);
            }
            other => panic!("neither won: {other:?}"),
        }
        let releases = order_ledger(&app, order)
            .await
            .into_iter()
            .filter(|(kind, _, _)| kind == LedgerKind::OrderRelease.as_str())
            .count();
        let expected = usize::from(stored.status == OrderStatus::Cancelled);
        assert_eq!(
            releases, expected,
            "held points released once iff cancelled"
        );
    }
    assert_eq!(
        balance(&app, Account::Held(community)).await,
        held_before + still_held
    );
    assert_ledger_invariants(&app).await;
}
