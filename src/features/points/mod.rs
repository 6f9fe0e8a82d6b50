//! The love bank 爱心银行: balance, hours and stars, the ledger in words, the 爱心超市 rewards
//! and vouchers, the leaderboard, and the staff desk 积分管理 (vouchers used, corrections and
//! their approval, the audit, the points rules).

// 积分管理: approvals, audit, policy.
mod admin_api;
mod admin_texts;
mod api;
mod audit_list;
mod desk_page;
mod frame;
mod leaderboard_page;
mod month_chart;
mod pending_list;
mod policy_form;
mod reason;
mod rewards_page;
// 礼品管理 for staff.
mod rewards_manage_api;
mod rewards_manage_form;
mod rewards_manage_page;
mod rewards_manage_texts;
mod summary_page;
mod texts;
mod vouchers_page;

pub use desk_page::DeskPage;
pub use leaderboard_page::LeaderboardPage;
pub use rewards_manage_form::{EditRewardPage, NewRewardPage};
pub use rewards_manage_page::RewardsManagePage;
pub use rewards_page::RewardsPage;
pub use summary_page::PointsPage;
pub use vouchers_page::{VoucherPage, VouchersPage};
