//! 服务管理 and 礼品管理: staff create, edit, pause and resume services (opening times, prices
//! within the policy, volunteers of the community only) and create, edit and retire rewards;
//! placed orders and issued vouchers keep what they were made with; stock never goes below
//! zero however edits and redemptions race.

use linli_api_types::{
    LedgerKind, ManagedReward, ManagedService, Problem, Reward, ServiceAdmin, ServiceMenu,
};
use linli_server::features::points::ledger::{self, Account, Memo, Transfer};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::orders::{asap, service_id};

fn service_body(name: &str) -> Value {
    json!({
        "name": name,
        "category": "daily_life",
        "provider_name": "爱心缝补队",
        "description": "缝扣子、改裤脚。",
        "points_price": 10,
        "volunteer_points": 15,
        "duration_minutes": 60,
        "opening": [
            { "weekday": 2, "start_minute": 540, "end_minute": 720 },
            { "weekday": 4, "start_minute": 840, "end_minute": 1020 },
        ],
        "volunteer_ids": [],
    })
}

impl Client<'_> {
    async fn json_as<T: serde::de::DeserializeOwned>(
        response: reqwest::Response,
        status: StatusCode,
    ) -> T {
        let got = response.status();
        let text = response.text().await.unwrap();
        assert_eq!(got, status, "{text}");
        serde_json::from_str(&text).unwrap()
    }

    async fn create_service(&self, body: &Value, key: &str) -> ManagedService {
        Self::json_as(
            self.post("/manage/services", Some(body), Some(key)).await,
            StatusCode::CREATED,
        )
        .await
    }

    async fn edit_service(&self, id: i64, body: &Value) -> ManagedService {
        Self::json_as(
            self.put(&format!("/manage/services/{id}"), Some(body), None)
                .await,
            StatusCode::OK,
        )
        .await
    }

    async fn pause_service(&self, id: i64, paused: bool) -> ManagedService {
        Self::json_as(
            self.put(
                &format!("/manage/services/{id}/paused"),
                Some(&json!({ "paused": paused })),
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await
    }

    async fn menu_names(&self) -> Vec<String> {
        let menu: ServiceMenu = self.get_ok("/services").await;
        menu.groups
            .iter()
            .flat_map(|g| g.services.iter().map(|s| s.name.clone()))
            .collect()
    }
}

fn field_codes(problem: &Problem) -> Vec<(String, String)> {
    problem
        .errors
        .iter()
        .map(|e| (e.field.clone(), e.code.clone()))
        .collect()
}

#[tokio::test]
async fn staff_create_edit_pause_and_resume_a_service_and_residents_see_it_at_once() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let resident = Client::new(&app, RESIDENT).await;
    let volunteer = user_id(&app, VOLUNTEER).await;
    let mut body = service_body("缝补衣物");
    body["volunteer_ids"] = json!([volunteer]);

    let created = staff.create_service(&body, "create-1").await;
    assert_eq!(
        (
            created.name.as_str(),
            created.provider_name.as_str(),
            created.points_price
        ),
        ("缝补衣物", "爱心缝补队", 10)
    );
    assert_eq!(created.volunteer_ids, vec![volunteer]);
    assert_eq!(created.opening.len(), 2);
    let change = created.last_change.clone().unwrap();
    assert_eq!(
        (change.action.as_str(), change.by.name.as_str()),
        ("created", "许各利")
    );
    // A retry with the same key adds nothing.
    let again = staff.create_service(&body, "create-1").await;
    assert_eq!(again.id, created.id);
    let admin: ServiceAdmin = staff.get_ok("/manage/services").await;
    assert_eq!(
        admin
            .services
            .iter()
            .filter(|s| s.name == "缝补衣物")
            .count(),
        1
    );
    assert!(admin.providers.contains(&"爱心缝补队".to_owned()));
    assert!(admin.volunteers.iter().any(|v| v.id == volunteer));
    assert_eq!(admin.points_per_hour, 20);
    assert!(resident.menu_names().await.contains(&"缝补衣物".to_owned()));
    // The volunteer now offers it.
    let offers: Vec<Value> = staff
        .get_ok(&format!("/services/{}/volunteers", created.id))
        .await;
    assert_eq!(offers[0]["id"], volunteer);

    // Rename, new price, new hours, nobody offering it.
    let mut edit = service_body("缝补改衣");
    edit["points_price"] = json!(12);
    edit["opening"] = json!([{ "weekday": 6, "start_minute": 600, "end_minute": 660 }]);
    let edited = staff.edit_service(created.id, &edit).await;
    assert_eq!(
        (
            edited.name.as_str(),
            edited.points_price,
            edited.opening[0].weekday
        ),
        ("缝补改衣", 12, 6)
    );
    assert!(edited.volunteer_ids.is_empty());
    let names = resident.menu_names().await;
    assert!(names.contains(&"缝补改衣".to_owned()) && !names.contains(&"缝补衣物".to_owned()));
    let detail: Value = resident.get_ok(&format!("/services/{}", created.id)).await;
    assert_eq!(detail["service"]["points_price"], 12);

    // Paused: off the menu, not orderable, its page gone; resumed: back.
    let paused = staff.pause_service(created.id, true).await;
    assert!(paused.paused);
    assert!(!resident.menu_names().await.contains(&"缝补改衣".to_owned()));
    problem(
        resident.get(&format!("/services/{}", created.id)).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let refused = problem(
        resident
            .post("/orders", Some(&asap(created.id)), None)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.errors[0].field, "service_id");
    // Pausing again records nothing more; staff still see it, paused.
    staff.pause_service(created.id, true).await;
    let admin: ServiceAdmin = staff.get_ok("/manage/services").await;
    assert!(admin
        .services
        .iter()
        .any(|s| s.id == created.id && s.paused));
    let resumed = staff.pause_service(created.id, false).await;
    assert!(!resumed.paused);
    assert!(resident.menu_names().await.contains(&"缝补改衣".to_owned()));

    let actions: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.action, u.name FROM service_changes c JOIN users u ON u.id = c.changed_by \
         WHERE c.service_id = $1 ORDER BY c.id",
    )
    .bind(created.id)
    .fetch_all(&db(&app).await.read)
    .await
    .unwrap();
    let actions: Vec<&str> = actions.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(actions, ["created", "edited", "paused", "resumed"]);
}

#[tokio::test]
async fn opening_times_prices_and_volunteer_points_are_checked_at_their_fields() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let mut body = service_body("法律咨询");
    body["points_price"] = json!(501);
    body["volunteer_points"] = json!(21);
    body["opening"] = json!([
        { "weekday": 2, "start_minute": 540, "end_minute": 720 },
        { "weekday": 2, "start_minute": 700, "end_minute": 800 },
        { "weekday": 3, "start_minute": 720, "end_minute": 540 },
    ]);
    let refused = problem(
        staff.post("/manage/services", Some(&body), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        field_codes(&refused),
        vec![
            ("points_price".into(), "out_of_range".into()),
            ("volunteer_points".into(), "beyond_policy".into()),
            ("opening[1]".into(), "overlaps".into()),
            ("opening[2]".into(), "start_after_end".into()),
        ]
    );
    let limit = refused.field("volunteer_points").unwrap();
    assert!(limit.message.contains("最多20分"), "{}", limit.message);
    // The name is checked against the community's menu once the rest is right.
    let taken = problem(
        staff
            .post("/manage/services", Some(&service_body("法律咨询")), None)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field_codes(&taken), vec![("name".into(), "taken".into())]);

    // In English, and a longer service may pay more.
    let staff_en = Client::new(&app, STAFF).await.english();
    let mut longer = service_body("陪诊");
    longer["duration_minutes"] = json!(90);
    longer["volunteer_points"] = json!(31);
    let refused = problem(
        staff_en.post("/manage/services", Some(&longer), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(refused
        .field("volunteer_points")
        .unwrap()
        .message
        .contains("at most 30"));
    longer["volunteer_points"] = json!(30);
    staff.create_service(&longer, "longer").await;

    // The policy is the community's: a lower hourly rate lowers the bound.
    let policy = json!({ "points_per_hour": 10, "correction_approval_threshold": 200 });
    assert_eq!(
        staff
            .put("/community/policy", Some(&policy), None)
            .await
            .status(),
        StatusCode::OK
    );
    let mut lower = service_body("理发上门");
    lower["volunteer_points"] = json!(11);
    let refused = problem(
        staff.post("/manage/services", Some(&lower), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.errors[0].code, "beyond_policy");
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM services WHERE name IN ('法律咨询', '理发上门')")
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!(stored, 1, "only the demo's 法律咨询 is stored");
}

#[tokio::test]
async fn only_volunteers_of_the_community_may_offer_a_service() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let plain_resident = user_id(&app, RESIDENT_5).await;
    let other_community = user_id(&app, OTHER_RESIDENT).await;
    let mut body = service_body("缝补衣物");
    body["volunteer_ids"] = json!([plain_resident]);
    let refused = problem(
        staff.post("/manage/services", Some(&body), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        field_codes(&refused),
        vec![("volunteer_ids".into(), "not_volunteer".into())]
    );
    assert!(refused.errors[0].message.contains("陈丽华"));
    // Another community's member is as unknown as nobody at all.
    let mut answers = Vec::new();
    for id in [other_community, 999_999_999] {
        body["volunteer_ids"] = json!([id]);
        let response = staff.post("/manage/services", Some(&body), None).await;
        answers.push((response.status(), response.text().await.unwrap()));
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0].0, StatusCode::UNPROCESSABLE_ENTITY);
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM services WHERE name = '缝补衣物'")
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
    assert_eq!(stored, 0);

    // Editing another community's service is as if it did not exist.
    let other_staff = Client::new(&app, OTHER_STAFF).await;
    let ours = service_id(&app, "水电维修").await;
    let theirs = other_staff
        .put(
            &format!("/manage/services/{ours}"),
            Some(&service_body("改名")),
            None,
        )
        .await;
    let nothing = other_staff
        .put(
            "/manage/services/999999999",
            Some(&service_body("改名")),
            None,
        )
        .await;
    assert_eq!(theirs.status(), StatusCode::NOT_FOUND);
    assert_eq!(theirs.text().await.unwrap(), nothing.text().await.unwrap());
    let name: String = sqlx::query_scalar("SELECT name FROM services WHERE id = $1")
        .bind(ours)
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
    assert_eq!(name, "水电维修");
}

#[tokio::test]
async fn an_edit_or_a_pause_does_not_change_an_order_already_placed() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let resident = Client::new(&app, RESIDENT).await;
    let plumbing = service_id(&app, "水电维修").await;
    let admin: ServiceAdmin = staff.get_ok("/manage/services").await;
    let before = admin
        .services
        .iter()
        .find(|s| s.id == plumbing)
        .unwrap()
        .clone();
    let order = resident.place_order(&asap(plumbing)).await;
    assert_eq!(order.points, 30);

    let mut edit = service_body("水电维修（新）");
    edit["category"] = json!("other");
    edit["provider_name"] = json!("物业维修班");
    edit["points_price"] = json!(50);
    edit["volunteer_points"] = json!(20);
    edit["volunteer_ids"] = json!(before.volunteer_ids);
    staff.edit_service(plumbing, &edit).await;
    staff.pause_service(plumbing, true).await;

    let after = resident.order(order.id).await;
    assert_eq!(after.service.name, "水电维修");
    assert_eq!(after.service.provider_name, "社区党群服务中心");
    assert_eq!(
        serde_json::to_value(after.service.category).unwrap(),
        "repair"
    );
    assert_eq!((after.points, after.volunteer_points), (30, 30));
    let stored: (i64, i64, String) =
        sqlx::query_as("SELECT points, volunteer_points, service_name FROM orders WHERE id = $1")
            .bind(order.id)
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!(stored, (30, 30, "水电维修".to_owned()));
    // The order goes on: staff still dispatch it.
    let volunteer = user_id(&app, VOLUNTEER).await;
    sqlx::query("INSERT INTO volunteer_services (user_id, service_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(volunteer)
        .bind(plumbing)
        .execute(&db(&app).await.write)
        .await
        .unwrap();
    staff
        .step(
            order.id,
            "assign",
            Some(&json!({ "volunteer_id": volunteer })),
        )
        .await;
}

/// `amount` points to `user` from the fund, as the ledger writes them.
async fn grant(app: &TestApp, user: i64, amount: i64) {
    let db = db(app).await;
    let community_id: i64 = sqlx::query_scalar("SELECT community_id FROM users WHERE id = $1")
        .bind(user)
        .fetch_one(&db.read)
        .await
        .unwrap();
    let mut tx = db.write.begin().await.unwrap();
    ledger::transfer(
        &mut tx,
        &Transfer {
            community_id,
            from: Account::Fund(community_id),
            to: Account::Member(user),
            amount,
            memo: Memo::new(LedgerKind::Opening, "测试兑换"),
            actor_id: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn create_reward(staff: &Client<'_>, name: &str, points: i64, stock: i64) -> ManagedReward {
    let body =
        json!({ "name": name, "description": "社区超市提供", "points": points, "stock": stock });
    let response = staff
        .post(
            "/manage/rewards",
            Some(&body),
            Some(&format!("reward-{points}-{stock}")),
        )
        .await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{text}");
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn staff_create_edit_and_retire_rewards_and_vouchers_issued_stay_valid() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let resident = Client::new(&app, RESIDENT).await;
    grant(&app, resident.user_id, 500).await;

    let soap = create_reward(&staff, "洗衣皂", 15, 10).await;
    assert_eq!((soap.points, soap.stock, soap.retired), (15, 10, false));
    let catalogue: Vec<Reward> = resident.get_ok("/rewards").await;
    assert!(catalogue.iter().any(|r| r.id == soap.id && r.points == 15));
    let voucher: Value = resident
        .post(
            &format!("/rewards/{}/redemptions", soap.id),
            None,
            Some("redeem-1"),
        )
        .await
        .json()
        .await
        .unwrap();

    // New price and name, three more on the shelf (10 seen, one redeemed since: 12 left).
    let edit = json!({ "name": "洗衣皂（大）", "description": "", "points": 20, "stock": 13, "stock_seen": 10 });
    let response = staff
        .put(
            &format!("/manage/rewards/{}", soap.id),
            Some(&edit),
            Some("edit-1"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let edited: ManagedReward = response.json().await.unwrap();
    assert_eq!(
        (
            edited.name.as_str(),
            edited.points,
            edited.stock,
            edited.vouchers_open
        ),
        ("洗衣皂（大）", 20, 12, 1)
    );
    // A retry of the same edit adds nothing more.
    let replay: ManagedReward = staff
        .put(
            &format!("/manage/rewards/{}", soap.id),
            Some(&edit),
            Some("edit-1"),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(replay.stock, 12);
    // Taking away more than is left is refused at the stock, saying how many are left.
    let too_many = json!({ "name": "洗衣皂", "points": 20, "stock": 0, "stock_seen": 20 });
    let refused = problem(
        staff
            .put(
                &format!("/manage/rewards/{}", soap.id),
                Some(&too_many),
                Some("edit-2"),
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.errors[0].code, "stock_changed");
    assert!(refused.errors[0].message.contains("12"));

    // Retired: off the catalogue, not redeemable; the voucher issued stays valid.
    let response = staff
        .put(
            &format!("/manage/rewards/{}/retired", soap.id),
            Some(&json!({ "retired": true })),
            None,
        )
        .await;
    let retired: ManagedReward = response.json().await.unwrap();
    assert!(retired.retired);
    let catalogue: Vec<Reward> = resident.get_ok("/rewards").await;
    assert!(!catalogue.iter().any(|r| r.id == soap.id));
    let refused = problem(
        resident
            .post(
                &format!("/rewards/{}/redemptions", soap.id),
                None,
                Some("redeem-2"),
            )
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(refused.code, "reward_retired");
    let code = voucher["code"].as_str().unwrap();
    let used = staff
        .put(&format!("/vouchers/{code}/used"), None, None)
        .await;
    assert_eq!(used.status(), StatusCode::OK);
    let used: Value = used.json().await.unwrap();
    assert_eq!(
        (used["reward_name"].as_str(), used["points"].as_i64()),
        (Some("洗衣皂"), Some(15))
    );

    let changes: Vec<(String, i64)> = sqlx::query_as(
        "SELECT action, stock_change FROM reward_changes WHERE reward_id = $1 ORDER BY id",
    )
    .bind(soap.id)
    .fetch_all(&db(&app).await.read)
    .await
    .unwrap();
    assert_eq!(
        changes,
        vec![
            ("created".to_owned(), 10),
            ("edited".to_owned(), 3),
            ("retired".to_owned(), 0)
        ]
    );

    // Bad fields, and another community's staff find nothing to change.
    let refused = problem(
        staff
            .post(
                "/manage/rewards",
                Some(&json!({ "name": " ", "points": 0, "stock": -1 })),
                None,
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        field_codes(&refused),
        vec![
            ("name".into(), "required".into()),
            ("points".into(), "out_of_range".into()),
            ("stock".into(), "out_of_range".into()),
        ]
    );
    let other_staff = Client::new(&app, OTHER_STAFF).await;
    let response = other_staff
        .put(
            &format!("/manage/rewards/{}/retired", soap.id),
            Some(&json!({ "retired": false })),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let theirs: Vec<ManagedReward> = other_staff.get_ok("/manage/rewards").await;
    assert!(!theirs.iter().any(|r| r.id == soap.id));
}

#[tokio::test]
async fn stock_never_goes_below_zero_when_edits_and_redemptions_race() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let resident = Client::new(&app, RESIDENT).await;
    grant(&app, resident.user_id, 1_000).await;
    let rice = create_reward(&staff, "大米", 10, 5).await;

    // Eight redemptions and staff taking four off the shelf, all at once.
    let mut burst = tokio::task::JoinSet::new();
    for i in 0..8 {
        let request = resident.request(
            Method::POST,
            &format!("/rewards/{}/redemptions", rice.id),
            Some(&format!("race-{i}")),
        );
        burst.spawn(async move { ("redeem", request.send().await.unwrap().status()) });
    }
    let take_four = staff
        .request(
            Method::PUT,
            &format!("/manage/rewards/{}", rice.id),
            Some("take-4"),
        )
        .json(&json!({ "name": "大米", "points": 10, "stock": 1, "stock_seen": 5 }));
    burst.spawn(async move { ("edit", take_four.send().await.unwrap().status()) });
    let answers = burst.join_all().await;

    let redeemed = answers
        .iter()
        .filter(|(what, s)| *what == "redeem" && *s == StatusCode::CREATED)
        .count() as i64;
    let taken = answers
        .iter()
        .any(|(what, s)| *what == "edit" && *s == StatusCode::OK);
    let stock: i64 = sqlx::query_scalar("SELECT stock FROM rewards WHERE id = $1")
        .bind(rice.id)
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
    assert!(stock >= 0);
    assert_eq!(
        redeemed + if taken { 4 } else { 0 } + stock,
        5,
        "{answers:?}"
    );
    let vouchers: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM vouchers WHERE reward_id = $1")
        .bind(rice.id)
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
    assert_eq!(vouchers, redeemed);
    assert!(answers.iter().all(|(_, s)| [
        StatusCode::CREATED,
        StatusCode::OK,
        StatusCode::CONFLICT,
        StatusCode::UNPROCESSABLE_ENTITY
    ]
    .contains(s)));
}
