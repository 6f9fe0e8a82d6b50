//! 民声有回应: residents report what is wrong where they live (随手拍, with photos), see who
//! holds it and by when it must be answered, and confirm or reopen it; heads work their
//! 待我处理 (受理, 回复, 转交, 办结); staff and grid heads watch the 民声看板 and set who
//! handles what. The server climbs unanswered reports by itself; the app shows it.

mod api;
mod common;
mod compose_page;
mod dashboard_page;
mod detail_page;
mod draft;
mod handler_forms;
mod links;
mod list_pages;
mod photo;
mod photo_picker;
mod photo_view;
mod reporter_forms;
mod settings_page;
mod similar;
mod steps;
pub mod texts;
mod timeline;

pub use compose_page::ComposePage;
pub use dashboard_page::DashboardPage;
pub use detail_page::ReportPage;
pub use links::ReportLinks;
pub use list_pages::{InboxPage, MyReportsPage};
pub use settings_page::SettingsPage;
