//! The household register 住户名册 (staff import the community's sheet) and 加入进度 (staff and
//! heads follow who has joined, and knock on the doors of those who have not).

mod api;
mod frame;
mod import_page;
mod links;
mod progress_page;
mod texts;
mod unjoined_page;

pub use import_page::RegisterImportPage;
pub use links::RegisterLinks;
pub use progress_page::RegisterProgressPage;
pub use unjoined_page::RegisterUnjoinedPage;
