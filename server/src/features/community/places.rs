//! Places of the grid hierarchy loaded from the database: their [`PlacePath`] and display name,
//! each in one query.

use linli_api_types::{Scope, ScopeKind};
use sqlx::{Any, Executor};

use crate::platform::auth::PlacePath;
use crate::platform::error::Result;

/// A place with where it sits and its full display name ("华盛世纪新城 3栋 1单元").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedPlace {
    pub kind: ScopeKind,
    pub id: i64,
    pub path: PlacePath,
    pub name: String,
}

impl NamedPlace {
    pub fn scope(&self) -> Scope {
        Scope {
            kind: self.kind,
            id: self.id,
            name: self.name.clone(),
        }
    }
}

#[derive(sqlx::FromRow)]
struct PathRow {
    community_id: i64,
    grid_id: Option<i64>,
    building_id: Option<i64>,
    unit_id: Option<i64>,
    name: String,
}

/// Display names of each level, as SQL over `communities c`, `grids g`, `buildings b`, `units u`.
pub const BUILDING_NAME_SQL: &str = "b.estate || ' ' || b.name";
pub const UNIT_NAME_SQL: &str = "b.estate || ' ' || b.name || ' ' || u.name";

fn path_sql(kind: ScopeKind) -> String {
    match kind {
        ScopeKind::Community => "SELECT c.id AS community_id, CAST(NULL AS BIGINT) AS grid_id, \
                CAST(NULL AS BIGINT) AS building_id, CAST(NULL AS BIGINT) AS unit_id, c.name AS name \
             FROM communities c WHERE c.id = $1"
            .into(),
        ScopeKind::Grid => "SELECT g.community_id, g.id AS grid_id, CAST(NULL AS BIGINT) AS building_id, \
                CAST(NULL AS BIGINT) AS unit_id, g.name AS name \
             FROM grids g WHERE g.id = $1"
            .into(),
        ScopeKind::Building => format!(
            "SELECT g.community_id, g.id AS grid_id, b.id AS building_id, \
                CAST(NULL AS BIGINT) AS unit_id, {BUILDING_NAME_SQL} AS name \
             FROM buildings b JOIN grids g ON g.id = b.grid_id WHERE b.id = $1"
        ),
        ScopeKind::Unit => format!(
            "SELECT g.community_id, g.id AS grid_id, b.id AS building_id, u.id AS unit_id, \
                {UNIT_NAME_SQL} AS name \
             FROM units u JOIN buildings b ON b.id = u.building_id JOIN grids g ON g.id = b.grid_id \
             WHERE u.id = $1"
        ),
    }
}

/// The place `(kind, id)`, or `None` when no such place exists.
pub async fn load<'e, E>(executor: E, kind: ScopeKind, id: i64) -> Result<Option<NamedPlace>>
where
    E: Executor<'e, Database = Any>,
{
    let row: Option<PathRow> = sqlx::query_as(&path_sql(kind))
        .bind(id)
        .fetch_optional(executor)
        .await?;
    Ok(row.map(|row| NamedPlace {
        kind,
        id,
        path: PlacePath {
            community_id: row.community_id,
            grid_id: row.grid_id,
            building_id: row.building_id,
            unit_id: row.unit_id,
        },
        name: row.name,
    }))
}

/// The place `(kind, id)` as a member of `community_id` may name it: `None` when no such place
/// exists *or it belongs to another community*, so that a refusal (`target` `unknown`) reads
/// the same for both and tells nobody elsewhere which ids are places here.
pub async fn load_in_community<'e, E>(
    executor: E,
    kind: ScopeKind,
    id: i64,
    community_id: i64,
) -> Result<Option<NamedPlace>>
where
    E: Executor<'e, Database = Any>,
{
    Ok(load(executor, kind, id)
        .await?
        .filter(|place| place.path.community_id == community_id))
}

/// Where a household lives: the path of its unit.
pub async fn household_path<'e, E>(executor: E, household_id: i64) -> Result<Option<PlacePath>>
where
    E: Executor<'e, Database = Any>,
{
    let row: Option<PathRow> = sqlx::query_as(&format!(
        "SELECT g.community_id, g.id AS grid_id, b.id AS building_id, u.id AS unit_id, \
            {UNIT_NAME_SQL} AS name \
         FROM households h JOIN units u ON u.id = h.unit_id \
         JOIN buildings b ON b.id = u.building_id JOIN grids g ON g.id = b.grid_id \
         WHERE h.id = $1"
    ))
    .bind(household_id)
    .fetch_optional(executor)
    .await?;
    Ok(row.map(|row| PlacePath {
        community_id: row.community_id,
        grid_id: row.grid_id,
        building_id: row.building_id,
        unit_id: row.unit_id,
    }))
}
