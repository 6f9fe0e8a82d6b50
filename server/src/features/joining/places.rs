//! Where one can sign up: every community with its buildings and their units, for the sign-up
//! form's choices. Public: the same names are on the buildings' doors.

use linli_api_types::{JoinBuilding, JoinCommunity, JoinPlaces, Place};

use crate::platform::db::Db;
use crate::platform::error::Result;

#[derive(sqlx::FromRow)]
struct Row {
    community_id: i64,
    community_name: String,
    building_id: i64,
    building_name: String,
    unit_id: i64,
    unit_name: String,
}

pub async fn list(db: &Db) -> Result<JoinPlaces> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT c.id AS community_id, c.name AS community_name, b.id AS building_id, \
            b.estate || ' ' || b.name AS building_name, un.id AS unit_id, un.name AS unit_name \
         FROM communities c JOIN grids g ON g.community_id = c.id \
         JOIN buildings b ON b.grid_id = g.id JOIN units un ON un.building_id = b.id \
         ORDER BY c.id, b.id, un.id",
    )
    .fetch_all(&db.read)
    .await?;
    let mut communities: Vec<JoinCommunity> = Vec::new();
    for row in rows {
        if communities.last().is_none_or(|c| c.id != row.community_id) {
            communities.push(JoinCommunity {
                id: row.community_id,
                name: row.community_name,
                buildings: Vec::new(),
            });
        }
        let community = communities.last_mut().expect("pushed above");
        if community
            .buildings
            .last()
            .is_none_or(|b| b.id != row.building_id)
        {
            community.buildings.push(JoinBuilding {
                id: row.building_id,
                name: row.building_name,
                units: Vec::new(),
            });
        }
        let building = community.buildings.last_mut().expect("pushed above");
        building.units.push(Place {
            id: row.unit_id,
            name: row.unit_name,
        });
    }
    Ok(JoinPlaces { communities })
}
