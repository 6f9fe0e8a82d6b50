//! Staff and organisers running a task's life: editing it before the start (`PUT
//! /api/v1/tasks/{id}`) and cancelling it with a reason (`POST /api/v1/tasks/{id}/cancel`).
//! Both are naturally idempotent (the same edit again changes nothing; cancelling a cancelled
//! task answers it as it is), so the app retries them without a key.

use axum::extract::State;
use axum::Json;
use linli_api_types::{CancelRequest, Problem, Task, TaskDraft};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{cancel, edit, scope};
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::Result;
use crate::platform::extract::{path_id, ApiJson, ApiPath};
use crate::platform::ids::TaskId;
use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(edit_task))
        .routes(routes!(cancel_task))
}

/// Edits a task before it starts: the same rules as creating it; the place it is for stays.
#[utoipa::path(
    put,
    path = "/api/v1/tasks/{id}",
    tag = "tasks",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Task id")),
    request_body = TaskDraft,
    responses(
        (status = 200, description = "The task as edited; `time_change` set when the time moved", body = Task),
        (status = 400, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither staff of the community nor head of the task's building (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task, or not visible to the user", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The task has started or is completed (`task_started`), or is cancelled (`task_cancelled`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors as for creating (`title`, `description`, `place`, `starts_at`, `ends_at`, `capacity`, `points` above_policy, …); `capacity` below_joined (fewer places than volunteers joined: the message says how many); `target` fixed (the place cannot change)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn edit_task(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(draft): ApiJson<TaskDraft>,
) -> Result<Json<Task>> {
    let now = now_ms();
    let row = scope::managed(&state.db.read, &auth, TaskId(path_id(&id)?)).await?;
    let checked = edit::check(&state.db, &auth, &row, &draft, now).await?;
    let mut tx = state.db.write.begin().await?;
    let task = edit::apply(&mut tx, &auth, TaskId(row.id), &checked, now).await?;
    tx.commit().await?;
    tracing::info!(task_id = row.id, "task edited");
    Ok(Json(task))
}

/// Cancels a task with a reason: places released, the waitlist cleared, nothing joins, checks
/// in or completes it afterwards, no points paid. Again: the task as it is.
#[utoipa::path(
    post,
    path = "/api/v1/tasks/{id}/cancel",
    tag = "tasks",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Task id")),
    request_body = CancelRequest,
    responses(
        (status = 200, description = "The task, `status` cancelled with its `cancellation`", body = Task),
        (status = 400, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither staff of the community nor head of the task's building (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task, or not visible to the user", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The task is completed: its points are paid (`task_completed`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`reason` required or too_long (200)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn cancel_task(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<CancelRequest>,
) -> Result<Json<Task>> {
    let now = now_ms();
    let row = scope::managed(&state.db.read, &auth, TaskId(path_id(&id)?)).await?;
    let reason = cancel::checked_reason(&request.reason)?;
    let mut tx = state.db.write.begin().await?;
    let task = cancel::cancel(&mut tx, &auth, TaskId(row.id), &reason, now).await?;
    tx.commit().await?;
    Ok(Json(task))
}
