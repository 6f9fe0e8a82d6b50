//! 微心愿: a resident's wish → a head publishes it → a volunteer claims and fulfils → the
//! resident thanks, which credits the claimer once. Integrity (nobody claims their own or
//! their household's wish, thanks by the claimer refused, a credit exactly once, two claims at
//! once have one winner, 代办 counts as the resident) and visibility (nothing across
//! communities; a pending wish is not on the board).

use linli_api_types::{
    SessionGrant, WishPage, WishStatus, WishView, WISHES_OPEN_MAX, WISH_POINTS_DEFAULT,
};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

async fn view(response: reqwest::Response, status: StatusCode) -> WishView {
    let got = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn post_wish(api: &Client<'_>, title: &str) -> WishView {
    let draft = json!({ "title": title, "text": "请帮帮忙" });
    view(
        api.post("/wishes", Some(&draft), None).await,
        StatusCode::CREATED,
    )
    .await
}

async fn step(api: &Client<'_>, id: i64, step: &str, body: Value) -> reqwest::Response {
    api.post(&format!("/wishes/{id}/{step}"), Some(&body), None)
        .await
}

async fn publish(api: &Client<'_>, id: i64) -> WishView {
    view(
        step(api, id, "review", json!({ "publish": true })).await,
        StatusCode::OK,
    )
    .await
}

async fn balance(api: &Client<'_>) -> i64 {
    let summary: Value = api.get_ok("/me/points").await;
    summary["balance"].as_i64().unwrap()
}

/// Clears the demo's wishes of 王秀英's household, so her cap leaves room for a test's.
async fn clear_wishes(app: &TestApp) {
    sqlx::query("UPDATE wishes SET status = 'withdrawn'")
        .execute(&db(app).await.write)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_wish_goes_from_the_resident_to_a_volunteer_and_thanks_credit_once() {
    let app = spawn_app().await;
    clear_wishes(&app).await;
    let resident = Client::new(&app, RESIDENT).await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let neighbour = Client::new(&app, RESIDENT_5).await;

    let wish = post_wish(&resident, "帮忙换灯泡").await;
    let id = wish.summary.id;
    assert_eq!(wish.summary.status, WishStatus::Pending);
    assert_eq!(wish.summary.points, WISH_POINTS_DEFAULT);
    assert!(wish.summary.mine && wish.actions.withdraw && !wish.actions.review);

    // Pending: not on the board, unseen by a neighbour of another building, in the head's queue.
    let board: WishPage = volunteer.get_ok("/wishes").await;
    assert!(board.items.iter().all(|w| w.id != id));
    assert_eq!(
        neighbour.get(&format!("/wishes/{id}")).await.status(),
        StatusCode::NOT_FOUND
    );
    let queue: WishPage = head.get_ok("/wishes/review").await;
    assert!(queue.items.iter().any(|w| w.id == id));
    let none: WishPage = volunteer.get_ok("/wishes/review").await;
    assert!(none.items.is_empty());
    // The resident cannot publish her own wish, a volunteer does not even see it; the head does.
    let refused = problem(
        step(&resident, id, "review", json!({ "publish": true })).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(refused.code, "wish_not_allowed");
    assert_eq!(
        step(&volunteer, id, "review", json!({ "publish": true }))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let published = publish(&head, id).await;
    assert_eq!(published.summary.status, WishStatus::Open);

    // On the board with the name masked; the volunteer claims.
    let board: WishPage = neighbour.get_ok("/wishes").await;
    let line = board
        .items
        .iter()
        .find(|w| w.id == id)
        .expect("on the board");
    assert_eq!(line.resident, "王*英");
    let claimed = view(
        step(&volunteer, id, "claim", json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(claimed.summary.status, WishStatus::Claimed);
    assert!(claimed.summary.claimed_by_me && claimed.actions.fulfil && claimed.actions.release);
    let mine: WishPage = volunteer.get_ok("/wishes/mine").await;
    assert!(mine.items.iter().any(|w| w.id == id && w.claimed_by_me));

    // Only the claimer fulfils, with a note; the claimer cannot thank.
    let refused = problem(
        step(&head, id, "fulfil", json!({ "note": "换好了" })).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(refused.code, "wish_not_allowed");
    let blank = problem(
        step(&volunteer, id, "fulfil", json!({ "note": " " })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(blank.errors[0].field, "note");
    let fulfilled = view(
        step(&volunteer, id, "fulfil", json!({ "note": "灯泡换好了" })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(fulfilled.summary.status, WishStatus::Fulfilled);
    assert_eq!(
        problem(
            step(&volunteer, id, "thanks", json!({})).await,
            StatusCode::FORBIDDEN
        )
        .await
        .code,
        "wish_not_allowed"
    );
    // Withdrawing is over once fulfilled.
    assert_eq!(
        problem(
            step(&resident, id, "withdraw", json!({})).await,
            StatusCode::CONFLICT
        )
        .await
        .code,
        "wish_wrong_status"
    );

    // The resident thanks: the claimer is credited once, under the same key or another.
    let before = balance(&volunteer).await;
    let body = json!({ "note": "谢谢小张！" });
    let first = resident
        .post(
            &format!("/wishes/{id}/thanks"),
            Some(&body),
            Some("thanks-1"),
        )
        .await;
    let thanked = view(first, StatusCode::OK).await;
    assert_eq!(thanked.summary.status, WishStatus::Thanked);
    let replay = resident
        .post(
            &format!("/wishes/{id}/thanks"),
            Some(&body),
            Some("thanks-1"),
        )
        .await;
    assert_eq!(replay.status(), StatusCode::OK);
    let again = problem(
        step(&resident, id, "thanks", json!({})).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(again.code, "wish_wrong_status");
    assert_eq!(balance(&volunteer).await, before + WISH_POINTS_DEFAULT);
    let credits: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ledger_transactions WHERE kind = 'wish_reward' AND link_id = $1",
    )
    .bind(id)
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    assert_eq!(credits, 1);
    let ledger: Value = volunteer.get_ok("/me/ledger").await;
    assert_eq!(ledger["items"][0]["kind"], "wish_reward");
    assert_eq!(ledger["items"][0]["link"]["kind"], "wish");
}

#[tokio::test]
async fn nobody_claims_their_own_or_their_households_wish() {
    let app = spawn_app().await;
    clear_wishes(&app).await;
    let db = db(&app).await;
    // 王秀英 volunteers now, and a volunteer moves into her household.
    sqlx::query("UPDATE users SET is_volunteer = 1 WHERE phone = $1")
        .bind(RESIDENT)
        .execute(&db.write)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO users (phone, name, password_hash, community_id, household_id, \
            is_volunteer, created_at) \
         SELECT '13611110000', '王小明', password_hash, community_id, household_id, 1, created_at \
         FROM users WHERE phone = $1",
    )
    .bind(RESIDENT)
    .execute(&db.write)
    .await
    .unwrap();
    let resident = Client::new(&app, RESIDENT).await;
    let son = Client::new(&app, "13611110000").await;
    let staff = Client::new(&app, STAFF).await;
    let stranger = Client::new(&app, OTHER_STAFF).await;
    let id = post_wish(&resident, "想要一本新华字典").await.summary.id;
    publish(&staff, id).await;
    for api in [&resident, &son] {
        let seen: WishView = api.get_ok(&format!("/wishes/{id}")).await;
        assert!(!seen.actions.claim);
        let refused = problem(
            step(api, id, "claim", json!({})).await,
            StatusCode::FORBIDDEN,
        )
        .await;
        assert_eq!(refused.code, "wish_own_household");
        assert!(refused.title.contains("您家"), "{}", refused.title);
    }
    // A non-volunteer is told why.
    let neighbour = Client::new(&app, RESIDENT_5).await;
    let refused = problem(
        step(&neighbour, id, "claim", json!({})).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(refused.code, "wish_not_volunteer");
    // Another community sees nothing: not on its board, not by id, not to claim.
    let board: WishPage = stranger.get_ok("/wishes").await;
    assert!(board.items.is_empty());
    assert_eq!(
        stranger.get(&format!("/wishes/{id}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        step(
            &stranger,
            id,
            "review",
            json!({ "publish": false, "reason": "x" })
        )
        .await
        .status(),
        StatusCode::NOT_FOUND
    );
    let status: String = sqlx::query_scalar("SELECT status FROM wishes WHERE id = $1")
        .bind(id)
        .fetch_one(&db.read)
        .await
        .unwrap();
    assert_eq!(status, "open");
}

#[tokio::test]
async fn a_head_does_not_review_their_households_wish_and_declines_with_a_reason() {
    let app = spawn_app().await;
    clear_wishes(&app).await;
    let head = Client::new(&app, BUILDING_HEAD).await.english();
    let staff = Client::new(&app, STAFF).await;
    let own = post_wish(&head, "帮忙修水龙头").await.summary.id;
    let refused = problem(
        step(&head, own, "review", json!({ "publish": true })).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(refused.code, "wish_own_household");
    let queue: WishPage = head.get_ok("/wishes/review").await;
    assert!(queue.items.iter().all(|w| w.id != own));
    // Declining needs a reason, said at the field in the user's language.
    let resident = Client::new(&app, RESIDENT).await;
    let id = post_wish(&resident, "想要一台电视").await.summary.id;
    let missing = problem(
        step(&head, id, "review", json!({ "publish": false })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(missing.errors[0].field, "reason");
    assert_eq!(missing.errors[0].message, "Say why the wish is declined");
    let declined = view(
        step(
            &staff,
            id,
            "review",
            json!({ "publish": false, "reason": "超出微心愿范围" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(declined.summary.status, WishStatus::Declined);
    let seen: WishView = resident.get_ok(&format!("/wishes/{id}")).await;
    assert_eq!(seen.decline_reason.as_deref(), Some("超出微心愿范围"));
    // Fields are checked at the field.
    let long = "长".repeat(31);
    let bad = problem(
        resident
            .post("/wishes", Some(&json!({ "title": long })), None)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(bad.errors[0].field, "title");
}

#[tokio::test]
async fn a_household_keeps_at_most_the_cap_of_wishes_in_progress() {
    let app = spawn_app().await;
    clear_wishes(&app).await;
    let resident = Client::new(&app, RESIDENT).await;
    let mut ids = Vec::new();
    for n in 0..WISHES_OPEN_MAX {
        ids.push(post_wish(&resident, &format!("心愿{n}")).await.summary.id);
    }
    let refused = problem(
        resident
            .post("/wishes", Some(&json!({ "title": "再许一个" })), None)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.code, "wishes_open_cap");
    // Withdrawing one makes room.
    let withdrawn = view(
        step(&resident, ids[0], "withdraw", json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(withdrawn.summary.status, WishStatus::Withdrawn);
    post_wish(&resident, "再许一个").await;
    // Pages continue after the last wish shown.
    let first: WishPage = resident.get_ok("/wishes/mine?limit=2").await;
    assert_eq!(first.items.len(), 2);
    let next = first.next.expect("a second page");
    let second: WishPage = resident
        .get_ok(&format!("/wishes/mine?limit=2&after={next}"))
        .await;
    assert!(second
        .items
        .iter()
        .all(|w| first.items.iter().all(|f| f.id != w.id)));
    assert_eq!(
        resident.get("/wishes/mine?after=nonsense").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn two_volunteers_claiming_at_once_have_one_winner() {
    let app = spawn_app().await;
    clear_wishes(&app).await;
    let resident = Client::new(&app, RESIDENT).await;
    let staff = Client::new(&app, STAFF).await;
    let first = Client::new(&app, VOLUNTEER).await;
    let second = Client::new(&app, LEGAL_VOLUNTEER).await;
    for round in 0..10 {
        let id = post_wish(&resident, &format!("一起抢{round}"))
            .await
            .summary
            .id;
        publish(&staff, id).await;
        let (a, b) = tokio::join!(
            step(&first, id, "claim", json!({})),
            step(&second, id, "claim", json!({}))
        );
        let mut statuses = [a.status(), b.status()];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::CONFLICT],
            "round {round}"
        );
        let loser = if a.status() == StatusCode::CONFLICT {
            a
        } else {
            b
        };
        let refused: linli_api_types::Problem = loser.json().await.unwrap();
        assert_eq!(refused.code, "wish_taken");
        step(&resident, id, "withdraw", json!({})).await;
    }
}

/// `actor` starts 代办 for 王秀英: a client speaking for her.
async fn acting_for_wang<'a>(actor: &Client<'a>) -> Client<'a> {
    let wang = user_id(actor.app, RESIDENT).await;
    let response = actor
        .post(
            "/proxy/sessions",
            Some(&json!({ "kind": "account", "id": wang })),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let grant: SessionGrant = response.json().await.unwrap();
    let mut client = Client::new(actor.app, RESIDENT).await;
    client.token = grant.token;
    client
}

#[tokio::test]
async fn whoever_acts_by_proxy_counts_as_the_resident() {
    let app = spawn_app().await;
    clear_wishes(&app).await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let staff = Client::new(&app, STAFF).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;

    // 刘伟忠 posts for 王秀英: he may neither publish nor claim it.
    let acting = acting_for_wang(&head).await;
    let id = post_wish(&acting, "陪老人去医院复查").await.summary.id;
    assert_eq!(
        acting.get("/wishes/review").await.status(),
        StatusCode::FORBIDDEN
    );
    head.delete("/proxy/current", None).await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let refused = problem(
        step(&head, id, "review", json!({ "publish": true })).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(refused.code, "wish_by_proxy");
    publish(&staff, id).await;
    let refused = problem(
        step(&head, id, "claim", json!({})).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(refused.code, "wish_by_proxy");

    // 张建国 fulfils; 刘伟忠 thanks for her by 代办, and the page says so.
    step(&volunteer, id, "claim", json!({})).await;
    step(&volunteer, id, "fulfil", json!({ "note": "已陪同复查" })).await;
    let acting = acting_for_wang(&head).await;
    let thanked = view(step(&acting, id, "thanks", json!({})).await, StatusCode::OK).await;
    assert_eq!(thanked.summary.status, WishStatus::Thanked);
    assert_eq!(thanked.acted_by.as_deref(), Some("由 刘伟忠 代办"));
    head.delete("/proxy/current", None).await;

    // The claimer acting for the resident cannot thank (and so pay) themself.
    let resident = Client::new(&app, RESIDENT).await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let id = post_wish(&resident, "帮忙搬花盆").await.summary.id;
    publish(&staff, id).await;
    view(step(&head, id, "claim", json!({})).await, StatusCode::OK).await;
    view(
        step(&head, id, "fulfil", json!({ "note": "搬好了" })).await,
        StatusCode::OK,
    )
    .await;
    let acting = acting_for_wang(&head).await;
    let refused = problem(
        step(&acting, id, "thanks", json!({})).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(refused.code, "wish_by_proxy");
}

#[tokio::test]
async fn a_volunteer_whose_flag_is_removed_gives_back_claimed_wishes() {
    let app = spawn_app().await;
    clear_wishes(&app).await;
    let resident = Client::new(&app, RESIDENT).await;
    let staff = Client::new(&app, STAFF).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let id = post_wish(&resident, "帮忙取药").await.summary.id;
    publish(&staff, id).await;
    view(
        step(&volunteer, id, "claim", json!({})).await,
        StatusCode::OK,
    )
    .await;
    let response = staff
        .put(
            &format!("/members/{}/volunteer", volunteer.user_id),
            Some(&json!({ "volunteer": false })),
            None,
        )
        .await;
    assert!(response.status().is_success(), "{}", response.status());
    let seen: WishView = resident.get_ok(&format!("/wishes/{id}")).await;
    assert_eq!(seen.summary.status, WishStatus::Open);
    assert_eq!(seen.summary.claimer, None);
    // Nor can they take it again.
    let refused = problem(
        step(&volunteer, id, "claim", json!({})).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(refused.code, "wish_not_volunteer");
}

#[tokio::test]
async fn thanks_sent_twice_at_once_credit_once() {
    let app = spawn_app().await;
    clear_wishes(&app).await;
    let resident = Client::new(&app, RESIDENT).await;
    let staff = Client::new(&app, STAFF).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let before = balance(&volunteer).await;
    for round in 0..5 {
        let id = post_wish(&resident, &format!("帮忙修椅子{round}"))
            .await
            .summary
            .id;
        publish(&staff, id).await;
        step(&volunteer, id, "claim", json!({})).await;
        step(&volunteer, id, "fulfil", json!({ "note": "修好了" })).await;
        let path = format!("/wishes/{id}/thanks");
        let body = json!({ "note": "谢谢" });
        let (key_a, key_b) = (format!("a-{round}"), format!("b-{round}"));
        let (a, b) = tokio::join!(
            resident.post(&path, Some(&body), Some(&key_a)),
            resident.post(&path, Some(&body), Some(&key_b))
        );
        let mut statuses = [a.status(), b.status()];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::CONFLICT],
            "round {round}"
        );
    }
    assert_eq!(balance(&volunteer).await, before + 5 * WISH_POINTS_DEFAULT);
}

#[tokio::test]
async fn a_wish_and_its_fulfilment_carry_a_photo_seen_only_by_who_sees_the_wish() {
    let app = spawn_app().await;
    clear_wishes(&app).await;
    let resident = Client::new(&app, RESIDENT).await;
    let staff = Client::new(&app, STAFF).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let stranger = Client::new(&app, OTHER_STAFF).await;
    let neighbour = Client::new(&app, RESIDENT_5).await;
    let photo = crate::photos::upload_jpeg(&resident).await;
    // Someone else's upload cannot be named.
    let refused = problem(
        volunteer
            .post(
                "/wishes",
                Some(&json!({ "title": "借用照片", "photo_id": photo })),
                None,
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.errors[0].field, "photo_id");
    let wish = view(
        resident
            .post(
                "/wishes",
                Some(&json!({ "title": "门锁坏了", "photo_id": photo })),
                None,
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    let id = wish.summary.id;
    let shown = wish.photo.expect("the photo");
    assert_eq!(shown.path, format!("/wishes/{id}/photos/{photo}"));
    // Pending: the neighbour does not see it, nor its photo.
    assert_eq!(
        neighbour.get(&shown.path).await.status(),
        StatusCode::NOT_FOUND
    );
    publish(&staff, id).await;
    assert_eq!(neighbour.get(&shown.path).await.status(), StatusCode::OK);
    assert_eq!(
        neighbour.get(&shown.thumb_path).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        stranger.get(&shown.path).await.status(),
        StatusCode::NOT_FOUND
    );
    // The photo is the wish's only: not reachable under another wish.
    let other = post_wish(&resident, "另一个心愿").await.summary.id;
    assert_eq!(
        resident
            .get(&format!("/wishes/{other}/photos/{photo}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    // The fulfilment's photo, by the claimer.
    step(&volunteer, id, "claim", json!({})).await;
    let done_photo = crate::photos::upload_jpeg(&volunteer).await;
    let fulfilled = view(
        step(
            &volunteer,
            id,
            "fulfil",
            json!({ "note": "换好了", "photo_id": done_photo }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let after = fulfilled.fulfil_photo.expect("the fulfilment photo");
    assert_eq!(resident.get(&after.path).await.status(), StatusCode::OK);
}
