//! Notices 通知公告: the feed on 首页, a notice's page (which marks it read), composing and
//! editing for building heads and staff, and read receipts per household.

mod api;
mod body_text;
mod card;
mod compose_page;
mod detail_page;
mod draft;
mod feed;
mod mine_page;
mod receipts_page;
mod receipts_texts;

pub use api::unread_count;
pub use compose_page::{ComposePage, EditPage};
pub use detail_page::NoticePage;
pub use feed::NoticeFeed;
pub use mine_page::MyNoticesPage;
pub use receipts_page::ReceiptsPage;
