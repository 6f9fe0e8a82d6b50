//! Services: the community's service menu and the orders placed from it (群众点单, 中心派单,
//! 志愿者接单, 群众评单).

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub mod menu_routes;
pub mod orders;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(menu_routes::router())
        .merge(orders::routes::router())
}
