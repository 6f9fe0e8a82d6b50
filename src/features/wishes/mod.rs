//! 微心愿: 心愿墙 (the community's open wishes), 许个心愿 (the form, kept on the phone; by
//! 代办 too), 我的心愿 (posted and claimed), 心愿审核 (heads and staff) and a wish's page with
//! its steps: publish or decline, claim, give back, done, thanks (which credits the
//! volunteer), withdraw.

mod actions;
mod api;
mod board_page;
mod card;
mod detail_page;
mod draft;
mod frame;
mod links;
mod mine_page;
mod post_page;
mod review_page;
mod steps;
mod texts;

pub use board_page::BoardPage;
pub use detail_page::WishPage;
pub use links::WishLinks;
pub use mine_page::MyWishesPage;
pub use post_page::PostPage;
pub use review_page::ReviewPage;
