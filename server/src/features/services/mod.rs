//! Services: the community's service menu and the orders placed from it (群众点单, 中心派单,
//! 志愿者接单, 群众评单).

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub mod menu;
pub mod orders;
pub mod refusals;
pub mod wire;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(menu::routes::router())
        .merge(menu::manage_routes::router())
        .merge(orders::router())
}
