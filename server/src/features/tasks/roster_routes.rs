//! Running a volunteer task 志愿任务: the roster and what organisers do on it, the check-in
//! code shown at the site, the volunteer's own check-in with it, and completion:
//! `/api/v1/tasks/{id}/roster…`, `/check-in-code`, `/check-in`, `/complete`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use linli_api_types::{
    CheckInCode, CheckInRequest, Problem, Roster, RosterAction, RosterEntry, Task, TaskCompletion,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::check_in::CheckIn;
use super::roster::RosterChange;
use crate::platform::write_once::{Begun, WriteOnce};
use super::{completion, refusals, scope, TASKS_PATH};
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::{AppError, Result};
use crate::platform::extract::{path_id, ApiJson, ApiPath};
use crate::platform::idempotency::IdempotencyKey;
use crate::platform::ids::{TaskId, UserId};
use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(roster))
        .routes(routes!(roster_step, undo_check_in))
        .routes(routes!(check_in_code))
        .routes(routes!(check_in))
        .routes(routes!(complete))
}

/// The organiser's roster: volunteers holding a slot and the waitlist, in order.
#[utoipa::path(
    get,
    path = "/api/v1/tasks/{id}/roster",
    tag = "tasks",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Task id")),
    responses(
        (status = 200, description = "The roster", body = Roster),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the creator, staff of the community nor head of the building (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task, or not visible to the user", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn roster(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Roster>> {
    let row = scope::managed(&state.db.read, &auth, TaskId(path_id(&id)?)).await?;
    let (volunteers, waitlist) =
        super::roster::roster(&state.db.read, TaskId(row.id), UserId(auth.user_id)).await?;
    Ok(Json(Roster {
        task_id: row.id,
        capacity: row.capacity,
        volunteers,
        waitlist,
    }))
}

/// Checks a volunteer in or out, marks them absent 缺席 (after the start), or confirms another
/// organiser's own check-in (`confirm`; after completion it credits them then). Repeating a
/// step changes nothing.
#[utoipa::path(
    put,
    path = "/api/v1/tasks/{id}/roster/{user_id}/{action}",
    tag = "tasks",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Task id"),
        ("user_id" = i64, Path, description = "The volunteer"),
        ("action" = RosterAction, Path, description = "`check_in`, `check_out`, `no_show` or `confirm`"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer"),
    ),
    responses(
        (status = 200, description = "The volunteer's roster line", body = RosterEntry),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an organiser of the task now (`forbidden`), or confirming one's own attendance (`own_attendance`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task, action or volunteer on it", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`enrollment_state` (e.g. check-out before check-in, waitlisted, confirming someone not checked in), `task_not_started` (no-show before the start), `task_completed` (all but `confirm`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn roster_step(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath((id, user_id, action)): ApiPath<(String, String, String)>,
) -> Result<Response> {
    let change = RosterAction::parse(&action).ok_or(AppError::NotFound)?;
    let line = (id.as_str(), user_id.as_str(), action.as_str());
    change_roster(&state, &auth, &key, "PUT", line, change.into()).await
}

/// Undoes a check-in 撤销签到 / 标记缺席: the volunteer is absent once the task has started,
/// joined again before. Only `check_in` can be undone, and only until the task is completed;
/// undoing again changes nothing.
#[utoipa::path(
    delete,
    path = "/api/v1/tasks/{id}/roster/{user_id}/{action}",
    tag = "tasks",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Task id"),
        ("user_id" = i64, Path, description = "The volunteer"),
        ("action" = String, Path, description = "`check_in`"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer"),
    ),
    responses(
        (status = 200, description = "The volunteer's roster line: `no_show` (after the start) or `joined`", body = RosterEntry),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an organiser of the task now (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task or volunteer on it, or an action other than `check_in`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`task_completed`, or `enrollment_state` (waitlisted, withdrawn)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn undo_check_in(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath((id, user_id, action)): ApiPath<(String, String, String)>,
) -> Result<Response> {
    if RosterAction::parse(&action) != Some(RosterAction::CheckIn) {
        return Err(AppError::NotFound);
    }
    let line = (id.as_str(), user_id.as_str(), action.as_str());
    change_roster(
        &state,
        &auth,
        &key,
        "DELETE",
        line,
        RosterChange::UndoCheckIn,
    )
    .await
}

/// The one path of every roster change: the caller manages the task now, the request is
/// claimed under its Idempotency-Key, and the answer is the volunteer's roster line after the
/// change, all in one write transaction.
async fn change_roster(
    state: &AppState,
    auth: &AuthUser,
    key: &IdempotencyKey,
    method: &'static str,
    (id, user_id, action): (&str, &str, &str),
    change: RosterChange,
) -> Result<Response> {
    let row = scope::managed(&state.db.read, auth, TaskId(path_id(id)?)).await?;
    let volunteer = UserId(path_id(user_id)?);
    let me = UserId(auth.user_id);
    let path = format!("{TASKS_PATH}/{}/roster/{volunteer}/{action}", row.id);
    let null = serde_json::Value::Null;
    let mut write = match WriteOnce::begin(&state.db, me, key, method, &path, &null).await? {
        Begun::Replay(response) => return Ok(response),
        Begun::Fresh(write) => write,
    };
    let task_id = TaskId(row.id);
    let entry =
        super::roster::change(&mut write.tx, task_id, volunteer, me, change, now_ms()).await?;
    let response = write.answer(StatusCode::OK, &entry).await?;
    if change == RosterChange::UndoCheckIn {
        tracing::info!(
            task_id = row.id,
            volunteer = volunteer.get(),
            "check-in undone"
        );
    }
    Ok(response)
}

/// The code to show at the site: six digits that change every 60 seconds.
#[utoipa::path(
    get,
    path = "/api/v1/tasks/{id}/check-in-code",
    tag = "tasks",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Task id")),
    responses(
        (status = 200, description = "The current code and the seconds until it changes (the previous one stays valid one more minute)", body = CheckInCode),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an organiser of the task (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task, or not visible to the user", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn check_in_code(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<CheckInCode>> {
    let row = scope::managed(&state.db.read, &auth, TaskId(path_id(&id)?)).await?;
    Ok(Json(
        super::check_in_code::current(&state.db.read, TaskId(row.id), now_ms()).await?,
    ))
}

/// The volunteer checks themself in with the code shown at the site, or out when already in.
/// Opens two hours before the start.
#[utoipa::path(
    post,
    path = "/api/v1/tasks/{id}/check-in",
    tag = "tasks",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Task id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer: a retried check-in is not taken for a check-out"),
    ),
    request_body = CheckInRequest,
    responses(
        (status = 200, description = "The task with `my_enrollment` `checked_in` or `checked_out`", body = Task),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task, or not visible to the user", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not joined (`enrollment_state`), too early (`task_not_started`) or completed (`task_completed`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`code` wrong_code (neither this minute's nor the last)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "5 wrong codes for this task within 10 minutes (`rate_limited`, also at `code`): Retry-After says when the oldest leaves the window", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn check_in(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<CheckInRequest>,
) -> Result<Response> {
    let row = scope::reachable(&state.db.read, &auth, TaskId(path_id(&id)?)).await?;
    let now = now_ms();
    let path = format!("{TASKS_PATH}/{}/check-in", row.id);
    let me = UserId(auth.user_id);
    let mut write = match WriteOnce::begin(&state.db, me, &key, "POST", &path, &request).await? {
        Begun::Replay(response) => return Ok(response),
        Begun::Fresh(write) => write,
    };
    match super::check_in::by_code(&mut write.tx, &auth, &row, &request.code, now).await? {
        CheckIn::Done(task) => write.answer(StatusCode::OK, &task).await,
        CheckIn::WrongCode => {
            // The failure counts although the request fails.
            write.commit_refused().await?;
            Err(AppError::Validation(vec![refusals::wrong_code()]))
        }
    }
}

/// Confirms completion once: minutes recorded per attendee, points credited from the
/// community fund, everyone never checked in marked absent.
#[utoipa::path(
    post,
    path = "/api/v1/tasks/{id}/complete",
    tag = "tasks",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Task id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer"),
    ),
    responses(
        (status = 200, description = "What was recorded and credited", body = TaskCompletion),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an organiser of the task (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task, or not visible to the user", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Before the start (`task_not_started`) or already completed (`task_completed`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn complete(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    let row = scope::managed(&state.db.read, &auth, TaskId(path_id(&id)?)).await?;
    let path = format!("{TASKS_PATH}/{}/complete", row.id);
    let me = UserId(auth.user_id);
    let null = serde_json::Value::Null;
    let mut write = match WriteOnce::begin(&state.db, me, &key, "POST", &path, &null).await? {
        Begun::Replay(response) => return Ok(response),
        Begun::Fresh(write) => write,
    };
    let completion = completion::complete(&mut write.tx, TaskId(row.id), me, now_ms()).await?;
    let response = write.answer(StatusCode::OK, &completion).await?;
    tracing::info!(
        task_id = row.id,
        attendees = completion.attendees,
        "task completed"
    );
    Ok(response)
}
