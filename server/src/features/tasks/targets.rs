//! The places a user may create tasks for (`GET /task-targets`).

use linli_api_types::{Role, Scope, ScopeKind};

use crate::features::community::places::{self, BUILDING_NAME_SQL};
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::Result;

/// The places `auth` may create tasks for: staff their community, its grids and buildings;
/// building heads their buildings.
pub async fn targets(db: &Db, auth: &AuthUser) -> Result<Vec<Scope>> {
    let mut scopes = Vec::new();
    for grant in &auth.grants {
        if !matches!(grant.role, Role::Staff | Role::BuildingHead) {
            continue;
        }
        let Some(place) = places::load(&db.read, grant.scope_kind, grant.scope_id).await? else {
            continue;
        };
        if place.path.community_id != auth.community_id || grant.scope_kind == ScopeKind::Unit {
            continue;
        }
        scopes.push(place.scope());
        if grant.scope_kind == ScopeKind::Community {
            #[derive(sqlx::FromRow)]
            struct PlaceRow {
                id: i64,
                name: String,
            }
            let grids: Vec<PlaceRow> = sqlx::query_as(
                "SELECT g.id, g.name FROM grids g WHERE g.community_id = $1 ORDER BY g.id",
            )
            .bind(grant.scope_id)
            .fetch_all(&db.read)
            .await?;
            scopes.extend(grids.into_iter().map(|row| Scope {
                kind: ScopeKind::Grid,
                id: row.id,
                name: row.name,
            }));
            let buildings: Vec<PlaceRow> = sqlx::query_as(&format!(
                "SELECT b.id, {BUILDING_NAME_SQL} AS name FROM buildings b \
                 JOIN grids g ON g.id = b.grid_id WHERE g.community_id = $1 ORDER BY b.id"
            ))
            .bind(grant.scope_id)
            .fetch_all(&db.read)
            .await?;
            scopes.extend(buildings.into_iter().map(|row| Scope {
                kind: ScopeKind::Building,
                id: row.id,
                name: row.name,
            }));
        }
    }
    scopes.sort_by_key(|scope| (scope.kind, scope.id));
    scopes.dedup_by_key(|scope| (scope.kind, scope.id));
    Ok(scopes)
}
