//! `GET /api/v1/exports/{volunteers,orders,notices}.xlsx?from=&to=`: one 台账 each.

use axum::extract::{Query, State};
use axum::response::Response;
use linli_api_types::{ExportKind, Problem, Role, EXPORT_ROWS_MAX};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::range::{Range, RangeParams};
use super::sheet::{self, Cell};
use super::{notices, orders, volunteers};
use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::db::now_ms;
use crate::platform::error::{AppError, FieldIssue, Result, Said};
use crate::platform::lang::Lang;
use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(volunteers_xlsx))
        .routes(routes!(orders_xlsx))
        .routes(routes!(notices_xlsx))
}

type QueryResult<T> = std::result::Result<Query<T>, axum::extract::rejection::QueryRejection>;

/// Staff of their community, and the checked range.
fn staff_range(auth: &AuthUser, params: QueryResult<RangeParams>) -> Result<Range> {
    auth.require(auth.covers(Role::Staff, &PlacePath::community(auth.community_id)))?;
    let Query(params) = params.unwrap_or_default();
    params.check()
}

/// Refuses a range holding more rows than a sheet takes: fetched one over the limit.
fn bounded(rows: &[Vec<Cell>]) -> Result<()> {
    if rows.len() as i64 > EXPORT_ROWS_MAX {
        return Err(AppError::Validation(vec![FieldIssue::own(
            "to",
            "too_many_rows",
            Said::new(
                format!("这段时间的记录超过 {EXPORT_ROWS_MAX} 条，请缩短日期范围"),
                format!("More than {EXPORT_ROWS_MAX} rows in this range: shorten it"),
            ),
        )]));
    }
    Ok(())
}

/// The workbook of `kind` as a download named 井湘社区_志愿服务时长积分台账_2026-11-01至2026-11-30.xlsx.
async fn answer(
    state: &AppState,
    auth: &AuthUser,
    kind: ExportKind,
    range: &Range,
    columns: Vec<sheet::Column>,
    rows: Vec<Vec<Cell>>,
) -> Result<Response> {
    bounded(&rows)?;
    let community: String = sqlx::query_scalar("SELECT name FROM communities WHERE id = $1")
        .bind(auth.community_id)
        .fetch_one(&state.db.read)
        .await?;
    let title = format!("{community} {} {}", kind.title_zh(), range.label());
    let bytes = sheet::workbook(kind.title_zh(), &title, &columns, &rows)?;
    let name = format!("{community}_{}_{}.xlsx", kind.title_zh(), range.label());
    let ascii = format!("linli-{}-{}-{}.xlsx", kind.as_str(), range.from, range.to);
    tracing::info!(kind = kind.as_str(), rows = rows.len(), "export");
    Ok(sheet::download(bytes, &name, &ascii))
}

const LIMIT: i64 = EXPORT_ROWS_MAX + 1;

/// 志愿服务时长积分台账: per volunteer, tasks confirmed and orders completed in the range.
#[utoipa::path(
    get,
    path = "/api/v1/exports/volunteers.xlsx",
    tag = "exports",
    security(("bearer" = [])),
    params(RangeParams),
    responses(
        (status = 200, description = "XLSX: 姓名, 手机号, 参加活动（次）, 完成服务（单）, 服务时长（小时）, 获得积分 — one row per volunteer, most hours first; Content-Disposition names the file in Chinese (`filename*`) with an ASCII fallback", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`from`/`to` required or bad_format (YYYY-MM-DD); `to` before_from, range_too_long (366 days) or too_many_rows (20,000)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn volunteers_xlsx(
    State(state): State<AppState>,
    auth: AuthUser,
    params: QueryResult<RangeParams>,
) -> Result<Response> {
    let range = staff_range(&auth, params)?;
    let rows = volunteers::rows(&state.db.read, auth.community_id, &range, LIMIT).await?;
    let columns = volunteers::columns(Lang::current());
    answer(&state, &auth, ExportKind::Volunteers, &range, columns, rows).await
}

/// 服务订单评价台账: the orders placed in the range, with their ratings.
#[utoipa::path(
    get,
    path = "/api/v1/exports/orders.xlsx",
    tag = "exports",
    security(("bearer" = [])),
    params(RangeParams),
    responses(
        (status = 200, description = "XLSX: 单号, 下单时间, 服务项目, 服务方, 居民, 志愿者, 状态, 完成时间, 评分（星）, 评价标签, 评价内容, 积分, 取消原因 — one row per order, in the order placed", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`from`/`to` required or bad_format (YYYY-MM-DD); `to` before_from, range_too_long (366 days) or too_many_rows (20,000)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn orders_xlsx(
    State(state): State<AppState>,
    auth: AuthUser,
    params: QueryResult<RangeParams>,
) -> Result<Response> {
    let range = staff_range(&auth, params)?;
    let lang = Lang::current();
    let rows = orders::rows(&state.db.read, auth.community_id, &range, LIMIT, lang).await?;
    answer(
        &state,
        &auth,
        ExportKind::Orders,
        &range,
        orders::columns(lang),
        rows,
    )
    .await
}

/// 通知阅读率台账: the notices published in the range, households reached and read.
#[utoipa::path(
    get,
    path = "/api/v1/exports/notices.xlsx",
    tag = "exports",
    security(("bearer" = [])),
    params(RangeParams),
    responses(
        (status = 200, description = "XLSX: 标题, 发布范围, 发布人, 发布时间, 覆盖户数, 已读户数, 阅读率, 状态 — one row per notice, in the order published", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`from`/`to` required or bad_format (YYYY-MM-DD); `to` before_from, range_too_long (366 days) or too_many_rows (20,000)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn notices_xlsx(
    State(state): State<AppState>,
    auth: AuthUser,
    params: QueryResult<RangeParams>,
) -> Result<Response> {
    let range = staff_range(&auth, params)?;
    let lang = Lang::current();
    let rows = notices::rows(
        &state.db.read,
        auth.community_id,
        &range,
        LIMIT,
        now_ms(),
        lang,
    )
    .await?;
    answer(
        &state,
        &auth,
        ExportKind::Notices,
        &range,
        notices::columns(lang),
        rows,
    )
    .await
}
