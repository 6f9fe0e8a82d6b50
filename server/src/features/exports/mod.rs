//! 台账导出: the spreadsheets staff hand in for their community — volunteers' hours and
//! points, orders with ratings, notices with read rates — as XLSX files (`sheet`), for a range
//! of days (`range`). Staff only, their own community only. Each report is read by its own
//! file straight from the tables it sums (a report, not a use case of those features).
//!
//! Bounded, not streamed: a range is at most `EXPORT_RANGE_MAX_DAYS` days and a sheet at most
//! `EXPORT_ROWS_MAX` rows (more is refused with a message to shorten the range), so the
//! workbook is built in memory — a few MB at the very most.

mod notices;
mod orders;
mod range;
mod routes;
mod sheet;
mod volunteers;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    routes::router()
}
