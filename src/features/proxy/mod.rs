//! 代办: heads and staff acting for residents of their scope without phones — the list of those
//! residents (those with care tags and without a login first), a resident's start page, and
//! the banner every page shows while 代办 runs.

mod api;
mod banner;
mod list_page;
mod start_page;
mod texts;

pub use banner::ProxyBanner;
pub use list_page::ProxyListPage;
pub use start_page::ProxyStartPage;
