//! The district generator (server/src/demo/district/, issue 21) at a tiny scale on the test
//! database, beside the demo: what it wrote is what the server serves — a generated resident
//! signs in and sees their community's notices and no other's, a volunteer's balance is the
//! sum of their ledger entries, and the big building's head gets its unread doors right.

use linli_api_types::{NoticePage, PointsSummary, ReadReceipts};
use linli_server::demo::district::{self, Account, District, DistrictSize, Role};
use linli_server::platform::db::now_ms;

use crate::helpers::*;

async fn generate(app: &TestApp) -> District {
    let size = DistrictSize {
        communities: 2,
        ..DistrictSize::full()
    }
    .scaled(0.1);
    district::generate(&app.database_url, size, 7, now_ms(), |_| {})
        .await
        .expect("the district is generated")
}

fn first(district: &District, role: Role) -> &Account {
    district
        .accounts
        .iter()
        .find(|a| a.role == role)
        .expect("an account of that role")
}

#[tokio::test]
async fn a_generated_resident_sees_their_communitys_notices_and_nothing_else() {
    let app = spawn_app().await;
    let district = generate(&app).await;
    let resident = district
        .accounts
        .iter()
        .find(|a| a.role == Role::Resident && a.community == 1)
        .unwrap();
    let db = db(&app).await;
    let community: i64 = sqlx::query_scalar("SELECT community_id FROM users WHERE id = $1")
        .bind(resident.user_id)
        .fetch_one(&db.read)
        .await
        .unwrap();
    let newest: (i64, String) = sqlx::query_as(
        "SELECT id, title FROM notices WHERE community_id = $1 AND target_kind = 'community' \
         ORDER BY published_at DESC LIMIT 1",
    )
    .bind(community)
    .fetch_one(&db.read)
    .await
    .unwrap();

    let client = Client::new(&app, &resident.phone).await;
    let page: NoticePage = client.get_ok("/notices?limit=50").await;

    assert!(page
        .items
        .iter()
        .any(|n| n.id == newest.0 && n.title == newest.1));
    let listed: Vec<i64> = page.items.iter().map(|n| n.id).collect();
    let foreign: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM notices WHERE community_id <> $1 AND id IN ({})",
        listed
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",")
    ))
    .bind(community)
    .fetch_one(&db.read)
    .await
    .unwrap();
    assert_eq!(foreign, 0, "notices of another community listed");
}

#[tokio::test]
async fn a_generated_volunteers_balance_is_the_sum_of_their_ledger() {
    let app = spawn_app().await;
    let district = generate(&app).await;
    let db = db(&app).await;
    // The generated volunteer with the most points.
    let (user_id, sum): (i64, i64) = sqlx::query_as(
        "SELECT a.user_id, CAST(SUM(e.amount) AS BIGINT) AS total FROM ledger_entries e \
         JOIN ledger_accounts a ON a.id = e.account_id JOIN users u ON u.id = a.user_id \
         WHERE u.phone LIKE '199%' GROUP BY a.user_id ORDER BY total DESC, a.user_id LIMIT 1",
    )
    .fetch_one(&db.read)
    .await
    .unwrap();
    let account = district
        .accounts
        .iter()
        .find(|a| a.user_id == user_id)
        .unwrap();
    assert!(sum > 0);

    let points: PointsSummary = Client::new(&app, &account.phone)
        .await
        .get_ok("/me/points")
        .await;

    assert_eq!(points.balance, sum);
    let unbalanced: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT transaction_id FROM ledger_entries GROUP BY transaction_id \
         HAVING SUM(amount) <> 0 OR COUNT(*) <> 2) x",
    )
    .fetch_one(&db.read)
    .await
    .unwrap();
    let drifted: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ledger_accounts a WHERE a.balance <> \
         (SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entries e WHERE e.account_id = a.id)",
    )
    .fetch_one(&db.read)
    .await
    .unwrap();
    assert_eq!((unbalanced, drifted), (0, 0));
}

#[tokio::test]
async fn the_big_buildings_head_sees_who_has_not_read() {
    let app = spawn_app().await;
    let district = generate(&app).await;
    let notice = district.big_building_notice;
    let head = first(&district, Role::BigBuildingHead);
    let db = db(&app).await;
    let read: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notice_reads WHERE notice_id = $1")
        .bind(notice)
        .fetch_one(&db.read)
        .await
        .unwrap();
    let unread_door: (String, String) = sqlx::query_as(
        "SELECT u.name, h.door FROM notices n JOIN units u ON u.building_id = n.building_id \
         JOIN households h ON h.unit_id = u.id WHERE n.id = $1 AND NOT EXISTS \
         (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id AND r.household_id = h.id) \
         ORDER BY h.id LIMIT 1",
    )
    .bind(notice)
    .fetch_one(&db.read)
    .await
    .unwrap();

    let receipts: ReadReceipts = Client::new(&app, &head.phone)
        .await
        .get_ok(&format!("/notices/{notice}/receipts"))
        .await;

    // 100 households: the first community's tower at a tenth of 1,000.
    assert_eq!(
        (receipts.households_read, receipts.households_total),
        (read, 100)
    );
    assert!(read > 0 && read < 100);
    let unread: usize = receipts.unread_by_unit.iter().map(|u| u.doors.len()).sum();
    assert_eq!(unread as i64, 100 - read);
    let (unit, door) = unread_door;
    assert!(receipts
        .unread_by_unit
        .iter()
        .any(|u| u.unit.name.ends_with(&unit) && u.doors.contains(&door)));
}
