//! The love bank 爱心银行 for people: `/api/v1/me/points`, `/api/v1/me/ledger`, `/api/v1/rewards…`,
//! `/api/v1/me/vouchers`, `/api/v1/vouchers/{code}…`, `/api/v1/leaderboard`,
//! (staff corrections: `http::corrections`).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use linli_api_types::{
    Leaderboard, LeaderboardPeriod, LedgerPage, PointsSummary, Problem, Reward, Role, Voucher,
    LEDGER_PAGE_DEFAULT, LEDGER_PAGE_MAX,
};
use serde::Deserialize;

use crate::auth::{AuthUser, PlacePath};
use crate::db::now_ms;
use crate::error::{AppError, FieldIssue, Result, Rule};
use crate::extract::ApiPath;
use crate::http::path_id;
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::points;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/me/points", get(summary))
        .route("/api/v1/me/ledger", get(ledger))
        .route("/api/v1/me/vouchers", get(my_vouchers))
        .route("/api/v1/rewards", get(rewards))
        .route("/api/v1/rewards/{id}/redemptions", post(redeem))
        .route("/api/v1/vouchers/{code}", get(voucher))
        .route("/api/v1/vouchers/{code}/used", put(mark_used))
        .route("/api/v1/leaderboard", get(leaderboard))
}

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
async fn summary(State(state): State<AppState>, auth: AuthUser) -> Result<Json<PointsSummary>> {
    Ok(Json(
        points::summary(&state.db, auth.user_id, now_ms()).await?,
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
async fn ledger(
    State(state): State<AppState>,
    auth: AuthUser,
    params: std::result::Result<Query<LedgerParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<LedgerPage>> {
    let Query(params) = params
        .map_err(|_| AppError::Validation(vec![FieldIssue::new("query", Rule::BadFormat)]))?;
    let mut issues = Vec::new();
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
    let before = match params.cursor.as_deref() {
        None | Some("") => None,
        Some(raw) => {
            let id = points::decode_cursor(raw);
            if id.is_none() {
                issues.push(FieldIssue::new("cursor", Rule::BadFormat));
            }
            id
        }
    };
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let (items, next_cursor) = points::ledger_page(&state.db, auth.user_id, before, limit).await?;
    Ok(Json(LedgerPage { items, next_cursor }))
}

/// The 爱心超市 catalogue of the user's community.
#[utoipa::path(
    get,
    path = "/api/v1/rewards",
    tag = "points",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Rewards with their price in points and the stock left", body = Vec<Reward>),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn rewards(State(state): State<AppState>, auth: AuthUser) -> Result<Json<Vec<Reward>>> {
    Ok(Json(points::rewards(&state.db, auth.community_id).await?))
}

/// Redeems one unit of a reward for a voucher to show at the station.
#[utoipa::path(
    post,
    path = "/api/v1/rewards/{id}/redemptions",
    tag = "points",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Reward id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer: a retried redemption spends the points once"),
    ),
    responses(
        (status = 201, description = "The voucher, e.g. code \"LX7K-2Q9M\"", body = Voucher),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such reward in the user's community", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Beyond the balance (`insufficient_points`) or the stock (`out_of_stock`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn redeem(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    let reward_id = path_id(&id)?;
    let path = format!("/api/v1/rewards/{reward_id}/redemptions");
    let hash = idempotency::request_hash("POST", &path, &serde_json::Value::Null)?;
    let mut tx = state.db.write.begin().await?;
    let claim = match idempotency::claim(&mut tx, auth.user_id, &key, "POST", &path, &hash).await? {
        Claim::Replay(response) => return Ok(response),
        Claim::Fresh(claim) => claim,
    };
    let voucher = points::redeem(
        &mut tx,
        auth.community_id,
        auth.user_id,
        reward_id,
        now_ms(),
    )
    .await?;
    let response = claim
        .complete(&mut tx, StatusCode::CREATED, &voucher)
        .await?;
    tx.commit().await?;
    tracing::info!(voucher_id = voucher.id, reward_id, "reward redeemed");
    Ok(response)
}

/// The user's vouchers, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/me/vouchers",
    tag = "points",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Issued and used vouchers", body = Vec<Voucher>),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn my_vouchers(State(state): State<AppState>, auth: AuthUser) -> Result<Json<Vec<Voucher>>> {
    Ok(Json(points::vouchers_of(&state.db, auth.user_id).await?))
}

/// The voucher a resident shows, for staff of its community.
async fn staff_voucher(
    state: &AppState,
    auth: &AuthUser,
    code: &str,
) -> Result<points::VoucherRow> {
    auth.require(auth.holds(Role::Staff))?;
    points::voucher_by_code(&state.db.read, code)
        .await?
        .filter(|row| auth.covers(Role::Staff, &PlacePath::community(row.community_id)))
        .ok_or(AppError::NotFound)
}

/// Staff look a voucher up by its code.
#[utoipa::path(
    get,
    path = "/api/v1/vouchers/{code}",
    tag = "points",
    security(("bearer" = [])),
    params(("code" = String, Path, description = "e.g. LX7K-2Q9M (case, spaces and dash optional)")),
    responses(
        (status = 200, description = "The voucher and whose it is", body = Voucher),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such voucher in the staff member's community", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn voucher(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<Voucher>> {
    Ok(Json(staff_voucher(&state, &auth, &code).await?.voucher()))
}

/// Staff hand the reward over and mark the voucher used; marking it again changes nothing.
#[utoipa::path(
    put,
    path = "/api/v1/vouchers/{code}/used",
    tag = "points",
    security(("bearer" = [])),
    params(("code" = String, Path, description = "The voucher's code")),
    responses(
        (status = 200, description = "The voucher, `used` (with the first time it was marked)", body = Voucher),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such voucher in the staff member's community", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn mark_used(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<Voucher>> {
    let row = staff_voucher(&state, &auth, &code).await?;
    sqlx::query("UPDATE vouchers SET used_at = $1, used_by = $2 WHERE id = $3 AND used_at IS NULL")
        .bind(now_ms())
        .bind(auth.user_id)
        .bind(row.id)
        .execute(&state.db.write)
        .await?;
    let row = points::voucher_by_code(&state.db.write, &row.code)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(row.voucher()))
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
async fn leaderboard(
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
    let (entries, me) =
        points::leaderboard(&state.db, auth.community_id, auth.user_id, period, now_ms()).await?;
    Ok(Json(Leaderboard {
        period,
        entries,
        me,
    }))
}
