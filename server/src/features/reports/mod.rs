//! 民声有回应: residents' reports, routed to the head of their place (`routing`), handled on a
//! timeline (`steps`), climbing by themselves when nobody answers (`escalate`), confirmed or
//! reopened by the reporter (`follow_up`), and measured for staff (`dashboard`). Who may see
//! and do what is `viewer`.

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub mod escalate;
pub mod routing;

mod dashboard;
mod events;
mod follow_up;
mod holders;
mod lists;
mod messages;
mod refusals;
mod routes;
mod row;
mod rules;
mod settings;
mod step_routes;
mod steps;
mod submit;
mod transfer_options;
mod view;
mod viewer;

pub fn router() -> OpenApiRouter<AppState> {
    routes::router().merge(step_routes::router())
}
