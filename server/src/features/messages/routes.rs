//! 消息's routes, every one about the signed-in user's own messages: the list and the bell's
//! figure, marking read, 消息设置, and the live stream (a ticket, then the stream itself).
//! Thin: the SQL is in `list`, `read`, `prefs`, `tickets` and `stream`.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header::{HeaderMap, HeaderName, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use linli_api_types::{MessagePage, MessagePrefs, Problem, ReadAll, StreamTicket, UnreadCount};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{list, prefs, read, stream, tickets};
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::extract::{path_id, ApiJson, ApiPath};
use crate::platform::lang::Lang;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(messages))
        .routes(routes!(unread))
        .routes(routes!(mark_read))
        .routes(routes!(mark_all_read))
        .routes(routes!(preferences, save_preferences))
        .routes(routes!(stream_ticket))
        .routes(routes!(live_stream))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Messages per page, 1–50; 20 when absent or empty.
    // MESSAGE_PAGE_MAX; checked in server/tests/api/openapi_rules.rs
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    limit: Option<String>,
}

/// 消息: the user's messages, newest first, in the request's language; turned-off kinds and
/// reminders still held by quiet hours are not listed.
#[utoipa::path(
    get,
    path = "/api/v1/messages",
    tag = "messages",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "A page of messages and the unread figure", body = MessagePage),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `cursor` or `limit`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn messages(
    State(state): State<AppState>,
    auth: AuthUser,
    params: std::result::Result<Query<PageParams>, QueryRejection>,
) -> Result<Json<MessagePage>> {
    let Query(params) = params
        .map_err(|_| AppError::Validation(vec![FieldIssue::new("query", Rule::BadFormat)]))?;
    let (cursor, limit) = list::params(params.cursor.as_deref(), params.limit.as_deref())
        .map_err(AppError::Validation)?;
    let now = state.clock.now_ms();
    Ok(Json(
        list::page(
            &state.db.read,
            auth.user_id,
            now,
            cursor,
            limit,
            Lang::current(),
        )
        .await?,
    ))
}

/// The bell's figure, and the newest message's id (what polling compares where the browser
/// has no EventSource).
#[utoipa::path(
    get,
    path = "/api/v1/messages/unread",
    tag = "messages",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Unread messages and the newest id", body = UnreadCount),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn unread(State(state): State<AppState>, auth: AuthUser) -> Result<Json<UnreadCount>> {
    Ok(Json(
        list::unread(&state.db.read, auth.user_id, state.clock.now_ms()).await?,
    ))
}

/// Marks one of the user's messages read (again: no change).
#[utoipa::path(
    post,
    path = "/api/v1/messages/{id}/read",
    tag = "messages",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Message id")),
    responses(
        (status = 204, description = "Read"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such message of the user's (another user's reads the same)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn mark_read(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode> {
    let id = path_id(&id)?;
    read::mark_read(&state.db, auth.user_id, id, state.clock.now_ms()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// 全部已读: marks read every message up to `up_to` (the newest the user saw); one that
/// arrived meanwhile stays unread.
#[utoipa::path(
    post,
    path = "/api/v1/messages/read-all",
    tag = "messages",
    security(("bearer" = [])),
    request_body = ReadAll,
    responses(
        (status = 204, description = "Read"),
        (status = 400, description = "Body is not valid JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`up_to` missing or not a number", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn mark_all_read(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(request): ApiJson<ReadAll>,
) -> Result<StatusCode> {
    read::mark_all_read(&state.db, auth.user_id, request.up_to, state.clock.now_ms()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// 消息设置: the kinds turned off and the quiet hours (the defaults without a choice).
#[utoipa::path(
    get,
    path = "/api/v1/messages/preferences",
    tag = "messages",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The user's preferences", body = MessagePrefs),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn preferences(State(state): State<AppState>, auth: AuthUser) -> Result<Json<MessagePrefs>> {
    Ok(Json(prefs::load(&state.db.read, auth.user_id).await?))
}

/// Saves 消息设置 (the whole of it); messages written from now on follow it.
#[utoipa::path(
    put,
    path = "/api/v1/messages/preferences",
    tag = "messages",
    security(("bearer" = [])),
    request_body = MessagePrefs,
    responses(
        (status = 200, description = "Saved, as stored", body = MessagePrefs),
        (status = 400, description = "Body is not valid JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`quiet_start` / `quiet_end` out_of_range (0–1439), an unknown kind in `off`, or a field missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn save_preferences(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(request): ApiJson<MessagePrefs>,
) -> Result<Json<MessagePrefs>> {
    Ok(Json(
        prefs::save(&state.db, auth.user_id, &request, now_ms()).await?,
    ))
}

/// A ticket that opens one live stream within a minute, once: EventSource cannot send the
/// Authorization header, so the session is traded for it.
#[utoipa::path(
    post,
    path = "/api/v1/messages/stream-ticket",
    tag = "messages",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket and when it expires", body = StreamTicket),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn stream_ticket(
    State(state): State<AppState>,
    auth: AuthUser,
) -> Result<Json<StreamTicket>> {
    Ok(Json(tickets::issue(&state.db, &auth, now_ms()).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StreamParams {
    /// From `POST /api/v1/messages/stream-ticket`; single use, valid for a minute.
    ticket: Option<String>,
    /// The language of the messages' words: `zh` (default) or `en`.
    #[param(pattern = "^(zh|en)$")]
    lang: Option<String>,
    /// The id of the last `message` event the tab got: what came after it is sent first. A
    /// `Last-Event-ID` header (EventSource's own reconnection) wins over it.
    #[param(value_type = Option<i64>, minimum = 0)]
    last_event_id: Option<String>,
}

/// The id to resume after: the `Last-Event-ID` header, else the query's; `Err` for one that is
/// not a number.
fn resume_from(headers: &HeaderMap, query: Option<&str>) -> Result<Option<i64>> {
    let header = headers
        .get("last-event-id")
        .and_then(|value| value.to_str().ok())
        .filter(|value| !value.trim().is_empty());
    let (field, raw) = match (header, query.filter(|raw| !raw.is_empty())) {
        (Some(header), _) => ("Last-Event-ID", header),
        (None, Some(query)) => ("last_event_id", query),
        (None, None) => return Ok(None),
    };
    match raw.trim().parse::<i64>() {
        Ok(id) if id >= 0 => Ok(Some(id)),
        _ => Err(AppError::Validation(vec![FieldIssue::new(
            field,
            Rule::BadFormat,
        )])),
    }
}

/// The live stream (`text/event-stream`). Authenticated by its ticket only — EventSource sends
/// no Authorization header — so no bearer token is asked for. Events: `unread` first
/// (UnreadCount), then `message` (StreamEvent, id = the message's id) for what was missed after
/// `last_event_id` and for each new one; a comment every 20 s. The stream ends when the
/// session behind the ticket ends (checked every minute) or when the app is too slow to take
/// what is sent (it resumes with the last id it got).
#[utoipa::path(
    get,
    path = "/api/v1/messages/stream",
    tag = "messages",
    params(StreamParams),
    responses(
        (status = 200, description = "Server-Sent Events: `unread` (UnreadCount JSON), then `message` events (StreamEvent JSON, id = message id)", content_type = "text/event-stream", body = String),
        (status = 401, description = "No ticket, or one that is unknown, used, expired, or whose session ended", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`last_event_id` (or `Last-Event-ID`) not a number", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The server is shutting down: reconnect", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all)]
async fn live_stream(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: std::result::Result<Query<StreamParams>, QueryRejection>,
) -> Result<Response> {
    let Query(params) = params
        .map_err(|_| AppError::Validation(vec![FieldIssue::new("query", Rule::BadFormat)]))?;
    let ticket = params.ticket.as_deref().ok_or(AppError::Unauthenticated)?;
    let resumed_from = resume_from(&headers, params.last_event_id.as_deref())?;
    let lang = match params.lang.as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    };
    let holder = tickets::redeem(&state.db, ticket, now_ms())
        .await?
        .ok_or(AppError::Unauthenticated)?;
    // Subscribed before reading what was missed, so nothing falls between the two.
    let subscription = state
        .hub
        .subscribe(holder.user_id, holder.session_id)
        .ok_or(AppError::Overloaded)?;
    let now = state.clock.now_ms();
    let unread = list::unread(&state.db.read, holder.user_id, now).await?;
    let missed = match resumed_from {
        Some(after) => stream::missed(&state.db, holder.user_id, after, now).await?,
        None => Vec::new(),
    };
    tracing::info!(
        user_id = holder.user_id,
        resumed_from,
        missed = missed.len(),
        "stream opened"
    );
    // Without an id to resume from, the tab starts at the newest message the figure counts:
    // what came before is in the list, not sent again when the poller still sees it.
    let sse = stream::respond(
        unread,
        missed,
        resumed_from.unwrap_or(unread.latest_id),
        subscription,
        lang,
    );
    // nginx and its kind buffer responses unless told not to.
    let no_buffering = [(
        HeaderName::from_static("x-accel-buffering"),
        HeaderValue::from_static("no"),
    )];
    Ok((no_buffering, sse).into_response())
}
