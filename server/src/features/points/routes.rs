//! The love bank 爱心银行 for people: `/api/v1/me/points`, `/api/v1/me/ledger`,
//! `/api/v1/leaderboard` (the 爱心超市: `rewards::routes`; staff corrections:
//! `corrections::routes`).

use axum::extract::{Query, State};
use axum::Json;
use linli_api_types::{
    Leaderboard, LeaderboardPeriod, LedgerPage, PointsSummary, Problem, LEDGER_PAGE_DEFAULT,
    LEDGER_PAGE_MAX,
};
use serde::Deserialize;

use crate::features::points::wire::cursor_param;
use crate::features::points::{leaderboard as ranking, statement, summary as balance};
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::ids::{CommunityId, UserId};
use crate::state::AppState;

/// The user's balance, volunteer hours and star level.
#[utoipa::path(
    get,
    path = "/api/v1/me/points",
    tag = "points",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Balance (= the sum of the user's ledger entries), hours from task and service rewards, stars", body = PointsSummary),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
pub async fn summary(State(state): State<AppState>, auth: AuthUser) -> Result<Json<PointsSummary>> {
    Ok(Json(
        balance::summary(&state.db, UserId(auth.user_id), now_ms()).await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LedgerParams {
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Items per page, 1–50; 20 when absent.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    limit: Option<String>,
}

/// The user's ledger, newest first: one line per transaction they are part of.
#[utoipa::path(
    get,
    path = "/api/v1/me/ledger",
    tag = "points",
    security(("bearer" = [])),
    params(LedgerParams),
    responses(
        (status = 200, description = "Entries with amount (±), balance after, kind, subject, minutes, note and a link to the task, order or voucher", body = LedgerPage),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `limit` or `cursor`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
pub async fn ledger(
    State(state): State<AppState>,
    auth: AuthUser,
    params: std::result::Result<Query<LedgerParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<LedgerPage>> {
    let Query(params) = params
        .map_err(|_| AppError::Validation(vec![FieldIssue::new("query", Rule::BadFormat)]))?;
    let mut issues = Vec::new();
    // An empty `limit` is refused here; the staff lists read it as absent.
    let limit = match params.limit.as_deref() {
        None => LEDGER_PAGE_DEFAULT,
        Some(raw) => match raw.parse::<u32>() {
            Ok(limit) if (1..=LEDGER_PAGE_MAX).contains(&limit) => limit,
            _ => {
                issues.push(FieldIssue::new("limit", Rule::BadFormat));
                LEDGER_PAGE_DEFAULT
            }
        },
    };
    let before = cursor_param(
        params.cursor.as_deref(),
        statement::decode_cursor,
        &mut issues,
    );
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    Ok(Json(
        statement::page(&state.db, UserId(auth.user_id), before, limit).await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LeaderboardParams {
    /// `month` (default: this calendar month, Asia/Shanghai) or `all`.
    #[param(pattern = r"^(|month|all)$")]
    period: Option<String>,
}

/// The community's top 20 by points earned, names masked, and the user's own rank.
#[utoipa::path(
    get,
    path = "/api/v1/leaderboard",
    tag = "points",
    security(("bearer" = [])),
    params(LeaderboardParams),
    responses(
        (status = 200, description = "Top 20 (刘*忠, 王*) and the user's line", body = Leaderboard),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `period`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
pub async fn leaderboard(
    State(state): State<AppState>,
    auth: AuthUser,
    params: std::result::Result<Query<LeaderboardParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Leaderboard>> {
    let bad = || AppError::Validation(vec![FieldIssue::new("period", Rule::BadFormat)]);
    let Query(params) = params.map_err(|_| bad())?;
    let period = match params.period.as_deref() {
        None | Some("") => LeaderboardPeriod::Month,
        Some(raw) => LeaderboardPeriod::parse(raw).ok_or_else(bad)?,
    };
    let (entries, me) = ranking::leaderboard(
        &state.db,
        CommunityId(auth.community_id),
        UserId(auth.user_id),
        period,
        now_ms(),
    )
    .await?;
    Ok(Json(Leaderboard {
        period,
        entries,
        me,
    }))
}
