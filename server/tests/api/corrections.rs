//! Staff corrections under separation of duties: never to oneself or one's
//! household; above the threshold (or beyond the daily allowance) they wait for a second staff
//! member who is not the requester, the member or of the member's household; parallel
//! approvals post exactly once; the requester may withdraw, another may reject.

use linli_api_types::{
    Correction, CorrectionPage, CorrectionRecord, CorrectionStatus, PointsSummary,
};
use linli_server::features::points::ledger::{self, Account};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

pub const STAFF_2: &str = "13800000021";
pub const STAFF_3: &str = "13800000022";

/// A staff member of 井湘社区 with the demo password, living in `home`'s household (or none).
pub async fn add_staff(app: &TestApp, phone: &str, name: &str, home: Option<&str>) -> i64 {
    let db = db(app).await;
    let household: Option<i64> = match home {
        Some(home) => sqlx::query_scalar("SELECT household_id FROM users WHERE phone = $1")
            .bind(home)
            .fetch_one(&db.read)
            .await
            .unwrap(),
        None => None,
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (phone, name, password_hash, community_id, household_id, \
            is_volunteer, created_at) \
         SELECT $1, $2, password_hash, community_id, $3, 0, created_at \
         FROM users WHERE phone = $4 RETURNING id",
    )
    .bind(phone)
    .bind(name)
    .bind(household)
    .bind(STAFF)
    .fetch_one(&db.write)
    .await
    .unwrap();
    let community: i64 = sqlx::query_scalar("SELECT community_id FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(&db.read)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO role_grants (user_id, role, scope_kind, scope_id) \
         VALUES ($1, 'staff', 'community', $2)",
    )
    .bind(id)
    .bind(community)
    .execute(&db.write)
    .await
    .unwrap();
    id
}

/// Sends every request at once (each on its own task) and answers their statuses in order.
async fn all_at_once(requests: impl Iterator<Item = reqwest::RequestBuilder>) -> Vec<StatusCode> {
    let tasks: Vec<_> = requests
        .map(|request| tokio::spawn(request.send()))
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap().unwrap().status());
    }
    statuses
}

async fn balance(app: &TestApp, phone: &str) -> i64 {
    let id = user_id(app, phone).await;
    let db = db(app).await;
    let cached = ledger::balance(&db.read, Account::Member(id))
        .await
        .unwrap();
    assert_eq!(
        cached,
        ledger::sum_of_entries(&db.read, Account::Member(id))
            .await
            .unwrap()
    );
    cached
}

async fn correction_transactions(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM ledger_transactions WHERE kind = 'correction'")
        .fetch_one(&db(app).await.read)
        .await
        .unwrap()
}

/// Asks for a correction of `amount` to `phone`'s points; answers the status and the body.
async fn ask(
    staff: &Client<'_>,
    member: i64,
    amount: i64,
    reason: &str,
) -> (StatusCode, serde_json::Value) {
    let body = json!({ "user_id": member, "amount": amount, "reason": reason });
    let response = staff.post("/ledger/corrections", Some(&body), None).await;
    let status = response.status();
    (status, response.json().await.unwrap())
}

async fn pending(staff: &Client<'_>, member: i64, amount: i64) -> CorrectionRecord {
    let (status, body) = ask(staff, member, amount, "补录 年度志愿积分").await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let record: CorrectionRecord = serde_json::from_value(body).unwrap();
    assert_eq!(record.status, CorrectionStatus::Pending);
    record
}

#[tokio::test]
async fn staff_cannot_correct_their_own_points_nor_their_households() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let staff_id = user_id(&app, STAFF).await;
    let transactions = correction_transactions(&app).await;
    let before = balance(&app, STAFF).await;

    // The attack: a staff member credits themselves, small enough to need no one.
    for amount in [15, -1, 10_000] {
        let body = json!({ "user_id": staff_id, "amount": amount, "reason": "自己加分" });
        let refused = problem(
            staff.post("/ledger/corrections", Some(&body), None).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        let field = refused.field("user_id").unwrap();
        assert_eq!(field.code, "own_account");
        assert_eq!(field.message, "不能给自己调整积分");
    }
    let english = staff
        .request(Method::POST, "/ledger/corrections", None)
        .header("accept-language", "en")
        .json(&json!({ "user_id": staff_id, "amount": 5, "reason": "me" }))
        .send()
        .await
        .unwrap();
    let english = problem(english, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        english.field("user_id").unwrap().message,
        "You cannot adjust your own points"
    );

    // Nor to someone of their household: points are shared at home. 王秀英's housemate.
    let housemate = add_staff(&app, STAFF_2, "王建华", Some(RESIDENT)).await;
    let staff_2 = Client::new(&app, STAFF_2).await;
    let resident = user_id(&app, RESIDENT).await;
    let refused = problem(
        staff_2
            .post(
                "/ledger/corrections",
                Some(&json!({ "user_id": resident, "amount": 10, "reason": "家里人" })),
                None,
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.field("user_id").unwrap().code, "own_household");
    // The others may: 许各利 corrects 王建华 (small: posts at once).
    let (status, body) = ask(&staff, housemate, 10, "补录 值守积分").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");

    assert_eq!(balance(&app, STAFF).await, before);
    assert_eq!(correction_transactions(&app).await, transactions + 1);
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM point_corrections WHERE user_id = $1")
            .bind(staff_id)
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn a_large_correction_waits_for_a_second_staff_member() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let staff_id = user_id(&app, STAFF).await;
    let second_id = add_staff(&app, STAFF_2, "赵敏", None).await;
    let second = Client::new(&app, STAFF_2).await;
    let resident = user_id(&app, RESIDENT).await;
    let before = balance(&app, RESIDENT).await;
    let transactions = correction_transactions(&app).await;

    // 200 is the default threshold: 201 posts, 500 waits, moving nothing.
    let (status, _) = ask(&staff, resident, 200, "补录 重阳节").await;
    assert_eq!(status, StatusCode::CREATED);
    let record = pending(&staff, resident, 500).await;
    assert_eq!(record.requested_by.id, staff_id);
    assert_eq!(record.member.name, "王秀英");
    assert!(record.can_withdraw && !record.can_decide);
    assert_eq!(balance(&app, RESIDENT).await, before + 200);
    assert_eq!(correction_transactions(&app).await, transactions + 1);

    // The second staff member sees it as theirs to decide; the requester does not.
    let theirs: CorrectionPage = second.get_ok("/ledger/corrections?status=pending").await;
    let line = theirs.items.iter().find(|c| c.id == record.id).unwrap();
    assert!(line.can_decide && !line.can_withdraw);

    // Nobody approves their own request.
    let own = problem(
        staff
            .post(
                &format!("/ledger/corrections/{}/approve", record.id),
                None,
                None,
            )
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(own.code, "own_request");
    // Residents and heads may not; staff of another community do not see it.
    for phone in [RESIDENT, BUILDING_HEAD, VOLUNTEER] {
        let api = Client::new(&app, phone).await;
        problem(
            api.post(
                &format!("/ledger/corrections/{}/approve", record.id),
                None,
                None,
            )
            .await,
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    let elsewhere = Client::new(&app, OTHER_STAFF).await;
    problem(
        elsewhere
            .post(
                &format!("/ledger/corrections/{}/approve", record.id),
                None,
                None,
            )
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let theirs: CorrectionPage = elsewhere.get_ok("/ledger/corrections").await;
    assert!(theirs.items.iter().all(|c| c.id != record.id));
    assert_eq!(balance(&app, RESIDENT).await, before + 200);

    // Approved: posted once, the requester the transaction's actor, the approver on record.
    let approved = second
        .post(
            &format!("/ledger/corrections/{}/approve", record.id),
            None,
            Some("ok-1"),
        )
        .await;
    assert_eq!(approved.status(), StatusCode::OK);
    let approved: CorrectionRecord = approved.json().await.unwrap();
    assert_eq!(approved.status, CorrectionStatus::Posted);
    assert_eq!(approved.decided_by.as_ref().unwrap().id, second_id);
    let transaction = approved.transaction_id.unwrap();
    let (actor, kind, note): (Option<i64>, String, Option<String>) =
        sqlx::query_as("SELECT actor_id, kind, note FROM ledger_transactions WHERE id = $1")
            .bind(transaction)
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!((actor, kind.as_str()), (Some(staff_id), "correction"));
    assert_eq!(note.as_deref(), Some("补录 年度志愿积分"));
    assert_eq!(balance(&app, RESIDENT).await, before + 700);
    // A retry replays; another approval is a conflict, not a second posting.
    let replay = second
        .post(
            &format!("/ledger/corrections/{}/approve", record.id),
            None,
            Some("ok-1"),
        )
        .await;
    assert_eq!(replay.status(), StatusCode::OK);
    assert_eq!(replay.headers()["idempotent-replayed"], "true");
    let again = Client::new(&app, STAFF_2).await;
    problem(
        again
            .post(
                &format!("/ledger/corrections/{}/approve", record.id),
                None,
                None,
            )
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(balance(&app, RESIDENT).await, before + 700);
    assert_eq!(correction_transactions(&app).await, transactions + 2);

    // Rejected with a reason: nothing moves. A blank reason is refused at the field.
    let debit = pending(&second, resident, -300).await;
    let blank = problem(
        staff
            .post(
                &format!("/ledger/corrections/{}/reject", debit.id),
                Some(&json!({ "reason": "  " })),
                None,
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(blank.field("reason").unwrap().code, "required");
    let rejected: CorrectionRecord = staff
        .post(
            &format!("/ledger/corrections/{}/reject", debit.id),
            Some(&json!({ "reason": "金额有误，请核实" })),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rejected.status, CorrectionStatus::Rejected);
    assert_eq!(rejected.decision_note.as_deref(), Some("金额有误，请核实"));
    assert_eq!(rejected.decided_by.unwrap().id, staff_id);
    problem(
        second
            .post(
                &format!("/ledger/corrections/{}/approve", debit.id),
                None,
                None,
            )
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;

    // Withdrawn by the requester only.
    let withdrawn = pending(&staff, resident, 400).await;
    let path = format!("/ledger/corrections/{}", withdrawn.id);
    problem(second.delete(&path, None).await, StatusCode::FORBIDDEN).await;
    let response = staff.delete(&path, None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let record: CorrectionRecord = response.json().await.unwrap();
    assert_eq!(record.status, CorrectionStatus::Withdrawn);
    problem(
        second
            .post(
                &format!("/ledger/corrections/{}/approve", withdrawn.id),
                None,
                None,
            )
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    problem(staff.delete(&path, None).await, StatusCode::CONFLICT).await;
    assert_eq!(balance(&app, RESIDENT).await, before + 700);
    assert_eq!(correction_transactions(&app).await, transactions + 2);

    // Lists by status; nothing is pending any more.
    let pending_now: CorrectionPage = staff.get_ok("/ledger/corrections").await;
    assert!(pending_now.items.is_empty());
    let posted: CorrectionPage = staff
        .get_ok("/ledger/corrections?status=posted&limit=2")
        .await;
    assert_eq!(posted.items.len(), 2);
    assert!(posted.next_cursor.is_some());
    let rejected: CorrectionPage = staff.get_ok("/ledger/corrections?status=rejected").await;
    assert_eq!(rejected.items.len(), 1);
    for bad in ["?status=approved", "?limit=0", "?cursor=zz"] {
        problem(
            staff.get(&format!("/ledger/corrections{bad}")).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    problem(
        Client::new(&app, BUILDING_HEAD)
            .await
            .get("/ledger/corrections")
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[tokio::test]
async fn parallel_approvals_post_exactly_once() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    add_staff(&app, STAFF_2, "赵敏", None).await;
    add_staff(&app, STAFF_3, "孙丽", None).await;
    let approvers = [
        Client::new(&app, STAFF_2).await,
        Client::new(&app, STAFF_3).await,
    ];
    let resident = user_id(&app, RESIDENT).await;
    let before = balance(&app, RESIDENT).await;

    for round in 0..3 {
        let record = pending(&staff, resident, 1_000).await;
        let path = format!("/ledger/corrections/{}/approve", record.id);
        let sends = (0..16).map(|i| {
            let key = format!("approve-{round}-{i}");
            approvers[i % 2].request(Method::POST, &path, Some(&key))
        });
        let statuses = all_at_once(sends).await;
        let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count();
        let conflicts = statuses
            .iter()
            .filter(|s| **s == StatusCode::CONFLICT)
            .count();
        assert_eq!((ok, conflicts), (1, 15), "round {round}: {statuses:?}");
        let postings: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM point_corrections c \
             JOIN ledger_transactions t ON t.id = c.transaction_id WHERE c.id = $1",
        )
        .bind(record.id)
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
        assert_eq!(postings, 1);
        assert_eq!(balance(&app, RESIDENT).await, before + 1_000 * (round + 1));
    }
}

#[tokio::test]
async fn nobody_approves_a_correction_of_their_own_or_their_households_points() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    // 王建华 is staff and lives with 王秀英.
    let housemate = add_staff(&app, STAFF_2, "王建华", Some(RESIDENT)).await;
    let housemate_api = Client::new(&app, STAFF_2).await;
    add_staff(&app, STAFF_3, "孙丽", None).await;
    let third = Client::new(&app, STAFF_3).await;
    let resident = user_id(&app, RESIDENT).await;
    let before = balance(&app, RESIDENT).await;

    let for_resident = pending(&staff, resident, 600).await;
    let refused = problem(
        housemate_api
            .post(
                &format!("/ledger/corrections/{}/approve", for_resident.id),
                None,
                None,
            )
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(refused.code, "own_household");
    problem(
        housemate_api
            .post(
                &format!("/ledger/corrections/{}/reject", for_resident.id),
                Some(&json!({ "reason": "不需要" })),
                None,
            )
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let listed: CorrectionPage = housemate_api.get_ok("/ledger/corrections").await;
    assert!(
        !listed
            .items
            .iter()
            .find(|c| c.id == for_resident.id)
            .unwrap()
            .can_decide
    );

    // A correction of 王建华's own points: he may not approve it.
    let for_housemate = pending(&staff, housemate, 300).await;
    let refused = problem(
        housemate_api
            .post(
                &format!("/ledger/corrections/{}/approve", for_housemate.id),
                None,
                None,
            )
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(refused.code, "own_account");
    assert_eq!(balance(&app, RESIDENT).await, before);

    // A third staff member may.
    let approved = third
        .post(
            &format!("/ledger/corrections/{}/approve", for_resident.id),
            None,
            None,
        )
        .await;
    assert_eq!(approved.status(), StatusCode::OK);
    assert_eq!(balance(&app, RESIDENT).await, before + 600);
}

#[tokio::test]
async fn small_corrections_cannot_be_split_past_the_daily_allowance() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let resident = user_id(&app, RESIDENT).await;
    let before = balance(&app, RESIDENT).await;
    // 5 × the threshold of 200 may post unapproved in a day; the 1,001st point waits.
    for i in 0..5 {
        let (status, body) = ask(
            &staff,
            resident,
            if i % 2 == 0 { 200 } else { -200 },
            "分次",
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{i}: {body}");
    }
    let record = pending(&staff, resident, 1).await;
    assert_eq!(record.amount, 1);
    assert_eq!(balance(&app, RESIDENT).await, before + 200);

    // And in parallel: 10 corrections of 200 at once, only 5 post (a fresh staff member).
    add_staff(&app, STAFF_2, "赵敏", None).await;
    let second = Client::new(&app, STAFF_2).await;
    let body = json!({ "user_id": resident, "amount": 200, "reason": "并发" });
    let sends = (0..10).map(|i| {
        let key = format!("split-{i}");
        second
            .request(Method::POST, "/ledger/corrections", Some(&key))
            .json(&body)
    });
    let mut statuses: Vec<u16> = all_at_once(sends)
        .await
        .into_iter()
        .map(|status| status.as_u16())
        .collect();
    statuses.sort();
    assert_eq!(statuses, [201, 201, 201, 201, 201, 202, 202, 202, 202, 202]);
    assert_eq!(balance(&app, RESIDENT).await, before + 200 + 1_000);
}

#[tokio::test]
async fn a_posted_correction_answers_its_record_id() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let resident = user_id(&app, RESIDENT).await;
    let response = staff
        .post(
            "/ledger/corrections",
            Some(&json!({ "user_id": resident, "amount": 20, "reason": "补录" })),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let correction: Correction = response.json().await.unwrap();
    let summary: PointsSummary = Client::new(&app, RESIDENT).await.get_ok("/me/points").await;
    assert_eq!(correction.balance, summary.balance);
    let (status, transaction): (String, Option<i64>) =
        sqlx::query_as("SELECT status, transaction_id FROM point_corrections WHERE id = $1")
            .bind(correction.correction_id)
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), transaction),
        ("posted", Some(correction.transaction_id))
    );
}
