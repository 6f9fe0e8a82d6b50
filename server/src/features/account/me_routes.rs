//! `GET /api/v1/me`: who is signed in, where they live and what they are responsible for.

use axum::extract::State;
use axum::Json;
use linli_api_types::{Me, Problem};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::features::account::me;
use crate::platform::auth::AuthUser;
use crate::platform::error::Result;
use crate::platform::ids::UserId;
use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(me))
}

/// The signed-in user.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "account",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in user", body = Me),
        (status = 401, description = "No valid session (`unauthenticated`, `session_expired`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn me(State(state): State<AppState>, auth: AuthUser) -> Result<Json<Me>> {
    let mut me = me::load(&state.db, UserId(auth.user_id)).await?;
    me.proxy = crate::features::proxy::acting::actor_of(&state.db, &auth).await?;
    Ok(Json(me))
}
