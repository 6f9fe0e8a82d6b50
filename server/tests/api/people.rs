//! 居民 directory and person page: heads see the people of their places only (accounts and
//! register members not on Linli), staff their whole community, another community nothing.

use linli_api_types::{PeoplePage, PersonDetail, PersonKind, PersonStatus};
use reqwest::StatusCode;

use crate::helpers::*;

pub async fn register_id(app: &TestApp, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM register_members WHERE name = $1")
        .bind(name)
        .fetch_one(&db(app).await.read)
        .await
        .unwrap()
}

fn names(page: &PeoplePage) -> Vec<&str> {
    page.items.iter().map(|p| p.name.as_str()).collect()
}

#[tokio::test]
async fn a_building_head_finds_only_the_people_of_their_building() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let page: PeoplePage = head.get_ok("/people").await;
    assert!(!page.items.is_empty());
    assert!(
        page.items.iter().all(|p| p.address.contains(" 3栋 ")),
        "{:?}",
        names(&page)
    );
    // Register members not on Linli are listed beside accounts.
    let huang = page
        .items
        .iter()
        .find(|p| p.name == "黄桂兰")
        .expect("黄桂兰 listed");
    assert_eq!(
        (huang.kind, huang.status),
        (PersonKind::Register, PersonStatus::NotJoined)
    );
    assert_eq!(huang.care_tags, vec!["高龄", "独居"]);
    assert_eq!(huang.reference, format!("r{}", huang.id));

    // 5栋's 陈丽华 and 邓玉珍 exist for staff, not for the head of 3栋.
    for name in ["陈丽华", "邓玉珍"] {
        let path = format!("/people?q={name}");
        let found: PeoplePage = head.get_ok(&path).await;
        assert!(found.items.is_empty(), "{name}");
    }
    let staff = Client::new(&app, STAFF).await;
    let found: PeoplePage = staff.get_ok("/people?q=陈丽华").await;
    assert_eq!(names(&found), vec!["陈丽华"]);
    let chen = &found.items[0];
    assert_eq!(chen.phone_masked, "138****0006");
    assert_eq!(chen.status, PersonStatus::Joined);
    assert_eq!(
        head.get(&format!("/people/u{}", chen.id)).await.status(),
        StatusCode::NOT_FOUND
    );
    let deng = register_id(&app, "邓玉珍").await;
    assert_eq!(
        head.get(&format!("/people/r{deng}")).await.status(),
        StatusCode::NOT_FOUND
    );

    // A room finds its household: 1502 is 王秀英 and 李德明 (not on Linli).
    let unit_head = Client::new(&app, UNIT_HEAD).await;
    let room: PeoplePage = unit_head.get_ok("/people?q=3栋1单元1502").await;
    let mut found = names(&room);
    found.sort_unstable();
    assert_eq!(found, vec!["李德明", "王秀英"]);
    // Wildcards are taken literally.
    let none: PeoplePage = staff.get_ok("/people?q=%25").await;
    assert!(none.items.is_empty());
}

#[tokio::test]
async fn residents_and_another_community_see_no_one() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    for who in [&resident, &volunteer] {
        assert_eq!(who.get("/people").await.status(), StatusCode::FORBIDDEN);
    }
    let other_staff = Client::new(&app, OTHER_STAFF).await;
    let page: PeoplePage = other_staff.get_ok("/people?q=王秀英").await;
    assert!(page.items.is_empty());
    let wang = user_id(&app, RESIDENT).await;
    let huang = register_id(&app, "黄桂兰").await;
    for path in [
        format!("/people/u{wang}"),
        format!("/people/r{huang}"),
        "/people/x1".into(),
    ] {
        assert_eq!(
            other_staff.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let staff = Client::new(&app, STAFF).await;
    let long = "王".repeat(41);
    let refused = problem(
        staff.get(&format!("/people?q={long}")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.field("q").unwrap().code, "too_long");
}

#[tokio::test]
async fn a_person_page_shows_household_register_entry_and_powers() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let wang = user_id(&app, RESIDENT).await;
    let page: PersonDetail = head.get_ok(&format!("/people/u{wang}")).await;
    assert_eq!(page.person.name, "王秀英");
    assert_eq!(page.phone, RESIDENT);
    assert!(page.on_register);
    assert_eq!(page.person.relation, "户主");
    let household: Vec<&str> = page.household.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(household, vec!["李德明"]);
    assert!(page.powers.issue_reset_code && !page.powers.manage_roles);
    assert!(page.services.is_empty());

    // A register member: their own page, and their household's account.
    let li = register_id(&app, "李德明").await;
    let page: PersonDetail = head.get_ok(&format!("/people/r{li}")).await;
    assert_eq!(page.person.kind, PersonKind::Register);
    assert_eq!(page.person.care_tags, vec!["高龄"]);
    assert!(page.phone.is_empty() && !page.powers.issue_reset_code);
    assert_eq!(page.household[0].reference, format!("u{wang}"));

    // Staff may change roles; nobody their own.
    let staff = Client::new(&app, STAFF).await;
    let page: PersonDetail = staff.get_ok(&format!("/people/u{wang}")).await;
    assert!(page.powers.manage_roles && page.powers.issue_reset_code);
    assert!(!page.services.is_empty());
    let own: PersonDetail = staff.get_ok(&format!("/people/u{}", staff.user_id)).await;
    assert!(!own.powers.manage_roles && !own.powers.issue_reset_code);
    // Heads do not see staff who live elsewhere.
    assert_eq!(
        head.get(&format!("/people/u{}", staff.user_id))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}
