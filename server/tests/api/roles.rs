//! Staff appoint and remove heads and volunteers' services, each change audited; powers end
//! with the role at the next request; staff changes need a second staff member.

use linli_api_types::{
    MemberRoles, PersonDetail, Role, RoleChangeKind, RolePlaces, StaffChange, StaffChanges,
};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::orders::{community_id, service_id};

async fn audit_rows(app: &TestApp, user: i64) -> Vec<(String, Option<String>, i64)> {
    sqlx::query_as(
        "SELECT change, role, changed_by FROM role_changes WHERE user_id = $1 ORDER BY id",
    )
    .bind(user)
    .fetch_all(&db(app).await.read)
    .await
    .unwrap()
}

fn notice(building: i64) -> serde_json::Value {
    json!({
        "title": "5栋 停水通知",
        "body": "周三 9:00–11:00 停水",
        "category": "utilities",
        "target": { "kind": "building", "id": building },
    })
}

#[tokio::test]
async fn staff_appoint_and_remove_each_head_role_with_audit_and_powers_end_at_once() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let wang = Client::new(&app, RESIDENT).await;
    let places: RolePlaces = staff.get_ok("/role-places").await;
    let building_5 = places
        .buildings
        .iter()
        .find(|b| b.name.ends_with("5栋"))
        .unwrap()
        .id;
    let unit = places.units[0].id;
    let grid = places.grids[0].id;

    let grants = format!("/members/{}/grants", wang.user_id);
    for (role, scope) in [
        ("building_head", building_5),
        ("unit_head", unit),
        ("grid_head", grid),
    ] {
        let body = json!({ "role": role, "scope_id": scope });
        let response = staff.post(&grants, Some(&body), None).await;
        assert_eq!(response.status(), StatusCode::OK, "{role}");
        // Again: held already, nothing recorded twice.
        assert_eq!(
            staff.post(&grants, Some(&body), None).await.status(),
            StatusCode::OK
        );
    }
    let me: MemberRoles = staff
        .post(
            &grants,
            Some(&json!({ "role": "unit_head", "scope_id": unit })),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(me.member.holds(Role::BuildingHead) && me.member.holds(Role::UnitHead));
    assert!(me.member.holds(Role::GridHead));

    // As building head of 5栋 she posts to 5栋 …
    let posted = wang.post("/notices", Some(&notice(building_5)), None).await;
    assert_eq!(posted.status(), StatusCode::CREATED);
    // … until staff remove it: the very next request is refused.
    let path = format!(
        "/members/{}/grants/building_head/building/{building_5}",
        wang.user_id
    );
    assert_eq!(staff.delete(&path, None).await.status(), StatusCode::OK);
    let refused = wang.post("/notices", Some(&notice(building_5)), None).await;
    assert!(
        matches!(
            refused.status(),
            StatusCode::FORBIDDEN | StatusCode::UNPROCESSABLE_ENTITY
        ),
        "{}",
        refused.status()
    );
    for (role, kind, scope) in [("unit_head", "unit", unit), ("grid_head", "grid", grid)] {
        let path = format!("/members/{}/grants/{role}/{kind}/{scope}", wang.user_id);
        assert_eq!(staff.delete(&path, None).await.status(), StatusCode::OK);
    }

    let rows = audit_rows(&app, wang.user_id).await;
    let kinds: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        kinds,
        vec!["granted", "granted", "granted", "removed", "removed", "removed"]
    );
    assert!(rows.iter().all(|r| r.2 == staff.user_id));
    let page: PersonDetail = staff.get_ok(&format!("/people/u{}", wang.user_id)).await;
    assert_eq!(page.history.len(), 6);
    assert_eq!(page.history[0].change, RoleChangeKind::Removed);
    assert_eq!(page.history[0].by_name, "许各利");
    assert!(page.history[0].scope.is_some());
    assert!(page.person.roles.is_empty());
}

#[tokio::test]
async fn grants_are_refused_clearly_and_only_staff_of_the_community_make_them() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let wang = user_id(&app, RESIDENT).await;
    let places: RolePlaces = staff.get_ok("/role-places").await;
    let grants = format!("/members/{wang}/grants");
    let cases = [
        (
            json!({ "role": "staff", "scope_id": community_id(&app).await }),
            "role",
            "needs_second_staff",
        ),
        // A unit's id where a building's is needed names no building.
        (
            json!({ "role": "building_head", "scope_id": places.units.last().unwrap().id + 100_000 }),
            "scope_id",
            "unknown",
        ),
        (
            json!({ "role": "king", "scope_id": 1 }),
            "role",
            "bad_format",
        ),
    ];
    for (body, field, code) in cases {
        let refused = problem(
            staff.post(&grants, Some(&body), None).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        let issue = refused
            .field(field)
            .unwrap_or_else(|| panic!("{body}: {refused:?}"));
        if code != "bad_format" {
            assert_eq!(issue.code, code, "{body}");
        }
    }
    // Another community's building is unknown here.
    let other_building: i64 = sqlx::query_scalar(
        "SELECT b.id FROM buildings b JOIN grids g ON g.id = b.grid_id \
         JOIN communities c ON c.id = g.community_id WHERE c.name <> '井湘社区' LIMIT 1",
    )
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    let body = json!({ "role": "building_head", "scope_id": other_building });
    let refused = problem(
        staff.post(&grants, Some(&body), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.field("scope_id").unwrap().code, "unknown");

    let body = json!({ "role": "building_head", "scope_id": places.buildings[0].id });
    for phone in [RESIDENT, BUILDING_HEAD] {
        let who = Client::new(&app, phone).await;
        assert_eq!(
            who.post(&grants, Some(&body), None).await.status(),
            StatusCode::FORBIDDEN
        );
    }
    let other = Client::new(&app, OTHER_STAFF).await;
    assert_eq!(
        other.post(&grants, Some(&body), None).await.status(),
        StatusCode::NOT_FOUND
    );
    let own = format!("/members/{}/grants", staff.user_id);
    assert_eq!(
        staff.post(&own, Some(&body), None).await.status(),
        StatusCode::FORBIDDEN
    );
    assert!(audit_rows(&app, wang).await.is_empty());
}

#[tokio::test]
async fn appointing_staff_needs_a_second_staff_member() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let second = Client::new(&app, STAFF_SECOND).await;
    let wang = Client::new(&app, RESIDENT).await;
    let body = json!({ "member_id": wang.user_id, "action": "appoint" });
    let response = staff.post("/staff-changes", Some(&body), None).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let change: StaffChange = response.json().await.unwrap();
    assert!(!change.decidable);
    // Nothing yet: she has no staff powers.
    assert_eq!(
        wang.get("/dispatch/queue").await.status(),
        StatusCode::FORBIDDEN
    );
    // One pending change per member.
    assert_eq!(
        second
            .post("/staff-changes", Some(&body), None)
            .await
            .status(),
        StatusCode::CONFLICT
    );
    // The one who asked cannot approve; the other staff member sees it as theirs to decide.
    let approve = format!("/staff-changes/{}/approve", change.id);
    assert_eq!(
        staff.post(&approve, None, None).await.status(),
        StatusCode::FORBIDDEN
    );
    let waiting: StaffChanges = second.get_ok("/staff-changes").await;
    assert!(waiting
        .items
        .iter()
        .any(|c| c.id == change.id && c.decidable));
    let other = Client::new(&app, OTHER_STAFF).await;
    assert_eq!(
        other.post(&approve, None, None).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        wang.post(&approve, None, None).await.status(),
        StatusCode::FORBIDDEN
    );

    let response = second.post(&approve, None, None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(wang.get("/dispatch/queue").await.status(), StatusCode::OK);
    assert_eq!(
        second.post(&approve, None, None).await.status(),
        StatusCode::CONFLICT
    );
    let rows = audit_rows(&app, wang.user_id).await;
    assert_eq!(
        rows.iter().map(|r| (r.0.as_str(), r.2)).collect::<Vec<_>>(),
        vec![
            ("staff_requested", staff.user_id),
            ("granted", second.user_id)
        ]
    );

    // Removing her: asked by 何丽萍, rejected by 许各利; she keeps her powers.
    let body = json!({ "member_id": wang.user_id, "action": "remove" });
    let change: StaffChange = second
        .post("/staff-changes", Some(&body), None)
        .await
        .json()
        .await
        .unwrap();
    // The member concerned may not decide on herself.
    let reject = format!("/staff-changes/{}/reject", change.id);
    assert_eq!(
        wang.post(&reject, None, None).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        staff.post(&reject, None, None).await.status(),
        StatusCode::OK
    );
    assert_eq!(wang.get("/dispatch/queue").await.status(), StatusCode::OK);
    // Nobody asks about themselves.
    let own = json!({ "member_id": staff.user_id, "action": "remove" });
    assert_eq!(
        staff
            .post("/staff-changes", Some(&own), None)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn staff_set_the_services_a_volunteer_offers() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let zhang = user_id(&app, VOLUNTEER).await;
    let errand = service_id(&app, "上门代办").await;
    let meals = service_id(&app, "助餐送餐").await;
    let path = format!("/members/{zhang}/services");
    let body = json!({ "service_ids": [meals, errand, meals] });
    assert_eq!(
        staff.put(&path, Some(&body), None).await.status(),
        StatusCode::OK
    );
    let mut stored: Vec<i64> =
        sqlx::query_scalar("SELECT service_id FROM volunteer_services WHERE user_id = $1")
            .bind(zhang)
            .fetch_all(&db(&app).await.read)
            .await
            .unwrap();
    stored.sort_unstable();
    let mut expected = vec![errand, meals];
    expected.sort_unstable();
    assert_eq!(stored, expected);
    let rows = audit_rows(&app, zhang).await;
    assert_eq!(rows.last().unwrap().0, "services_set");

    // Another community's service is unknown; a resident is no volunteer.
    let foreign: i64 = sqlx::query_scalar(
        "SELECT s.id FROM services s JOIN communities c ON c.id = s.community_id \
         WHERE c.name <> '井湘社区' LIMIT 1",
    )
    .fetch_optional(&db(&app).await.read)
    .await
    .unwrap()
    .unwrap_or(999_999);
    let refused = problem(
        staff
            .put(&path, Some(&json!({ "service_ids": [foreign] })), None)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.field("service_ids").unwrap().code, "unknown");
    let wang = user_id(&app, RESIDENT).await;
    let refused = problem(
        staff
            .put(
                &format!("/members/{wang}/services"),
                Some(&json!({ "service_ids": [errand] })),
                None,
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.field("service_ids").unwrap().code, "not_volunteer");
    let head = Client::new(&app, BUILDING_HEAD).await;
    assert_eq!(
        head.put(&path, Some(&body), None).await.status(),
        StatusCode::FORBIDDEN
    );
}
