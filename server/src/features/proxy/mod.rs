//! 代办: a head or staff member acting for a resident of their scope who has no phone (or no
//! login). Starting one opens a `sessions` row for the resident with `proxy_by` naming the one
//! acting, for 30 minutes; `platform::access` limits what it reaches, and every write in it
//! records both the resident and who acted (the features name `AuthUser::proxy_by`).
//!
//! What other features use: [`acting::actor_of`] (`/me` says who acts in a 代办 session).

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub mod acting;
mod refusals;
mod residents;
mod routes;
mod start;

pub fn router() -> OpenApiRouter<AppState> {
    routes::router()
}
