//! Joining: sign-up matched by the register (in at once, the entry linked, a 代办 account taken
//! over), waiting for a head (refused everything outside the waiting list), approved, declined
//! with a reason and asked again; heads deciding only in their scope; buildings' invites and
//! their renewal; the sign-up limits.

use linli_api_types::{
    AccountStatus, BuildingInvite, BuildingInvites, InviteTarget, JoinDecision, JoinPlaces,
    JoinRequestList, JoinStatus, Me, MyJoinRequest, NoticePage, Role, SignedUp,
};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

const SUN_JIANHUA: &str = "13812340011";
const LUO_CHUNHUA: &str = "13815908301";
const NEWCOMER: &str = "13912345601";

/// Unit `unit` of 华盛世纪新城 `building`.
async fn unit(app: &TestApp, building: &str, unit: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT un.id FROM units un JOIN buildings b ON b.id = un.building_id \
         WHERE b.estate = '华盛世纪新城' AND b.name = $1 AND un.name = $2",
    )
    .bind(building)
    .bind(unit)
    .fetch_one(&db(app).await.read)
    .await
    .unwrap()
}

fn sign_up_body(phone: &str, name: &str, unit_id: i64, door: &str) -> Value {
    json!({ "phone": phone, "password": PASSWORD, "name": name, "unit_id": unit_id, "door": door })
}

async fn sign_up(app: &TestApp, body: &Value) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/join"))
        .json(body)
        .send()
        .await
        .expect("request sent")
}

async fn signed_up(app: &TestApp, body: &Value) -> SignedUp {
    let response = sign_up(app, body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

/// A newcomer not on the register, waiting for 3栋 1单元's heads (door 1201).
async fn newcomer(app: &TestApp) -> (SignedUp, i64) {
    let unit_3_1 = unit(app, "3栋", "1单元").await;
    let signed = signed_up(app, &sign_up_body(NEWCOMER, "新邻居", unit_3_1, "1201")).await;
    let request: i64 = sqlx::query_scalar(
        "SELECT id FROM join_requests WHERE user_id = $1 AND status = 'pending'",
    )
    .bind(signed.session.me.id)
    .fetch_one(&db(app).await.read)
    .await
    .unwrap();
    (signed, request)
}

async fn get(app: &TestApp, token: &str, path: &str) -> reqwest::Response {
    app.client
        .get(app.url(&format!("/api/v1{path}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn notice_id(app: &TestApp, title_start: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM notices WHERE title LIKE $1 ORDER BY id LIMIT 1")
        .bind(format!("{title_start}%"))
        .fetch_one(&db(app).await.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_resident_on_the_register_is_in_at_once_and_the_entry_is_linked() {
    let app = spawn_app().await;
    let unit_3_1 = unit(&app, "3栋", "1单元").await;
    let signed = signed_up(&app, &sign_up_body(SUN_JIANHUA, "孙建华", unit_3_1, "1101")).await;
    assert!(signed.matched);
    let me = &signed.session.me;
    assert_eq!(me.status, AccountStatus::Active);
    assert_eq!(me.household.as_ref().unwrap().door, "1101");

    let db = db(&app).await;
    let linked: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM register_members WHERE name = '孙建华'")
            .fetch_one(&db.read)
            .await
            .unwrap();
    assert_eq!(linked, Some(me.id));
    let (status, entry): (String, Option<i64>) =
        sqlx::query_as("SELECT status, register_member_id FROM join_requests WHERE user_id = $1")
            .bind(me.id)
            .fetch_one(&db.read)
            .await
            .unwrap();
    assert_eq!(status, "approved");
    assert!(entry.is_some());

    // Signed in, a member: their building's things are theirs to see.
    let token = &signed.session.token;
    assert_eq!(get(&app, token, "/tasks").await.status(), StatusCode::OK);
    let water = notice_id(&app, "3栋二次供水").await;
    assert_eq!(
        get(&app, token, &format!("/notices/{water}"))
            .await
            .status(),
        StatusCode::OK
    );
    // And the password works for signing in again.
    assert_eq!(
        app.sign_in(SUN_JIANHUA, PASSWORD).await.status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn a_name_that_does_not_match_the_entry_waits_for_a_head() {
    let app = spawn_app().await;
    let unit_3_1 = unit(&app, "3栋", "1单元").await;
    // 孙建华's phone with another name: the register vouches for nobody else.
    let signed = signed_up(&app, &sign_up_body(SUN_JIANHUA, "孙建", unit_3_1, "1101")).await;
    assert!(!signed.matched);
    assert_eq!(signed.session.me.status, AccountStatus::Pending);
    assert!(signed.session.me.household.is_none());
}

#[tokio::test]
async fn a_waiting_account_sees_its_reviewers_and_only_community_wide_things() {
    let app = spawn_app().await;
    let (signed, _) = newcomer(&app).await;
    let token = &signed.session.token;
    assert_eq!(signed.session.me.status, AccountStatus::Pending);

    let mine: MyJoinRequest = get(&app, token, "/me/join-request")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine.status, JoinStatus::Pending);
    assert_eq!(mine.home.door, "1201");
    let reviewers: Vec<(Role, &str, &str)> = mine
        .reviewers
        .iter()
        .map(|r| (r.role, r.place.as_str(), r.name.as_str()))
        .collect();
    assert_eq!(
        reviewers,
        [
            (Role::UnitHead, "3栋1单元", "尚建超"),
            (Role::BuildingHead, "3栋", "刘伟忠"),
        ]
    );

    // Allowed: themselves, community-wide notices, the menu.
    for path in ["/me", "/notices", "/services"] {
        assert_eq!(
            get(&app, token, path).await.status(),
            StatusCode::OK,
            "{path}"
        );
    }
    let notices: NoticePage = get(&app, token, "/notices").await.json().await.unwrap();
    assert!(!notices.items.is_empty());
    let db = db(&app).await;
    for notice in &notices.items {
        let kind: String = sqlx::query_scalar("SELECT target_kind FROM notices WHERE id = $1")
            .bind(notice.id)
            .fetch_one(&db.read)
            .await
            .unwrap();
        assert_eq!(kind, "community", "{}", notice.title);
    }
    // Nothing of the building: not its notice, not tasks, points or orders.
    let water = notice_id(&app, "3栋二次供水").await;
    assert_eq!(
        get(&app, token, &format!("/notices/{water}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    for path in [
        "/tasks",
        "/me/points",
        "/me/ledger",
        "/me/orders",
        "/rewards",
        "/leaderboard",
    ] {
        assert_eq!(
            get(&app, token, path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let order = app
        .client
        .post(app.url("/api/v1/orders"))
        .bearer_auth(token)
        .json(&json!({ "service_id": 1, "address": "3栋1单元1201", "note": "" }))
        .send()
        .await
        .unwrap();
    assert_eq!(order.status(), StatusCode::FORBIDDEN);
    let join_requests = get(&app, token, "/join-requests").await;
    assert_eq!(join_requests.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_unit_head_approves_and_the_resident_becomes_a_member() {
    let app = spawn_app().await;
    let (signed, request) = newcomer(&app).await;
    let unit_head = Client::new(&app, UNIT_HEAD).await;
    let building_head = Client::new(&app, BUILDING_HEAD).await;
    let staff = Client::new(&app, STAFF).await;

    for head in [&unit_head, &building_head, &staff] {
        let list: JoinRequestList = head.get_ok("/join-requests").await;
        let item = list.items.iter().find(|i| i.id == request).expect("listed");
        assert_eq!(item.name, "新邻居");
        assert_eq!(item.phone, NEWCOMER);
        assert_eq!(item.home.door, "1201");
    }
    let resident = Client::new(&app, RESIDENT).await;
    assert_eq!(
        resident.get("/join-requests").await.status(),
        StatusCode::FORBIDDEN
    );

    let response = unit_head
        .post(
            &format!("/join-requests/{request}/approve"),
            Some(&json!({})),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let decision: JoinDecision = response.json().await.unwrap();
    assert_eq!(decision.status, JoinStatus::Approved);
    assert_eq!(decision.decided_by, "尚建超");

    let db = db(&app).await;
    let (status, decided_by, decided_at): (String, Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT status, decided_by, decided_at FROM join_requests WHERE id = $1")
            .bind(request)
            .fetch_one(&db.read)
            .await
            .unwrap();
    assert_eq!(status, "approved");
    assert_eq!(decided_by, Some(unit_head.user_id));
    assert!(decided_at.is_some());

    // The same session is a member now: the household is set and the building's things open.
    let token = &signed.session.token;
    let me: Me = get(&app, token, "/me").await.json().await.unwrap();
    assert_eq!(me.status, AccountStatus::Active);
    assert_eq!(me.household.unwrap().door, "1201");
    assert_eq!(get(&app, token, "/tasks").await.status(), StatusCode::OK);
    let water = notice_id(&app, "3栋二次供水").await;
    assert_eq!(
        get(&app, token, &format!("/notices/{water}"))
            .await
            .status(),
        StatusCode::OK
    );
    // Decided once: the building head's late approval is refused, and the list is empty.
    let late = building_head
        .post(
            &format!("/join-requests/{request}/approve"),
            Some(&json!({})),
            None,
        )
        .await;
    assert_eq!(
        problem(late, StatusCode::CONFLICT).await.code,
        "already_decided"
    );
    let list: JoinRequestList = building_head.get_ok("/join-requests").await;
    assert!(list.items.is_empty());
}

#[tokio::test]
async fn an_approval_links_a_register_entry_of_that_room_only() {
    let app = spawn_app().await;
    let unit_3_1 = unit(&app, "3栋", "1单元").await;
    // 黄桂兰 has no phone on the register: her son signs up in her name for 801.
    let signed = signed_up(&app, &sign_up_body(NEWCOMER, "黄桂兰", unit_3_1, "801")).await;
    assert!(!signed.matched);
    let head = Client::new(&app, BUILDING_HEAD).await;
    let list: JoinRequestList = head.get_ok("/join-requests").await;
    let item = &list.items[0];
    let huang = item
        .register
        .iter()
        .find(|r| r.name == "黄桂兰")
        .expect("on the register");
    assert!(!huang.linked);
    let other_room: i64 =
        sqlx::query_scalar("SELECT id FROM register_members WHERE name = '孙建华'")
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();

    let wrong = head
        .post(
            &format!("/join-requests/{}/approve", item.id),
            Some(&json!({ "register_member_id": other_room })),
            None,
        )
        .await;
    let refusal = problem(wrong, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(refusal.errors[0].field, "register_member_id");
    // Nothing changed by the refused one.
    let status: String = sqlx::query_scalar("SELECT status FROM join_requests WHERE id = $1")
        .bind(item.id)
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
    assert_eq!(status, "pending");

    let ok = head
        .post(
            &format!("/join-requests/{}/approve", item.id),
            Some(&json!({ "register_member_id": huang.id })),
            None,
        )
        .await;
    assert_eq!(ok.status(), StatusCode::OK);
    let linked: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM register_members WHERE id = $1")
            .bind(huang.id)
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!(linked, Some(signed.session.me.id));
}

#[tokio::test]
async fn a_declined_resident_reads_why_corrects_the_room_and_asks_again() {
    let app = spawn_app().await;
    let (signed, request) = newcomer(&app).await;
    let token = &signed.session.token;
    let head = Client::new(&app, BUILDING_HEAD).await.english();

    let blank = head
        .post(
            &format!("/join-requests/{request}/decline"),
            Some(&json!({ "reason": "  " })),
            None,
        )
        .await;
    let refusal = problem(blank, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(refusal.errors[0].field, "reason");
    let response = head
        .post(
            &format!("/join-requests/{request}/decline"),
            Some(&json!({ "reason": "1201没有这位住户，请核对门牌" })),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    let me: Me = get(&app, token, "/me").await.json().await.unwrap();
    assert_eq!(me.status, AccountStatus::Declined);
    let mine: MyJoinRequest = get(&app, token, "/me/join-request")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine.status, JoinStatus::Declined);
    assert_eq!(mine.reason.as_deref(), Some("1201没有这位住户，请核对门牌"));
    assert_eq!(mine.decided_by.as_deref(), Some("刘伟忠"));
    assert_eq!(
        get(&app, token, "/tasks").await.status(),
        StatusCode::FORBIDDEN
    );

    // Asked again for 1202: waiting again, the declined request kept as decided.
    let unit_3_1 = unit(&app, "3栋", "1单元").await;
    let again = app
        .client
        .put(app.url("/api/v1/me/join-request"))
        .bearer_auth(token)
        .json(&json!({ "unit_id": unit_3_1, "door": "1202" }))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    let mine: MyJoinRequest = again.json().await.unwrap();
    assert_eq!(mine.status, JoinStatus::Pending);
    assert_eq!(mine.home.door, "1202");
    assert_ne!(mine.id, request);
    let me: Me = get(&app, token, "/me").await.json().await.unwrap();
    assert_eq!(me.status, AccountStatus::Pending);
    let old: (String, Option<String>) =
        sqlx::query_as("SELECT status, reason FROM join_requests WHERE id = $1")
            .bind(request)
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!(old.0, "declined");

    // A member asking again is told they are one already.
    let member = Client::new(&app, RESIDENT).await;
    let response = member
        .put(
            "/me/join-request",
            Some(&json!({ "unit_id": unit_3_1, "door": "1202" })),
            None,
        )
        .await;
    assert_eq!(
        problem(response, StatusCode::CONFLICT).await.code,
        "already_member"
    );
}

#[tokio::test]
async fn a_daiban_account_of_the_entry_becomes_the_residents_own() {
    let app = spawn_app().await;
    let db = db(&app).await;
    // 罗春花 was acted for by 代办 before she had a login: her account holds her history.
    let household: i64 =
        sqlx::query_scalar("SELECT household_id FROM register_members WHERE name = '罗春花'")
            .fetch_one(&db.read)
            .await
            .unwrap();
    let community: i64 = sqlx::query_scalar("SELECT id FROM communities WHERE name = '井湘社区'")
        .fetch_one(&db.read)
        .await
        .unwrap();
    let proxy: i64 = sqlx::query_scalar(
        "INSERT INTO users (phone, name, password_hash, community_id, household_id, created_at, status) \
         VALUES ('register:luo', '罗春花', '!', $1, $2, 0, 'proxy_only') RETURNING id",
    )
    .bind(community)
    .bind(household)
    .fetch_one(&db.write)
    .await
    .unwrap();
    sqlx::query("UPDATE register_members SET user_id = $1 WHERE name = '罗春花'")
        .bind(proxy)
        .execute(&db.write)
        .await
        .unwrap();

    let unit_3_1 = unit(&app, "3栋", "1单元").await;
    let signed = signed_up(&app, &sign_up_body(LUO_CHUNHUA, "罗春花", unit_3_1, "101")).await;
    assert!(signed.matched);
    assert_eq!(signed.session.me.id, proxy);
    assert_eq!(signed.session.me.status, AccountStatus::Active);
    assert_eq!(signed.session.me.phone, LUO_CHUNHUA);
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE name = '罗春花'")
        .fetch_one(&db.read)
        .await
        .unwrap();
    assert_eq!(accounts, 1);
}

#[tokio::test]
async fn heads_decide_only_in_their_scope_and_elsewhere_it_does_not_exist() {
    let app = spawn_app().await;
    let unit_3_2 = unit(&app, "3栋", "2单元").await;
    let unit_5_1 = unit(&app, "5栋", "1单元").await;
    let in_3_2 = signed_up(&app, &sign_up_body("13912345602", "甲", unit_3_2, "301")).await;
    let in_5_1 = signed_up(&app, &sign_up_body("13912345603", "乙", unit_5_1, "301")).await;
    let request_of = |user: i64| {
        let app = &app;
        async move {
            sqlx::query_scalar::<_, i64>("SELECT id FROM join_requests WHERE user_id = $1")
                .bind(user)
                .fetch_one(&db(app).await.read)
                .await
                .unwrap()
        }
    };
    let r_3_2 = request_of(in_3_2.session.me.id).await;
    let r_5_1 = request_of(in_5_1.session.me.id).await;

    let unit_head = Client::new(&app, UNIT_HEAD).await; // 3栋 1单元 only
    let building_head = Client::new(&app, BUILDING_HEAD).await; // 3栋
    let other_staff = Client::new(&app, OTHER_STAFF).await; // 通化街社区
    let resident = Client::new(&app, RESIDENT_5).await;

    let unit_list: JoinRequestList = unit_head.get_ok("/join-requests").await;
    assert!(unit_list.items.is_empty());
    let building_list: JoinRequestList = building_head.get_ok("/join-requests").await;
    assert_eq!(
        building_list.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        [r_3_2]
    );
    let other_list: JoinRequestList = other_staff.get_ok("/join-requests").await;
    assert!(other_list.items.is_empty());

    let nothing = unit_head
        .post("/join-requests/999999999/approve", Some(&json!({})), None)
        .await;
    let nothing = problem(nothing, StatusCode::NOT_FOUND).await;
    for (who, request) in [
        (&unit_head, r_3_2),
        (&building_head, r_5_1),
        (&other_staff, r_3_2),
        (&resident, r_5_1),
    ] {
        for step in ["approve", "decline"] {
            let response = who
                .post(
                    &format!("/join-requests/{request}/{step}"),
                    Some(&json!({ "reason": "不认识" })),
                    None,
                )
                .await;
            let refused = problem(response, StatusCode::NOT_FOUND).await;
            assert_eq!(refused.title, nothing.title);
        }
    }
    let pending: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM join_requests WHERE status = 'pending'")
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!(pending, 2);
}

#[tokio::test]
async fn sign_up_refusals_are_at_their_fields_in_the_users_language() {
    let app = spawn_app().await;
    let unit_3_1 = unit(&app, "3栋", "1单元").await;
    let send = |body: Value| {
        let app = &app;
        async move {
            let response = app
                .client
                .post(app.url("/api/v1/join"))
                .header("accept-language", "en")
                .json(&body)
                .send()
                .await
                .unwrap();
            let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
            problem
                .errors
                .into_iter()
                .map(|e| (e.field, e.code))
                .collect::<Vec<_>>()
        }
    };
    let fields = send(json!({
        "phone": "1234", "password": "short", "name": " ", "unit_id": unit_3_1, "door": "",
    }))
    .await;
    let names: Vec<&str> = fields.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(names, ["phone", "password", "name", "door"]);
    let common = send(json!({
        "phone": NEWCOMER, "password": "12345678", "name": "新邻居", "unit_id": unit_3_1, "door": "1201",
    }))
    .await;
    assert_eq!(common, [("password".to_owned(), "too_common".to_owned())]);
    let unit = send(sign_up_body(NEWCOMER, "新邻居", 999_999_999, "1201")).await;
    assert_eq!(unit, [("unit_id".to_owned(), "unknown".to_owned())]);
    let door = send(sign_up_body(NEWCOMER, "新邻居", unit_3_1, "9999")).await;
    assert_eq!(door, [("door".to_owned(), "unknown_door".to_owned())]);
    let taken = send(sign_up_body(RESIDENT, "王秀英", unit_3_1, "1502")).await;
    assert_eq!(taken, [("phone".to_owned(), "phone_taken".to_owned())]);
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE phone = $1")
        .bind(NEWCOMER)
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
    assert_eq!(users, 0);
}

#[tokio::test]
async fn sign_ups_are_limited_per_phone_and_per_address() {
    let app = spawn_app().await;
    let unit_3_1 = unit(&app, "3栋", "1单元").await;
    // Ten tries for one phone in an hour, then a wait.
    for _ in 0..10 {
        let response = sign_up(&app, &sign_up_body(RESIDENT, "王秀英", unit_3_1, "1502")).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let limited = sign_up(&app, &sign_up_body(RESIDENT, "王秀英", unit_3_1, "1502")).await;
    assert!(limited.headers().contains_key("retry-after"));
    assert_eq!(
        problem(limited, StatusCode::TOO_MANY_REQUESTS).await.code,
        "rate_limited"
    );
    // Sixty from one address, whatever the phones.
    for n in 10..60 {
        let phone = format!("139000001{n:02}");
        let response = sign_up(&app, &sign_up_body(&phone, "某", unit_3_1, "9999")).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{n}");
    }
    let limited = sign_up(&app, &sign_up_body("13900000199", "某", unit_3_1, "1201")).await;
    assert_eq!(
        problem(limited, StatusCode::TOO_MANY_REQUESTS).await.code,
        "rate_limited"
    );
}

#[tokio::test]
async fn places_and_invites_open_the_sign_up_for_a_building_until_renewed() {
    let app = spawn_app().await;
    let places: JoinPlaces = app
        .client
        .get(app.url("/api/v1/join/places"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let jingxiang = places
        .communities
        .iter()
        .find(|c| c.name == "井湘社区")
        .unwrap();
    assert_eq!(jingxiang.buildings.len(), 8);
    assert!(jingxiang.buildings.iter().all(|b| b.units.len() == 2));

    let head = Client::new(&app, BUILDING_HEAD).await;
    let unit_head = Client::new(&app, UNIT_HEAD).await;
    let staff = Client::new(&app, STAFF).await;
    let resident = Client::new(&app, RESIDENT).await;
    let invites: BuildingInvites = head.get_ok("/invites").await;
    assert_eq!(invites.items.len(), 1);
    let invite = &invites.items[0];
    assert_eq!(invite.building.name, "华盛世纪新城 3栋");
    assert!(invite.qr_svg.starts_with("<svg"));
    assert_eq!(invite.path, format!("/join/{}", invite.code));
    assert!(invite.url.ends_with(&invite.path));
    // The unit head of 3栋 1单元 shows the same 3栋 link; staff every building's.
    let unit_invites: BuildingInvites = unit_head.get_ok("/invites").await;
    assert_eq!(unit_invites.items.len(), 1);
    assert_eq!(unit_invites.items[0].code, invite.code);
    let staff_invites: BuildingInvites = staff.get_ok("/invites").await;
    assert_eq!(staff_invites.items.len(), 8);
    assert_eq!(
        resident.get("/invites").await.status(),
        StatusCode::FORBIDDEN
    );

    let target = |code: String| {
        let app = &app;
        async move {
            app.client
                .get(app.url(&format!("/api/v1/join/invites/{code}")))
                .send()
                .await
                .unwrap()
        }
    };
    let named: InviteTarget = target(invite.code.clone()).await.json().await.unwrap();
    assert_eq!(named.community.name, "井湘社区");
    assert_eq!(named.building.name, "华盛世纪新城 3栋");
    assert_eq!(named.building.units.len(), 2);

    let renewed = head
        .post(
            &format!("/buildings/{}/invite", invite.building.id),
            None,
            None,
        )
        .await;
    assert_eq!(renewed.status(), StatusCode::OK);
    let renewed: BuildingInvite = renewed.json().await.unwrap();
    assert_ne!(renewed.code, invite.code);
    assert_eq!(
        target(invite.code.clone()).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(target(renewed.code.clone()).await.status(), StatusCode::OK);

    // Another building is not theirs to renew: as if it did not exist.
    let building_5: i64 = sqlx::query_scalar(
        "SELECT id FROM buildings WHERE estate = '华盛世纪新城' AND name = '5栋'",
    )
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    let other = head
        .post(&format!("/buildings/{building_5}/invite"), None, None)
        .await;
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
}
