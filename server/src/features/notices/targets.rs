//! The places a member may address notices to (`GET /notice-targets`).

use linli_api_types::{Role, Scope, ScopeKind};

use crate::features::community::places::{self, BUILDING_NAME_SQL, UNIT_NAME_SQL};
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::Result;

#[derive(sqlx::FromRow)]
struct PlaceRow {
    id: i64,
    name: String,
}

/// The places `auth` may address notices to: staff their community, its grids and buildings;
/// building heads their buildings and those buildings' units; unit heads their units.
pub async fn targets(db: &Db, auth: &AuthUser) -> Result<Vec<Scope>> {
    let mut scopes: Vec<Scope> = Vec::new();
    for grant in &auth.grants {
        let Some(place) = places::load(&db.read, grant.scope_kind, grant.scope_id).await? else {
            continue;
        };
        if place.path.community_id != auth.community_id {
            continue;
        }
        let deepest = match grant.role {
            Role::Staff => ScopeKind::Building,
            Role::BuildingHead | Role::UnitHead => ScopeKind::Unit,
            // 网格长 handle residents' reports (issue 19); notices stay with heads and staff.
            Role::GridHead => continue,
        };
        scopes.push(place.scope());
        let filter = match grant.scope_kind {
            ScopeKind::Community => "g.community_id = $1",
            ScopeKind::Grid => "g.id = $1",
            ScopeKind::Building => "b.id = $1",
            ScopeKind::Unit => "u.id = $1",
        };
        for kind in ScopeKind::ALL
            .into_iter()
            .filter(|kind| *kind > grant.scope_kind && *kind <= deepest)
        {
            let sql = match kind {
                ScopeKind::Community => continue,
                ScopeKind::Grid => {
                    format!("SELECT g.id, g.name AS name FROM grids g WHERE {filter} ORDER BY g.id")
                }
                ScopeKind::Building => format!(
                    "SELECT b.id, {BUILDING_NAME_SQL} AS name FROM buildings b \
                     JOIN grids g ON g.id = b.grid_id WHERE {filter} ORDER BY b.id"
                ),
                ScopeKind::Unit => format!(
                    "SELECT u.id, {UNIT_NAME_SQL} AS name FROM units u \
                     JOIN buildings b ON b.id = u.building_id JOIN grids g ON g.id = b.grid_id \
                     WHERE {filter} ORDER BY u.id"
                ),
            };
            let rows: Vec<PlaceRow> = sqlx::query_as(&sql)
                .bind(grant.scope_id)
                .fetch_all(&db.read)
                .await?;
            scopes.extend(rows.into_iter().map(|row| Scope {
                kind,
                id: row.id,
                name: row.name,
            }));
        }
    }
    scopes.sort_by_key(|scope| (scope.kind, scope.id));
    scopes.dedup_by_key(|scope| (scope.kind, scope.id));
    Ok(scopes)
}
