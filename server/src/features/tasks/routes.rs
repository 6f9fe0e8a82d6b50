//! Volunteer tasks 志愿任务 as residents find and join them, and as organisers create them:
//! `/api/v1/tasks`, `/api/v1/tasks/{id}`, `/api/v1/tasks/{id}/enrollment`,
//! `/api/v1/task-targets`, `/api/v1/me/tasks`.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use linli_api_types::{Problem, Scope, Task, TaskDraft, TaskPage};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::query::{bad_query, ListParams, MineParams};
use crate::platform::write_once::{Begun, WriteOnce};
use super::{enrollment, scope, TASKS_PATH};
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::Result;
use crate::platform::extract::{path_id, ApiJson, ApiPath};
use crate::platform::idempotency::IdempotencyKey;
use crate::platform::ids::{TaskId, UserId};
use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(targets))
        .routes(routes!(mine))
        .routes(routes!(detail))
        .routes(routes!(join, withdraw))
}

type QueryResult<T> = std::result::Result<Query<T>, axum::extract::rejection::QueryRejection>;

/// Upcoming volunteer tasks for the user's community, grid or building (staff: all of their
/// community), soonest first.
#[utoipa::path(
    get,
    path = "/api/v1/tasks",
    tag = "tasks",
    security(("bearer" = [])),
    params(ListParams),
    responses(
        (status = 200, description = "Tasks not yet over nor completed, soonest first, with slots left and the user's enrolment", body = TaskPage),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `category`, `from`, `to`, `limit` or `cursor` (field errors)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    params: QueryResult<ListParams>,
) -> Result<Json<TaskPage>> {
    let Query(params) = params.map_err(|_| bad_query())?;
    let (filter, page) = params.parse()?;
    let (items, next_cursor) = super::list::page(&state.db, &auth, &filter, page, now_ms()).await?;
    Ok(Json(TaskPage { items, next_cursor }))
}

/// The user's own tasks.
#[utoipa::path(
    get,
    path = "/api/v1/me/tasks",
    tag = "tasks",
    security(("bearer" = [])),
    params(MineParams),
    responses(
        (status = 200, description = "`upcoming`: joined or waitlisted, soonest first; `done`: completed, no-show or over, latest first", body = TaskPage),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `when`, `limit` or `cursor`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn mine(
    State(state): State<AppState>,
    auth: AuthUser,
    params: QueryResult<MineParams>,
) -> Result<Json<TaskPage>> {
    let Query(params) = params.map_err(|_| bad_query())?;
    let (which, page) = params.parse()?;
    let (items, next_cursor) = super::list::mine(&state.db, &auth, which, page, now_ms()).await?;
    Ok(Json(TaskPage { items, next_cursor }))
}

/// One task, with the user's enrolment and whether they run it.
#[utoipa::path(
    get,
    path = "/api/v1/tasks/{id}",
    tag = "tasks",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Task id")),
    responses(
        (status = 200, description = "The task", body = Task),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task, or not for the user's place (`not_found`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn detail(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Task>> {
    let row = scope::reachable(&state.db.read, &auth, TaskId(path_id(&id)?)).await?;
    Ok(Json(row.task_for(&auth, now_ms())?))
}

/// The places the user may create tasks for.
#[utoipa::path(
    get,
    path = "/api/v1/task-targets",
    tag = "tasks",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Staff: their community, its grids and buildings; building heads: their buildings; others: none", body = Vec<Scope>),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn targets(State(state): State<AppState>, auth: AuthUser) -> Result<Json<Vec<Scope>>> {
    Ok(Json(super::targets::targets(&state.db, &auth).await?))
}

/// Creates a task for a community, grid or building the creator is responsible for.
#[utoipa::path(
    post,
    path = "/api/v1/tasks",
    tag = "tasks",
    security(("bearer" = [])),
    request_body = TaskDraft,
    params(("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters; the same key with the same draft replays the first answer")),
    responses(
        (status = 201, description = "Created", body = Task),
        (status = 400, description = "Not JSON or a bad Idempotency-Key", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only staff and building heads create tasks (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors: `title` (1–60), `description` (≤ 2000), `place` (1–60) required/too_long; `starts_at` in_past; `ends_at` not_after_start; `capacity` (1–500), `points` (0–1000) out_of_range, `points` above_policy (more than the community's points per hour allow for the task's length: the message says the maximum); `category` bad_format; `target` unknown (no such place, or one of another community)/out_of_scope (a place of the user's community they are not responsible for). Or `idempotency_key_reused`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiJson(draft): ApiJson<TaskDraft>,
) -> Result<Response> {
    let now = now_ms();
    let checked = super::create::check(&state.db, &auth, &draft, now).await?;
    let me = UserId(auth.user_id);
    let mut write = match WriteOnce::begin(&state.db, me, &key, "POST", TASKS_PATH, &draft).await? {
        Begun::Replay(response) => return Ok(response),
        Begun::Fresh(write) => write,
    };
    let task = super::create::insert(&mut write.tx, &auth, &checked, now).await?;
    let response = write.answer(StatusCode::CREATED, &task).await?;
    tracing::info!(task_id = task.id, "task created");
    Ok(response)
}

/// Joins 报名: a slot while any is left, otherwise the waitlist with a position. Joining again
/// is the same enrolment.
#[utoipa::path(
    put,
    path = "/api/v1/tasks/{id}/enrollment",
    tag = "tasks",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Task id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer"),
    ),
    responses(
        (status = 200, description = "The task with `my_enrollment` `joined` or `waitlisted {position}`", body = Task),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The task is not for the user's place (staff seeing a 3栋 task) (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task, or not visible to the user", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The task has started or is completed (`task_started`), or was cancelled (`task_cancelled`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn join(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    let row = scope::joinable(&state.db.read, &auth, TaskId(path_id(&id)?)).await?;
    let path = format!("{TASKS_PATH}/{}/enrollment", row.id);
    let (me, null, now) = (UserId(auth.user_id), serde_json::Value::Null, now_ms());
    let mut write = match WriteOnce::begin(&state.db, me, &key, "PUT", &path, &null).await? {
        Begun::Replay(response) => return Ok(response),
        Begun::Fresh(write) => write,
    };
    let task = enrollment::join_as(&mut write.tx, &auth, TaskId(row.id), now).await?;
    write.answer(StatusCode::OK, &task).await
}

/// Withdraws before the start; the first on the waitlist gets the slot.
#[utoipa::path(
    delete,
    path = "/api/v1/tasks/{id}/enrollment",
    tag = "tasks",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Task id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer"),
    ),
    responses(
        (status = 200, description = "The task with `my_enrollment` `withdrawn` (or `none` when never joined)", body = Task),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task, or not visible to the user", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The task has started (`task_started`) or the volunteer is checked in (`enrollment_state`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn withdraw(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    let row = scope::reachable(&state.db.read, &auth, TaskId(path_id(&id)?)).await?;
    let path = format!("{TASKS_PATH}/{}/enrollment", row.id);
    let (me, null, now) = (UserId(auth.user_id), serde_json::Value::Null, now_ms());
    let mut write = match WriteOnce::begin(&state.db, me, &key, "DELETE", &path, &null).await? {
        Begun::Replay(response) => return Ok(response),
        Begun::Fresh(write) => write,
    };
    let task = enrollment::withdraw_as(&mut write.tx, &auth, TaskId(row.id), now).await?;
    write.answer(StatusCode::OK, &task).await
}
