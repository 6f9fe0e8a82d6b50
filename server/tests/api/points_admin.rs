//! 积分管理 beyond corrections: the community's policy (read by members, set by
//! staff within bounds, every change kept) and the audit of corrections and large credits.

use std::collections::BTreeSet;

use linli_api_types::{
    AuditKind, CorrectionRecord, CorrectionStatus, LedgerKind, PointsAudit, PointsPolicy,
    PointsSource,
};
use reqwest::StatusCode;
use serde_json::json;

use crate::corrections::{add_staff, STAFF_2};
use crate::helpers::*;

async fn put_policy(api: &Client<'_>, per_hour: i64, threshold: i64) -> reqwest::Response {
    let policy = json!({ "points_per_hour": per_hour, "correction_approval_threshold": threshold });
    api.put("/community/policy", Some(&policy), None).await
}

#[tokio::test]
async fn staff_set_the_policy_within_bounds_and_every_change_is_kept() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let staff_id = user_id(&app, STAFF).await;

    // Defaults until set; every member may read them.
    for phone in [RESIDENT, BUILDING_HEAD, STAFF] {
        let policy: PointsPolicy = Client::new(&app, phone)
            .await
            .get_ok("/community/policy")
            .await;
        assert_eq!(
            (
                policy.points_per_hour,
                policy.correction_approval_threshold,
                policy.is_default
            ),
            (20, 200, true)
        );
    }
    // Only staff set it.
    for phone in [RESIDENT, VOLUNTEER, BUILDING_HEAD, UNIT_HEAD] {
        let api = Client::new(&app, phone).await;
        problem(put_policy(&api, 30, 100).await, StatusCode::FORBIDDEN).await;
    }
    // Out of bounds: a clear 422 at each field, in the user's language.
    let refused = problem(
        put_policy(&staff, 0, 10_001).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let per_hour = refused.field("points_per_hour").unwrap();
    assert_eq!(per_hour.code, "out_of_range");
    assert_eq!(per_hour.message, "请填写1到200之间的数");
    let threshold = refused.field("correction_approval_threshold").unwrap();
    assert_eq!(threshold.message, "请填写0到10000之间的数");
    problem(
        put_policy(&staff, 201, -1).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let mistyped = staff
        .put(
            "/community/policy",
            Some(&json!({ "points_per_hour": "many" })),
            None,
        )
        .await;
    let mistyped = problem(mistyped, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(mistyped.field("points_per_hour").is_some());
    assert!(mistyped.field("correction_approval_threshold").is_some());

    let response = put_policy(&staff, 15, 50).await;
    assert_eq!(response.status(), StatusCode::OK);
    let policy: PointsPolicy = response.json().await.unwrap();
    assert_eq!(
        (policy.points_per_hour, policy.correction_approval_threshold),
        (15, 50)
    );
    assert!(!policy.is_default);
    assert_eq!(policy.updated_by.unwrap().id, staff_id);
    let stored: (i64, i64, Option<i64>) = sqlx::query_as(
        "SELECT p.points_per_hour, p.correction_approval_threshold, p.updated_by \
         FROM community_policies p JOIN users u ON u.community_id = p.community_id \
         WHERE u.id = $1",
    )
    .bind(staff_id)
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    assert_eq!(stored, (15, 50, Some(staff_id)));

    // The threshold applies at once: 60 now waits.
    let resident = user_id(&app, RESIDENT).await;
    let response = staff
        .post(
            "/ledger/corrections",
            Some(&json!({ "user_id": resident, "amount": 60, "reason": "补录" })),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);

    // Another community's staff set only their own.
    let elsewhere = Client::new(&app, OTHER_STAFF).await;
    assert_eq!(
        put_policy(&elsewhere, 40, 1_000).await.status(),
        StatusCode::OK
    );
    let ours: PointsPolicy = staff.get_ok("/community/policy").await;
    assert_eq!(
        (ours.points_per_hour, ours.correction_approval_threshold),
        (15, 50)
    );

    // Raised and lowered again: both changes stay in the audit.
    put_policy(&staff, 15, 5_000).await;
    put_policy(&staff, 15, 200).await;
    let audit: PointsAudit = staff.get_ok("/points/audit").await;
    let thresholds: Vec<i64> = audit
        .policy_changes
        .iter()
        .map(|change| change.correction_approval_threshold)
        .collect();
    assert_eq!(thresholds, [200, 5_000, 50]);
    assert!(audit
        .policy_changes
        .iter()
        .all(|c| c.changed_by.id == staff_id));
}

#[tokio::test]
async fn the_audit_shows_every_correction_and_every_large_credit_with_who_did_it() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let staff_id = user_id(&app, STAFF).await;
    let second_id = add_staff(&app, STAFF_2, "赵敏", None).await;
    let second = Client::new(&app, STAFF_2).await;
    let resident = user_id(&app, RESIDENT).await;

    // Residents, volunteers and heads may not see it.
    for phone in [RESIDENT, VOLUNTEER, BUILDING_HEAD] {
        problem(
            Client::new(&app, phone).await.get("/points/audit").await,
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    let before: PointsAudit = staff.get_ok("/points/audit").await;
    // The seeded correction is there, with its requester.
    let seeded = before
        .items
        .iter()
        .find(|item| item.kind == AuditKind::Correction)
        .unwrap();
    assert_eq!(seeded.actor.as_ref().unwrap().id, staff_id);
    assert_eq!(seeded.status, CorrectionStatus::Posted);

    // One posted at once, one approved, one pending, one withdrawn.
    let correct =
        |amount: i64| json!({ "user_id": resident, "amount": amount, "reason": "审计测试" });
    let posted = staff
        .post("/ledger/corrections", Some(&correct(150)), None)
        .await;
    assert_eq!(posted.status(), StatusCode::CREATED);
    let large: CorrectionRecord = staff
        .post("/ledger/corrections", Some(&correct(800)), None)
        .await
        .json()
        .await
        .unwrap();
    let approved = second
        .post(
            &format!("/ledger/corrections/{}/approve", large.id),
            None,
            None,
        )
        .await;
    assert_eq!(approved.status(), StatusCode::OK);
    let waiting: CorrectionRecord = staff
        .post("/ledger/corrections", Some(&correct(-250)), None)
        .await
        .json()
        .await
        .unwrap();
    let gone: CorrectionRecord = staff
        .post("/ledger/corrections", Some(&correct(300)), None)
        .await
        .json()
        .await
        .unwrap();
    staff
        .delete(&format!("/ledger/corrections/{}", gone.id), None)
        .await;

    let audit: PointsAudit = staff.get_ok("/points/audit").await;
    assert_eq!(audit.threshold, 200);
    let line = |id: i64| {
        audit
            .items
            .iter()
            .find(|item| item.kind == AuditKind::Correction && item.id == id)
            .unwrap()
            .clone()
    };
    let approved_line = line(large.id);
    assert_eq!(approved_line.status, CorrectionStatus::Posted);
    assert_eq!(approved_line.actor.unwrap().id, staff_id);
    assert_eq!(approved_line.approver.unwrap().id, second_id);
    assert_eq!(approved_line.member.name, "王秀英");
    assert_eq!(approved_line.amount, 800);
    assert_eq!(line(waiting.id).status, CorrectionStatus::Pending);
    assert_eq!(line(gone.id).status, CorrectionStatus::Withdrawn);
    assert!(audit.items.windows(2).all(|w| w[0].at >= w[1].at));

    // This month's created points: the corrections' credits count, the debit (pending) not;
    // the total equals what the fund issued to members this month.
    let corrections = audit
        .month
        .sources
        .iter()
        .find(|s| s.source == PointsSource::Corrections)
        .unwrap();
    assert!(corrections.points >= 950, "{corrections:?}");
    assert_eq!(audit.month.sources.len(), 5);
    let issued: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(e.amount), 0) AS BIGINT) FROM ledger_entries e \
         JOIN ledger_accounts a ON a.id = e.account_id \
         JOIN ledger_transactions t ON t.id = e.transaction_id \
         JOIN ledger_entries f ON f.transaction_id = t.id AND f.id <> e.id \
         JOIN ledger_accounts fa ON fa.id = f.account_id \
         JOIN users u ON u.id = $1 \
         WHERE a.user_id IS NOT NULL AND e.amount > 0 AND t.created_at >= $2 \
            AND fa.owner_key = 'fund:' || CAST(u.community_id AS TEXT)",
    )
    .bind(staff_id)
    .bind(audit.month.since.timestamp_millis())
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    assert_eq!(audit.month.total, issued);
    assert_eq!(
        audit.month.total,
        audit.month.sources.iter().map(|s| s.points).sum::<i64>()
    );

    // With a threshold of 10, task rewards above it are listed with the organiser who confirmed.
    let policy = json!({ "points_per_hour": 20, "correction_approval_threshold": 10 });
    let response = staff.put("/community/policy", Some(&policy), None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let mut seen = BTreeSet::new();
    let mut items = Vec::new();
    let mut cursor = String::new();
    loop {
        let page: PointsAudit = staff
            .get_ok(&format!("/points/audit?limit=7&cursor={cursor}"))
            .await;
        assert!(page.items.len() <= 7);
        for item in page.items {
            assert!(
                seen.insert((item.kind == AuditKind::Correction, item.id)),
                "listed twice"
            );
            items.push(item);
        }
        match page.next_cursor {
            Some(next) => cursor = next,
            None => break,
        }
    }
    assert!(items.windows(2).all(|w| w[0].at >= w[1].at));
    let credits: Vec<_> = items
        .iter()
        .filter(|item| item.kind == AuditKind::Credit)
        .collect();
    assert!(!credits.is_empty());
    assert!(credits.iter().all(|c| c.amount > 10));
    let task = credits
        .iter()
        .find(|c| c.ledger_kind == LedgerKind::TaskReward)
        .unwrap();
    assert!(task.actor.is_some());
    assert!(!task.subject.is_empty());
    // Corrections are listed once, as corrections, not again as credits.
    assert!(credits
        .iter()
        .all(|c| c.ledger_kind != LedgerKind::Correction));
    assert_eq!(
        items
            .iter()
            .filter(|i| i.kind == AuditKind::Correction)
            .count(),
        5
    );

    // Another community's staff see their own audit, none of ours.
    let theirs: PointsAudit = Client::new(&app, OTHER_STAFF)
        .await
        .get_ok("/points/audit")
        .await;
    assert!(theirs.items.iter().all(|item| item.member.id != resident));
    for bad in ["?cursor=zz", "?limit=51", "?limit=x"] {
        problem(
            staff.get(&format!("/points/audit{bad}")).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
}
