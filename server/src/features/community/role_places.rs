//! The places staff may appoint heads over: the community's grids, buildings and units.

use linli_api_types::{Role, RolePlaces, Scope, ScopeKind};

use crate::features::community::places::{BUILDING_NAME_SQL, UNIT_NAME_SQL};
use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::db::Db;
use crate::platform::error::Result;

#[derive(sqlx::FromRow)]
struct PlaceRow {
    id: i64,
    name: String,
}

async fn list(db: &Db, kind: ScopeKind, sql: &str, community_id: i64) -> Result<Vec<Scope>> {
    let rows: Vec<PlaceRow> = sqlx::query_as(sql)
        .bind(community_id)
        .fetch_all(&db.read)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| Scope {
            kind,
            id: row.id,
            name: row.name,
        })
        .collect())
}

pub async fn for_staff(db: &Db, auth: &AuthUser) -> Result<RolePlaces> {
    auth.require(auth.covers(Role::Staff, &PlacePath::community(auth.community_id)))?;
    let community = auth.community_id;
    Ok(RolePlaces {
        grids: list(
            db,
            ScopeKind::Grid,
            "SELECT g.id, g.name FROM grids g WHERE g.community_id = $1 ORDER BY g.id",
            community,
        )
        .await?,
        buildings: list(
            db,
            ScopeKind::Building,
            &format!(
                "SELECT b.id, {BUILDING_NAME_SQL} AS name FROM buildings b \
                 JOIN grids g ON g.id = b.grid_id WHERE g.community_id = $1 ORDER BY b.id"
            ),
            community,
        )
        .await?,
        units: list(
            db,
            ScopeKind::Unit,
            &format!(
                "SELECT u.id, {UNIT_NAME_SQL} AS name FROM units u \
                 JOIN buildings b ON b.id = u.building_id JOIN grids g ON g.id = b.grid_id \
                 WHERE g.community_id = $1 ORDER BY b.id, u.id"
            ),
            community,
        )
        .await?,
    })
}
