//! The community and its people: the places of the grid (estates, buildings, units,
//! households) and members' roles.

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub mod member_roles;
pub mod members;
pub mod places;

mod routes;

pub fn router() -> OpenApiRouter<AppState> {
    routes::router()
}
