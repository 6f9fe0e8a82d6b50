//! 礼品管理 for staff: `/api/v1/manage/rewards…`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use linli_api_types::{ManagedReward, Problem, RetireRequest, RewardEdit, RewardRequest};

use crate::features::points::rewards::manage;
use crate::features::points::staff::Staff;
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::Result;
use crate::platform::extract::{path_id, ApiJson, ApiPath};
use crate::platform::idempotency::IdempotencyKey;
use crate::platform::ids::UserId;
use crate::platform::write_once::{Begun, WriteOnce};
use crate::state::AppState;

/// Every reward of the staff member's community, retired ones last.
#[utoipa::path(
    get,
    path = "/api/v1/manage/rewards",
    tag = "points",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Rewards with price, stock, whether retired, open vouchers and the last change", body = Vec<ManagedReward>),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
pub async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
) -> Result<Json<Vec<ManagedReward>>> {
    let staff = Staff::of(&auth)?;
    Ok(Json(manage::list(&state.db, &staff).await?))
}

/// Puts a new reward on the 爱心超市's shelf.
#[utoipa::path(
    post,
    path = "/api/v1/manage/rewards",
    tag = "points",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer: a retried create adds the reward once")),
    request_body = RewardRequest,
    responses(
        (status = 201, description = "The reward", body = ManagedReward),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors: `name` required/too_long, `description` too_long, `points` out_of_range (1–10000), `stock` out_of_range (0–10000)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
pub async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiJson(request): ApiJson<RewardRequest>,
) -> Result<Response> {
    let staff = Staff::of(&auth)?;
    let words = manage::check_new(&request)?;
    let me = UserId(auth.user_id);
    let path = "/api/v1/manage/rewards";
    let mut write = match WriteOnce::begin(&state.db, me, &key, "POST", path, &request).await? {
        Begun::Replay(response) => return Ok(response),
        Begun::Fresh(write) => write,
    };
    let created = manage::create(&mut write.tx, &staff, words, &request, now_ms()).await?;
    write.answer(StatusCode::CREATED, &created).await
}

/// Changes a reward's name, description and price, and its stock by what staff added or took
/// away (`stock` − `stock_seen`): redemptions meanwhile are kept, and the stock never goes
/// below zero. Vouchers already issued keep their name and points.
#[utoipa::path(
    put,
    path = "/api/v1/manage/rewards/{id}",
    tag = "points",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Reward id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer: a retried edit adds or takes away the stock once"),
    ),
    request_body = RewardEdit,
    responses(
        (status = 200, description = "The reward as it now is", body = ManagedReward),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such reward in the staff member's community", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors as for creating one; `stock` stock_changed when more would be taken away than is left now", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
pub async fn edit(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<RewardEdit>,
) -> Result<Response> {
    let staff = Staff::of(&auth)?;
    let id = path_id(&id)?;
    let words = manage::check_edit(&request)?;
    let me = UserId(auth.user_id);
    let path = format!("/api/v1/manage/rewards/{id}");
    let mut write = match WriteOnce::begin(&state.db, me, &key, "PUT", &path, &request).await? {
        Begun::Replay(response) => return Ok(response),
        Begun::Fresh(write) => write,
    };
    let edited = manage::edit(&mut write.tx, &staff, id, words, &request, now_ms()).await?;
    write.answer(StatusCode::OK, &edited).await
}

/// Retires a reward (下架: nobody can redeem it; vouchers issued stay valid) or puts it back.
#[utoipa::path(
    put,
    path = "/api/v1/manage/rewards/{id}/retired",
    tag = "points",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Reward id")),
    request_body = RetireRequest,
    responses(
        (status = 200, description = "The reward as it now is", body = ManagedReward),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such reward in the staff member's community", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
pub async fn retire(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<RetireRequest>,
) -> Result<Json<ManagedReward>> {
    let staff = Staff::of(&auth)?;
    let id = path_id(&id)?;
    Ok(Json(
        manage::set_retired(&state.db, &staff, id, request.retired, now_ms()).await?,
    ))
}
