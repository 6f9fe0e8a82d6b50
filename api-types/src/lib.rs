//! The vocabulary the Linli app and server share over `/api/v1`.
//!
//! Serde only, so it compiles for wasm32 (the app) and natively (the server). Domain values
//! that arrive from users are *parsed* into types here (`Phone::parse`), so both sides agree on
//! what a valid phone number or name is and the server re-checks everything it is sent.

pub mod account;
pub mod common_passwords;
pub mod domain;
// 台账导出: the staff's spreadsheets.
pub mod exports;
pub mod health;
// Joining: sign-up, join requests and building invites.
pub mod joining;
pub mod ledger;
pub mod member;
// 消息: the message centre, live stream, reminders and the outbound webhook.
pub mod message;
// 服务管理 and 礼品管理 for staff.
pub mod menu_admin;
pub mod notice;
pub mod order;
// Photos of reports and wishes.
pub mod photo;
// 居民: directory, person page, roles, reset codes.
pub mod people;
pub mod points;
// 积分管理: corrections awaiting a second staff member, policy, audit.
pub mod points_admin;
pub mod problem;
// 民声有回应: reports that climb the grid.
pub mod report;
// 住户花名册 import and 加入进度.
pub mod register;
pub mod service;
// Staff running tasks and orders: editing, cancelling with a reason.
pub mod staff_actions;
pub mod task;
pub mod time;
// 微心愿.
pub mod wish;
// 代办: heads and staff acting for residents without phones.
pub mod proxy;

pub use account::*;
pub use common_passwords::is_too_common;
pub use domain::*;
pub use exports::*;
pub use health::*;
pub use joining::*;
pub use ledger::*;
pub use member::*;
pub use message::*;
pub use menu_admin::*;
pub use notice::*;
pub use order::*;
pub use photo::*;
pub use people::*;
pub use points::*;
pub use points_admin::*;
pub use problem::*;
pub use report::*;
pub use register::*;
pub use service::*;
pub use staff_actions::*;
pub use task::*;
pub use wish::*;
pub use proxy::*;
