//! The love bank for people: balance, hours and stars, the ledger's invariants, redeeming
//! within balance and stock (also when two redemptions race), vouchers, corrections by staff
//! only, the leaderboard.

use linli_api_types::{
    codes, Correction, Leaderboard, LedgerKind, LedgerLinkKind, LedgerPage, PointsSummary, Reward,
    Voucher, VoucherStatus,
};
use linli_server::features::points::ledger::{self, Account};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

async fn reward_id(app: &TestApp, community: &str, name: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT r.id FROM rewards r JOIN communities c ON c.id = r.community_id \
         WHERE c.name = $1 AND r.name = $2",
    )
    .bind(community)
    .bind(name)
    .fetch_one(&db(app).await.read)
    .await
    .unwrap()
}

/// Every transaction's entries sum to zero and every account's cached balance equals the
/// sum of its entries.
async fn assert_ledger_balances(app: &TestApp) {
    let db = db(app).await;
    let unbalanced: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT transaction_id FROM ledger_entries GROUP BY transaction_id \
         HAVING SUM(amount) <> 0 OR COUNT(*) <> 2) x",
    )
    .fetch_one(&db.read)
    .await
    .unwrap();
    assert_eq!(unbalanced, 0);
    let drifted: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ledger_accounts a WHERE a.balance <> \
         (SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entries e WHERE e.account_id = a.id)",
    )
    .fetch_one(&db.read)
    .await
    .unwrap();
    assert_eq!(drifted, 0);
    let negative: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ledger_accounts WHERE may_go_negative = 0 AND balance < 0",
    )
    .fetch_one(&db.read)
    .await
    .unwrap();
    assert_eq!(negative, 0);
}

#[tokio::test]
async fn the_volunteer_sees_balance_hours_stars_and_a_ledger_that_adds_up() {
    let app = spawn_app().await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let summary: PointsSummary = volunteer.get_ok("/me/points").await;
    assert!((120..130).contains(&summary.volunteer_hours), "{summary:?}");
    assert_eq!(summary.stars, 1);
    assert_eq!(
        summary.hours_to_next_star,
        Some(300 - summary.volunteer_hours)
    );
    let id = user_id(&app, VOLUNTEER).await;
    let db = db(&app).await;
    assert_eq!(
        summary.balance,
        ledger::sum_of_entries(&db.read, Account::Member(id))
            .await
            .unwrap()
    );

    // The ledger, newest first, in pages; each line links to what it was for.
    let mut entries = Vec::new();
    let mut cursor = String::new();
    loop {
        let page: LedgerPage = volunteer
            .get_ok(&format!("/me/ledger?limit=15&cursor={cursor}"))
            .await;
        entries.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = next,
            None => break,
        }
    }
    assert!(entries
        .windows(2)
        .all(|w| (w[0].at, w[0].id) > (w[1].at, w[1].id)));
    assert_eq!(
        entries.iter().map(|e| e.amount).sum::<i64>(),
        summary.balance
    );
    assert_eq!(entries[0].balance_after, summary.balance);
    let opening = entries.last().unwrap();
    assert_eq!((opening.kind, opening.amount), (LedgerKind::Opening, 200));
    let reward = entries
        .iter()
        .find(|e| e.kind == LedgerKind::TaskReward)
        .unwrap();
    assert!(reward.amount > 0 && reward.minutes.is_some());
    assert_eq!(reward.link.unwrap().kind, LedgerLinkKind::Task);
    let redemption = entries
        .iter()
        .find(|e| e.kind == LedgerKind::Redemption)
        .unwrap();
    assert!(redemption.amount < 0);
    assert_eq!(redemption.link.unwrap().kind, LedgerLinkKind::Voucher);
    problem(
        volunteer.get("/me/ledger?cursor=zzz").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;

    // The resident's staff correction shows its reason.
    let resident = Client::new(&app, RESIDENT).await;
    let page: LedgerPage = resident.get_ok("/me/ledger?limit=50").await;
    let correction = page
        .items
        .iter()
        .find(|e| e.kind == LedgerKind::Correction)
        .unwrap();
    assert_eq!(
        correction.note.as_deref(),
        Some("补录 重阳节百家宴 帮厨积分")
    );
    assert_ledger_balances(&app).await;
}

#[tokio::test]
async fn redeeming_gives_a_voucher_within_balance_and_stock_once_per_key() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let rewards: Vec<Reward> = resident.get_ok("/rewards").await;
    assert_eq!(rewards[0].name, "大米 5kg");
    assert_eq!(rewards[0].points, 300);
    let other: Vec<Reward> = Client::new(&app, OTHER_RESIDENT)
        .await
        .get_ok("/rewards")
        .await;
    assert_eq!(other.len(), 2);

    let before: PointsSummary = resident.get_ok("/me/points").await;
    let toothpaste = reward_id(&app, "井湘社区", "牙膏").await;
    let path = format!("/rewards/{toothpaste}/redemptions");
    let response = resident.post(&path, None, Some("redeem-1")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let voucher: Voucher = response.json().await.unwrap();
    assert_eq!(voucher.status, VoucherStatus::Issued);
    assert_eq!(voucher.reward_name, "牙膏");
    let code = voucher.code.clone();
    assert_eq!(code.len(), 9);
    assert_eq!(&code[4..5], "-");
    // The same key again: the same voucher, the points spent once.
    let replay = resident.post(&path, None, Some("redeem-1")).await;
    assert_eq!(replay.status(), StatusCode::CREATED);
    assert_eq!(replay.json::<Voucher>().await.unwrap().code, code);
    let after: PointsSummary = resident.get_ok("/me/points").await;
    assert_eq!(after.balance, before.balance - 60);
    let stock: Vec<Reward> = resident.get_ok("/rewards").await;
    let left = stock.iter().find(|r| r.id == toothpaste).unwrap().stock;
    assert_eq!(
        left,
        rewards.iter().find(|r| r.id == toothpaste).unwrap().stock - 1
    );
    let mine: Vec<Voucher> = resident.get_ok("/me/vouchers").await;
    assert_eq!(mine[0].code, code);

    // Beyond the balance: refused, nothing taken.
    let rice = reward_id(&app, "井湘社区", "大米 5kg").await;
    let poor = Client::new(&app, RESIDENT_5).await;
    let refused = poor
        .post(&format!("/rewards/{rice}/redemptions"), None, None)
        .await;
    assert_eq!(
        problem(refused, StatusCode::CONFLICT).await.code,
        "insufficient_points"
    );
    let rice_stock: Vec<Reward> = poor.get_ok("/rewards").await;
    assert_eq!(rice_stock[0].stock, rewards[0].stock);
    // Beyond the stock.
    let towel = reward_id(&app, "井湘社区", "毛巾").await;
    let refused = resident
        .post(&format!("/rewards/{towel}/redemptions"), None, None)
        .await;
    assert_eq!(
        problem(refused, StatusCode::CONFLICT).await.code,
        "out_of_stock"
    );
    // Another community's reward is not found.
    let tonghua_rice = reward_id(&app, "通化街社区", "大米 5kg").await;
    problem(
        resident
            .post(&format!("/rewards/{tonghua_rice}/redemptions"), None, None)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;

    // Staff hand it over: look up by code (any case), mark used, twice is once.
    let staff = Client::new(&app, STAFF).await;
    let looked_up: Voucher = staff
        .get_ok(&format!("/vouchers/{}", code.to_lowercase()))
        .await;
    assert_eq!(looked_up.holder_name, "王秀英");
    for _ in 0..2 {
        let used = staff
            .put(&format!("/vouchers/{code}/used"), None, None)
            .await;
        assert_eq!(used.status(), StatusCode::OK);
        assert_eq!(
            used.json::<Voucher>().await.unwrap().status,
            VoucherStatus::Used
        );
    }
    // Not staff: refused; staff of another community: not found.
    for phone in [RESIDENT, VOLUNTEER, BUILDING_HEAD] {
        let api = Client::new(&app, phone).await;
        let refused = api.put(&format!("/vouchers/{code}/used"), None, None).await;
        assert_eq!(
            problem(refused, StatusCode::FORBIDDEN).await.code,
            codes::FORBIDDEN
        );
        problem(
            api.get(&format!("/vouchers/{code}")).await,
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    let other_staff = Client::new(&app, OTHER_STAFF).await;
    problem(
        other_staff
            .put(&format!("/vouchers/{code}/used"), None, None)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_ledger_balances(&app).await;
}

#[tokio::test]
async fn two_simultaneous_redemptions_never_overdraw() {
    let app = spawn_app().await;
    // 陈丽华 is brought to 100 points by a staff correction; 牙膏 costs 60: only one of two
    // can succeed.
    let poor = Client::new(&app, RESIDENT_5).await;
    let before: PointsSummary = poor.get_ok("/me/points").await;
    let staff = Client::new(&app, STAFF).await;
    let adjust = json!({
        "user_id": user_id(&app, RESIDENT_5).await,
        "amount": 100 - before.balance,
        "reason": "测试：调整为100分",
    });
    if before.balance != 100 {
        let response = staff
            .post("/ledger/corrections", Some(&adjust), Some("set-100"))
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let toothpaste = reward_id(&app, "井湘社区", "牙膏").await;
    let path = format!("/rewards/{toothpaste}/redemptions");
    for round in 0..3 {
        let send = |key: String| poor.request(Method::POST, &path, Some(&key)).send();
        let (a, b) = tokio::join!(
            send(format!("race-a-{round}")),
            send(format!("race-b-{round}"))
        );
        let mut statuses = [a.unwrap().status(), b.unwrap().status()];
        statuses.sort();
        let expected = if round == 0 {
            [StatusCode::CREATED, StatusCode::CONFLICT]
        } else {
            [StatusCode::CONFLICT, StatusCode::CONFLICT]
        };
        assert_eq!(statuses, expected, "round {round}");
    }
    let summary: PointsSummary = poor.get_ok("/me/points").await;
    assert_eq!(summary.balance, 40);
    let vouchers: Vec<Voucher> = poor.get_ok("/me/vouchers").await;
    assert_eq!(vouchers.len(), 1);
    assert_ledger_balances(&app).await;
}

#[tokio::test]
async fn only_staff_correct_points_with_a_reason_and_it_is_audited() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let resident_id = user_id(&app, RESIDENT).await;
    let staff_id = user_id(&app, STAFF).await;
    let body = json!({ "user_id": resident_id, "amount": 15, "reason": "补录 防汛值守 积分" });

    for phone in [RESIDENT, BUILDING_HEAD, UNIT_HEAD] {
        let api = Client::new(&app, phone).await;
        let refused = api.post("/ledger/corrections", Some(&body), None).await;
        assert_eq!(
            problem(refused, StatusCode::FORBIDDEN).await.code,
            codes::FORBIDDEN
        );
    }
    // Staff of another community cannot correct a 井湘社区 member: to them there is none.
    let other_staff = Client::new(&app, OTHER_STAFF).await;
    let unknown = problem(
        other_staff
            .post("/ledger/corrections", Some(&body), None)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(unknown.field("user_id").unwrap().code, "unknown");

    let before: PointsSummary = Client::new(&app, RESIDENT).await.get_ok("/me/points").await;
    let response = staff
        .post("/ledger/corrections", Some(&body), Some("fix-1"))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let correction: Correction = response.json().await.unwrap();
    assert_eq!(correction.balance, before.balance + 15);
    let replay = staff
        .post("/ledger/corrections", Some(&body), Some("fix-1"))
        .await;
    assert_eq!(replay.headers()["idempotent-replayed"], "true");
    let (actor, note, kind): (Option<i64>, Option<String>, String) =
        sqlx::query_as("SELECT actor_id, note, kind FROM ledger_transactions WHERE id = $1")
            .bind(correction.transaction_id)
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!(actor, Some(staff_id));
    assert_eq!(note.as_deref(), Some("补录 防汛值守 积分"));
    assert_eq!(kind, "correction");

    // A debit beyond the balance is refused.
    let too_much = json!({ "user_id": resident_id, "amount": -(correction.balance + 1), "reason": "重复发放" });
    assert_eq!(
        problem(
            staff
                .post("/ledger/corrections", Some(&too_much), None)
                .await,
            StatusCode::CONFLICT
        )
        .await
        .code,
        "insufficient_points"
    );
    let debit = json!({ "user_id": resident_id, "amount": -5, "reason": "重复发放" });
    let debited: Correction = staff
        .post("/ledger/corrections", Some(&debit), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(debited.balance, correction.balance - 5);

    // Field errors.
    let bad = json!({ "user_id": resident_id, "amount": 0, "reason": "  " });
    let problem_bad = problem(
        staff.post("/ledger/corrections", Some(&bad), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(problem_bad.field("amount").unwrap().code, "not_zero");
    assert_eq!(problem_bad.field("reason").unwrap().code, "required");
    let long = json!({ "user_id": resident_id, "amount": 1, "reason": "字".repeat(201) });
    let problem_long = problem(
        staff.post("/ledger/corrections", Some(&long), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(problem_long.field("reason").unwrap().code, "too_long");
    let nobody = json!({ "user_id": 999_999, "amount": 1, "reason": "x" });
    let problem_nobody = problem(
        staff.post("/ledger/corrections", Some(&nobody), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(problem_nobody.field("user_id").unwrap().code, "unknown");
    assert_ledger_balances(&app).await;
}

#[tokio::test]
async fn the_leaderboard_masks_names_and_shows_my_rank() {
    let app = spawn_app().await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let all: Leaderboard = volunteer.get_ok("/leaderboard?period=all").await;
    assert_eq!(all.entries[0].name, "张*国");
    assert!(all.entries[0].is_me);
    assert_eq!(all.me.as_ref().unwrap().rank, 1);
    assert!(all.entries.len() <= 20);
    assert!(all.entries.windows(2).all(|w| w[0].points >= w[1].points));
    assert!(all.entries.iter().all(|e| e.name.contains('*')));
    let month: Leaderboard = volunteer.get_ok("/leaderboard").await;
    assert!(month
        .entries
        .iter()
        .all(|e| e.points <= all.entries[0].points));
    // Someone who earned nothing has no line; another community sees its own board.
    let staff: Leaderboard = Client::new(&app, STAFF)
        .await
        .get_ok("/leaderboard?period=all")
        .await;
    assert!(staff.me.is_none());
    let other: Leaderboard = Client::new(&app, OTHER_RESIDENT)
        .await
        .get_ok("/leaderboard?period=all")
        .await;
    assert!(other.entries.is_empty());
    problem(
        volunteer.get("/leaderboard?period=year").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
}
