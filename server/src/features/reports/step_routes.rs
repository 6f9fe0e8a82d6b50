//! Writing reports: `POST /reports`, the handler's and the reporter's steps, 我也遇到了 and
//! the settings. Every write runs once per Idempotency-Key (`platform::write_once`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use linli_api_types::{
    Problem, ReportDraft, ReportFollowUp, ReportRating, ReportReply, ReportResolve, ReportSettings,
    ReportSummary, ReportTransfer, ReportView,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{follow_up, settings, steps, submit};
use crate::platform::auth::AuthUser;
use crate::platform::error::Result;
use crate::platform::extract::{path_id, ApiJson, ApiPath};
use crate::platform::idempotency::IdempotencyKey;
use crate::platform::ids::UserId;
use crate::platform::write_once::{Begun, WriteOnce};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create))
        .routes(routes!(acknowledge))
        .routes(routes!(reply))
        .routes(routes!(transfer))
        .routes(routes!(resolve))
        .routes(routes!(follow_up_route))
        .routes(routes!(rating))
        .routes(routes!(support))
}

/// Begins the write or returns the stored answer: `begin!(state, auth, key, path, request)`.
macro_rules! begin {
    ($state:expr, $auth:expr, $key:expr, $path:expr, $request:expr) => {
        match WriteOnce::begin(
            &$state.db,
            UserId($auth.user_id),
            &$key,
            "POST",
            $path,
            $request,
        )
        .await?
        {
            Begun::Replay(response) => return Ok(response),
            Begun::Fresh(write) => write,
        }
    };
}

/// Files a report (随手拍 / 反映问题 / 微建议), routed to the head of its place.
#[utoipa::path(
    post,
    path = "/api/v1/reports",
    tag = "reports",
    security(("bearer" = [])),
    request_body = ReportDraft,
    params(("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters; the same key with the same draft replays the first answer")),
    responses(
        (status = 201, description = "Filed; the view names its first handler and deadlines", body = ReportView),
        (status = 400, description = "Not JSON (`bad_json`) or a bad Idempotency-Key", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "An account waiting for approval (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors (`text` required/too_long, `place_note` too_long, `location` no_home, `location.building_id` unknown, `photo_ids` photo_not_available/too_many_photos) or a reused Idempotency-Key", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiJson(draft): ApiJson<ReportDraft>,
) -> Result<Response> {
    let now = state.clock.now_ms();
    let checked = submit::prepare(&state.db, &auth, &draft).await?;
    let mut write = begin!(state, auth, key, "/api/v1/reports", &draft);
    let view = submit::submit(&mut write.tx, &auth, &checked, now).await?;
    tracing::info!(report_id = view.summary.id, "report filed");
    write.answer(StatusCode::CREATED, &view).await
}

const HANDLER_403: &str = "Sees the report but does not handle it (`forbidden`)";

/// 受理: the handler takes it on; the response deadline stops.
#[utoipa::path(
    post,
    path = "/api/v1/reports/{id}/acknowledge",
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Report id"), ("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters")),
    responses(
        (status = 200, description = "Acknowledged (again: unchanged)", body = ReportView),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = HANDLER_403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report, or not the user's to see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already resolved or closed (`report_not_pending`), or changed meanwhile (`report_changed`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn acknowledge(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    let id = path_id(&id)?;
    let now = state.clock.now_ms();
    let path = format!("/api/v1/reports/{id}/acknowledge");
    let mut write = begin!(state, auth, key, &path, &());
    let view = steps::acknowledge(&mut write.tx, &auth, id, now).await?;
    write.answer(StatusCode::OK, &view).await
}

/// 回复: the handler answers on the timeline; the response deadline stops.
#[utoipa::path(
    post,
    path = "/api/v1/reports/{id}/reply",
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Report id"), ("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters")),
    request_body = ReportReply,
    responses(
        (status = 200, description = "Replied", body = ReportView),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = HANDLER_403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report, or not the user's to see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already resolved or closed (`report_not_pending`), or changed meanwhile (`report_changed`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`text` required/too_long", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn reply(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ReportReply>,
) -> Result<Response> {
    let id = path_id(&id)?;
    let now = state.clock.now_ms();
    let path = format!("/api/v1/reports/{id}/reply");
    let mut write = begin!(state, auth, key, &path, &body);
    let view = steps::reply(&mut write.tx, &auth, id, &body.text, now).await?;
    write.answer(StatusCode::OK, &view).await
}

/// 转交: to another head of the community, staff or an outside handler; deadlines restart.
#[utoipa::path(
    post,
    path = "/api/v1/reports/{id}/transfer",
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Report id"), ("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters")),
    request_body = ReportTransfer,
    responses(
        (status = 200, description = "Handed over", body = ReportView),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = HANDLER_403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report, or not the user's to see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already resolved or closed (`report_not_pending`), or changed meanwhile (`report_changed`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`target` unknown (not a head, staff or outside handler of the community, or the holder), `note` too_long", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn transfer(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ReportTransfer>,
) -> Result<Response> {
    let id = path_id(&id)?;
    let now = state.clock.now_ms();
    let path = format!("/api/v1/reports/{id}/transfer");
    let mut write = begin!(state, auth, key, &path, &body);
    let view = steps::transfer(&mut write.tx, &auth, id, &body, now).await?;
    write.answer(StatusCode::OK, &view).await
}

/// 办结: the handler says it is done (a note, and a photo if they like); the reporter confirms.
#[utoipa::path(
    post,
    path = "/api/v1/reports/{id}/resolve",
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Report id"), ("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters")),
    request_body = ReportResolve,
    responses(
        (status = 200, description = "Resolved, waiting for the reporter", body = ReportView),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = HANDLER_403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report, or not the user's to see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already resolved or closed (`report_not_pending`), or changed meanwhile (`report_changed`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`note` required/too_long, `photo_id` photo_not_available", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn resolve(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ReportResolve>,
) -> Result<Response> {
    let id = path_id(&id)?;
    let now = state.clock.now_ms();
    let path = format!("/api/v1/reports/{id}/resolve");
    let mut write = begin!(state, auth, key, &path, &body);
    let view = steps::resolve(&mut write.tx, &auth, id, &body, now).await?;
    write.answer(StatusCode::OK, &view).await
}

/// 已解决 / 没解决: the reporter's answer to a resolved report.
#[utoipa::path(
    post,
    path = "/api/v1/reports/{id}/follow-up",
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Report id"), ("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters")),
    request_body = ReportFollowUp,
    responses(
        (status = 200, description = "Confirmed, or reopened with its last handler and fresh deadlines", body = ReportView),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the reporter's household, or by 代办 someone who handled the report (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report, or not the user's to see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not resolved (`report_not_resolved`), or changed meanwhile (`report_changed`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`note` required (not solved) / too_long", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn follow_up_route(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ReportFollowUp>,
) -> Result<Response> {
    let id = path_id(&id)?;
    let now = state.clock.now_ms();
    let path = format!("/api/v1/reports/{id}/follow-up");
    let mut write = begin!(state, auth, key, &path, &body);
    let view = follow_up::follow_up(&mut write.tx, &auth, id, &body, now).await?;
    write.answer(StatusCode::OK, &view).await
}

/// Satisfaction 1–5, once, after the report was resolved.
#[utoipa::path(
    post,
    path = "/api/v1/reports/{id}/rating",
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Report id"), ("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters")),
    request_body = ReportRating,
    responses(
        (status = 200, description = "Rated", body = ReportView),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the reporter's household, or by 代办 someone who handled the report (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report, or not the user's to see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not resolved yet, or rated already (`report_not_rateable`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`stars` out_of_range (1–5)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn rating(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ReportRating>,
) -> Result<Response> {
    let id = path_id(&id)?;
    let now = state.clock.now_ms();
    let path = format!("/api/v1/reports/{id}/rating");
    let mut write = begin!(state, auth, key, &path, &body);
    let view = follow_up::rate(&mut write.tx, &auth, id, &body, now).await?;
    write.answer(StatusCode::OK, &view).await
}

/// 我也遇到了: another household of the place has the same problem (once per household).
#[utoipa::path(
    post,
    path = "/api/v1/reports/{id}/support",
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Report id"), ("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters")),
    responses(
        (status = 200, description = "Counted (again: unchanged)", body = ReportSummary),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No household (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report, or not of the user's building or community", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The user's household made it (`report_own`), or it is finished (`report_finished`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn support(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    let id = path_id(&id)?;
    let now = state.clock.now_ms();
    let path = format!("/api/v1/reports/{id}/support");
    let mut write = begin!(state, auth, key, &path, &());
    let summary = follow_up::support(&mut write.tx, &auth, id, now).await?;
    write.answer(StatusCode::OK, &summary).await
}

/// Sets category rules and creates (`id` 0) or renames outside handlers (staff).
#[utoipa::path(
    put,
    path = "/api/v1/reports/settings",
    tag = "reports",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters")),
    request_body = ReportSettings,
    responses(
        (status = 200, description = "The settings as stored", body = ReportSettings),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors: `rules[i].respond_hours` (1–168), `rules[i].resolve_days` (1–60) out_of_range, `rules[i].property_handler_id` unknown/retired, `rules[i].category` duplicate, `property_handlers[i].name` required/too_long/duplicate, `property_handlers[i].id` unknown, `property_handlers[i].retired` in_use (a rule this change leaves alone still sends reports first to it)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
pub(super) async fn settings_write(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiJson(body): ApiJson<ReportSettings>,
) -> Result<Response> {
    settings::require_staff(&auth)?;
    let now = state.clock.now_ms();
    let mut write = match WriteOnce::begin(
        &state.db,
        UserId(auth.user_id),
        &key,
        "PUT",
        "/api/v1/reports/settings",
        &body,
    )
    .await?
    {
        Begun::Replay(response) => return Ok(response),
        Begun::Fresh(write) => write,
    };
    let stored = settings::write(&mut write.tx, &auth, &body, now).await?;
    write.answer(StatusCode::OK, &stored).await
}
