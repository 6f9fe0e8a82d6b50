use linli_api_types::{codes, Me, Role, ScopeKind};
use reqwest::StatusCode;

use crate::helpers::*;

async fn me_of(app: &TestApp, phone: &str) -> Me {
    let grant = app.signed_in(phone).await;
    app.get_me(Some(&grant.token)).await.json().await.unwrap()
}

#[tokio::test]
async fn a_resident_sees_their_home_named_at_every_level() {
    let app = spawn_app().await;

    let me = me_of(&app, RESIDENT).await;

    assert_eq!(me.community.name, "井湘社区");
    let home = me.household.expect("a household");
    assert_eq!(home.grid.name, "华盛世纪新城 第一网格");
    assert_eq!(home.building.name, "华盛世纪新城 3栋");
    assert_eq!(home.unit.name, "1单元");
    assert_eq!(home.door, "1502");
    assert!(!me.is_volunteer);
    assert!(me.roles.is_empty());
}

#[tokio::test]
async fn heads_and_staff_see_their_roles_with_scope_names() {
    let app = spawn_app().await;

    let building_head = me_of(&app, BUILDING_HEAD).await;
    let unit_head = me_of(&app, UNIT_HEAD).await;
    let staff = me_of(&app, STAFF).await;

    let grant = &building_head.roles[0];
    assert_eq!(
        (grant.role, grant.scope.kind, grant.scope.name.as_str()),
        (Role::BuildingHead, ScopeKind::Building, "华盛世纪新城 3栋")
    );
    assert!(building_head.is_volunteer);
    assert_eq!(building_head.household.unwrap().door, "302");
    let grant = &unit_head.roles[0];
    assert_eq!(
        (grant.role, grant.scope.kind, grant.scope.name.as_str()),
        (Role::UnitHead, ScopeKind::Unit, "3栋 1单元")
    );
    let grant = &staff.roles[0];
    assert_eq!(
        (grant.role, grant.scope.kind, grant.scope.name.as_str()),
        (Role::Staff, ScopeKind::Community, "井湘社区")
    );
    assert!(staff.household.is_none());
}

#[tokio::test]
async fn a_volunteer_is_marked_as_one() {
    let app = spawn_app().await;

    assert!(me_of(&app, VOLUNTEER).await.is_volunteer);
}

#[tokio::test]
async fn no_token_or_an_unknown_one_is_unauthenticated() {
    let app = spawn_app().await;

    let missing = app.get_me(None).await;
    assert_eq!(missing.headers()["www-authenticate"], "Bearer");
    let missing = problem(missing, StatusCode::UNAUTHORIZED).await;
    let garbage = problem(
        app.get_me(Some("not-a-real-token")).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let malformed = app
        .client
        .get(app.url("/api/v1/me"))
        .header("authorization", "Basic abc")
        .send()
        .await
        .unwrap();
    let malformed = problem(malformed, StatusCode::UNAUTHORIZED).await;

    for problem in [missing, garbage, malformed] {
        assert_eq!(problem.code, codes::UNAUTHENTICATED);
    }
}
