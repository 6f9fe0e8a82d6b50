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

/// The love bank's routes, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::summary))
        .routes(routes!(routes::ledger))
        .routes(routes!(routes::leaderboard))
        .merge(rewards::router())
        .merge(corrections::router())
        .routes(routes!(admin_routes::read_policy, admin_routes::set_policy))
        .routes(routes!(admin_routes::audit))
}
