//! 微心愿: a resident's small wish (帮忙换灯泡, 想要一本字典) that a head of their place
//! publishes to the community's wish board 心愿墙, a volunteer claims and fulfils, and the
//! resident thanks, which credits the volunteer through the love bank once.
//!
//! Points are money: the credit is confirmed by the resident, never by the claimer; nobody
//! claims, reviews or is paid for their own household's wish, nor one they handled by 代办;
//! two claims at once have one winner (a version guard); nothing is seen across communities.

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

mod lists;
mod post;
mod recall;
mod refusals;
mod routes;
mod row;
mod steps;
mod view;
mod viewer;

pub use recall::give_back_claims_of;
pub use refusals::WishRefusal;

pub fn router() -> OpenApiRouter<AppState> {
    routes::router()
}
