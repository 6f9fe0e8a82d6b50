//! Notices 通知公告: who sees which notice (`audience`), who manages it, and the use cases
//! behind the `/notices` endpoints, one file each.

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

// Posting is public for whoever seeds notices the way a request posts them (the demo).
pub mod draft;
// The demo marks a seeded notice important as an edit would.
pub mod important;
pub mod post;
pub mod refusals;

mod audience;
mod authored;
mod list;
mod manage;
mod read;
mod receipts;
mod routes;
mod row;
mod targets;
mod validate;

pub fn router() -> OpenApiRouter<AppState> {
    routes::router()
}
