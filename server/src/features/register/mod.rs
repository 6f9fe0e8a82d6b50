//! The household register 住户花名册 for staff: importing the community's sheet (dry run, then
//! commit), the template to fill in, the recent imports; and register progress 加入进度 for
//! staff and heads.

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

mod apply;
mod columns;
mod existing;
mod import;
mod names;
mod plan;
mod problems;
mod progress;
mod routes;
mod rows;
mod sheet;
mod template;

pub fn router() -> OpenApiRouter<AppState> {
    routes::router()
}
