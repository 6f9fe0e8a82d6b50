//! Accounts: signing in and out, sessions, the signed-in member (`/me`), passwords, the
//! sign-in limits and the devices that signed in before.
//!
//! What other features use: `me::load` (a member as `/me` shows them); the platform uses
//! `session_token` (auth), `password::Hasher` (state) and the pruning of `sessions`,
//! `known_devices` and `sign_in_limits` (housekeeping).

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub mod known_devices;
pub mod me;
pub mod password;
pub mod refusals;
pub mod session_token;
pub mod sessions;
pub mod sign_in_limits;

mod me_routes;
mod password_change;
mod password_check;
mod password_routes;
mod session_routes;
mod sign_in;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(session_routes::router())
        .merge(me_routes::router())
        .merge(password_routes::router())
}
