//! The love bank 爱心银行: balance, hours and stars, the ledger in words, the 爱心超市 rewards
//! and vouchers, the leaderboard, and the staff desk (vouchers used, corrections).

mod api;
mod desk_page;
mod frame;
mod leaderboard_page;
mod reason;
mod rewards_page;
mod summary_page;
mod texts;
mod vouchers_page;

pub use desk_page::DeskPage;
pub use leaderboard_page::LeaderboardPage;
pub use rewards_page::RewardsPage;
pub use summary_page::PointsPage;
pub use vouchers_page::{VoucherPage, VouchersPage};
