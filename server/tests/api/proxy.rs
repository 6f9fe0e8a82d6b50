//! 代办: heads and staff acting for residents of their scope without phones. Who may act for
//! whom (scope, never oneself, a head or staff member, or someone not yet approved), the
//! `proxy_only` account a register member gets once, the 30 minutes, what a 代办 session may
//! reach, who acted recorded on orders, enrolments, ledger and vouchers, and the integrity
//! rules with the one acting counted as the resident.

use chrono::{Duration, Utc};
use linli_api_types::{
    Me, Order, ProxyResident, ProxyResidents, ProxyTargetKind, Reward, Roster, RosterEntry,
    SessionGrant, Task,
};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::orders::{asap, service_id};

/// A register entry's id, by name.
async fn register_id(app: &TestApp, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM register_members WHERE name = $1")
        .bind(name)
        .fetch_one(&db(app).await.read)
        .await
        .unwrap()
}

async fn start(api: &Client<'_>, kind: &str, id: i64) -> reqwest::Response {
    api.post(
        "/proxy/sessions",
        Some(&json!({ "kind": kind, "id": id })),
        None,
    )
    .await
}

/// `actor` starts 代办 for `kind`/`id`: a client speaking for the resident, and the grant.
async fn proxy<'a>(actor: &Client<'a>, kind: &str, id: i64) -> (Client<'a>, SessionGrant) {
    let response = start(actor, kind, id).await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{text}");
    let grant: SessionGrant = serde_json::from_str(&text).unwrap();
    let mut client = Client::new(actor.app, RESIDENT_5).await;
    client.token = grant.token.clone();
    client.user_id = grant.me.id;
    (client, grant)
}

async fn scalar(app: &TestApp, sql: &str, id: i64) -> Option<i64> {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&db(app).await.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn heads_and_staff_act_only_for_residents_of_their_scope() {
    let app = spawn_app().await;
    let unit_head = Client::new(&app, UNIT_HEAD).await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let staff = Client::new(&app, STAFF).await;
    let other_staff = Client::new(&app, OTHER_STAFF).await;
    let resident = Client::new(&app, RESIDENT).await;
    let huang = register_id(&app, "黄桂兰").await;
    let zhou = register_id(&app, "周德顺").await;
    let deng = register_id(&app, "邓玉珍").await;

    // 尚建超 heads 3栋 1单元: 黄桂兰 (801, 高龄 独居, no phone) comes first; 3栋 2单元 and 5栋
    // are not his.
    let list: ProxyResidents = unit_head.get_ok("/proxy/residents").await;
    let first = &list.items[0];
    assert_eq!(first.name, "黄桂兰", "{list:?}");
    assert_eq!(first.kind, ProxyTargetKind::Register);
    assert_eq!(first.care_tags, vec!["高龄", "独居"]);
    assert!(!first.has_login);
    assert_eq!(first.address, "华盛世纪新城 3栋 1单元 801");
    let names: Vec<&str> = list.items.iter().map(|r| r.name.as_str()).collect();
    assert!(
        names.contains(&"王秀英") && names.contains(&"李德明"),
        "{names:?}"
    );
    for absent in ["周德顺", "邓玉珍", "尚建超", "刘伟忠", "陈丽华"] {
        assert!(!names.contains(&absent), "{absent} in {names:?}");
    }
    let flagged_first = list
        .items
        .windows(2)
        .all(|w| !w[0].care_tags.is_empty() || w[1].care_tags.is_empty());
    assert!(flagged_first, "{names:?}");
    let found: ProxyResidents = unit_head.get_ok("/proxy/residents?q=%E7%8E%8B").await;
    assert!(
        found.items.iter().all(|r| r.name.contains('王')),
        "{found:?}"
    );

    for (api, id, status) in [
        (&unit_head, zhou, StatusCode::NOT_FOUND),
        (&unit_head, deng, StatusCode::NOT_FOUND),
        (&head, zhou, StatusCode::OK),
        (&head, deng, StatusCode::NOT_FOUND),
        (&staff, deng, StatusCode::OK),
        (&other_staff, huang, StatusCode::NOT_FOUND),
        (&other_staff, 999_999, StatusCode::NOT_FOUND),
        (&resident, huang, StatusCode::FORBIDDEN),
    ] {
        let response = api.get(&format!("/proxy/residents/register/{id}")).await;
        assert_eq!(response.status(), status, "{id}");
    }
    assert_eq!(
        start(&unit_head, "register", zhou).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        start(&other_staff, "register", huang).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        start(&resident, "register", huang).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        resident.get("/proxy/residents").await.status(),
        StatusCode::FORBIDDEN
    );

    // Never oneself, another head or staff, nor someone a head has not let in yet.
    let refused = problem(
        start(&head, "account", head.user_id).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(refused.code, "proxy_self");
    assert_eq!(refused.title, "不能为自己代办");
    let refused = problem(
        start(&staff, "account", unit_head.user_id).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(refused.code, "proxy_role_holder");
    let english = Client::new(&app, STAFF).await.english();
    let refused = problem(
        start(&english, "account", head.user_id).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(
        refused.title,
        "You cannot act for a building, unit or grid head or a staff member"
    );
    let pending: i64 = sqlx::query_scalar(
        "INSERT INTO users (phone, name, password_hash, community_id, household_id, created_at, \
            status) SELECT '13700000031', '新住户', password_hash, community_id, household_id, \
            created_at, 'pending' FROM users WHERE phone = $1 RETURNING id",
    )
    .bind(RESIDENT)
    .fetch_one(&db(&app).await.write)
    .await
    .unwrap();
    let refused = problem(start(&head, "account", pending).await, StatusCode::CONFLICT).await;
    assert_eq!(refused.code, "proxy_not_member");
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE proxy_by IS NOT NULL")
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!(stored, 0, "no refused start opened a session");
}

#[tokio::test]
async fn a_register_member_without_a_login_gets_one_proxy_only_account() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let unit_head = Client::new(&app, UNIT_HEAD).await;
    let huang = register_id(&app, "黄桂兰").await;

    let (first, grant) = proxy(&head, "register", huang).await;
    assert_eq!(grant.me.name, "黄桂兰");
    let acting = grant.me.proxy.clone().expect("who acts");
    assert_eq!((acting.id, acting.name.as_str()), (head.user_id, "刘伟忠"));
    let minutes = (grant.expires_at - Utc::now()).num_minutes();
    assert!((29..=30).contains(&minutes), "{minutes}");
    let (phone, status): (String, String) =
        sqlx::query_as("SELECT phone, status FROM users WHERE id = $1")
            .bind(grant.me.id)
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!(phone, format!("register:{huang}"));
    assert_eq!(status, "proxy_only");
    let linked = scalar(
        &app,
        "SELECT user_id FROM register_members WHERE id = $1",
        huang,
    )
    .await;
    assert_eq!(linked, Some(grant.me.id));
    let me: Me = first.get_ok("/me").await;
    assert_eq!(me.proxy.map(|p| p.name), Some("刘伟忠".to_owned()));
    assert_eq!(
        me.household.map(|h| h.door),
        Some("801".to_owned()),
        "her household"
    );

    // Another start (by the register entry or the account) reuses the account; the head's
    // first 代办 ends with it.
    let (_, again) = proxy(&unit_head, "register", huang).await;
    assert_eq!(again.me.id, grant.me.id);
    let (_, third) = proxy(&head, "account", grant.me.id).await;
    assert_eq!(third.me.id, grant.me.id);
    assert_eq!(
        first.get("/me").await.status(),
        StatusCode::UNAUTHORIZED,
        "a new 代办 ends the actor's previous one"
    );
    let accounts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE phone LIKE 'register:%'")
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!(accounts, 1);
    // The audit: who acted for whom, from when to when.
    let audit: Vec<(i64, i64, Option<i64>)> =
        sqlx::query_as("SELECT actor_id, resident_id, ended_at FROM proxy_sessions ORDER BY id")
            .fetch_all(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!(audit.len(), 3);
    assert_eq!((audit[0].0, audit[0].1), (head.user_id, grant.me.id));
    assert!(audit[0].2.is_some(), "ended by the next start");
    assert_eq!(audit[1].0, unit_head.user_id);
    assert!(audit[1].2.is_none() && audit[2].2.is_none());

    // Listed now as an account without a login.
    let shown: ProxyResident = head
        .get_ok(&format!("/proxy/residents/register/{huang}"))
        .await;
    assert_eq!(
        (shown.kind, shown.id, shown.has_login),
        (ProxyTargetKind::Account, grant.me.id, false)
    );
}

#[tokio::test]
async fn a_proxy_session_ends_on_tap_and_after_thirty_minutes() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let wang = user_id(&app, RESIDENT).await;

    let (acting, _) = proxy(&head, "account", wang).await;
    let response = acting.delete("/proxy/current", None).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(acting.get("/me").await.status(), StatusCode::UNAUTHORIZED);
    let ended = scalar(
        &app,
        "SELECT MAX(ended_at) FROM proxy_sessions WHERE actor_id = $1",
        head.user_id,
    )
    .await;
    assert!(ended.is_some());

    // The actor's own token ends it too, and leaves the actor signed in.
    let (acting, _) = proxy(&head, "account", wang).await;
    assert_eq!(
        head.delete("/proxy/current", None).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(acting.get("/me").await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(head.get("/me").await.status(), StatusCode::OK);

    // After 30 minutes the server refuses the token.
    let (acting, _) = proxy(&head, "account", wang).await;
    assert_eq!(acting.get("/me/points").await.status(), StatusCode::OK);
    sqlx::query("UPDATE sessions SET expires_at = $1 WHERE proxy_by = $2")
        .bind(Utc::now().timestamp_millis() - 1)
        .bind(head.user_id)
        .execute(&db(&app).await.write)
        .await
        .unwrap();
    let expired = problem(acting.get("/me").await, StatusCode::UNAUTHORIZED).await;
    assert_eq!(expired.code, "session_expired");
    assert_eq!(head.get("/me").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_proxy_session_reaches_what_the_resident_does_at_the_counter_only() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let wang = user_id(&app, RESIDENT).await;
    let (acting, _) = proxy(&head, "account", wang).await;

    for path in [
        "/me/points",
        "/me/ledger",
        "/notices",
        "/services",
        "/tasks",
        "/me/orders",
    ] {
        assert_eq!(acting.get(path).await.status(), StatusCode::OK, "{path}");
    }
    let notice = json!({ "title": "停水通知", "body": "明天停水", "category": "notice",
        "target": { "kind": "community", "id": 1 } });
    let refusals: [(reqwest::Method, &str, Option<Value>); 7] = [
        (
            Method::PUT,
            "/me/password",
            Some(json!({ "current_password": PASSWORD, "new_password": "linli-2027-x" })),
        ),
        (Method::POST, "/notices", Some(notice)),
        (
            Method::POST,
            "/ledger/corrections",
            Some(json!({ "user_id": wang, "amount": 10, "reason": "补录" })),
        ),
        (
            Method::POST,
            "/proxy/sessions",
            Some(json!({ "kind": "account", "id": wang })),
        ),
        (Method::GET, "/proxy/residents", None),
        (Method::POST, "/tasks", Some(json!({}))),
        (
            Method::PUT,
            "/members/1/volunteer",
            Some(json!({ "volunteer": true })),
        ),
    ];
    for (method, path, body) in refusals {
        let mut request = acting.request(method.clone(), path, None);
        if let Some(body) = &body {
            request = request.json(body);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{method} {path}");
    }
    // The resident's password is untouched; the head's powers stay with the head.
    assert_eq!(
        app.sign_in(RESIDENT, PASSWORD).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(head.get("/proxy/residents").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn orders_and_rewards_by_proxy_name_who_acted_and_the_actor_cannot_take_them() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let staff = Client::new(&app, STAFF).await;
    let resident = Client::new(&app, RESIDENT).await;
    let plumbing = service_id(&app, "水电维修").await;
    let (acting, _) = proxy(&head, "account", resident.user_id).await;

    let order: Order = {
        let response = acting.post("/orders", Some(&asap(plumbing)), None).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        response.json().await.unwrap()
    };
    assert_eq!(order.resident.id, resident.user_id);
    assert_eq!(order.timeline[0].acted_by.as_deref(), Some("刘伟忠"));
    let seen: Order = staff.get_ok(&format!("/orders/{}", order.id)).await;
    assert_eq!(seen.timeline[0].acted_by.as_deref(), Some("刘伟忠"));
    let stored = |sql: &'static str| scalar(&app, sql, order.id);
    assert_eq!(
        stored("SELECT proxy_by FROM orders WHERE id = $1").await,
        Some(head.user_id)
    );
    assert_eq!(
        stored("SELECT proxy_by FROM order_events WHERE order_id = $1").await,
        Some(head.user_id)
    );
    assert_eq!(
        stored(
            "SELECT proxy_by FROM ledger_transactions \
             WHERE link_kind = 'order' AND link_id = $1 AND kind = 'order_hold'"
        )
        .await,
        Some(head.user_id)
    );
    // Her ledger, read with her own phone, says who acted.
    let ledger: linli_api_types::LedgerPage = resident.get_ok("/me/ledger").await;
    assert_eq!(ledger.items[0].acted_by.as_deref(), Some("刘伟忠"));

    // 刘伟忠 volunteers 水电维修, but not on the order he placed for her: staff are not offered
    // him, and may not assign him.
    let offered: Vec<linli_api_types::ServiceVolunteer> = staff
        .get_ok(&format!("/services/{plumbing}/volunteers?order={}", order.id))
        .await;
    assert!(!offered.iter().any(|v| v.id == head.user_id), "{offered:?}");
    let all: Vec<linli_api_types::ServiceVolunteer> = staff
        .get_ok(&format!("/services/{plumbing}/volunteers"))
        .await;
    assert!(all.iter().any(|v| v.id == head.user_id), "{all:?}");
    let response = head
        .post(&format!("/orders/{}/claim", order.id), None, None)
        .await;
    let refused = problem(response, StatusCode::CONFLICT).await;
    assert_eq!(refused.code, "proxy_own_order");
    assert_eq!(
        refused.title,
        "这是您代办的订单，您不能接单或为自己的服务评价"
    );
    let response = staff
        .post(
            &format!("/orders/{}/assign", order.id),
            Some(&json!({ "volunteer_id": head.user_id })),
            None,
        )
        .await;
    let refused = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(refused.errors[0].field, "volunteer_id");
    assert_eq!(refused.errors[0].code, "proxy_own_order");
    assert_eq!(
        stored("SELECT volunteer_id FROM orders WHERE id = $1").await,
        None
    );

    // Cancelled by 代办: the release names him too.
    let response = acting
        .post(&format!("/orders/{}/cancel", order.id), None, None)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        stored(
            "SELECT proxy_by FROM ledger_transactions \
             WHERE link_kind = 'order' AND link_id = $1 AND kind = 'order_release'"
        )
        .await,
        Some(head.user_id)
    );

    // A reward redeemed by 代办 is hers, and names him.
    let rewards: Vec<Reward> = acting.get_ok("/rewards").await;
    let cheapest = rewards
        .iter()
        .filter(|r| r.stock > 0)
        .min_by_key(|r| r.points)
        .unwrap();
    let response = acting
        .post(&format!("/rewards/{}/redemptions", cheapest.id), None, None)
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let voucher: (i64, Option<i64>) =
        sqlx::query_as("SELECT user_id, proxy_by FROM vouchers ORDER BY id DESC LIMIT 1")
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!(voucher, (resident.user_id, Some(head.user_id)));
    let ledger: linli_api_types::LedgerPage = resident.get_ok("/me/ledger").await;
    assert_eq!(ledger.items[0].acted_by.as_deref(), Some("刘伟忠"));
}

#[tokio::test]
async fn the_one_acting_cannot_rate_their_own_service_for_the_resident() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let resident = Client::new(&app, RESIDENT).await;
    let plumbing = service_id(&app, "水电维修").await;
    let order: Order = {
        let response = resident.post("/orders", Some(&asap(plumbing)), None).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        response.json().await.unwrap()
    };
    for (step, body) in [
        ("claim", None),
        ("start", None),
        ("complete", Some(json!({}))),
    ] {
        let response = head
            .post(&format!("/orders/{}/{step}", order.id), body.as_ref(), None)
            .await;
        assert_eq!(response.status(), StatusCode::OK, "{step}");
    }
    let (acting, _) = proxy(&head, "account", resident.user_id).await;
    let seen: Order = acting.get_ok(&format!("/orders/{}", order.id)).await;
    assert!(!seen.actions.rate, "not offered");
    let response = acting
        .post(
            &format!("/orders/{}/rate", order.id),
            Some(&json!({ "stars": 5 })),
            None,
        )
        .await;
    let refused = problem(response, StatusCode::CONFLICT).await;
    assert_eq!(refused.code, "proxy_own_order");
    let rated: Option<i64> = scalar(
        &app,
        "SELECT rating_stars FROM orders WHERE id = $1",
        order.id,
    )
    .await;
    assert_eq!(rated, None);
    // She rates it herself.
    let response = resident
        .post(
            &format!("/orders/{}/rate", order.id),
            Some(&json!({ "stars": 5 })),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

async fn roster_entry(api: &Client<'_>, task: i64, user: i64) -> RosterEntry {
    let roster: Roster = api.get_ok(&format!("/tasks/{task}/roster")).await;
    roster
        .volunteers
        .into_iter()
        .find(|e| e.user_id == user)
        .expect("on the roster")
}

#[tokio::test]
async fn whoever_enrolled_a_resident_by_proxy_cannot_vouch_for_their_attendance() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let staff = Client::new(&app, STAFF).await;
    let huang = register_id(&app, "黄桂兰").await;
    let b3: i64 = sqlx::query_scalar(
        "SELECT id FROM buildings WHERE name = '3栋' AND estate = '华盛世纪新城'",
    )
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    let start_at = Utc::now() + Duration::hours(1);
    let draft = json!({
        "title": "清理楼道", "description": "带好手套", "category": "environment",
        "place": "3栋楼下", "starts_at": start_at, "ends_at": start_at + Duration::hours(2),
        "capacity": 10, "points": 20, "target": { "kind": "building", "id": b3 },
    });
    let response = head.post("/tasks", Some(&draft), None).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let task: Task = response.json().await.unwrap();

    let (acting, grant) = proxy(&head, "register", huang).await;
    let resident = grant.me.id;
    let response = acting
        .put(&format!("/tasks/{}/enrollment", task.id), None, None)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        scalar(
            &app,
            "SELECT proxy_by FROM task_enrollments WHERE user_id = $1",
            resident
        )
        .await,
        Some(head.user_id)
    );
    assert_eq!(
        roster_entry(&head, task.id, resident)
            .await
            .acted_by
            .as_deref(),
        Some("刘伟忠")
    );

    // He checks her in: his word does not vouch for her; another organiser's does.
    let response = head
        .put(
            &format!("/tasks/{}/roster/{resident}/check_in", task.id),
            None,
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let line = roster_entry(&head, task.id, resident).await;
    assert!(line.awaiting_confirmation && !line.can_confirm, "{line:?}");
    let response = head
        .put(
            &format!("/tasks/{}/roster/{resident}/confirm", task.id),
            None,
            None,
        )
        .await;
    let refused = problem(response, StatusCode::FORBIDDEN).await;
    assert_eq!(refused.code, "proxy_attendance");
    assert!(roster_entry(&staff, task.id, resident).await.can_confirm);
    let response = staff
        .put(
            &format!("/tasks/{}/roster/{resident}/confirm", task.id),
            None,
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        scalar(
            &app,
            "SELECT confirmed_by FROM task_enrollments WHERE user_id = $1",
            resident
        )
        .await,
        Some(staff.user_id)
    );
}

#[tokio::test]
async fn an_order_for_a_resident_without_a_phone_is_reached_through_the_one_acting() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let huang = register_id(&app, "黄桂兰").await;
    let errands = service_id(&app, "上门代办").await;
    let (acting, _) = proxy(&head, "register", huang).await;
    let detail: Value = acting.get_ok(&format!("/services/{errands}")).await;
    assert_eq!(detail["default_phone"], BUILDING_HEAD, "{detail}");
    let response = acting.post("/orders", Some(&asap(errands)), None).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let order: Order = response.json().await.unwrap();
    assert_eq!(order.contact_phone, BUILDING_HEAD);
    assert_eq!(order.address, "华盛世纪新城 3栋 1单元 801");
}

#[tokio::test]
async fn a_head_who_loses_the_role_stops_acting_at_once() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let staff = Client::new(&app, STAFF).await;
    let wang = user_id(&app, RESIDENT).await;
    let b3: i64 = sqlx::query_scalar(
        "SELECT id FROM buildings WHERE name = '3栋' AND estate = '华盛世纪新城'",
    )
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    let (acting, _) = proxy(&head, "account", wang).await;
    assert_eq!(acting.get("/me").await.status(), StatusCode::OK);
    let response = staff
        .delete(
            &format!("/members/{}/grants/building_head/building/{b3}", head.user_id),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let refused = problem(acting.get("/me").await, StatusCode::UNAUTHORIZED).await;
    assert_eq!(refused.code, "session_expired");
}
