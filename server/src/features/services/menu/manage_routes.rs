//! 服务管理 for staff: `/api/v1/manage/services…`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use linli_api_types::{ManagedService, PauseRequest, Problem, ServiceAdmin, ServiceRequest};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::manage::{self, staff_community};
use super::manage_validate::{self, CheckedService};
use crate::features::points::policy;
use crate::platform::auth::AuthUser;
use crate::platform::db::{now_ms, Db};
use crate::platform::error::{AppError, Result};
use crate::platform::extract::{path_id, ApiJson, ApiPath};
use crate::platform::idempotency::IdempotencyKey;
use crate::platform::ids::{CommunityId, ServiceId, UserId};
use crate::platform::write_once::{Begun, WriteOnce};
use crate::state::AppState;

const PATH: &str = "/api/v1/manage/services";

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(edit))
        .routes(routes!(pause))
}

/// The request under the rules and the community's policy, or 422 with every field's issue.
async fn checked(
    db: &Db,
    community: CommunityId,
    request: &ServiceRequest,
) -> Result<CheckedService> {
    let policy = policy::load(&db.read, community.get()).await?;
    let mut issues = Vec::new();
    let service = manage_validate::check(request, &policy, &mut issues);
    if issues.is_empty() {
        Ok(service)
    } else {
        Err(AppError::Validation(issues))
    }
}

/// Every service of the staff member's community, paused ones too, with the community's
/// volunteers and providers to choose from and the policy's hourly rate.
#[utoipa::path(
    get,
    path = "/api/v1/manage/services",
    tag = "services",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Services in menu order with opening times, volunteers, paused flag and last change; the volunteers, providers and points per hour the form uses", body = ServiceAdmin),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the community (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn list(State(state): State<AppState>, auth: AuthUser) -> Result<Json<ServiceAdmin>> {
    let community = staff_community(&auth)?;
    let policy = policy::load(&state.db.read, community.get()).await?;
    Ok(Json(
        manage::admin(&state.db, community, policy.points_per_hour).await?,
    ))
}

/// Adds a service to the end of the menu, open at once.
#[utoipa::path(
    post,
    path = "/api/v1/manage/services",
    tag = "services",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer: a retried create adds the service once")),
    request_body = ServiceRequest,
    responses(
        (status = 201, description = "The service as staff manage it", body = ManagedService),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the community (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors: `name` required/too_long/taken, `provider_name`, `description`, `points_price` out_of_range (0–500), `duration_minutes` out_of_range (15–480), `volunteer_points` beyond_policy, `opening[i]` bad_weekday/start_after_end/overlaps, `volunteer_ids` unknown/not_volunteer", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiJson(request): ApiJson<ServiceRequest>,
) -> Result<Response> {
    let community = staff_community(&auth)?;
    let service = checked(&state.db, community, &request).await?;
    let me = UserId(auth.user_id);
    let mut write = match WriteOnce::begin(&state.db, me, &key, "POST", PATH, &request).await? {
        Begun::Replay(response) => return Ok(response),
        Begun::Fresh(write) => write,
    };
    let created = manage::create(&mut write.tx, community, me, &service, now_ms()).await?;
    write.answer(StatusCode::CREATED, &created).await
}

/// Replaces a service: its words, category, provider, prices, length, opening times and
/// volunteers. Orders already placed keep what they were placed for.
#[utoipa::path(
    put,
    path = "/api/v1/manage/services/{id}",
    tag = "services",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Service id")),
    request_body = ServiceRequest,
    responses(
        (status = 200, description = "The service as it now is", body = ManagedService),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the community (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service in the staff member's community", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors as for creating one", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn edit(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<ServiceRequest>,
) -> Result<Json<ManagedService>> {
    let community = staff_community(&auth)?;
    let id = ServiceId(path_id(&id)?);
    let service = checked(&state.db, community, &request).await?;
    Ok(Json(
        manage::edit(
            &state.db,
            community,
            UserId(auth.user_id),
            id,
            &service,
            now_ms(),
        )
        .await?,
    ))
}

/// Pauses (暂停服务) or resumes a service. Paused, it is off the residents' menu and cannot be
/// ordered; orders already placed go on.
#[utoipa::path(
    put,
    path = "/api/v1/manage/services/{id}/paused",
    tag = "services",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Service id")),
    request_body = PauseRequest,
    responses(
        (status = 200, description = "The service as it now is", body = ManagedService),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the community (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service in the staff member's community", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn pause(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<PauseRequest>,
) -> Result<Json<ManagedService>> {
    let community = staff_community(&auth)?;
    let id = ServiceId(path_id(&id)?);
    Ok(Json(
        manage::set_paused(
            &state.db,
            community,
            UserId(auth.user_id),
            id,
            request.paused,
            now_ms(),
        )
        .await?,
    ))
}
