//! Notices 通知公告: `/api/v1/notices…` and `/api/v1/notice-targets`.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use linli_api_types::{
    AuthoredPage, Notice, NoticeDraft, NoticePage, Problem, ReadReceipts, Scope,
    NOTICE_PAGE_DEFAULT, NOTICE_PAGE_MAX,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::features::notices::authored::AuthoredCursor;
use crate::features::notices::list::Cursor;
use crate::features::notices::{self, manage, post, read};
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::extract::{path_id, ApiJson, ApiPath};
use crate::platform::idempotency::{self, Claim, IdempotencyKey};
use crate::platform::ids::NoticeId;
use crate::state::AppState;

const NOTICES_PATH: &str = "/api/v1/notices";

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(authored))
        .routes(routes!(detail, edit, withdraw))
        .routes(routes!(mark_read))
        .routes(routes!(receipts))
        .routes(routes!(targets))
}

/// `GET /notices` query. Both stay text so a bad value is a field error, not a bare 400.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// `next_cursor` of the previous page; absent for the first page.
    cursor: Option<String>,
    /// Items per page, 1–50; 20 when absent.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    limit: Option<String>,
}

/// The signed-in user's current notices: pinned first, then newest.
#[utoipa::path(
    get,
    path = "/api/v1/notices",
    tag = "notices",
    security(("bearer" = [])),
    params(ListParams),
    responses(
        (status = 200, description = "A page of notices addressed to the user's community, grid, building or unit (staff: all of their community), with the total unread count", body = NoticePage),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `limit` or `cursor` (field errors)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    params: std::result::Result<Query<ListParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<NoticePage>> {
    let Query(params) = params
        .map_err(|_| AppError::Validation(vec![FieldIssue::new("limit", Rule::BadFormat)]))?;
    let mut issues = Vec::new();
    let limit = page_limit(params.limit.as_deref(), &mut issues);
    let cursor = page_cursor(params.cursor.as_deref(), Cursor::decode, &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let page = notices::list::list(&state.db, &auth, now_ms(), cursor, limit).await?;
    Ok(Json(page))
}

/// One notice.
#[utoipa::path(
    get,
    path = "/api/v1/notices/{id}",
    tag = "notices",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Notice id")),
    responses(
        (status = 200, description = "The notice; its author and staff covering its target also get expired ones", body = Notice),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such notice, or not addressed to the user (`not_found`)", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Withdrawn (`notice_withdrawn`) or expired (`notice_expired`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn detail(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Notice>> {
    let id = NoticeId(path_id(&id)?);
    Ok(Json(read::detail(&state.db, &auth, id, now_ms()).await?))
}

/// Marks a notice read for the user's household (for users without one, for themselves).
#[utoipa::path(
    put,
    path = "/api/v1/notices/{id}/read",
    tag = "notices",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Notice id")),
    responses(
        (status = 204, description = "Read (again: nothing changes)"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such notice, or not addressed to the user", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Withdrawn (`notice_withdrawn`) or expired (`notice_expired`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn mark_read(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode> {
    let id = NoticeId(path_id(&id)?);
    read::mark_read(&state.db, &auth, id, now_ms()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The places the user may address a notice to.
#[utoipa::path(
    get,
    path = "/api/v1/notice-targets",
    tag = "notices",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Staff: their community, its grids and buildings; building heads: their buildings and their units; unit heads: their units; residents: none", body = Vec<Scope>),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn targets(State(state): State<AppState>, auth: AuthUser) -> Result<Json<Vec<Scope>>> {
    Ok(Json(notices::targets::targets(&state.db, &auth).await?))
}

/// Posts a notice to a place the author is responsible for.
#[utoipa::path(
    post,
    path = "/api/v1/notices",
    tag = "notices",
    security(("bearer" = [])),
    request_body = NoticeDraft,
    params(("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters. The same key with the same draft replays the first answer (header `Idempotent-Replayed: true`) instead of posting again")),
    responses(
        (status = 201, description = "Posted", body = Notice),
        (status = 400, description = "Not JSON (`bad_json`) or a bad Idempotency-Key (`bad_idempotency_key`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Residents cannot post (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors (`validation`: `title`, `body` required/too_long; `target` unknown (no such place, or one of another community)/out_of_scope (a place of the user's community they are not responsible for); `expires_at`, `pinned_until` in_past/after_expiry), or the Idempotency-Key was used for a different draft (`idempotency_key_reused`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiJson(draft): ApiJson<NoticeDraft>,
) -> Result<Response> {
    let now = now_ms();
    let checked = post::prepare(&state.db, &auth, &draft, now).await?;
    let hash = idempotency::request_hash("POST", NOTICES_PATH, &draft)?;
    let mut tx = state.db.write.begin().await?;
    let claim =
        match idempotency::claim(&mut tx, auth.user_id, &key, "POST", NOTICES_PATH, &hash).await? {
            Claim::Replay(response) => return Ok(response),
            Claim::Fresh(claim) => claim,
        };
    let notice = post::post(&mut tx, &auth, &checked, now).await?;
    let response = claim
        .complete(&mut tx, StatusCode::CREATED, &notice)
        .await?;
    tx.commit().await?;
    tracing::info!(notice_id = notice.id, "notice posted");
    Ok(response)
}

/// Edits a notice: its author, or staff covering its target.
#[utoipa::path(
    put,
    path = "/api/v1/notices/{id}",
    tag = "notices",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Notice id")),
    request_body = NoticeDraft,
    responses(
        (status = 200, description = "Edited; `edited_at` is set", body = Notice),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff covering the target, nor its author holding a role over its place now (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such notice, or not addressed to the user", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Withdrawn (`notice_withdrawn`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors as for posting", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn edit(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(draft): ApiJson<NoticeDraft>,
) -> Result<Json<Notice>> {
    let id = NoticeId(path_id(&id)?);
    Ok(Json(
        manage::edit(&state.db, &auth, id, &draft, now_ms()).await?,
    ))
}

/// Withdraws a notice: gone from every list, a link to it answers 410. Withdrawing again is fine.
#[utoipa::path(
    delete,
    path = "/api/v1/notices/{id}",
    tag = "notices",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Notice id")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff covering the target, nor its author holding a role over its place now (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such notice, or not addressed to the user", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn withdraw(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode> {
    let id = NoticeId(path_id(&id)?);
    manage::withdraw(&state.db, &auth, id, now_ms()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The user's own notices, newest first, expired ones included, with read counts: a page at a
/// time, so a head with years of notices is not sent them all at once.
#[utoipa::path(
    get,
    path = "/api/v1/notices/authored",
    tag = "notices",
    security(("bearer" = [])),
    params(ListParams),
    responses(
        (status = 200, description = "A page of the notices the user posted and has not withdrawn, newest first; `can_manage` is false once no role of theirs covers the notice's place", body = AuthoredPage),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `limit` or `cursor` (field errors)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn authored(
    State(state): State<AppState>,
    auth: AuthUser,
    params: std::result::Result<Query<ListParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<AuthoredPage>> {
    let Query(params) = params
        .map_err(|_| AppError::Validation(vec![FieldIssue::new("limit", Rule::BadFormat)]))?;
    let mut issues = Vec::new();
    let limit = page_limit(params.limit.as_deref(), &mut issues);
    let cursor = page_cursor(
        params.cursor.as_deref(),
        AuthoredCursor::decode,
        &mut issues,
    );
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let page = notices::authored::authored(&state.db, &auth, now_ms(), cursor, limit).await?;
    Ok(Json(page))
}

/// `cursor` of a page: absent or empty for the first page.
fn page_cursor<C>(
    raw: Option<&str>,
    decode: fn(&str) -> Option<C>,
    issues: &mut Vec<FieldIssue>,
) -> Option<C> {
    match raw {
        None | Some("") => None,
        Some(raw) => {
            let cursor = decode(raw);
            if cursor.is_none() {
                issues.push(FieldIssue::new("cursor", Rule::BadFormat));
            }
            cursor
        }
    }
}

/// `limit` of a page: 1–50, 20 when absent.
fn page_limit(raw: Option<&str>, issues: &mut Vec<FieldIssue>) -> u32 {
    match raw {
        None => NOTICE_PAGE_DEFAULT,
        Some(raw) => match raw.parse::<u32>() {
            Ok(limit) if (1..=NOTICE_PAGE_MAX).contains(&limit) => limit,
            _ => {
                issues.push(FieldIssue::new("limit", Rule::BadFormat));
                NOTICE_PAGE_DEFAULT
            }
        },
    }
}

/// Which households under the target have read the notice, and which doors have not.
#[utoipa::path(
    get,
    path = "/api/v1/notices/{id}/receipts",
    tag = "notices",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Notice id")),
    responses(
        (status = 200, description = "Read counts and unread doors by unit", body = ReadReceipts),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff covering the target, nor its author holding a role over its place now (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such notice, or not addressed to the user", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Withdrawn (`notice_withdrawn`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn receipts(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<ReadReceipts>> {
    let id = NoticeId(path_id(&id)?);
    Ok(Json(
        notices::receipts::of_notice(&state.db, &auth, id).await?,
    ))
}
