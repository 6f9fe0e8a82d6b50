//! The community and its people: the places of the grid (estates, buildings, units,
//! households) and members' roles.

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub mod members;
pub mod places;

mod member_roles;
mod routes;

pub fn router() -> OpenApiRouter<AppState> {
    routes::router()
}
