//! Several servers, one database: two server processes (the built binary) on one database —
//! PostgreSQL under scripts/with-postgres.sh, which is the deployment this is for, else one
//! SQLite file — with the test's requests spread over both. What must hold is what a load
//! balancer in front of them must not break: a retried write done once whichever server gets
//! it, sign-in limits counted in the database, check-in codes and sessions good on either, and
//! every timer firing once although both servers run it.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use linli_server::features::points::ledger::{self, Account};
use linli_server::platform::db::now_ms;
use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::{json, Value};
use tokio::task::JoinSet;

use crate::helpers::*;
use crate::server_process::{ServerProcess, Session, SharedDatabase};

const HOUR_MS: i64 = 60 * 60 * 1000;
const DAY_MS: i64 = 24 * HOUR_MS;
/// Overdue reports in the timer test: enough that the two servers' escalation runs overlap.
const REPORTS: usize = 40;

/// A demo database and two servers on it.
struct TwoServers {
    database: SharedDatabase,
    servers: [ServerProcess; 2],
}

async fn two_servers(flags: &[&str]) -> TwoServers {
    let database = SharedDatabase::seeded().await;
    let servers = [database.start(flags).await, database.start(flags).await];
    TwoServers { database, servers }
}

impl TwoServers {
    /// Server A (0) or B (1); any other number alternates between them.
    fn server(&self, n: usize) -> &ServerProcess {
        &self.servers[n % 2]
    }

    async fn scalar(&self, sql: &str, binds: &[i64]) -> i64 {
        let mut query = sqlx::query_scalar::<_, i64>(sql);
        for bind in binds {
            query = query.bind(*bind);
        }
        query.fetch_one(&self.database.db.read).await.unwrap()
    }

    async fn execute(&self, sql: &str, binds: &[i64]) {
        let mut query = sqlx::query(sql);
        for bind in binds {
            query = query.bind(*bind);
        }
        query.execute(&self.database.db.write).await.unwrap();
    }

    /// A 井湘社区 service's or reward's id, by name.
    async fn id_in_jingxiang(&self, table: &str, name: &str) -> i64 {
        sqlx::query_scalar(&format!(
            "SELECT t.id FROM {table} t JOIN communities c ON c.id = t.community_id \
             WHERE t.name = $1 AND c.name = '井湘社区'"
        ))
        .bind(name)
        .fetch_one(&self.database.db.read)
        .await
        .unwrap()
    }

    /// A task for 3栋 by its building head, starting at `starts_at` (epoch ms), made on A.
    async fn task_at(&self, starts_at: i64) -> i64 {
        let head = self.server(0).sign_in(BUILDING_HEAD).await;
        let building = self
            .scalar(
                "SELECT id FROM buildings WHERE estate = '华盛世纪新城' AND name = '3栋'",
                &[],
            )
            .await;
        let start = DateTime::<Utc>::from_timestamp_millis(starts_at).unwrap();
        let draft = json!({
            "title": "清理楼道",
            "description": "带好手套",
            "category": "environment",
            "place": "3栋楼下",
            "starts_at": start,
            "ends_at": start + chrono::Duration::hours(2),
            "capacity": 10,
            "points": 5,
            "target": { "kind": "building", "id": building },
        });
        let (status, task) = answer(
            self.server(0)
                .request(Method::POST, "/tasks", Some(&head.token))
                .json(&draft),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{task}");
        task["id"].as_i64().unwrap()
    }

    /// Both servers' warnings, which a race answered 500 would leave.
    fn assert_quiet(&mut self) {
        for server in &mut self.servers {
            assert!(server.is_running(), "a server process stopped");
            let errors: Vec<String> = server
                .warnings()
                .into_iter()
                .filter(|line| line.contains("ERROR"))
                .collect();
            assert!(errors.is_empty(), "{errors:#?}");
        }
    }
}

/// Status and JSON body (null when none) of `request`.
async fn answer(request: RequestBuilder) -> (StatusCode, Value) {
    let response = request.send().await.expect("request sent");
    let status = response.status();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// `a` and `b` sent at the same moment; their answers in that order.
async fn at_once(a: RequestBuilder, b: RequestBuilder) -> [(StatusCode, String); 2] {
    async fn text(request: RequestBuilder) -> (StatusCode, String) {
        let response = request.send().await.expect("request sent");
        (response.status(), response.text().await.unwrap())
    }
    let (a, b) = tokio::join!(text(a), text(b));
    [a, b]
}

/// Every ledger transaction sums to zero over two entries, and every account's balance is the
/// sum of its entries.
async fn assert_ledger_balances(servers: &TwoServers) {
    let unbalanced = servers
        .scalar(
            "SELECT COUNT(*) FROM (SELECT transaction_id FROM ledger_entries \
             GROUP BY transaction_id HAVING SUM(amount) <> 0 OR COUNT(*) <> 2) AS t",
            &[],
        )
        .await;
    assert_eq!(unbalanced, 0, "unbalanced ledger transactions");
    let drifted = servers
        .scalar(
            "SELECT COUNT(*) FROM ledger_accounts a WHERE a.balance <> \
               (SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entries e WHERE e.account_id = a.id)",
            &[],
        )
        .await;
    assert_eq!(drifted, 0, "balances differ from their ledger entries");
}

async fn balance(server: &ServerProcess, session: &Session) -> i64 {
    let (status, points) =
        answer(server.request(Method::GET, "/me/points", Some(&session.token))).await;
    assert_eq!(status, StatusCode::OK);
    points["balance"].as_i64().unwrap()
}

/// How many orders, order holds, vouchers and voucher redemptions `user` has.
async fn what_user_has(servers: &TwoServers, user: i64) -> [i64; 4] {
    let queries = [
        "SELECT COUNT(*) FROM orders WHERE resident_id = $1",
        "SELECT COUNT(*) FROM ledger_transactions t JOIN orders o ON o.id = t.link_id \
         WHERE t.kind = 'order_hold' AND t.link_kind = 'order' AND o.resident_id = $1",
        "SELECT COUNT(*) FROM vouchers WHERE user_id = $1",
        "SELECT COUNT(*) FROM ledger_transactions t JOIN vouchers v ON v.id = t.link_id \
         WHERE t.kind = 'redemption' AND t.link_kind = 'voucher' AND v.user_id = $1",
    ];
    let mut counts = [0; 4];
    for (count, sql) in counts.iter_mut().zip(queries) {
        *count = servers.scalar(sql, &[user]).await;
    }
    counts
}

#[tokio::test]
async fn one_idempotency_key_sent_to_both_servers_at_once_does_the_work_once() {
    let mut servers = two_servers(&[]).await;
    // 张建国, a volunteer with points enough for two vouchers and two orders.
    let resident = servers.server(0).sign_in(VOLUNTEER).await;
    let token = Some(resident.token.as_str());
    let haircut = servers.id_in_jingxiang("services", "爱心理发").await;
    let toothpaste = servers.id_in_jingxiang("rewards", "牙膏").await;
    let task = servers.task_at(now_ms() + DAY_MS).await;
    let balance_before = balance(servers.server(1), &resident).await;
    assert!(balance_before >= 2 * 10 + 2 * 60, "{balance_before} points");
    let had = what_user_has(&servers, resident.user_id).await;

    // (method, path, body, success) of three writes a weak network retries; each is sent with
    // one key to A and to B at the same moment, twice over with fresh keys.
    let order = json!({ "service_id": haircut, "address": "3栋 1单元 1502", "note": "两台服务器" });
    let writes = [
        (
            Method::POST,
            "/orders".to_owned(),
            Some(order),
            StatusCode::CREATED,
        ),
        (
            Method::PUT,
            format!("/tasks/{task}/enrollment"),
            None,
            StatusCode::OK,
        ),
        (
            Method::POST,
            format!("/rewards/{toothpaste}/redemptions"),
            None,
            StatusCode::CREATED,
        ),
    ];
    for round in 0..2 {
        for (n, (method, path, body, success)) in writes.iter().enumerate() {
            let key = format!("both-{round}-{n}");
            let request = |server: &ServerProcess| {
                let request = server
                    .request(method.clone(), path, token)
                    .header("Idempotency-Key", &key);
                match body {
                    Some(body) => request.json(body),
                    None => request,
                }
            };
            let [a, b] = at_once(request(servers.server(0)), request(servers.server(1))).await;
            assert_eq!(a.0, *success, "{path} on A: {}", a.1);
            assert_eq!(b.0, *success, "{path} on B: {}", b.1);
            assert_eq!(a.1, b.1, "{path}: both servers answer the same");
        }
    }

    // One order and its hold, one voucher and its redemption per key; one enrolment.
    let has = what_user_has(&servers, resident.user_id).await;
    let added: Vec<i64> = has
        .iter()
        .zip(had)
        .map(|(now, before)| now - before)
        .collect();
    assert_eq!(added, [2, 2, 2, 2], "orders, holds, vouchers, redemptions");
    let enrolments = servers
        .scalar(
            "SELECT COUNT(*) FROM task_enrollments WHERE task_id = $1 AND user_id = $2",
            &[task, resident.user_id],
        )
        .await;
    assert_eq!(enrolments, 1);
    let joined = servers
        .scalar("SELECT joined_count FROM tasks WHERE id = $1", &[task])
        .await;
    assert_eq!(joined, 1);
    // Two holds of 10 and two vouchers of 60.
    assert_eq!(
        balance(servers.server(0), &resident).await,
        balance_before - 2 * 10 - 2 * 60
    );
    assert_ledger_balances(&servers).await;
    servers.assert_quiet();
}

#[tokio::test]
async fn wrong_passwords_spread_over_both_servers_lock_at_the_same_count_as_on_one() {
    let mut servers = two_servers(&[]).await;
    // One by one, alternating: five wrong passwords are checked, the sixth is refused on
    // whichever server it reaches, and so is the right password, on both.
    for attempt in 0..5 {
        let response = servers
            .server(attempt)
            .sign_in_with(RESIDENT, "wrong-password")
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "attempt {}",
            attempt + 1
        );
    }
    for n in 0..2 {
        let sixth = servers
            .server(n)
            .sign_in_with(RESIDENT, "wrong-password")
            .await;
        assert_eq!(sixth.status(), StatusCode::TOO_MANY_REQUESTS, "server {n}");
        let right = servers.server(n).sign_in_with(RESIDENT, PASSWORD).await;
        assert_eq!(right.status(), StatusCode::TOO_MANY_REQUESTS, "server {n}");
    }

    // Thirty at once, fifteen to each: still five checked, between both servers.
    let mut guesses = JoinSet::new();
    for n in 0..30 {
        let request = servers
            .server(n)
            .request(Method::POST, "/sessions", None)
            .json(&json!({ "phone": VOLUNTEER, "password": "wrong-password" }));
        guesses.spawn(async move { request.send().await.expect("request sent").status() });
    }
    let mut statuses = Vec::new();
    while let Some(status) = guesses.join_next().await {
        statuses.push(status.unwrap());
    }
    let count = |wanted: StatusCode| statuses.iter().filter(|s| **s == wanted).count();
    assert_eq!(count(StatusCode::UNAUTHORIZED), 5, "{statuses:?}");
    assert_eq!(count(StatusCode::TOO_MANY_REQUESTS), 25, "{statuses:?}");
    let checked: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sign_in_attempts WHERE phone = $1 AND succeeded = 0",
    )
    .bind(VOLUNTEER)
    .fetch_one(&servers.database.db.read)
    .await
    .unwrap();
    assert_eq!(checked, 5);
    for n in 0..2 {
        let right = servers.server(n).sign_in_with(VOLUNTEER, PASSWORD).await;
        assert_eq!(right.status(), StatusCode::TOO_MANY_REQUESTS, "server {n}");
    }
    // Someone else from the same address is not held back on either.
    for n in 0..2 {
        servers.server(n).sign_in(RESIDENT_5).await;
    }
    servers.assert_quiet();
}

#[tokio::test]
async fn a_check_in_code_from_one_server_checks_in_on_the_other_once_and_credits_once() {
    let mut servers = two_servers(&[]).await;
    let task = servers.task_at(now_ms() + HOUR_MS).await;
    let head = servers.server(0).sign_in(BUILDING_HEAD).await;
    let staff = servers.server(1).sign_in(STAFF).await;
    let volunteer = servers.server(1).sign_in(VOLUNTEER).await;
    let (status, _) = answer(servers.server(1).request(
        Method::PUT,
        &format!("/tasks/{task}/enrollment"),
        Some(&volunteer.token),
    ))
    .await;
    assert_eq!(status, StatusCode::OK);

    // The code the head shows at the site comes from A; the volunteer's phone reaches B, and
    // its retry (the same Idempotency-Key) reaches A at the same moment: one check-in.
    let (status, code) = answer(servers.server(0).request(
        Method::GET,
        &format!("/tasks/{task}/check-in-code"),
        Some(&head.token),
    ))
    .await;
    assert_eq!(status, StatusCode::OK);
    let check_in = |server: &ServerProcess| {
        server
            .request(
                Method::POST,
                &format!("/tasks/{task}/check-in"),
                Some(&volunteer.token),
            )
            .header("Idempotency-Key", "check-in-1")
            .json(&json!({ "code": code["code"] }))
    };
    let [on_b, on_a] = at_once(check_in(servers.server(1)), check_in(servers.server(0))).await;
    assert_eq!(on_b.0, StatusCode::OK, "{}", on_b.1);
    assert_eq!(on_a, on_b, "the retry on A is the same check-in");
    let enrolment: Value = serde_json::from_str(&on_b.1).unwrap();
    assert_eq!(
        enrolment["my_enrollment"]["state"], "checked_in",
        "{enrolment}"
    );
    // Replayed later on either server it is still that check-in, not a check-out.
    for n in 0..2 {
        let replay = check_in(servers.server(n)).send().await.unwrap();
        assert_eq!(replay.status(), StatusCode::OK);
        assert_eq!(replay.headers()["idempotent-replayed"], "true");
    }
    let status: String = sqlx::query_scalar(
        "SELECT status FROM task_enrollments WHERE task_id = $1 AND user_id = $2",
    )
    .bind(task)
    .bind(volunteer.user_id)
    .fetch_one(&servers.database.db.read)
    .await
    .unwrap();
    assert_eq!(status, "checked_in");
    // A wrong code is refused on both, and counted in the database for both.
    let wrong = if code["code"] == "000000" {
        "111111"
    } else {
        "000000"
    };
    for n in 0..2 {
        let (status, problem) = answer(
            servers
                .server(n)
                .request(
                    Method::POST,
                    &format!("/tasks/{task}/check-in"),
                    Some(&volunteer.token),
                )
                .json(&json!({ "code": wrong })),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    }

    // The task ran; the head (on A) and staff (on B) complete it at the same moment: one
    // completion, one credit.
    servers
        .execute(
            "UPDATE tasks SET starts_at = starts_at - $1, ends_at = ends_at - $1 WHERE id = $2",
            &[3 * HOUR_MS, task],
        )
        .await;
    let before = balance(servers.server(0), &volunteer).await;
    let complete = |server: &ServerProcess, who: &Session| {
        server.request(
            Method::POST,
            &format!("/tasks/{task}/complete"),
            Some(&who.token),
        )
    };
    let [by_head, by_staff] = at_once(
        complete(servers.server(0), &head),
        complete(servers.server(1), &staff),
    )
    .await;
    let mut statuses = [by_head.0, by_staff.0];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::OK, StatusCode::CONFLICT],
        "{by_head:?} {by_staff:?}"
    );
    let credits = servers
        .scalar(
            "SELECT COUNT(*) FROM ledger_transactions \
             WHERE kind = 'task_reward' AND link_kind = 'task' AND link_id = $1",
            &[task],
        )
        .await;
    assert_eq!(credits, 1);
    assert_eq!(balance(servers.server(1), &volunteer).await, before + 5);
    assert_ledger_balances(&servers).await;
    servers.assert_quiet();
}

#[tokio::test]
async fn a_session_made_on_one_server_works_and_ends_on_both() {
    let mut servers = two_servers(&[]).await;
    let me = |server: &ServerProcess, session: &Session| {
        server
            .request(Method::GET, "/me", Some(&session.token))
            .send()
    };
    let on_a = servers.server(0).sign_in(RESIDENT).await;
    for n in 0..2 {
        assert_eq!(
            me(servers.server(n), &on_a).await.unwrap().status(),
            StatusCode::OK
        );
    }
    // Signed out on B: refused on A at once.
    let out = servers
        .server(1)
        .request(Method::DELETE, "/sessions/current", Some(&on_a.token))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    for n in [0, 1] {
        let refused = me(servers.server(n), &on_a).await.unwrap();
        assert_eq!(refused.status(), StatusCode::UNAUTHORIZED, "server {n}");
    }

    // A password change on A revokes the user's other sessions, wherever they were made.
    let phone = servers.server(1).sign_in(VOLUNTEER).await;
    let tablet = servers.server(0).sign_in(VOLUNTEER).await;
    let changing = servers.server(1).sign_in(VOLUNTEER).await;
    let changed = servers
        .server(0)
        .request(Method::PUT, "/me/password", Some(&changing.token))
        .json(&json!({ "current_password": PASSWORD, "new_password": "Qiao-linli-2026!" }))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    for n in 0..2 {
        for revoked in [&phone, &tablet] {
            let refused = me(servers.server(n), revoked).await.unwrap();
            assert_eq!(refused.status(), StatusCode::UNAUTHORIZED, "server {n}");
        }
        assert_eq!(
            me(servers.server(n), &changing).await.unwrap().status(),
            StatusCode::OK
        );
    }
    servers.assert_quiet();
}

#[tokio::test]
async fn each_timer_fires_once_with_both_servers_running_it_every_second() {
    let mut servers = two_servers(&[
        "--auto-close-every-secs",
        "1",
        "--escalate-every-secs",
        "1",
        "--reminder-interval-secs",
        "1",
    ])
    .await;
    // Only this test's task is to be reminded of.
    servers
        .execute(
            "UPDATE tasks SET cancelled_at = $1 WHERE cancelled_at IS NULL",
            &[now_ms()],
        )
        .await;
    let task = servers.task_at(now_ms() + HOUR_MS + 50 * 60_000).await;
    let mut members = Vec::new();
    for (n, phone) in [RESIDENT, VOLUNTEER, HUANG_JIANHUA].into_iter().enumerate() {
        let member = servers.server(n).sign_in(phone).await;
        let (status, _) = answer(servers.server(n + 1).request(
            Method::PUT,
            &format!("/tasks/{task}/enrollment"),
            Some(&member.token),
        ))
        .await;
        assert_eq!(status, StatusCode::OK);
        members.push(member.user_id);
    }
    members.sort_unstable();
    // Reports nobody answered, past their response deadline, filed on both: enough that one
    // server's run is still climbing them when the other's starts.
    let resident = servers.server(1).sign_in(RESIDENT).await;
    let mut reports = Vec::new();
    for n in 0..REPORTS {
        let (status, report) = answer(
            servers
                .server(n)
                .request(Method::POST, "/reports", Some(&resident.token))
                .header("Idempotency-Key", format!("report-{n}"))
                .json(&json!({
                    "category": "sanitation",
                    "text": format!("楼道灯坏了 {n}"),
                    "location": { "kind": "home" },
                })),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{report}");
        reports.push(report["summary"]["id"].as_i64().unwrap());
    }
    let first_report = reports[0];
    servers
        .execute(
            "UPDATE reports SET respond_by = $1 WHERE id >= $2",
            &[now_ms() - 1000, first_report],
        )
        .await;
    // The seeded 助餐送餐 order completed and left unrated past the rating window.
    let meals = servers.id_in_jingxiang("services", "助餐送餐").await;
    let order = servers
        .scalar(
            "SELECT id FROM orders WHERE service_id = $1 AND status = 'completed'",
            &[meals],
        )
        .await;
    servers
        .execute(
            "UPDATE orders SET completed_at = $1 WHERE id = $2",
            &[now_ms() - 8 * DAY_MS, order],
        )
        .await;

    let fired = || async {
        let closed = servers
            .scalar(
                "SELECT COUNT(*) FROM orders WHERE id = $1 AND status = 'closed'",
                &[order],
            )
            .await;
        let escalated = servers
            .scalar(
                "SELECT COUNT(DISTINCT report_id) FROM report_events \
                 WHERE report_id >= $1 AND kind = 'escalated'",
                &[first_report],
            )
            .await;
        let reminded = servers
            .scalar(
                "SELECT COUNT(*) FROM messages WHERE kind = 'task_soon' AND subject_kind = 'task' \
                   AND subject_id = $1",
                &[task],
            )
            .await;
        closed > 0 && escalated == REPORTS as i64 && reminded >= 3
    };
    // A minute: in CI the whole suite shares the two cores with these servers.
    let deadline = Instant::now() + Duration::from_secs(60);
    while !fired().await {
        assert!(
            Instant::now() < deadline,
            "the timers did not fire within a minute"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Both servers run each timer a few more times.
    tokio::time::sleep(Duration::from_secs(3)).await;

    // Auto-close: one closing, settled once, told once.
    let closings = servers
        .scalar(
            "SELECT COUNT(*) FROM order_events WHERE order_id = $1 AND kind = 'closed'",
            &[order],
        )
        .await;
    assert_eq!(closings, 1);
    let ledger: Vec<String> = sqlx::query_scalar(
        "SELECT kind FROM ledger_transactions WHERE link_kind = 'order' AND link_id = $1 ORDER BY id",
    )
    .bind(order)
    .fetch_all(&servers.database.db.read)
    .await
    .unwrap();
    assert_eq!(ledger, ["order_hold", "order_settle", "service_reward"]);
    let told = servers
        .scalar(
            "SELECT COUNT(*) FROM messages WHERE kind = 'order_auto_closed' AND subject_id = $1",
            &[order],
        )
        .await;
    assert_eq!(told, 1);

    // Escalation: each report one step up, to where its one event says, each handler told once.
    let steps: Vec<(i64, Option<String>, String)> = sqlx::query_as(
        "SELECT e.report_id, e.target_level, r.handler_level FROM report_events e \
         JOIN reports r ON r.id = e.report_id \
         WHERE e.report_id >= $1 AND e.kind = 'escalated' ORDER BY e.report_id",
    )
    .bind(first_report)
    .fetch_all(&servers.database.db.read)
    .await
    .unwrap();
    assert_eq!(steps.len(), REPORTS, "{steps:?}");
    for (report, target, level) in &steps {
        assert_ne!(level, "unit", "report {report}");
        assert_eq!(target.as_deref(), Some(level.as_str()), "report {report}");
    }
    let told_twice = servers
        .scalar(
            "SELECT COUNT(*) FROM (SELECT subject_id, recipient_id FROM messages \
             WHERE kind = 'report_escalated' AND subject_id >= $1 \
             GROUP BY subject_id, recipient_id HAVING COUNT(*) > 1) AS twice",
            &[first_report],
        )
        .await;
    assert_eq!(told_twice, 0, "someone was told of an escalation twice");

    // Reminders: each member once.
    let reminded: Vec<i64> = sqlx::query_scalar(
        "SELECT recipient_id FROM messages WHERE kind = 'task_soon' AND subject_kind = 'task' \
           AND subject_id = $1 ORDER BY recipient_id",
    )
    .bind(task)
    .fetch_all(&servers.database.db.read)
    .await
    .unwrap();
    assert_eq!(reminded, members);
    assert_ledger_balances(&servers).await;
    servers.assert_quiet();
}

/// What one user of the burst may do without a refusal by design.
struct Member {
    session: Session,
    /// Notices addressed to them (marking one read again answers 204 again).
    notices: Vec<i64>,
    /// Whether their balance covers an open order on each of their lanes.
    orders: bool,
}

/// The burst's requests: reads of what the app's tabs load, and writes that always succeed —
/// marking read, joining and withdrawing (both 200 in any state before the start), and a paid
/// order placed and then cancelled (its points held and given back).
#[derive(Debug, Clone, Copy)]
enum Step {
    Read(&'static str),
    MarkRead,
    Join,
    Withdraw,
    Order,
    CancelOrder,
}

const READS: [&str; 8] = [
    "/notices",
    "/tasks",
    "/me/points",
    "/me",
    "/services",
    "/me/orders",
    "/me/ledger",
    "/messages/unread",
];
const BURST: usize = 2_000;
/// 爱心理发's price: what an open order holds.
const HAIRCUT_POINTS: i64 = 10;
const LANES: usize = 32;

#[tokio::test]
async fn a_concurrent_mixed_burst_over_both_servers_has_no_errors_and_a_balanced_ledger() {
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    let servers = two_servers(&[]).await;
    let staff = servers.server(0).sign_in(STAFF).await;
    let community = servers
        .scalar("SELECT id FROM communities WHERE name = '井湘社区'", &[])
        .await;
    let start = Utc::now() + chrono::Duration::days(2);
    let (status, task) = answer(
        servers
            .server(0)
            .request(Method::POST, "/tasks", Some(&staff.token))
            .json(&json!({
                "title": "社区大扫除",
                "description": "带好手套",
                "category": "environment",
                "place": "社区广场",
                "starts_at": start,
                "ends_at": start + chrono::Duration::hours(2),
                "capacity": 3,
                "points": 5,
                "target": { "kind": "community", "id": community },
            })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{task}");
    let task = task["id"].as_i64().unwrap();
    let haircut = servers.id_in_jingxiang("services", "爱心理发").await;

    let phones = [
        RESIDENT,
        VOLUNTEER,
        BUILDING_HEAD,
        UNIT_HEAD,
        RESIDENT_5,
        HUANG_JIANHUA,
        LEGAL_VOLUNTEER,
        STAFF_SECOND,
    ];
    let mut members = Vec::new();
    for (n, phone) in phones.into_iter().enumerate() {
        let server = servers.server(n);
        let session = server.sign_in(phone).await;
        let (_, page) =
            answer(server.request(Method::GET, "/notices?limit=50", Some(&session.token))).await;
        let mut notices = Vec::new();
        for id in page["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|n| n["id"].as_i64())
        {
            let read = server
                .request(
                    Method::PUT,
                    &format!("/notices/{id}/read"),
                    Some(&session.token),
                )
                .send()
                .await
                .unwrap();
            if read.status() == StatusCode::NO_CONTENT {
                notices.push(id);
            }
        }
        let before = balance(server, &session).await;
        let orders = before >= HAIRCUT_POINTS * (LANES / phones.len()) as i64;
        members.push((
            Member {
                session,
                notices,
                orders,
            },
            before,
        ));
    }
    let (members, balances_before): (Vec<Member>, Vec<i64>) = members.into_iter().unzip();
    assert!(members.iter().all(|m| !m.notices.is_empty()));
    assert!(members.iter().filter(|m| m.orders).count() >= 4);
    let held = Account::Held(community);
    let held_before = ledger::balance(&servers.database.db.read, held)
        .await
        .unwrap();

    // Each lane is one phone of a member (a member has four), sending its share one request
    // after the other, alternating servers; the lanes run at once.
    let servers = std::sync::Arc::new(servers);
    let members = std::sync::Arc::new(members);
    let started = Instant::now();
    let mut lanes = JoinSet::new();
    for lane in 0..LANES {
        let (servers, members) = (servers.clone(), members.clone());
        lanes.spawn(async move {
            let member = &members[lane % members.len()];
            let token = Some(member.session.token.as_str());
            let mut rng = StdRng::seed_from_u64(lane as u64);
            let mut open_order: Option<i64> = None;
            let mut failures = Vec::new();
            for n in 0..BURST / LANES {
                let server = servers.server(lane + n);
                let key = format!("burst-{lane}-{n}");
                let step = match rng.gen_range(0..100) {
                    0..=69 => Step::Read(READS[rng.gen_range(0..READS.len())]),
                    70..=79 => Step::MarkRead,
                    80..=84 => Step::Join,
                    85..=89 => Step::Withdraw,
                    _ if open_order.is_some() => Step::CancelOrder,
                    _ if member.orders => Step::Order,
                    _ => Step::Read(READS[0]),
                };
                let (request, success) = match step {
                    Step::Read(path) => (server.request(Method::GET, path, token), StatusCode::OK),
                    Step::MarkRead => {
                        let notice = member.notices[rng.gen_range(0..member.notices.len())];
                        let path = format!("/notices/{notice}/read");
                        (
                            server.request(Method::PUT, &path, token),
                            StatusCode::NO_CONTENT,
                        )
                    }
                    Step::Join | Step::Withdraw => {
                        let method = if matches!(step, Step::Join) {
                            Method::PUT
                        } else {
                            Method::DELETE
                        };
                        let path = format!("/tasks/{task}/enrollment");
                        (server.request(method, &path, token), StatusCode::OK)
                    }
                    Step::Order => {
                        let order =
                            json!({ "service_id": haircut, "address": "社区广场", "note": "压测" });
                        (
                            server.request(Method::POST, "/orders", token).json(&order),
                            StatusCode::CREATED,
                        )
                    }
                    Step::CancelOrder => {
                        let path = format!("/orders/{}/cancel", open_order.unwrap());
                        (server.request(Method::POST, &path, token), StatusCode::OK)
                    }
                };
                let request = if matches!(step, Step::Read(_)) {
                    request
                } else {
                    request.header("Idempotency-Key", key)
                };
                let (status, body) = answer(request).await;
                if status != success {
                    failures.push(format!("{step:?} on {}: {status} {body}", lane + n));
                    continue;
                }
                match step {
                    Step::Order => open_order = body["id"].as_i64(),
                    Step::CancelOrder => open_order = None,
                    _ => {}
                }
            }
            (open_order, failures)
        });
    }
    let mut failures = Vec::new();
    let mut still_open = Vec::new();
    while let Some(lane) = lanes.join_next().await {
        let (open_order, lane_failures) = lane.unwrap();
        failures.extend(lane_failures);
        still_open.extend(open_order);
    }
    let took = started.elapsed();
    assert!(
        failures.is_empty(),
        "{} failed: {failures:#?}",
        failures.len()
    );
    eprintln!("{BURST} requests over two servers in {took:?}");

    // Every order the burst left open is cancelled; then all held points are back.
    let mut servers = std::sync::Arc::try_unwrap(servers).ok().unwrap();
    for order in still_open {
        let owner = servers
            .scalar("SELECT resident_id FROM orders WHERE id = $1", &[order])
            .await;
        let member = members.iter().find(|m| m.session.user_id == owner).unwrap();
        let (status, body) = answer(servers.server(order as usize).request(
            Method::POST,
            &format!("/orders/{order}/cancel"),
            Some(&member.session.token),
        ))
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    for (member, before) in members.iter().zip(balances_before) {
        assert_eq!(balance(servers.server(1), &member.session).await, before);
    }
    assert_eq!(
        ledger::balance(&servers.database.db.read, held)
            .await
            .unwrap(),
        held_before
    );
    let joined = servers
        .scalar(
            "SELECT COUNT(*) FROM task_enrollments WHERE task_id = $1 AND status = 'joined'",
            &[task],
        )
        .await;
    let joined_count = servers
        .scalar("SELECT joined_count FROM tasks WHERE id = $1", &[task])
        .await;
    assert!(joined <= 3);
    assert_eq!(
        joined, joined_count,
        "the task's count of joined members drifted"
    );
    assert_ledger_balances(&servers).await;
    servers.assert_quiet();
}
