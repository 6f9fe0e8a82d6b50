//! Volunteer tasks 志愿任务: `/api/v1/tasks…`, `/api/v1/task-targets`, `/api/v1/me/tasks`.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::{NaiveDate, NaiveTime};
use linli_api_types::{
    CheckInCode, CheckInRequest, Problem, Roster, RosterAction, RosterEntry, Scope, ScopeKind,
    Task, TaskCategory, TaskCompletion, TaskDraft, TaskPage, TASK_PAGE_DEFAULT, TASK_PAGE_MAX,
};
use serde::Deserialize;

use crate::auth::{AuthUser, Grant};
use crate::db::now_ms;
use crate::error::{AppError, FieldIssue, Result, Rule};
use crate::extract::{ApiJson, ApiPath};
use crate::http::path_id;
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::places;
use crate::policy;
use crate::state::AppState;
use crate::tasks::attendance::Actor;
use crate::tasks::{
    self, code_attempts, validate, Cursor, ListFilter, Mine, Step, TaskRow, Viewer,
};

const TASKS_PATH: &str = "/api/v1/tasks";
/// Asia/Shanghai: UTC+8 all year.
const SHANGHAI_OFFSET_MS: i64 = 8 * 60 * 60 * 1000;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(TASKS_PATH, get(list).post(create))
        .route("/api/v1/task-targets", get(targets))
        .route("/api/v1/me/tasks", get(mine))
        .route("/api/v1/tasks/{id}", get(detail))
        .route("/api/v1/tasks/{id}/enrollment", put(join).delete(withdraw))
        .route("/api/v1/tasks/{id}/roster", get(roster))
        .route(
            "/api/v1/tasks/{id}/roster/{user_id}/{action}",
            put(roster_step).delete(undo_check_in),
        )
        .route("/api/v1/tasks/{id}/check-in-code", get(check_in_code))
        .route("/api/v1/tasks/{id}/check-in", post(check_in))
        .route("/api/v1/tasks/{id}/complete", post(complete))
}

/// `GET /tasks` query. All text, so a bad value is a field error, not a bare 400.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// One of the task categories; empty means all.
    #[param(pattern = r"^(|environment|civility|elderly|children|safety|culture|other)$")]
    category: Option<String>,
    /// First day, `YYYY-MM-DD` (Asia/Shanghai), inclusive; empty means no bound.
    #[param(pattern = r"^(|[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|[0-9]{4}-(0[13-9]|1[0-2])-(29|30)|[0-9]{4}-(0[13578]|1[02])-31)$")]
    from: Option<String>,
    /// Last day, `YYYY-MM-DD` (Asia/Shanghai), inclusive; empty means no bound.
    #[param(pattern = r"^(|[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|[0-9]{4}-(0[13-9]|1[0-2])-(29|30)|[0-9]{4}-(0[13578]|1[02])-31)$")]
    to: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Items per page, 1–50; 20 when absent.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    limit: Option<String>,
}

/// `GET /me/tasks` query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MineParams {
    /// `upcoming` (default: joined or waitlisted, not yet over) or `done` (completed, no-show, or over).
    #[param(pattern = r"^(|upcoming|done)$")]
    when: Option<String>,
    cursor: Option<String>,
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    limit: Option<String>,
}

fn query_issue() -> AppError {
    AppError::Validation(vec![FieldIssue::new("query", Rule::BadFormat)])
}

fn parse_limit(raw: Option<&str>, issues: &mut Vec<FieldIssue>) -> u32 {
    match raw {
        None => TASK_PAGE_DEFAULT,
        Some(raw) => match raw.parse::<u32>() {
            Ok(limit) if (1..=TASK_PAGE_MAX).contains(&limit) => limit,
            _ => {
                issues.push(FieldIssue::new("limit", Rule::BadFormat));
                TASK_PAGE_DEFAULT
            }
        },
    }
}

fn parse_cursor(raw: Option<&str>, issues: &mut Vec<FieldIssue>) -> Option<Cursor> {
    match raw {
        None | Some("") => None,
        Some(raw) => {
            let cursor = Cursor::decode(raw);
            if cursor.is_none() {
                issues.push(FieldIssue::new("cursor", Rule::BadFormat));
            }
            cursor
        }
    }
}

/// Midnight starting `YYYY-MM-DD` in Asia/Shanghai, as epoch ms.
fn day_start(field: &str, raw: &str, issues: &mut Vec<FieldIssue>) -> Option<i64> {
    match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(date) => {
            Some(date.and_time(NaiveTime::MIN).and_utc().timestamp_millis() - SHANGHAI_OFFSET_MS)
        }
        Err(_) => {
            issues.push(FieldIssue::new(field, Rule::BadFormat));
            None
        }
    }
}

/// The task as `viewer` may reach it: 404 when it does not exist or is outside their scopes.
async fn reachable(state: &AppState, viewer: &Viewer, raw_id: &str) -> Result<TaskRow> {
    let id = path_id(raw_id)?;
    tasks::load(&state.db.read, viewer.auth.user_id, id)
        .await?
        .filter(|row| viewer.in_scope(row))
        .ok_or(AppError::NotFound)
}

/// The task `viewer` runs: 404 outside their scopes, 403 unless they may manage it.
async fn managed(state: &AppState, viewer: &Viewer, raw_id: &str) -> Result<TaskRow> {
    let row = reachable(state, viewer, raw_id).await?;
    viewer.auth.require(viewer.can_manage(&row))?;
    Ok(row)
}

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
    params: std::result::Result<Query<ListParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<TaskPage>> {
    let Query(params) = params.map_err(|_| query_issue())?;
    let mut issues = Vec::new();
    let limit = parse_limit(params.limit.as_deref(), &mut issues);
    let cursor = parse_cursor(params.cursor.as_deref(), &mut issues);
    let mut filter = ListFilter::default();
    match params.category.as_deref() {
        None | Some("") => {}
        Some(raw) => match TaskCategory::parse(raw) {
            Some(category) => filter.category = Some(category),
            None => issues.push(FieldIssue::new("category", Rule::Unknown)),
        },
    }
    if let Some(raw) = params.from.as_deref().filter(|raw| !raw.is_empty()) {
        filter.from = day_start("from", raw, &mut issues);
    }
    if let Some(raw) = params.to.as_deref().filter(|raw| !raw.is_empty()) {
        filter.to = day_start("to", raw, &mut issues).map(|start| start + DAY_MS);
    }
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let viewer = Viewer::of(auth);
    let (items, next_cursor) =
        tasks::page(&state.db, &viewer, &filter, now_ms(), cursor, limit).await?;
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
    params: std::result::Result<Query<MineParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<TaskPage>> {
    let Query(params) = params.map_err(|_| query_issue())?;
    let mut issues = Vec::new();
    let limit = parse_limit(params.limit.as_deref(), &mut issues);
    let cursor = parse_cursor(params.cursor.as_deref(), &mut issues);
    let which = match params.when.as_deref() {
        None | Some("") | Some("upcoming") => Mine::Upcoming,
        Some("done") => Mine::Done,
        Some(_) => {
            issues.push(FieldIssue::new("when", Rule::BadFormat));
            Mine::Upcoming
        }
    };
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let viewer = Viewer { auth, home: None };
    let (items, next_cursor) =
        tasks::mine(&state.db, &viewer, which, now_ms(), cursor, limit).await?;
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
    let viewer = Viewer::of(auth);
    let row = reachable(&state, &viewer, &id).await?;
    Ok(Json(row.task(now_ms(), viewer.can_manage(&row))?))
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
    let viewer = Viewer { auth, home: None };
    Ok(Json(tasks::targets(&state.db, &viewer).await?))
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
    use linli_api_types::Role;
    auth.require(auth.holds(Role::Staff) || auth.holds(Role::BuildingHead))?;
    let viewer = Viewer::of(auth);
    let now = now_ms();
    let mut issues = Vec::new();
    let clean = validate::check(&draft, now, &mut issues);
    let target = if draft.target.kind == ScopeKind::Unit {
        issues.push(FieldIssue::new("target", Rule::OutOfScope));
        None
    } else {
        match places::load_in_community(
            &state.db.read,
            draft.target.kind,
            draft.target.id,
            viewer.auth.community_id,
        )
        .await?
        {
            None => {
                issues.push(FieldIssue::new("target", Rule::Unknown));
                None
            }
            Some(place) => match viewer.grant_for(&place.path) {
                Some(grant) => Some((place, grant)),
                None => {
                    issues.push(FieldIssue::new("target", Rule::OutOfScope));
                    None
                }
            },
        }
    };
    // Points are bounded by the task's length under the community's policy: a one-minute
    // task cannot pay 1,000 points (issue 15).
    if let Some((place, _)) = &target {
        if clean.ends_at > clean.starts_at && !issues.iter().any(|i| i.field == "points") {
            let minutes = (clean.ends_at - clean.starts_at) / 60_000;
            let max = policy::load(&state.db.read, place.path.community_id)
                .await?
                .max_task_points(minutes);
            if draft.points > max {
                issues.push(FieldIssue::new(
                    "points",
                    Rule::TaskPointsAbovePolicy { minutes, max },
                ));
            }
        }
    }
    let (place, grant): (places::NamedPlace, Grant) = match target {
        Some(target) if issues.is_empty() => target,
        _ => return Err(AppError::Validation(issues)),
    };
    let hash = idempotency::request_hash("POST", TASKS_PATH, &draft)?;
    let mut tx = state.db.write.begin().await?;
    let claim = match idempotency::claim(
        &mut tx,
        viewer.auth.user_id,
        &key,
        "POST",
        TASKS_PATH,
        &hash,
    )
    .await?
    {
        Claim::Replay(response) => return Ok(response),
        Claim::Fresh(claim) => claim,
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO tasks (creator_id, creator_role, target_kind, target_id, community_id, \
            grid_id, building_id, title, description, category, place, starts_at, ends_at, \
            capacity, points, check_in_secret, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
         RETURNING id",
    )
    .bind(viewer.auth.user_id)
    .bind(grant.role.as_str())
    .bind(place.kind.as_str())
    .bind(place.id)
    .bind(place.path.community_id)
    .bind(place.path.grid_id)
    .bind(place.path.building_id)
    .bind(clean.title.as_str())
    .bind(clean.description.as_str())
    .bind(draft.category.as_str())
    .bind(clean.place.as_str())
    .bind(clean.starts_at)
    .bind(clean.ends_at)
    .bind(draft.capacity)
    .bind(draft.points)
    .bind(tasks::new_secret())
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let row = tasks::load(&mut *tx, viewer.auth.user_id, id)
        .await?
        .ok_or_else(|| AppError::internal("inserted task not found"))?;
    let task = row.task(now, true)?;
    let response = claim.complete(&mut tx, StatusCode::CREATED, &task).await?;
    tx.commit().await?;
    tracing::info!(task_id = id, "task created");
    Ok(response)
}

/// Runs `work` on the task in one write transaction under the request's Idempotency-Key and
/// answers with the task as the user then sees it.
async fn enrollment_write(
    state: &AppState,
    viewer: &Viewer,
    row: &TaskRow,
    key: &IdempotencyKey,
    method: &str,
    join: bool,
) -> Result<Response> {
    let path = format!("{TASKS_PATH}/{}/enrollment", row.id);
    let hash = idempotency::request_hash(method, &path, &serde_json::Value::Null)?;
    let now = now_ms();
    let mut tx = state.db.write.begin().await?;
    let claim =
        match idempotency::claim(&mut tx, viewer.auth.user_id, key, method, &path, &hash).await? {
            Claim::Replay(response) => return Ok(response),
            Claim::Fresh(claim) => claim,
        };
    if join {
        tasks::join(&mut tx, row.id, viewer.auth.user_id, now).await?;
    } else {
        tasks::withdraw(&mut tx, row.id, viewer.auth.user_id, now).await?;
    }
    let row = tasks::load(&mut *tx, viewer.auth.user_id, row.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let task = row.task(now, viewer.can_manage(&row))?;
    let response = claim.complete(&mut tx, StatusCode::OK, &task).await?;
    tx.commit().await?;
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
        (status = 409, description = "The task has started or is completed (`task_started`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn join(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    let viewer = Viewer::of(auth);
    let row = reachable(&state, &viewer, &id).await?;
    viewer.auth.require(viewer.in_audience(&row))?;
    enrollment_write(&state, &viewer, &row, &key, "PUT", true).await
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
    let viewer = Viewer::of(auth);
    let row = reachable(&state, &viewer, &id).await?;
    enrollment_write(&state, &viewer, &row, &key, "DELETE", false).await
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
    let viewer = Viewer::of(auth);
    let row = managed(&state, &viewer, &id).await?;
    let (volunteers, waitlist) = tasks::roster(&state.db.read, row.id, viewer.auth.user_id).await?;
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
    let change = match RosterAction::parse(&action).ok_or(AppError::NotFound)? {
        RosterAction::CheckIn => RosterChange::Step(Step::CheckIn),
        RosterAction::CheckOut => RosterChange::Step(Step::CheckOut),
        RosterAction::NoShow => RosterChange::Step(Step::NoShow),
        RosterAction::Confirm => RosterChange::Confirm,
    };
    change_roster(
        &state,
        Viewer::of(auth),
        &key,
        "PUT",
        (&id, &user_id, &action),
        change,
    )
    .await
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
    let change = RosterChange::UndoCheckIn;
    change_roster(
        &state,
        Viewer::of(auth),
        &key,
        "DELETE",
        (&id, &user_id, &action),
        change,
    )
    .await
}

/// What an organiser does to one volunteer's roster line.
enum RosterChange {
    Step(Step),
    /// Confirms another organiser's own attendance.
    Confirm,
    /// 撤销签到: absent once the task has started, joined again before.
    UndoCheckIn,
}

/// The one path of every roster change: the caller manages the task now, the request is
/// claimed under its Idempotency-Key, the volunteer is on the roster, and the answer is their
/// roster line after the change, all in one write transaction.
async fn change_roster(
    state: &AppState,
    viewer: Viewer,
    key: &IdempotencyKey,
    method: &'static str,
    (id, user_id, action): (&str, &str, &str),
    change: RosterChange,
) -> Result<Response> {
    let row = managed(state, &viewer, id).await?;
    let volunteer = path_id(user_id)?;
    let me = viewer.auth.user_id;
    let path = format!("{TASKS_PATH}/{}/roster/{volunteer}/{action}", row.id);
    let hash = idempotency::request_hash(method, &path, &serde_json::Value::Null)?;
    let mut tx = state.db.write.begin().await?;
    let claim = match idempotency::claim(&mut tx, me, key, method, &path, &hash).await? {
        Claim::Replay(response) => return Ok(response),
        Claim::Fresh(claim) => claim,
    };
    // Not on the roster at all: nothing by that id here.
    if tasks::roster_entry(&mut *tx, row.id, volunteer, me)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    let now = now_ms();
    let undone = matches!(change, RosterChange::UndoCheckIn);
    match change {
        RosterChange::Step(step) => {
            let by = Actor {
                user_id: me,
                manages: true,
            };
            tasks::step(&mut tx, row.id, volunteer, step, by, now).await?
        }
        RosterChange::Confirm => tasks::confirm(&mut tx, row.id, volunteer, me, now).await?,
        RosterChange::UndoCheckIn => tasks::undo_check_in(&mut tx, row.id, volunteer, now).await?,
    }
    let entry = tasks::roster_entry(&mut *tx, row.id, volunteer, me)
        .await?
        .ok_or(AppError::NotFound)?;
    let response = claim.complete(&mut tx, StatusCode::OK, &entry).await?;
    tx.commit().await?;
    if undone {
        tracing::info!(task_id = row.id, volunteer, "check-in undone");
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
    let viewer = Viewer::of(auth);
    let row = managed(&state, &viewer, &id).await?;
    let secret = tasks::secret(&state.db.read, row.id).await?;
    let now = now_ms();
    let (window, seconds_left) = tasks::code_window(now);
    Ok(Json(CheckInCode {
        code: tasks::check_in_code(&secret, window),
        seconds_left,
        valid_until: tasks::time(now + i64::from(seconds_left) * 1000),
    }))
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
    let viewer = Viewer::of(auth);
    let row = reachable(&state, &viewer, &id).await?;
    let now = now_ms();
    let path = format!("{TASKS_PATH}/{}/check-in", row.id);
    let hash = idempotency::request_hash("POST", &path, &request)?;
    let mut tx = state.db.write.begin().await?;
    let claim =
        match idempotency::claim(&mut tx, viewer.auth.user_id, &key, "POST", &path, &hash).await? {
            Claim::Replay(response) => return Ok(response),
            Claim::Fresh(claim) => claim,
        };
    // The task row locked first: parallel attempts of this task are counted one by one.
    let locked = tasks::lock(&mut tx, row.id).await?;
    if locked.completed_at.is_some() {
        return Err(AppError::TaskCompleted);
    }
    let me = viewer.auth.user_id;
    code_attempts::check(&mut tx, row.id, me, now).await?;
    let secret = tasks::secret(&mut *tx, row.id).await?;
    if !tasks::code_matches(&secret, &request.code, now) {
        // Kept although the request fails; the key is given back so a retry is checked again.
        code_attempts::record(&mut tx, row.id, me, now).await?;
        claim.release(&mut tx).await?;
        tx.commit().await?;
        return Err(AppError::Validation(vec![FieldIssue::new(
            "code",
            Rule::WrongCode,
        )]));
    }
    if now < row.starts_at - tasks::CHECK_IN_OPENS_BEFORE_MS {
        return Err(AppError::TaskNotStarted);
    }
    // An organiser's own check-in waits for another organiser's confirmation.
    let by = Actor {
        user_id: me,
        manages: viewer.can_manage(&row),
    };
    tasks::step(&mut tx, row.id, me, Step::Toggle, by, now).await?;
    let row = tasks::load(&mut *tx, viewer.auth.user_id, row.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let task = row.task(now, viewer.can_manage(&row))?;
    let response = claim.complete(&mut tx, StatusCode::OK, &task).await?;
    tx.commit().await?;
    Ok(response)
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
    let viewer = Viewer::of(auth);
    let row = managed(&state, &viewer, &id).await?;
    let path = format!("{TASKS_PATH}/{}/complete", row.id);
    let hash = idempotency::request_hash("POST", &path, &serde_json::Value::Null)?;
    let mut tx = state.db.write.begin().await?;
    let claim =
        match idempotency::claim(&mut tx, viewer.auth.user_id, &key, "POST", &path, &hash).await? {
            Claim::Replay(response) => return Ok(response),
            Claim::Fresh(claim) => claim,
        };
    let completion = tasks::complete(&mut tx, row.id, viewer.auth.user_id, now_ms()).await?;
    let response = claim.complete(&mut tx, StatusCode::OK, &completion).await?;
    tx.commit().await?;
    tracing::info!(
        task_id = row.id,
        attendees = completion.attendees,
        "task completed"
    );
    Ok(response)
}
