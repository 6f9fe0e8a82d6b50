//! 消息推送: the community's messages handed to something outside Linli — its WeChat official
//! account or SMS gateway — through one outbound interface ([`channel::Channel`]) whose
//! implementation today is a signed webhook ([`webhook::WebhookChannel`]).
//!
//! The message centre writes a delivery (the outbox, `webhook_deliveries`) in the same
//! transaction as each unmuted message, due after the recipient's quiet hours. The
//! [`worker`] sends what is due, once across servers, retrying with growing waits ([`retry`])
//! until the delivery is dead; staff see the dead-letter list and put deliveries back in line
//! ([`routes`]). docs/webhooks.md is the receiver's side.

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub mod address;
pub mod channel;
pub mod retry;
pub mod signature;
pub mod webhook;
pub mod worker;

mod deliveries;
mod endpoint;
mod payload;
mod refusals;
mod routes;

pub use deliveries::prune_test_deliveries;
pub use payload::subject_path;
pub use worker::{run_due, spawn_worker, Run};

pub fn router() -> OpenApiRouter<AppState> {
    routes::router()
}
