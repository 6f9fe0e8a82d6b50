//! Staff corrections 积分更正 with separation of duties.
//!
//! Points are money: nobody corrects their own points or their household's, and a correction
//! above the community's threshold — or beyond the requester's daily allowance of unapproved
//! corrections — waits for a second staff member who is neither the requester, nor the member,
//! nor of the member's household. Each correction is a row of `point_corrections`.

use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

mod ask;
mod decide;
mod duties;
mod list;
mod posting;
mod routes;
mod store;

pub use duties::{Actor, Duty};
/// Every correction keeps its row, also the demo's history.
pub use store::insert;

/// The corrections' routes with their OpenAPI entries.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::correct, routes::list))
        .routes(routes!(routes::approve))
        .routes(routes!(routes::reject))
        .routes(routes!(routes::withdraw))
}
