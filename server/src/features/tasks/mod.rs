//! Volunteer tasks 志愿任务: who sees which task, who may join and who runs it, and the
//! transactions that keep slots, the waitlist, attendance and points right.
//!
//! Routes: `routes` (finding, creating, joining) and `roster_routes` (running a task). Use
//! cases: `list`, `create`, `targets`, `enrollment`, `roster`, `check_in`, `attendance`,
//! `completion`; every enrolment change locks the task first (`task_lock`). Refusals and their
//! words: `refusals`. Staff and organisers edit and cancel a task: `admin_routes`, `edit`,
//! `cancel`.

mod admin_routes;
mod attendance;
mod cancel;
mod check_in;
mod check_in_code;
pub mod code_attempts;
mod completion;
mod create;
mod edit;
mod enrollment;
mod list;
mod messages;
mod query;
mod refusals;
mod roster;
mod roster_routes;
mod routes;
mod scope;
mod targets;
mod task_lock;
mod task_row;
mod validate;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub use check_in_code::new_secret;
pub use enrollment::join;

const TASKS_PATH: &str = "/api/v1/tasks";

/// The tasks' routes, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(routes::router())
        .merge(roster_routes::router())
        .merge(admin_routes::router())
}
