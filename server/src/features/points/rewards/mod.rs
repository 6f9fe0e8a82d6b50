//! 爱心超市: the community's rewards, redeemed for vouchers that staff mark used at the station.

use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

mod catalogue;
// 礼品管理 for staff.
mod manage;
mod manage_routes;
mod redeem;
mod routes;
mod vouchers;

pub use redeem::redeem;
pub use vouchers::new_code;

/// The 爱心超市's routes with their OpenAPI entries.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::my_vouchers))
        .routes(routes!(routes::rewards))
        .routes(routes!(routes::redeem))
        .routes(routes!(routes::voucher))
        .routes(routes!(routes::mark_used))
        .routes(routes!(manage_routes::list, manage_routes::create))
        .routes(routes!(manage_routes::edit))
        .routes(routes!(manage_routes::retire))
}
