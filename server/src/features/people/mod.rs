//! 居民: the directory heads and staff use to find a resident (accounts and register members
//! not on Linli), the person page, and password reset codes (no SMS here).
//!
//! A person is named `u<account id>` or `r<register member id>` (`linli_api_types::PersonRef`).

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

mod directory;
mod person;
mod reach;
mod reset_codes;
mod reset_refusals;
mod routes;
mod rows;

pub fn router() -> OpenApiRouter<AppState> {
    routes::router()
}
