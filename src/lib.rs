//! Linli 邻里: the residents' app. Shared pieces (i18n, preferences, session, API client,
//! components) come first; each feature folder holds its own pages and talks to the others
//! only through those shared pieces and the router.

pub mod api;
mod app;
pub mod badges;
pub mod components;
mod features;
mod history;
pub mod i18n;
pub mod prefs;
pub mod routes;
pub mod session;
mod storage;

pub use app::App;
