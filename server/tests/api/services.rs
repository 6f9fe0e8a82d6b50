//! The service menu: by community and category, form defaults, bookable slots, and who may
//! see the volunteers of a service.

use chrono::{Datelike, FixedOffset, Timelike, Utc};
use linli_api_types::{
    ServiceCategory, ServiceDetail, ServiceMenu, ServiceSlots, ServiceVolunteer,
};
use linli_server::features::points::ledger::{self, Account};
use reqwest::StatusCode;

use crate::helpers::*;
use crate::orders::service_id;

#[tokio::test]
async fn the_menu_lists_my_communitys_services_by_category() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let menu: ServiceMenu = resident.get("/services").await.json().await.unwrap();
    let categories: Vec<ServiceCategory> = menu.groups.iter().map(|g| g.category).collect();
    assert_eq!(
        categories,
        vec![
            ServiceCategory::Repair,
            ServiceCategory::Legal,
            ServiceCategory::Counselling,
            ServiceCategory::ElderCare,
            ServiceCategory::AfterSchool,
            ServiceCategory::DailyLife,
            ServiceCategory::Other,
        ]
    );
    let legal = &menu.groups[1].services[0];
    assert_eq!(
        (legal.name.as_str(), legal.provider.name.as_str()),
        ("法律咨询", "红帆驿站")
    );
    assert_eq!(legal.points_price, 0);
    let hours: Vec<(u8, u16, u16)> = legal
        .opening
        .iter()
        .map(|p| (p.weekday, p.start_minute, p.end_minute))
        .collect();
    assert_eq!(hours, vec![(5, 540, 720), (5, 840, 1020)]);
    let repairs: Vec<(&str, i64)> = menu.groups[0]
        .services
        .iter()
        .map(|s| (s.name.as_str(), s.points_price))
        .collect();
    assert_eq!(repairs, vec![("家电维修", 30), ("水电维修", 30)]);

    // Another community's resident sees their own menu, and not ours.
    let other = Client::new(&app, OTHER_RESIDENT).await;
    let theirs: ServiceMenu = other.get("/services").await.json().await.unwrap();
    assert_eq!(theirs.groups.len(), 1);
    assert_eq!(
        theirs.groups[0].services[0].provider.name,
        "通化街社区服务站"
    );
    let ours = service_id(&app, "法律咨询").await;
    problem(
        other.get(&format!("/services/{ours}")).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    problem(resident.get("/services/nope").await, StatusCode::NOT_FOUND).await;
    problem(resident.get("/services/99999").await, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn a_service_brings_the_order_forms_defaults() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let plumbing = service_id(&app, "水电维修").await;
    let detail: ServiceDetail = resident
        .get(&format!("/services/{plumbing}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail.service.name, "水电维修");
    assert_eq!(
        detail.default_address.as_deref(),
        Some("华盛世纪新城 3栋 1单元 1502")
    );
    assert_eq!(detail.default_phone, RESIDENT);
    assert!(!detail.i_offer);
    let balance = ledger::balance(&db(&app).await.read, Account::Member(resident.user_id))
        .await
        .unwrap();
    assert_eq!(detail.my_points, balance);
    assert!(
        detail.my_points >= 30,
        "the demo resident can afford a repair"
    );

    let volunteer = Client::new(&app, VOLUNTEER).await;
    let detail: ServiceDetail = volunteer
        .get(&format!("/services/{plumbing}"))
        .await
        .json()
        .await
        .unwrap();
    assert!(detail.i_offer);
}

#[tokio::test]
async fn slots_are_future_hours_within_the_opening_times() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let legal = service_id(&app, "法律咨询").await;
    let slots: ServiceSlots = resident
        .get(&format!("/services/{legal}/slots?days=14"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(slots.service_id, legal);
    // Two Fridays in 14 days, 6 hours each (less any already past today).
    assert!(
        (6..=12).contains(&slots.slots.len()),
        "{}",
        slots.slots.len()
    );
    let shanghai = FixedOffset::east_opt(8 * 3600).unwrap();
    for slot in &slots.slots {
        let local = slot.start.with_timezone(&shanghai);
        assert_eq!(local.weekday(), chrono::Weekday::Fri);
        assert!([9, 10, 11, 14, 15, 16].contains(&local.hour()));
        assert_eq!(local.minute(), 0);
        assert!(slot.start > Utc::now());
        assert_eq!(slot.end - slot.start, chrono::Duration::hours(1));
    }
    assert!(slots.slots.windows(2).all(|w| w[0].start < w[1].start));

    // 上门代办 is by arrangement: no slots, "as soon as possible" only.
    let errands = service_id(&app, "上门代办").await;
    let none: ServiceSlots = resident
        .get(&format!("/services/{errands}/slots"))
        .await
        .json()
        .await
        .unwrap();
    assert!(none.slots.is_empty());

    for days in ["0", "31", "abc"] {
        let response = resident
            .get(&format!("/services/{legal}/slots?days={days}"))
            .await;
        let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(problem.field("days").unwrap().code, "bad_format");
    }
}

#[tokio::test]
async fn staff_see_the_volunteers_offering_a_service() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let plumbing = service_id(&app, "水电维修").await;
    let volunteers: Vec<ServiceVolunteer> = staff
        .get(&format!("/services/{plumbing}/volunteers"))
        .await
        .json()
        .await
        .unwrap();
    let mut names: Vec<&str> = volunteers.iter().map(|v| v.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, vec!["刘伟忠", "张建国"]);
    let zhang = volunteers.iter().find(|v| v.name == "张建国").unwrap();
    assert_eq!(
        zhang.active_orders, 1,
        "the seeded 助老陪诊 dispatched to him"
    );

    let resident = Client::new(&app, RESIDENT).await;
    problem(
        resident
            .get(&format!("/services/{plumbing}/volunteers"))
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    problem(
        volunteer
            .get(&format!("/services/{plumbing}/volunteers"))
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[tokio::test]
async fn the_service_and_order_endpoints_need_a_session() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/services",
        "/api/v1/services/1",
        "/api/v1/services/1/slots",
        "/api/v1/me/orders",
        "/api/v1/orders/1",
        "/api/v1/dispatch/queue",
        "/api/v1/volunteer/orders",
    ] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        problem(response, StatusCode::UNAUTHORIZED).await;
    }
    for path in [
        "/api/v1/orders",
        "/api/v1/orders/1/cancel",
        "/api/v1/orders/1/accept",
    ] {
        let response = app
            .client
            .post(app.url(path))
            .json(&serde_json::json!({ "service_id": 1 }))
            .send()
            .await
            .unwrap();
        problem(response, StatusCode::UNAUTHORIZED).await;
    }
}
