//! The vocabulary the Linli app and server share over `/api/v1`.
//!
//! Serde only, so it compiles for wasm32 (the app) and natively (the server). Domain values
//! that arrive from users are *parsed* into types here (`Phone::parse`), so both sides agree on
//! what a valid phone number or name is and the server re-checks everything it is sent.

pub mod account;
pub mod common_passwords;
pub mod domain;
pub mod health;
pub mod ledger;
pub mod member;
pub mod notice;
pub mod order;
pub mod points;
// 积分管理: corrections awaiting a second staff member, policy, audit.
pub mod points_admin;
pub mod problem;
// 住户花名册 import and 加入进度.
pub mod register;
pub mod service;
pub mod task;
pub mod time;

pub use account::*;
pub use common_passwords::is_too_common;
pub use domain::*;
pub use health::*;
pub use ledger::*;
pub use member::*;
pub use notice::*;
pub use order::*;
pub use points::*;
pub use points_admin::*;
pub use problem::*;
pub use register::*;
pub use service::*;
pub use task::*;
