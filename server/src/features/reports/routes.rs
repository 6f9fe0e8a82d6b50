//! Reading reports: `/api/v1/reports/…` lists, one report, its photos, the transfer options,
//! the settings and the dashboard. (Writes: `step_routes.rs`.)

use axum::extract::{Query, State};
use axum::response::Response;
use axum::Json;
use linli_api_types::{
    Problem, ReportCategory, ReportDashboard, ReportPage, ReportSettings, ReportView,
    SimilarReports, TransferOption, REPORT_PAGE_DEFAULT, REPORT_PAGE_MAX,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::lists::{self, PageAsk, SimilarPlace};
use super::{dashboard, settings, transfer_options, view};
use crate::platform::auth::AuthUser;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::extract::{path_id, ApiPath};
use crate::platform::photos::serve::{self, SizeParams};
use crate::platform::photos::table;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(mine))
        .routes(routes!(inbox))
        .routes(routes!(nearby))
        .routes(routes!(similar))
        .routes(routes!(detail))
        .routes(routes!(photo))
        .routes(routes!(transfer_options_route))
        .routes(routes!(settings_read, super::step_routes::settings_write))
        .routes(routes!(dashboard_route))
}

/// `?after=&limit=` of the report lists; text, so a bad value is a field error.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// `next` of the previous page.
    #[param(value_type = Option<String>, pattern = "^[1-9][0-9]{0,17}$")]
    after: Option<String>,
    /// Items per page, 1–50; 20 when absent.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    limit: Option<String>,
}

fn page_ask(
    params: std::result::Result<Query<PageParams>, axum::extract::rejection::QueryRejection>,
) -> Result<PageAsk> {
    let Query(params) = params
        .map_err(|_| AppError::Validation(vec![FieldIssue::new("limit", Rule::BadFormat)]))?;
    let mut issues = Vec::new();
    let limit = match params.limit.as_deref() {
        None => REPORT_PAGE_DEFAULT,
        Some(raw) => match raw.parse::<u32>() {
            Ok(limit) if (1..=REPORT_PAGE_MAX).contains(&limit) => limit,
            _ => {
                issues.push(FieldIssue::new(
                    "limit",
                    Rule::OutOfRange {
                        min: 1,
                        max: i64::from(REPORT_PAGE_MAX),
                    },
                ));
                REPORT_PAGE_DEFAULT
            }
        },
    };
    let after = match params.after.as_deref() {
        None => None,
        Some(raw) => match raw.parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                issues.push(FieldIssue::new("after", Rule::BadFormat));
                None
            }
        },
    };
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    Ok(PageAsk { after, limit })
}

type PageQuery = std::result::Result<Query<PageParams>, axum::extract::rejection::QueryRejection>;

/// 我的反映: what the user's household reported, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/reports/mine",
    tag = "reports",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "A page of the household's reports", body = ReportPage),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `limit` or `after` (field errors)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn mine(
    State(state): State<AppState>,
    auth: AuthUser,
    params: PageQuery,
) -> Result<Json<ReportPage>> {
    let ask = page_ask(params)?;
    Ok(Json(
        lists::mine_page(&state.db, &auth, ask, state.clock.now_ms()).await?,
    ))
}

/// 待我处理: pending reports the user holds, of grids they head, and for staff all of the
/// community's.
#[utoipa::path(
    get,
    path = "/api/v1/reports/inbox",
    tag = "reports",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "A page of pending reports waiting for the user (empty for residents)", body = ReportPage),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `limit` or `after` (field errors)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn inbox(
    State(state): State<AppState>,
    auth: AuthUser,
    params: PageQuery,
) -> Result<Json<ReportPage>> {
    let ask = page_ask(params)?;
    Ok(Json(
        lists::inbox(&state.db, &auth, ask, state.clock.now_ms()).await?,
    ))
}

/// 本楼的问题: pending reports of the user's building by other households.
#[utoipa::path(
    get,
    path = "/api/v1/reports/nearby",
    tag = "reports",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "A page of pending reports of the user's building (reporters' names only where they chose to show them)", body = ReportPage),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `limit` or `after` (field errors)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn nearby(
    State(state): State<AppState>,
    auth: AuthUser,
    params: PageQuery,
) -> Result<Json<ReportPage>> {
    let ask = page_ask(params)?;
    Ok(Json(
        lists::nearby(&state.db, &auth, ask, state.clock.now_ms()).await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SimilarParams {
    /// A report category (`sanitation`, `repair` …).
    #[param(value_type = String)]
    category: Option<String>,
    /// `home`, `building` or `community`.
    #[param(value_type = String, pattern = "^(home|building|community)$")]
    location: Option<String>,
    /// With `location=building`.
    #[param(value_type = Option<i64>)]
    building_id: Option<String>,
}

/// Open reports of the same category and place, shown before sending a new one.
#[utoipa::path(
    get,
    path = "/api/v1/reports/similar",
    tag = "reports",
    security(("bearer" = [])),
    params(SimilarParams),
    responses(
        (status = 200, description = "Up to 5 pending reports of that category and place in the user's community", body = SimilarReports),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `category`, `location` or `building_id` (field errors)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn similar(
    State(state): State<AppState>,
    auth: AuthUser,
    params: std::result::Result<Query<SimilarParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<SimilarReports>> {
    let Query(params) = params
        .map_err(|_| AppError::Validation(vec![FieldIssue::new("category", Rule::BadFormat)]))?;
    let mut issues = Vec::new();
    let category = params.category.as_deref().and_then(ReportCategory::parse);
    if category.is_none() {
        issues.push(FieldIssue::new("category", Rule::BadFormat));
    }
    let place = match params.location.as_deref() {
        Some("home") => auth
            .home
            .and_then(|home| home.building_id)
            .map(SimilarPlace::Building),
        Some("community") => Some(SimilarPlace::Community),
        Some("building") => {
            match params
                .building_id
                .as_deref()
                .and_then(|raw| raw.parse::<i64>().ok())
            {
                Some(id) => Some(SimilarPlace::Building(id)),
                None => {
                    issues.push(FieldIssue::new("building_id", Rule::BadFormat));
                    None
                }
            }
        }
        _ => {
            issues.push(FieldIssue::new("location", Rule::BadFormat));
            None
        }
    };
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let (Some(category), Some(place)) = (category, place) else {
        return Ok(Json(SimilarReports { items: Vec::new() }));
    };
    let items = lists::similar(&state.db, &auth, category, place, state.clock.now_ms()).await?;
    Ok(Json(SimilarReports { items }))
}

/// One report with its photos and timeline.
#[utoipa::path(
    get,
    path = "/api/v1/reports/{id}",
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Report id")),
    responses(
        (status = 200, description = "The report: for its reporter's household, its handlers past and present, the grid head of its grid and staff of its community", body = ReportView),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report, or not the user's to see (`not_found`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn detail(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<ReportView>> {
    let id = path_id(&id)?;
    Ok(Json(
        view::detail(&state.db, &auth, id, state.clock.now_ms()).await?,
    ))
}

/// A photo of a report or of one of its steps, for whoever may see the report.
#[utoipa::path(
    get,
    path = "/api/v1/reports/{id}/photos/{photo_id}",
    tag = "reports",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Report id"),
        ("photo_id" = i64, Path, description = "Photo id"),
        SizeParams,
    ),
    responses(
        (status = 200, description = "The JPEG (no metadata), `Cache-Control: private`", content_type = "image/jpeg", body = Vec<u8>),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report or photo, the photo is not the report's, or the report is not the user's to see (`not_found`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn photo(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath((id, photo_id)): ApiPath<(String, String)>,
    size: std::result::Result<Query<SizeParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response> {
    let (id, photo_id) = (path_id(&id)?, path_id(&photo_id)?);
    let thumb = size.map_err(|_| AppError::NotFound)?.0.thumb()?;
    let mut conn = state.db.read.acquire().await?;
    view::visible(&mut conn, &auth, id).await?;
    let stored = table::find(&mut *conn, photo_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let of_report = stored.is_attached_to(view::attach_to(id));
    let of_step = match (stored.attached_kind.as_deref(), stored.attached_id) {
        (Some("report_event"), Some(event)) => {
            let owner: Option<i64> =
                sqlx::query_scalar("SELECT report_id FROM report_events WHERE id = $1")
                    .bind(event)
                    .fetch_optional(&mut *conn)
                    .await?;
            owner == Some(id)
        }
        _ => false,
    };
    drop(conn);
    if !(of_report || of_step) {
        return Err(AppError::NotFound);
    }
    serve::jpeg(&state, &stored, thumb).await
}

/// Whom the report's handler can hand it to.
#[utoipa::path(
    get,
    path = "/api/v1/reports/{id}/transfer-options",
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Report id")),
    responses(
        (status = 200, description = "Every current head of the community but the holder, staff, and the community's outside handlers not retired", body = Vec<TransferOption>),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Sees the report but does not handle it (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report, or not the user's to see (`not_found`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn transfer_options_route(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Vec<TransferOption>>> {
    let id = path_id(&id)?;
    Ok(Json(transfer_options::options(&state.db, &auth, id).await?))
}

/// The community's report rules and outside handlers (staff).
#[utoipa::path(
    get,
    path = "/api/v1/reports/settings",
    tag = "reports",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every category's rule (defaults filled in) and the outside handlers", body = ReportSettings),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn settings_read(
    State(state): State<AppState>,
    auth: AuthUser,
) -> Result<Json<ReportSettings>> {
    Ok(Json(settings::read(&state.db, &auth).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MonthParams {
    /// `YYYY-MM` (Shanghai); this month when absent.
    #[param(value_type = Option<String>, pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$")]
    month: Option<String>,
}

/// Response, resolution and satisfaction: staff over the community, a 网格长 over their grid.
#[utoipa::path(
    get,
    path = "/api/v1/reports/dashboard",
    tag = "reports",
    security(("bearer" = [])),
    params(MonthParams),
    responses(
        (status = 200, description = "The month's and the previous month's figures, by grid, building and handler, and what is overdue now", body = ReportDashboard),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither staff nor a grid head (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `month` (field error)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn dashboard_route(
    State(state): State<AppState>,
    auth: AuthUser,
    params: std::result::Result<Query<MonthParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ReportDashboard>> {
    let Query(params) = params
        .map_err(|_| AppError::Validation(vec![FieldIssue::new("month", Rule::BadFormat)]))?;
    let now = state.clock.now_ms();
    Ok(Json(
        dashboard::dashboard(&state.db, &auth, params.month.as_deref(), now).await?,
    ))
}
