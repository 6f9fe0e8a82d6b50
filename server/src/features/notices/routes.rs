//! Notices 通知公告: `/api/v1/notices…` and `/api/v1/notice-targets`.

use utoipa_axum::{router::OpenApiRouter, routes};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use linli_api_types::{
    AuthoredPage, Notice, NoticeDraft, NoticePage, Problem, ReadReceipts, Role, Scope,
    NOTICE_PAGE_DEFAULT, NOTICE_PAGE_MAX,
};
use serde::Deserialize;
use sqlx::AnyConnection;

use crate::platform::extract::path_id;
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::extract::{ApiJson, ApiPath};
use crate::platform::idempotency::{self, Claim, IdempotencyKey};
use crate::features::notices::{self, validate, AuthoredCursor, Cursor, NoticeRow, Viewer};
use crate::features::community::places;
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

/// The notice as `viewer` may reach it: 404 outside their scopes, 410 when withdrawn, and
/// when expired unless `expired_ok`.
async fn reachable(state: &AppState, viewer: &Viewer, raw_id: &str, now: i64) -> Result<NoticeRow> {
    let id = path_id(raw_id)?;
    let row = notices::load(&state.db.read, viewer, id)
        .await?
        .filter(|row| viewer.in_scope(row))
        .ok_or(AppError::NotFound)?;
    if row.withdrawn_at.is_some() {
        return Err(AppError::NoticeWithdrawn);
    }
    if row.is_expired(now) && !viewer.can_manage(&row) {
        return Err(AppError::NoticeExpired);
    }
    Ok(row)
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
    let limit = match params.limit.as_deref() {
        None => NOTICE_PAGE_DEFAULT,
        Some(raw) => match raw.parse::<u32>() {
            Ok(limit) if (1..=NOTICE_PAGE_MAX).contains(&limit) => limit,
            _ => {
                issues.push(FieldIssue::new("limit", Rule::BadFormat));
                NOTICE_PAGE_DEFAULT
            }
        },
    };
    let cursor = match params.cursor.as_deref() {
        None | Some("") => None,
        Some(raw) => match Cursor::decode(raw) {
            Some(cursor) => Some(cursor),
            None => {
                issues.push(FieldIssue::new("cursor", Rule::BadFormat));
                None
            }
        },
    };
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let viewer = Viewer::of(auth);
    let now = now_ms();
    let (items, next_cursor) = notices::page(&state.db, &viewer, now, cursor, limit).await?;
    let unread_count = notices::unread_count(&state.db, &viewer, now).await?;
    Ok(Json(NoticePage {
        items,
        next_cursor,
        unread_count,
    }))
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
    let viewer = Viewer::of(auth);
    let row = reachable(&state, &viewer, &id, now_ms()).await?;
    Ok(Json(row.notice(viewer.can_manage(&row))?))
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
    let viewer = Viewer::of(auth);
    let now = now_ms();
    let row = reachable(&state, &viewer, &id, now).await?;
    notices::mark_read(&state.db, &viewer, row.id, now).await?;
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
    let viewer = Viewer { auth, home: None };
    Ok(Json(notices::targets(&state.db, &viewer).await?))
}

/// Checks a draft: text and times, and that the target exists and `viewer` may address it.
/// Returns the cleaned draft, the target's place and the grant covering it.
async fn check_draft(
    state: &AppState,
    viewer: &Viewer,
    draft: &NoticeDraft,
    now: i64,
) -> Result<(validate::CleanDraft, places::NamedPlace, crate::platform::auth::Grant)> {
    let mut issues = Vec::new();
    let clean = validate::check(draft, now, &mut issues);
    let target = places::load_in_community(
        &state.db.read,
        draft.target.kind,
        draft.target.id,
        viewer.auth.community_id,
    )
    .await?;
    let covered = match &target {
        None => {
            issues.push(FieldIssue::new("target", Rule::Unknown));
            None
        }
        Some(place) => {
            let grant = viewer.grant_for(&place.path);
            if grant.is_none() {
                issues.push(FieldIssue::new("target", Rule::OutOfScope));
            }
            grant
        }
    };
    match (target, covered) {
        (Some(place), Some(grant)) if issues.is_empty() => Ok((clean, place, grant)),
        _ => Err(AppError::Validation(issues)),
    }
}

fn require_poster(auth: &AuthUser) -> Result<()> {
    auth.require(Role::ALL.into_iter().any(|role| auth.holds(role)))
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
    require_poster(&auth)?;
    let viewer = Viewer::of(auth);
    let now = now_ms();
    let (clean, place, grant) = check_draft(&state, &viewer, &draft, now).await?;
    let hash = idempotency::request_hash("POST", NOTICES_PATH, &draft)?;

    let mut tx = state.db.write.begin().await?;
    let claim = match idempotency::claim(
        &mut tx,
        viewer.auth.user_id,
        &key,
        "POST",
        NOTICES_PATH,
        &hash,
    )
    .await?
    {
        Claim::Replay(response) => return Ok(response),
        Claim::Fresh(claim) => claim,
    };
    let id = insert(&mut tx, &viewer, &draft, &clean, &place, grant, now).await?;
    let row = notices::load(&mut *tx, &viewer, id)
        .await?
        .ok_or_else(|| AppError::internal("inserted notice not found"))?;
    let notice = row.notice(true)?;
    let response = claim
        .complete(&mut tx, StatusCode::CREATED, &notice)
        .await?;
    tx.commit().await?;
    tracing::info!(notice_id = id, "notice posted");
    Ok(response)
}

async fn insert(
    tx: &mut AnyConnection,
    viewer: &Viewer,
    draft: &NoticeDraft,
    clean: &validate::CleanDraft,
    place: &places::NamedPlace,
    grant: crate::platform::auth::Grant,
    now: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO notices (author_id, author_role, author_scope_kind, author_scope_id, \
            target_kind, target_id, community_id, grid_id, building_id, unit_id, \
            title, body, category, pinned_until, expires_at, published_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
         RETURNING id",
    )
    .bind(viewer.auth.user_id)
    .bind(grant.role.as_str())
    .bind(grant.scope_kind.as_str())
    .bind(grant.scope_id)
    .bind(place.kind.as_str())
    .bind(place.id)
    .bind(place.path.community_id)
    .bind(place.path.grid_id)
    .bind(place.path.building_id)
    .bind(place.path.unit_id)
    .bind(clean.title.as_str())
    .bind(clean.body.as_str())
    .bind(draft.category.as_str())
    .bind(clean.pinned_until)
    .bind(clean.expires_at)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?)
}

/// The notice `viewer` wants to change: 404 outside their scopes, 410 when withdrawn (unless
/// `withdrawn_ok`), 403 unless they may manage it.
async fn manageable(
    state: &AppState,
    viewer: &Viewer,
    raw_id: &str,
    withdrawn_ok: bool,
) -> Result<NoticeRow> {
    let id = path_id(raw_id)?;
    let row = notices::load(&state.db.read, viewer, id)
        .await?
        .filter(|row| viewer.in_scope(row))
        .ok_or(AppError::NotFound)?;
    if row.withdrawn_at.is_some() && !withdrawn_ok {
        return Err(AppError::NoticeWithdrawn);
    }
    viewer.auth.require(viewer.can_manage(&row))?;
    Ok(row)
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
    let viewer = Viewer::of(auth);
    let row = manageable(&state, &viewer, &id, false).await?;
    let now = now_ms();
    let (clean, place, grant) = check_draft(&state, &viewer, &draft, now).await?;
    let is_author = row.author_id == viewer.auth.user_id;
    if !is_author && !viewer.auth.covers(Role::Staff, &place.path) {
        return Err(AppError::Validation(vec![FieldIssue::new(
            "target",
            Rule::OutOfScope,
        )]));
    }
    // The author's role follows the new target; staff editing keep the author's as it was.
    let author_sql = if is_author {
        "author_role = $12, author_scope_kind = $13, author_scope_id = $14,"
    } else {
        ""
    };
    let sql = format!(
        "UPDATE notices SET {author_sql} target_kind = $1, target_id = $2, community_id = $3, \
            grid_id = $4, building_id = $5, unit_id = $6, title = $7, body = $8, category = $9, \
            pinned_until = $10, expires_at = $11, edited_at = $15 \
         WHERE id = $16 AND withdrawn_at IS NULL"
    );
    let updated = sqlx::query(&sql)
        .bind(place.kind.as_str())
        .bind(place.id)
        .bind(place.path.community_id)
        .bind(place.path.grid_id)
        .bind(place.path.building_id)
        .bind(place.path.unit_id)
        .bind(clean.title.as_str())
        .bind(clean.body.as_str())
        .bind(draft.category.as_str())
        .bind(clean.pinned_until)
        .bind(clean.expires_at)
        .bind(grant.role.as_str())
        .bind(grant.scope_kind.as_str())
        .bind(grant.scope_id)
        .bind(now)
        .bind(row.id)
        .execute(&state.db.write)
        .await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::NoticeWithdrawn);
    }
    let row = notices::load(&state.db.write, &viewer, row.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(row.notice(viewer.can_manage(&row))?))
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
    let viewer = Viewer::of(auth);
    let row = manageable(&state, &viewer, &id, true).await?;
    sqlx::query("UPDATE notices SET withdrawn_at = $1 WHERE id = $2 AND withdrawn_at IS NULL")
        .bind(now_ms())
        .bind(row.id)
        .execute(&state.db.write)
        .await?;
    tracing::info!(notice_id = row.id, "notice withdrawn");
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
    let cursor = match params.cursor.as_deref() {
        None | Some("") => None,
        Some(raw) => {
            let cursor = AuthoredCursor::decode(raw);
            if cursor.is_none() {
                issues.push(FieldIssue::new("cursor", Rule::BadFormat));
            }
            cursor
        }
    };
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let viewer = Viewer::of(auth);
    let (items, next_cursor) =
        notices::authored(&state.db, &viewer, now_ms(), cursor, limit).await?;
    Ok(Json(AuthoredPage { items, next_cursor }))
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
    let viewer = Viewer::of(auth);
    let row = manageable(&state, &viewer, &id, false).await?;
    Ok(Json(notices::receipts(&state.db, &row).await?))
}
