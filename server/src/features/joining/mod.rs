//! Joining: residents sign up with their phone, a password, their name and their home, and
//! are vouched for by the household register (name and phone match an entry of that room: in
//! at once) or by a head of their unit or building or staff (a join request). Heads show a
//! building's invite link and QR code, which opens the sign-up with the building filled in.
//!
//! There is no SMS: the register or a head is what vouches for the phone.

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

mod home;
mod invite_routes;
mod invites;
mod messages;
mod own_request;
mod own_routes;
mod places;
mod public_routes;
mod refusals;
mod register_match;
mod review;
mod review_routes;
mod reviewers;
mod sign_up;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(public_routes::router())
        .merge(own_routes::router())
        .merge(review_routes::router())
        .merge(invite_routes::router())
}
