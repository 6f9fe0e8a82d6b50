//! 台账导出: staff download their community's spreadsheets (volunteers' hours and points,
//! orders with ratings, notices with read rates) for a range of days.

mod download;
mod page;
mod texts;

pub use page::{ExportLink, ExportsPage};
