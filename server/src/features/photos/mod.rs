//! `POST /api/v1/photos`: the upload every feature's photos start as (`platform::photos`).
//! Serving is each carrying feature's own route, after its visibility check.

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

mod routes;

pub fn router() -> OpenApiRouter<AppState> {
    routes::router()
}
