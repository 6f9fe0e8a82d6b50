//! The home a resident names: a household found by its unit and door number, with every level
//! named and its place in the grid.

use linli_api_types::{JoinHome, Place};
use sqlx::{Any, Executor};

use crate::features::joining::refusals;
use crate::platform::auth::PlacePath;
use crate::platform::error::{AppError, FieldIssue, Result};
use crate::platform::text::TextField;

/// The door as typed: "1101", "2-301" …
pub const DOOR: TextField = TextField::line("door", 10);

/// A household with where it is.
#[derive(Debug, Clone)]
pub struct Home {
    pub view: JoinHome,
    pub path: PlacePath,
}

#[derive(sqlx::FromRow)]
struct HomeRow {
    household_id: i64,
    door: String,
    unit_id: i64,
    unit_name: String,
    building_id: i64,
    building_name: String,
    grid_id: i64,
    community_id: i64,
}

const HOME_SQL: &str = "\
    SELECT h.id AS household_id, h.door, un.id AS unit_id, un.name AS unit_name, \
           b.id AS building_id, b.estate || ' ' || b.name AS building_name, \
           g.id AS grid_id, g.community_id \
    FROM households h JOIN units un ON un.id = h.unit_id \
    JOIN buildings b ON b.id = un.building_id JOIN grids g ON g.id = b.grid_id";

impl From<HomeRow> for Home {
    fn from(row: HomeRow) -> Self {
        Home {
            path: PlacePath::unit(row.community_id, row.grid_id, row.building_id, row.unit_id),
            view: JoinHome {
                household_id: row.household_id,
                building: Place {
                    id: row.building_id,
                    name: row.building_name,
                },
                unit: Place {
                    id: row.unit_id,
                    name: row.unit_name,
                },
                door: row.door,
            },
        }
    }
}

/// The household `id`, with its place.
pub async fn of_household<'e, E>(executor: E, id: i64) -> Result<Option<Home>>
where
    E: Executor<'e, Database = Any>,
{
    let row: Option<HomeRow> = sqlx::query_as(&format!("{HOME_SQL} WHERE h.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await?;
    Ok(row.map(Home::from))
}

/// The household at `door` of unit `unit_id` (of `community_id` when given), or the field
/// refusals saying which of the two is wrong. `door` is as `DOOR` cleaned it.
pub async fn find<'e, E>(
    executor: E,
    unit_id: i64,
    door: &str,
    community_id: Option<i64>,
) -> Result<Home>
where
    E: Executor<'e, Database = Any> + Copy,
{
    let unit: Option<(i64,)> = sqlx::query_as(
        "SELECT g.community_id FROM units un JOIN buildings b ON b.id = un.building_id \
         JOIN grids g ON g.id = b.grid_id WHERE un.id = $1",
    )
    .bind(unit_id)
    .fetch_optional(executor)
    .await?;
    let known = unit.is_some_and(|(community,)| community_id.is_none_or(|c| c == community));
    if !known {
        return Err(AppError::Validation(vec![refusals::unknown_unit()]));
    }
    let row: Option<HomeRow> =
        sqlx::query_as(&format!("{HOME_SQL} WHERE h.unit_id = $1 AND h.door = $2"))
            .bind(unit_id)
            .bind(door)
            .fetch_optional(executor)
            .await?;
    row.map(Home::from)
        .ok_or_else(|| AppError::Validation(vec![refusals::unknown_door()]))
}

/// The door field checked on its own, its issues added to `issues`.
pub fn check_door(raw: &str, issues: &mut Vec<FieldIssue>) -> String {
    DOOR.check(raw, issues)
}
