//! Service orders 四单: ordering (群众点单), dispatching (中心派单), the volunteer's steps
//! (志愿者接单) and the rating (群众评单). Every step goes through [`take_step`], which asks
//! [`state::transition`] (the only place that decides); the points are held and settled
//! through the love bank's ledger ([`payment`]).

pub mod close;
pub mod events;
pub mod free_cap;
mod messages;
pub mod pages;
pub mod payment;
pub mod place;
pub mod queue_routes;
pub mod queues;
pub mod read;
pub mod recall;
pub mod routes;
pub mod row;
pub mod staff_cancel;
mod staff_cancel_route;
pub mod state;
pub mod step_routes;
pub mod steps;
pub mod take_step;
pub mod view;
pub mod viewer;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub use close::{close_overdue, spawn_auto_close, AUTO_CLOSE_EVERY, RATE_WINDOW_MS};
pub use events::add_event;
pub use payment::settle;
pub use recall::recall_all_of;
pub use row::{load, save, OrderRow};
pub use take_step::take_step;
pub use viewer::OrderViewer;

const ORDERS_PATH: &str = "/api/v1/orders";

/// The orders' routes, in the order the OpenAPI document lists them.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(routes::router())
        .merge(step_routes::router())
        .merge(queue_routes::router())
        .merge(staff_cancel_route::router())
}
