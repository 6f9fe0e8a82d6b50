//! The love bank 爱心银行: the ledger every credit and debit goes through, balances, the
//! 爱心超市 rewards and vouchers, the leaderboard, staff corrections with their approvals, the
//! community's points policy and the audit for staff (积分管理).
//!
//! Other features use `ledger` (to move points) and `policy` (the hourly rate of tasks).

use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

mod admin_routes;
mod audit;
pub mod corrections;
mod leaderboard;
pub mod ledger;
pub mod policy;
mod policy_settings;
mod refusals;
pub mod rewards;
mod routes;
mod staff;
mod statement;
mod summary;
mod wire;

pub use refusals::PointsRefusal;

/// The demo's path to voucher codes (`rewards::new_code`).
pub mod bank {
    pub use super::rewards::new_code;
}

/// The love bank's routes, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    use corrections::routes as corrections_routes;
    use rewards::routes as rewards_routes;
    OpenApiRouter::new()
        .routes(routes!(routes::summary))
        .routes(routes!(routes::ledger))
        .routes(routes!(rewards_routes::my_vouchers))
        .routes(routes!(rewards_routes::rewards))
        .routes(routes!(rewards_routes::redeem))
        .routes(routes!(rewards_routes::voucher))
        .routes(routes!(rewards_routes::mark_used))
        .routes(routes!(routes::leaderboard))
        .routes(routes!(
            corrections_routes::correct,
            corrections_routes::list
        ))
        .routes(routes!(corrections_routes::approve))
        .routes(routes!(corrections_routes::reject))
        .routes(routes!(corrections_routes::withdraw))
        .routes(routes!(admin_routes::read_policy, admin_routes::set_policy))
        .routes(routes!(admin_routes::audit))
}
