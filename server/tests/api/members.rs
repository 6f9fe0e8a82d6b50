//! Rights end with the role: staff remove a member's volunteer flag or a role
//! grant (only in their community, never their own); the powers end with the next request,
//! and the ex-volunteer's unfinished orders go back to the dispatch queue at once, so they
//! cannot complete one to earn its points.

use linli_api_types::{DispatchQueue, MemberRoles, OrderEventKind, OrderStatus, VolunteerOrders};
use linli_server::features::points::ledger::Account;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::orders::*;

#[tokio::test]
async fn removing_the_volunteer_flag_returns_orders_and_ends_the_powers_at_once() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let resident5 = Client::new(&app, RESIDENT_5).await;
    let staff = Client::new(&app, STAFF).await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    let errand = service_id(&app, "上门代办").await;
    let before = balance(&app, Account::Member(zhang.user_id)).await;

    // One order dispatched to him, one accepted, one in progress, one still open to claim.
    let dispatched = resident.place_order(&asap(errand)).await.id;
    staff
        .step(
            dispatched,
            "assign",
            Some(&json!({ "volunteer_id": zhang.user_id })),
        )
        .await;
    let accepted = resident.place_order(&asap(errand)).await.id;
    zhang.step(accepted, "claim", None).await;
    let in_progress = resident5.place_order(&asap(errand)).await.id;
    zhang.step(in_progress, "claim", None).await;
    zhang.step(in_progress, "start", None).await;
    let open = resident5.place_order(&asap(errand)).await.id;

    let response = staff
        .put(
            &format!("/members/{}/volunteer", zhang.user_id),
            Some(&json!({ "volunteer": false })),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let changed: MemberRoles = response.json().await.unwrap();
    assert!(!changed.member.is_volunteer);
    // Ours, and the demo's order dispatched to him.
    for id in [dispatched, accepted, in_progress] {
        assert!(changed.returned_orders.contains(&id), "{id}");
    }
    assert!(!changed.returned_orders.contains(&open));
    let still_his: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM orders WHERE volunteer_id = $1 \
         AND status IN ('dispatched', 'accepted', 'in_progress')",
    )
    .bind(zhang.user_id)
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    assert_eq!(still_his, 0);

    // Back in the dispatch queue, nobody's, with the step on the timeline.
    let queue: DispatchQueue = staff
        .get("/dispatch/queue?limit=50")
        .await
        .json()
        .await
        .unwrap();
    for id in [dispatched, accepted, in_progress] {
        assert!(queue.waiting.items.iter().any(|o| o.id == id), "{id}");
        let order = staff.order(id).await;
        assert_eq!(order.status, OrderStatus::Submitted);
        assert_eq!(order.volunteer, None);
        assert!(order.waiting_since.is_some());
        let last = order.timeline.last().unwrap();
        assert_eq!(last.kind, OrderEventKind::Recalled);
        assert_eq!(last.actor.as_ref().unwrap().name, "许各利");
    }
    let stored: Vec<(String, Option<i64>, Option<i64>)> =
        sqlx::query_as("SELECT status, volunteer_id, started_at FROM orders WHERE id = $1")
            .bind(in_progress)
            .fetch_all(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!(stored, vec![("submitted".to_string(), None, None)]);

    // His next requests have no volunteer's powers.
    let response = zhang.get("/volunteer/orders").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    for (id, step) in [
        (open, "claim"),
        (dispatched, "claim"),
        (accepted, "accept"),
        (accepted, "start"),
        (in_progress, "complete"),
    ] {
        let response = zhang
            .post(&format!("/orders/{id}/{step}"), Some(&json!({})), None)
            .await;
        assert!(
            matches!(
                response.status(),
                StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
            ),
            "{step} {id}: {}",
            response.status()
        );
    }
    // Staff cannot dispatch to him either.
    let response = staff
        .post(
            &format!("/orders/{open}/assign"),
            Some(&json!({ "volunteer_id": zhang.user_id })),
            None,
        )
        .await;
    let refused = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(refused.field("volunteer_id").unwrap().code, "not_offered");
    assert_eq!(balance(&app, Account::Member(zhang.user_id)).await, before);

    // Registered again, he volunteers again (the returned orders stay in the queue).
    let response = staff
        .put(
            &format!("/members/{}/volunteer", zhang.user_id),
            Some(&json!({ "volunteer": true })),
            None,
        )
        .await;
    let changed: MemberRoles = response.json().await.unwrap();
    assert!(changed.member.is_volunteer && changed.returned_orders.is_empty());
    let mine: VolunteerOrders = zhang.get("/volunteer/orders").await.json().await.unwrap();
    assert!(mine.assigned.items.is_empty());
    assert!(mine.open.items.iter().any(|o| o.id == accepted));
}

#[tokio::test]
async fn a_removed_grant_ends_its_powers_with_the_next_request() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let community = community_id(&app).await;
    // A second staff member of 井湘社区.
    let colleague_id: i64 = sqlx::query_scalar(
        "INSERT INTO users (phone, name, password_hash, community_id, is_volunteer, created_at) \
         SELECT '13700000051', '周同事', password_hash, community_id, 0, created_at \
         FROM users WHERE phone = $1 RETURNING id",
    )
    .bind(STAFF)
    .fetch_one(&db(&app).await.write)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO role_grants (user_id, role, scope_kind, scope_id) \
         VALUES ($1, 'staff', 'community', $2)",
    )
    .bind(colleague_id)
    .bind(community)
    .execute(&db(&app).await.write)
    .await
    .unwrap();
    let colleague = Client::new(&app, "13700000051").await;
    assert_eq!(
        colleague.get("/dispatch/queue").await.status(),
        StatusCode::OK
    );

    // Removing staff is not one staff member's call: asked by one, approved by another.
    let path = format!("/members/{colleague_id}/grants/staff/community/{community}");
    let refused = problem(
        staff.delete(&path, None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.field("role").unwrap().code, "needs_second_staff");
    let body = json!({ "member_id": colleague_id, "action": "remove" });
    let response = staff.post("/staff-changes", Some(&body), None).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let change: linli_api_types::StaffChange = response.json().await.unwrap();
    let second = Client::new(&app, STAFF_SECOND).await;
    let response = second
        .post(&format!("/staff-changes/{}/approve", change.id), None, None)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM role_grants WHERE user_id = $1")
        .bind(colleague_id)
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
    assert_eq!(stored, 0);
    // The same session, the very next request: no staff powers.
    assert_eq!(
        colleague.get("/dispatch/queue").await.status(),
        StatusCode::FORBIDDEN
    );
    let order = Client::new(&app, RESIDENT)
        .await
        .place_order(&asap(service_id(&app, "上门代办").await))
        .await
        .id;
    let response = colleague
        .post(
            &format!("/orders/{order}/assign"),
            Some(&json!({ "volunteer_id": user_id(&app, VOLUNTEER).await })),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    // Gone: asking to remove it again is refused.
    let response = staff.post("/staff-changes", Some(&body), None).await;
    let refused = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(refused.field("member_id").unwrap().code, "not_staff");
}

#[tokio::test]
async fn only_staff_of_the_members_community_change_roles_and_never_their_own() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let other_staff = Client::new(&app, OTHER_STAFF).await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    let resident = Client::new(&app, RESIDENT).await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let off = json!({ "volunteer": false });
    let flag = format!("/members/{}/volunteer", zhang.user_id);

    // Residents, volunteers and heads: 403, and nothing changes.
    for who in [&resident, &zhang, &head] {
        assert_eq!(
            who.put(&flag, Some(&off), None).await.status(),
            StatusCode::FORBIDDEN
        );
    }
    // Staff of another community: the member does not exist for them.
    let response = other_staff.put(&flag, Some(&off), None).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let is_volunteer: i64 = sqlx::query_scalar("SELECT is_volunteer FROM users WHERE id = $1")
        .bind(zhang.user_id)
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
    assert_eq!(is_volunteer, 1);

    // Their own flag and grants: 403.
    let own = format!("/members/{}/volunteer", staff.user_id);
    assert_eq!(
        staff
            .put(&own, Some(&json!({ "volunteer": true })), None)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let community = community_id(&app).await;
    let own_grant = format!(
        "/members/{}/grants/staff/community/{community}",
        staff.user_id
    );
    assert_eq!(
        staff.delete(&own_grant, None).await.status(),
        StatusCode::FORBIDDEN
    );
    let still: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM role_grants WHERE user_id = $1 AND role = 'staff'",
    )
    .bind(staff.user_id)
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    assert_eq!(still, 1);

    // Bad input: a clear answer, never 500.
    let response = staff
        .put(&flag, Some(&json!({ "volunteer": "no" })), None)
        .await;
    let refused = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(refused.field("volunteer").unwrap().code, "wrong_type");
    for path in [
        format!(
            "/members/{}/grants/king/community/{community}",
            zhang.user_id
        ),
        format!("/members/{}/grants/staff/planet/{community}", zhang.user_id),
        format!("/members/{}/grants/staff/community/abc", zhang.user_id),
        "/members/999999/volunteer".to_string(),
    ] {
        let response = if path.ends_with("volunteer") {
            staff.put(&path, Some(&off), None).await
        } else {
            staff.delete(&path, None).await
        };
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn removing_the_flag_while_the_volunteer_claims_leaves_no_order_with_him() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let staff = Client::new(&app, STAFF).await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    let errand = service_id(&app, "上门代办").await;
    let flag = format!("/members/{}/volunteer", zhang.user_id);
    let off = json!({ "volunteer": false });

    for _ in 0..10 {
        let order = resident.place_order(&asap(errand)).await.id;
        let claim_path = format!("/orders/{order}/claim");
        let (claimed, removed) = tokio::join!(
            zhang.post(&claim_path, None, None),
            staff.put(&flag, Some(&off), None),
        );
        assert_eq!(removed.status(), StatusCode::OK);
        let _ = claimed.status();
        // Whoever came first, the order is not left with an ex-volunteer.
        let stored = staff.order(order).await;
        assert_eq!(
            stored.status,
            OrderStatus::Submitted,
            "{:?}",
            stored.timeline
        );
        assert_eq!(stored.volunteer, None);
        // Let him volunteer again, and free the household's free-order room.
        staff
            .put(&flag, Some(&json!({ "volunteer": true })), None)
            .await;
        resident.step(order, "cancel", None).await;
    }
}
