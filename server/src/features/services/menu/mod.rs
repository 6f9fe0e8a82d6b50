//! The service menu 服务菜单: what a community offers, who provides it and when, and who of its
//! volunteers offers it.

pub mod catalogue;
pub mod detail;
// 服务管理 for staff.
pub mod manage;
pub mod manage_routes;
mod manage_validate;
pub mod order_form;
pub mod routes;
pub mod slots;
pub mod volunteers;

pub use catalogue::{load_service, opening_of, ServiceRow};
pub use volunteers::offers;
