//! Joining: 注册 (sign-up, also from a building's invite link), the waiting resident's request,
//! 入户审核 for heads and staff, and 邀请邻居 (a building's QR code and link). Every page loads
//! with the joining chunk; `MeLinks` with 我的's; `home_card` is the one piece 首页 carries.

pub mod home_card;
mod home_fields;
mod invite_page;
mod me_links;
mod review_page;
mod sign_up_page;
mod status_page;
mod texts;

pub use invite_page::InvitePage;
pub use me_links::MeLinks;
pub use review_page::ReviewPage;
pub use sign_up_page::SignUpPage;
pub use status_page::JoinStatusPage;
