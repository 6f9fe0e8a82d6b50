//! 消息: what concerns a user, told once. Other features call [`notify`] inside the transaction
//! of their event; this feature stores the messages, lists and counts them, streams them live
//! (Server-Sent Events), writes the task reminders from its timer, keeps each user's
//! preferences and quiet hours, and queues the community's webhook deliveries (the outbox the
//! `outbound` feature sends). How delivery works: docs/messages.md.

pub mod hub;
mod list;
pub mod notify;
pub mod paths;
mod prefs;
pub mod prune;
pub mod quiet;
mod read;
pub mod reminders;
mod routes;
mod row;
mod stream;
pub mod texts;
pub mod tickets;

pub use hub::Hub;
pub use notify::{notify, NewMessage};
pub use paths::path_of;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    routes::router()
}
