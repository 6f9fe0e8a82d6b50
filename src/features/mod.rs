//! One folder per capability. Features never import each other; they share only what lives
//! outside this folder (api, i18n, session, components, routes).

pub mod account;
pub mod joining;
// 消息.
pub mod messages;
pub mod exports;
pub mod not_found;
pub mod not_loaded;
pub mod notices;
pub mod people;
pub mod points;
pub mod proxy;
pub mod register;
pub mod reports;
pub mod services;
pub mod tasks;
// 微心愿.
pub mod wishes;
