//! Whom a head or staff member may look up: staff their community, 网格长 their grids,
//! building heads their buildings, unit heads their units. Nobody else has a directory.

use linli_api_types::Role;

use crate::platform::auth::AuthUser;

#[derive(Debug, Clone, Default)]
pub struct Reach {
    pub staff: bool,
    grids: Vec<i64>,
    buildings: Vec<i64>,
    units: Vec<i64>,
}

impl Reach {
    /// `None` for a member holding no head or staff role.
    pub fn of(auth: &AuthUser) -> Option<Reach> {
        let mut reach = Reach::default();
        for grant in &auth.grants {
            match grant.role {
                Role::Staff => reach.staff |= grant.scope_id == auth.community_id,
                Role::GridHead => reach.grids.push(grant.scope_id),
                Role::BuildingHead => reach.buildings.push(grant.scope_id),
                Role::UnitHead => reach.units.push(grant.scope_id),
            }
        }
        let any = reach.staff
            || !(reach.grids.is_empty() && reach.buildings.is_empty() && reach.units.is_empty());
        any.then_some(reach)
    }

    /// A condition over `grids g`, `buildings b`, `units un` (of the person's home) for the
    /// community's people; ids are integers from the grants, so formatting them in is safe.
    pub fn sql(&self) -> String {
        if self.staff {
            return "1 = 1".into();
        }
        let list = |ids: &[i64]| {
            ids.iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut parts = Vec::new();
        if !self.grids.is_empty() {
            parts.push(format!("g.id IN ({})", list(&self.grids)));
        }
        if !self.buildings.is_empty() {
            parts.push(format!("b.id IN ({})", list(&self.buildings)));
        }
        if !self.units.is_empty() {
            parts.push(format!("un.id IN ({})", list(&self.units)));
        }
        format!("({})", parts.join(" OR "))
    }

    /// Whether a home at (grid, building, unit) is within reach; staff reach people without one.
    pub fn covers(&self, grid: Option<i64>, building: Option<i64>, unit: Option<i64>) -> bool {
        self.staff
            || grid.is_some_and(|id| self.grids.contains(&id))
            || building.is_some_and(|id| self.buildings.contains(&id))
            || unit.is_some_and(|id| self.units.contains(&id))
    }
}
