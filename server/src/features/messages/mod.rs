//! 消息: what concerns a user, told once. Other features call [`notify`] inside the transaction
//! of their event; this feature stores the messages, lists and counts them, streams them live
//! (Server-Sent Events), writes the task reminders from its timer, keeps each user's
//! preferences and quiet hours, and queues the community's webhook deliveries (the outbox the
//! `outbound` feature sends).

pub mod notify;
pub mod quiet;
pub mod texts;

pub use notify::{notify, NewMessage};

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}
