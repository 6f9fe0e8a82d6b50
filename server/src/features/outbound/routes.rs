//! 消息推送 (staff): `/api/v1/community/webhook` — the settings, the secret's rotation, a test
//! delivery, the deliveries (the dead-letter list) and retrying one. Thin: the rules are in
//! `endpoint` and `deliveries`; every write runs once per Idempotency-Key.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use linli_api_types::{
    Problem, WebhookDelivery, WebhookDeliveryPage, WebhookSecret, WebhookSettings, WebhookUpdate,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::deliveries::{self, PageAsk};
use super::endpoint::{self, require_staff, Saved};
use crate::platform::auth::AuthUser;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::extract::{path_id, ApiJson, ApiPath};
use crate::platform::idempotency::IdempotencyKey;
use crate::platform::ids::UserId;
use crate::platform::write_once::{Begun, WriteOnce};
use crate::state::AppState;

const WEBHOOK_PATH: &str = "/api/v1/community/webhook";

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(settings_read, settings_write))
        .routes(routes!(rotate_secret))
        .routes(routes!(send_test))
        .routes(routes!(delivery_list))
        .routes(routes!(delivery_retry))
}

/// Begins the write or returns the stored answer: `begin!(state, auth, key, method, path, request)`.
macro_rules! begin {
    ($state:expr, $auth:expr, $key:expr, $method:literal, $path:expr, $request:expr) => {
        match WriteOnce::begin(
            &$state.db,
            UserId($auth.user_id),
            &$key,
            $method,
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

const STAFF_403: &str = "Not staff of the community (`forbidden`)";

/// The community's webhook: its URL, on or off, the secret's last characters, and how many
/// deliveries wait or are dead.
#[utoipa::path(
    get,
    path = "/api/v1/community/webhook",
    tag = "webhook",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The settings (`url` null: none set)", body = WebhookSettings),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = STAFF_403, body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn settings_read(
    State(state): State<AppState>,
    auth: AuthUser,
) -> Result<Json<WebhookSettings>> {
    require_staff(&auth)?;
    let mut conn = state.db.read.acquire().await?;
    Ok(Json(
        endpoint::settings(&mut conn, auth.community_id).await?,
    ))
}

/// Sets the webhook's URL and turns it on or off. The first time, a signing secret is made and
/// answered (201), this once; later saves keep it (200).
#[utoipa::path(
    put,
    path = "/api/v1/community/webhook",
    tag = "webhook",
    security(("bearer" = [])),
    request_body = WebhookUpdate,
    params(("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters; the same key with the same body replays the first answer")),
    responses(
        (status = 200, description = "Saved; the secret is unchanged", body = WebhookSettings),
        (status = 201, description = "Set for the first time: the signing secret, shown this once", body = WebhookSecret),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = STAFF_403, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`url` required/too_long/bad_format, bad_scheme (not http/https), https_required (http:// to another machine), private_address (a private, link-local or reserved address); or a reused Idempotency-Key", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn settings_write(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiJson(update): ApiJson<WebhookUpdate>,
) -> Result<Response> {
    require_staff(&auth)?;
    let url = endpoint::check(&update)?;
    let now = state.clock.now_ms();
    let mut write = begin!(state, auth, key, "PUT", WEBHOOK_PATH, &update);
    match endpoint::save(&mut write.tx, &auth, &url, update.enabled, now).await? {
        Saved::Created(secret) => {
            tracing::info!("webhook set");
            write.answer(StatusCode::CREATED, &secret).await
        }
        Saved::Updated(settings) => write.answer(StatusCode::OK, &settings).await,
    }
}

/// Replaces the signing secret at once (the receiver must be given the new one).
#[utoipa::path(
    post,
    path = "/api/v1/community/webhook/secret",
    tag = "webhook",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters")),
    responses(
        (status = 200, description = "The new secret, shown this once", body = WebhookSecret),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = STAFF_403, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No webhook set (`webhook_not_set`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn rotate_secret(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
) -> Result<Response> {
    require_staff(&auth)?;
    let now = state.clock.now_ms();
    let path = format!("{WEBHOOK_PATH}/secret");
    let mut write = begin!(state, auth, key, "POST", &path, &());
    let secret = endpoint::rotate(&mut write.tx, &auth, now).await?;
    tracing::info!("webhook secret rotated");
    write.answer(StatusCode::OK, &secret).await
}

/// 发送测试: queues a test delivery ("测试消息", no recipient), due now.
#[utoipa::path(
    post,
    path = "/api/v1/community/webhook/test",
    tag = "webhook",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters")),
    responses(
        (status = 201, description = "Queued", body = WebhookDelivery),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = STAFF_403, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No webhook set (`webhook_not_set`) or it is off (`webhook_off`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Test deliveries are already waiting (`webhook_tests_waiting`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn send_test(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
) -> Result<Response> {
    require_staff(&auth)?;
    let now = state.clock.now_ms();
    let path = format!("{WEBHOOK_PATH}/test");
    let mut write = begin!(state, auth, key, "POST", &path, &());
    let delivery = deliveries::queue_test(&mut write.tx, auth.community_id, now).await?;
    write.answer(StatusCode::CREATED, &delivery).await
}

/// `?status=&cursor=&limit=` of the deliveries; text, so a bad value is a field error.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveryParams {
    /// `dead` (the dead-letter list), `pending` or `delivered`; every delivery when absent.
    #[param(value_type = Option<String>, pattern = "^(pending|delivered|dead)$")]
    status: Option<String>,
    /// `next_cursor` of the previous page.
    #[param(value_type = Option<String>, pattern = "^[1-9][0-9]{0,17}$")]
    cursor: Option<String>,
    /// Items per page, 1–50; 20 when absent.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    limit: Option<String>,
}

/// The community's deliveries, newest first: with `?status=dead`, the dead-letter list.
#[utoipa::path(
    get,
    path = "/api/v1/community/webhook/deliveries",
    tag = "webhook",
    security(("bearer" = [])),
    params(DeliveryParams),
    responses(
        (status = 200, description = "A page of deliveries; failures in words in the request's language", body = WebhookDeliveryPage),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = STAFF_403, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `status`, `cursor` or `limit` (field errors)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn delivery_list(
    State(state): State<AppState>,
    auth: AuthUser,
    params: std::result::Result<Query<DeliveryParams>, QueryRejection>,
) -> Result<Json<WebhookDeliveryPage>> {
    require_staff(&auth)?;
    let Query(params) = params
        .map_err(|_| AppError::Validation(vec![FieldIssue::new("status", Rule::BadFormat)]))?;
    let ask = PageAsk::parse(
        params.status.as_deref(),
        params.cursor.as_deref(),
        params.limit.as_deref(),
    )?;
    Ok(Json(
        deliveries::page(&state.db, auth.community_id, ask).await?,
    ))
}

/// 重试: a dead delivery back in line, due now, attempts counted afresh (one still waiting is
/// answered as it is).
#[utoipa::path(
    post,
    path = "/api/v1/community/webhook/deliveries/{id}/retry",
    tag = "webhook",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Delivery id"), ("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters")),
    responses(
        (status = 200, description = "Pending again", body = WebhookDelivery),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = STAFF_403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delivery of the community", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "It was delivered (`webhook_delivery_delivered`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn delivery_retry(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    require_staff(&auth)?;
    let id = path_id(&id)?;
    let now = state.clock.now_ms();
    let path = format!("{WEBHOOK_PATH}/deliveries/{id}/retry");
    let mut write = begin!(state, auth, key, "POST", &path, &());
    let delivery = deliveries::retry(&mut write.tx, auth.community_id, id, now).await?;
    write.answer(StatusCode::OK, &delivery).await
}
