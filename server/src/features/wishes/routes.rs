//! 微心愿's routes: `POST /api/v1/wishes`, the lists (`GET /wishes`, `/wishes/mine`,
//! `/wishes/review`), one wish (`GET /wishes/{id}`) and its steps (`POST /wishes/{id}/review`,
//! `claim`, `release`, `fulfil`, `thanks`, `withdraw`). Thin: the rules are in `viewer`, the
//! writes in `post` and `steps`.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use linli_api_types::{Problem, WishDraft, WishFulfil, WishPage, WishReview, WishThanks, WishView};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::lists::{self, List};
use super::post;
use super::row::{fulfil_photo_of, load, photo_of};
use super::steps::{self, Step};
use super::view::view;
use super::viewer::WishViewer;
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::extract::{path_id, ApiJson, ApiPath};
use crate::platform::idempotency::{self, Claim, IdempotencyKey};
use crate::platform::photos;
use crate::platform::photos::serve::{self, SizeParams};
use crate::state::AppState;

const WISHES_PATH: &str = "/api/v1/wishes";

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, board))
        .routes(routes!(mine))
        .routes(routes!(review_queue))
        .routes(routes!(detail))
        .routes(routes!(photo))
        .routes(routes!(review))
        .routes(routes!(claim))
        .routes(routes!(release))
        .routes(routes!(fulfil))
        .routes(routes!(thanks))
        .routes(routes!(withdraw))
}

/// 许个心愿: the household's wish, waiting for a head of its place to publish it.
#[utoipa::path(
    post,
    path = "/api/v1/wishes",
    tag = "wishes",
    security(("bearer" = [])),
    request_body = WishDraft,
    params(("Idempotency-Key" = Option<String>, Header, description = "The same key with the same draft replays the first answer instead of posting again")),
    responses(
        (status = 201, description = "Posted, `pending` review", body = WishView),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No home registered (`wish_no_home`), or a waiting account (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors: `title` (1–30) required/too_long, `text` (≤ 300) too_long, `photo_id` photo_not_available (not the poster's own unattached upload); the household has 3 wishes in progress (`wishes_open_cap`); or `idempotency_key_reused`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiJson(draft): ApiJson<WishDraft>,
) -> Result<Response> {
    let now = now_ms();
    let checked = post::check(&auth, &draft)?;
    let hash = idempotency::request_hash("POST", WISHES_PATH, &checked)?;
    let mut tx = state.db.write.begin().await?;
    let claim =
        match idempotency::claim(&mut tx, auth.user_id, &key, "POST", WISHES_PATH, &hash).await? {
            Claim::Replay(response) => return Ok(response),
            Claim::Fresh(claim) => claim,
        };
    let wish = post::post(&mut tx, &auth, checked, now).await?;
    let response = claim.complete(&mut tx, StatusCode::CREATED, &wish).await?;
    tx.commit().await?;
    tracing::info!(wish_id = wish.summary.id, "wish posted");
    Ok(response)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// `next` of the previous page.
    after: Option<String>,
    /// Wishes per page, 1–50; 20 when absent or empty.
    // WISH_PAGE_MAX; checked in server/tests/api/openapi_rules.rs
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    limit: Option<String>,
}

async fn list(
    state: &AppState,
    auth: &AuthUser,
    list: List,
    params: std::result::Result<Query<PageParams>, QueryRejection>,
) -> Result<Json<WishPage>> {
    let Query(params) = params
        .map_err(|_| AppError::Validation(vec![FieldIssue::new("query", Rule::BadFormat)]))?;
    let (after, limit) = lists::params(list, params.after.as_deref(), params.limit.as_deref())
        .map_err(AppError::Validation)?;
    Ok(Json(
        lists::page(&state.db.read, auth, list, after, limit).await?,
    ))
}

/// 心愿墙: the community's open wishes, newest first (the residents' names masked).
#[utoipa::path(
    get,
    path = "/api/v1/wishes",
    tag = "wishes",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "A page of open wishes", body = WishPage),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `after` or `limit`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn board(
    State(state): State<AppState>,
    auth: AuthUser,
    params: std::result::Result<Query<PageParams>, QueryRejection>,
) -> Result<Json<WishPage>> {
    list(&state, &auth, List::Board, params).await
}

/// 我的心愿: wished by the user's household or claimed by the user, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/wishes/mine",
    tag = "wishes",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "A page of the household's and the user's claimed wishes", body = WishPage),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `after` or `limit`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn mine(
    State(state): State<AppState>,
    auth: AuthUser,
    params: std::result::Result<Query<PageParams>, QueryRejection>,
) -> Result<Json<WishPage>> {
    list(&state, &auth, List::Mine, params).await
}

/// 心愿审核: pending wishes of the places the head holds (staff: the community's), oldest
/// first, never the head's own household's. Empty for everyone else.
#[utoipa::path(
    get,
    path = "/api/v1/wishes/review",
    tag = "wishes",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "A page of wishes waiting for review", body = WishPage),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `after` or `limit`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn review_queue(
    State(state): State<AppState>,
    auth: AuthUser,
    params: std::result::Result<Query<PageParams>, QueryRejection>,
) -> Result<Json<WishPage>> {
    list(&state, &auth, List::Review, params).await
}

/// One wish with the steps the user may take now.
#[utoipa::path(
    get,
    path = "/api/v1/wishes/{id}",
    tag = "wishes",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Wish id")),
    responses(
        (status = 200, description = "The wish", body = WishView),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such wish the user may see (another community's, or pending and not theirs to see)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn detail(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<WishView>> {
    let id = path_id(&id)?;
    let viewer = WishViewer::new(&auth);
    let row = load(&state.db.read, id)
        .await?
        .filter(|row| viewer.can_see(row))
        .ok_or(AppError::NotFound)?;
    Ok(Json(view(&row, &viewer)?))
}

/// The wish's photo or its fulfilment's, for whoever may see the wish.
#[utoipa::path(
    get,
    path = "/api/v1/wishes/{id}/photos/{photo_id}",
    tag = "wishes",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Wish id"),
        ("photo_id" = i64, Path, description = "Photo id"),
        SizeParams,
    ),
    responses(
        (status = 200, description = "The JPEG (no metadata), `Cache-Control: private`", content_type = "image/jpeg", body = Vec<u8>),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such wish or photo, the photo is not the wish's, or the wish is not the user's to see (`not_found`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn photo(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath((id, photo_id)): ApiPath<(String, String)>,
    size: std::result::Result<Query<SizeParams>, QueryRejection>,
) -> Result<Response> {
    let (id, photo_id) = (path_id(&id)?, path_id(&photo_id)?);
    let thumb = size.map_err(|_| AppError::NotFound)?.0.thumb()?;
    let viewer = WishViewer::new(&auth);
    load(&state.db.read, id)
        .await?
        .filter(|row| viewer.can_see(row))
        .ok_or(AppError::NotFound)?;
    let stored = photos::table::find(&state.db.read, photo_id)
        .await?
        .filter(|stored| {
            stored.is_attached_to(photo_of(id)) || stored.is_attached_to(fulfil_photo_of(id))
        })
        .ok_or(AppError::NotFound)?;
    serve::jpeg(&state, &stored, thumb).await
}

/// One step: claims the Idempotency-Key, takes the step in one transaction, answers the wish.
async fn act(
    state: AppState,
    auth: AuthUser,
    key: IdempotencyKey,
    raw_id: &str,
    step: Step,
) -> Result<Response> {
    let id = path_id(raw_id)?;
    let now = now_ms();
    let segment = step.action().path_segment();
    let path = format!("{WISHES_PATH}/{id}/{segment}");
    let hash = idempotency::request_hash("POST", &path, &step)?;
    let mut tx = state.db.write.begin().await?;
    let claim = match idempotency::claim(&mut tx, auth.user_id, &key, "POST", &path, &hash).await? {
        Claim::Replay(response) => return Ok(response),
        Claim::Fresh(claim) => claim,
    };
    let wish = steps::take(&mut tx, state.db.backend, auth, id, step, now).await?;
    let response = claim.complete(&mut tx, StatusCode::OK, &wish).await?;
    tx.commit().await?;
    tracing::info!(wish_id = id, step = segment, "wish step");
    Ok(response)
}

/// A head of the wish's unit, building or grid, or staff, publishes it to the board or
/// declines it with a reason; never a wish of their own household.
#[utoipa::path(
    post,
    path = "/api/v1/wishes/{id}/review",
    tag = "wishes",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Wish id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    request_body = WishReview,
    responses(
        (status = 200, description = "Published (`open`) or `declined`", body = WishView),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a head of its place nor staff (`wish_not_allowed`), the reviewer's own household's (`wish_own_household`) or posted by them by 代办 (`wish_by_proxy`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such wish the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not pending (`wish_wrong_status`), or changed meanwhile (`wish_changed`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`reason` required (declining)/too_long (≤ 200)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn review(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<WishReview>,
) -> Result<Response> {
    let step = Step::review(request.publish, &request.reason)?;
    act(state, auth, key, &id, step).await
}

/// A registered volunteer of the community takes an open wish; one at a time: of two at once,
/// one wins and the other is told it was taken.
#[utoipa::path(
    post,
    path = "/api/v1/wishes/{id}/claim",
    tag = "wishes",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Wish id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    responses(
        (status = 200, description = "Claimed", body = WishView),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a volunteer (`wish_not_volunteer`), the volunteer's own household's wish (`wish_own_household`), posted by them by 代办 (`wish_by_proxy`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such wish the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Claimed by another volunteer (`wish_taken`), not open (`wish_wrong_status`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn claim(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    act(state, auth, key, &id, Step::Claim).await
}

/// 放弃认领: the claimer gives the wish back to the board.
#[utoipa::path(
    post,
    path = "/api/v1/wishes/{id}/release",
    tag = "wishes",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Wish id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    responses(
        (status = 200, description = "Open again", body = WishView),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the claimer (`wish_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such wish the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not claimed (`wish_wrong_status`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn release(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    act(state, auth, key, &id, Step::Release).await
}

/// 已完成: the claimer says it is done, with a note; the resident's thanks then credit them.
#[utoipa::path(
    post,
    path = "/api/v1/wishes/{id}/fulfil",
    tag = "wishes",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Wish id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    request_body = WishFulfil,
    responses(
        (status = 200, description = "Fulfilled, waiting for the thanks", body = WishView),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the claimer (`wish_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such wish the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not claimed (`wish_wrong_status`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`note` required/too_long (≤ 300), `photo_id` photo_not_available (not the poster's own unattached upload)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn fulfil(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<WishFulfil>,
) -> Result<Response> {
    let step = Step::fulfil(&request.note, request.photo_id)?;
    act(state, auth, key, &id, step).await
}

/// 感谢: the resident (or a head by 代办, never the claimer) thanks the claimer, who is
/// credited the wish's points once.
#[utoipa::path(
    post,
    path = "/api/v1/wishes/{id}/thanks",
    tag = "wishes",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Wish id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    request_body = WishThanks,
    responses(
        (status = 200, description = "Thanked: the claimer credited", body = WishView),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the wishing resident (`wish_not_allowed`), or the claimer acting for them by 代办 (`wish_by_proxy`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such wish the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not fulfilled, or thanked already (`wish_wrong_status`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`note` too_long (≤ 300)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn thanks(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<WishThanks>,
) -> Result<Response> {
    let step = Step::thank(&request.note)?;
    act(state, auth, key, &id, step).await
}

/// 撤回: the resident withdraws the wish before it is fulfilled.
#[utoipa::path(
    post,
    path = "/api/v1/wishes/{id}/withdraw",
    tag = "wishes",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Wish id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    responses(
        (status = 200, description = "Withdrawn", body = WishView),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the wishing resident (`wish_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such wish the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Fulfilled, thanked, declined or withdrawn already (`wish_wrong_status`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn withdraw(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    act(state, auth, key, &id, Step::Withdraw).await
}
