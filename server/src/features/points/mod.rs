//! The love bank 爱心银行: the ledger every credit and debit goes through, balances, the
//! 爱心超市 rewards and vouchers, the leaderboard, staff corrections with their approvals, the
//! community's points policy and the audit for staff (积分管理).

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub mod admin_routes;
pub mod audit;
pub mod bank;
pub mod corrections;
pub mod corrections_routes;
pub mod ledger;
pub mod policy;
pub mod routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(routes::router())
        .merge(corrections_routes::router())
        .merge(admin_routes::router())
}
