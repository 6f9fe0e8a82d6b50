//! The community and its people: the places of the grid (estates, buildings, units,
//! households) and members' roles.

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub mod members;
pub mod places;
pub mod role_audit;
pub mod staff_changes;

mod member_roles;
mod routes;
mod role_places;
mod role_refusals;
mod role_routes;

pub fn router() -> OpenApiRouter<AppState> {
    routes::router().merge(role_routes::router())
}
