//! The current holders of the head roles over a report's place (see `routing`): the lowest
//! account id among active holders, so the choice is the same on every server.

use sqlx::Executor;

use super::routing::Holders;
use crate::platform::error::Result;

/// Where a report is: its grid, building and unit (lower levels `None` when it is not there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub community_id: i64,
    pub grid_id: Option<i64>,
    pub building_id: Option<i64>,
    pub unit_id: Option<i64>,
}

impl Place {
    /// Somewhere in the community, in `grid_id` when known.
    pub fn community(community_id: i64, grid_id: Option<i64>) -> Self {
        Self {
            community_id,
            grid_id,
            building_id: None,
            unit_id: None,
        }
    }
}

pub async fn of_place<'e>(
    executor: impl Executor<'e, Database = sqlx::Any>,
    place: &Place,
) -> Result<Holders> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT g.role, MIN(g.user_id) FROM role_grants g JOIN users u ON u.id = g.user_id \
         WHERE u.status = 'active' AND u.community_id = $4 AND ( \
            (g.role = 'unit_head' AND g.scope_kind = 'unit' AND g.scope_id = $1) \
         OR (g.role = 'building_head' AND g.scope_kind = 'building' AND g.scope_id = $2) \
         OR (g.role = 'grid_head' AND g.scope_kind = 'grid' AND g.scope_id = $3)) \
         GROUP BY g.role",
    )
    .bind(place.unit_id)
    .bind(place.building_id)
    .bind(place.grid_id)
    .bind(place.community_id)
    .fetch_all(executor)
    .await?;
    let mut holders = Holders::default();
    for (role, user_id) in rows {
        match role.as_str() {
            "unit_head" => holders.unit = Some(user_id),
            "building_head" => holders.building = Some(user_id),
            "grid_head" => holders.grid = Some(user_id),
            _ => {}
        }
    }
    Ok(holders)
}
