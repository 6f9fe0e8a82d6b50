//! Accounts: signing in and out, sessions, the signed-in member (`/me`), passwords, the
//! sign-in limits and the devices that signed in before.

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub mod known_devices;
pub mod me_routes;
pub mod password;
pub mod password_routes;
pub mod routes;
pub mod session_token;
pub mod sessions;
pub mod sign_in_limits;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(routes::router())
        .merge(me_routes::router())
        .merge(password_routes::router())
}
