//! Notices 通知公告: who sees which notice (`audience`), who manages it, and the use cases
//! behind the `/notices` endpoints, one file each.

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub mod audience;
pub mod authored;
pub mod draft;
pub mod list;
pub mod manage;
pub mod post;
pub mod read;
pub mod receipts;
pub mod refusals;
pub mod row;
pub mod targets;
pub mod validate;

mod routes;

pub fn router() -> OpenApiRouter<AppState> {
    routes::router()
}
