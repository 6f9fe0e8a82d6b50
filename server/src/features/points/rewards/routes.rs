//! The 爱心超市 for people: `/api/v1/rewards…`, `/api/v1/me/vouchers`, `/api/v1/vouchers/{code}…`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use linli_api_types::{Problem, Reward, Voucher};

use crate::features::points::rewards::{catalogue, redeem as redemption, vouchers};
use crate::features::points::staff::Staff;
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::Result;
use crate::platform::extract::{path_id, ApiPath};
use crate::platform::idempotency::IdempotencyKey;
use crate::platform::ids::{CommunityId, UserId};
use crate::platform::write_once::{Begun, WriteOnce};
use crate::state::AppState;

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
pub async fn rewards(State(state): State<AppState>, auth: AuthUser) -> Result<Json<Vec<Reward>>> {
    Ok(Json(
        catalogue::rewards(&state.db, CommunityId(auth.community_id)).await?,
    ))
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
pub async fn redeem(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    let reward_id = path_id(&id)?;
    let path = format!("/api/v1/rewards/{reward_id}/redemptions");
    let me = UserId(auth.user_id);
    let mut write =
        match WriteOnce::begin(&state.db, me, &key, "POST", &path, &serde_json::Value::Null).await?
        {
            Begun::Replay(response) => return Ok(response),
            Begun::Fresh(write) => write,
        };
    let voucher = redemption::redeem_by(
        &mut write.tx,
        CommunityId(auth.community_id),
        me,
        reward_id,
        now_ms(),
        auth.proxy_by,
    )
    .await?;
    let response = write.answer(StatusCode::CREATED, &voucher).await?;
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
pub async fn my_vouchers(
    State(state): State<AppState>,
    auth: AuthUser,
) -> Result<Json<Vec<Voucher>>> {
    Ok(Json(
        vouchers::vouchers_of(&state.db, UserId(auth.user_id)).await?,
    ))
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
pub async fn voucher(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<Voucher>> {
    Ok(Json(
        vouchers::shown_to_staff(&state.db, &Staff::of(&auth)?, &code).await?,
    ))
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
pub async fn mark_used(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<Voucher>> {
    Ok(Json(
        vouchers::mark_used(&state.db, &Staff::of(&auth)?, &code, now_ms()).await?,
    ))
}
