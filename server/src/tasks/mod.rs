//! Volunteer tasks 志愿任务: who sees which task, who may join and who runs it, and the
//! transactions that keep slots, the waitlist and points right.
//!
//! Every change to a task's enrolments starts with [`lock`]: one UPDATE of the task row that
//! bumps its `seq`. On PostgreSQL that row lock serializes the task's joins, withdrawals and
//! promotions (and each later statement sees the latest committed enrolments); on SQLite writers
//! are serialized anyway. So 50 simultaneous joins to 10 slots give exactly 10 joined and 40
//! waitlisted, numbered 1–40 by their `seq`.

pub mod attendance;
pub mod code_attempts;
pub mod validate;

pub use attendance::{complete, confirm, minutes_for, step, undo_check_in, Step};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use linli_api_types::{
    Enrollment, Role, RosterEntry, Scope, ScopeKind, Task, TaskCategory, TaskOrganiser, TaskStatus,
    TaskSummary, CHECK_IN_CODE_WINDOW_SECONDS,
};
use sha2::{Digest, Sha256};
use sqlx::{Any, AnyConnection, Executor};

use crate::auth::{AuthUser, PlacePath};
use crate::db::Db;
use crate::error::{AppError, Result};
use crate::places::{self, BUILDING_NAME_SQL};

/// Self check-in by code opens this long before the start.
pub const CHECK_IN_OPENS_BEFORE_MS: i64 = 2 * 60 * 60 * 1000;
const WINDOW_MS: i64 = CHECK_IN_CODE_WINDOW_SECONDS as i64 * 1000;

/// The signed-in user as the tasks see them.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub auth: AuthUser,
    pub home: Option<PlacePath>,
}

/// Numbered SQL parameters, all integers, collected while a query's text is written.
#[derive(Debug, Default)]
pub struct Params(Vec<i64>);

impl Params {
    pub fn push(&mut self, value: i64) -> String {
        self.0.push(value);
        format!("${}", self.0.len())
    }

    fn bind_all<'q, O>(
        &self,
        mut query: sqlx::query::QueryAs<'q, Any, O, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::QueryAs<'q, Any, O, sqlx::any::AnyArguments<'q>> {
        for value in &self.0 {
            query = query.bind(*value);
        }
        query
    }
}

fn path_column(kind: ScopeKind) -> Option<&'static str> {
    match kind {
        ScopeKind::Community => Some("t.community_id"),
        ScopeKind::Grid => Some("t.grid_id"),
        ScopeKind::Building => Some("t.building_id"),
        ScopeKind::Unit => None,
    }
}

impl Viewer {
    /// The home comes with the session (`AuthUser::home`): no query of its own.
    pub fn of(auth: AuthUser) -> Self {
        Self {
            home: auth.home,
            auth,
        }
    }

    /// The places whose tasks are for the viewer: their home's community, grid and building
    /// (without a home, their community).
    fn audience(&self) -> Vec<(ScopeKind, i64)> {
        match &self.home {
            Some(home) => [ScopeKind::Community, ScopeKind::Grid, ScopeKind::Building]
                .into_iter()
                .filter_map(|kind| home.at(kind).map(|id| (kind, id)))
                .collect(),
            None => vec![(ScopeKind::Community, self.auth.community_id)],
        }
    }

    /// SQL over `tasks t`: for the viewer's home, or run by one of their current grants. Having
    /// created a task is no reach of its own: rights end with the role (docs/security.md).
    fn in_scope_sql(&self, params: &mut Params) -> String {
        let mut any = Vec::new();
        for (kind, id) in self.audience() {
            any.push(format!(
                "(t.target_kind = '{}' AND t.target_id = {})",
                kind.as_str(),
                params.push(id)
            ));
        }
        for grant in self.auth.grants.clone() {
            if !matches!(grant.role, Role::Staff | Role::BuildingHead) {
                continue;
            }
            if let Some(column) = path_column(grant.scope_kind) {
                any.push(format!(
                    "({column} = {} AND t.community_id = {})",
                    params.push(grant.scope_id),
                    params.push(self.auth.community_id)
                ));
            }
        }
        format!("({})", any.join(" OR "))
    }

    /// Whether the task is for the viewer's home: they may join it.
    pub fn in_audience(&self, row: &TaskRow) -> bool {
        self.audience()
            .into_iter()
            .any(|(kind, id)| row.target_kind() == kind && row.target_id == id)
    }

    /// [`Viewer::in_scope_sql`] for one task already loaded.
    pub fn in_scope(&self, row: &TaskRow) -> bool {
        self.in_audience(row) || self.can_manage(row)
    }

    /// Staff of the community, or the head of the task's building (or grid), as they are now:
    /// the creator too only while such a role of theirs still covers it, so a head removed
    /// from the building loses the roster, codes and completion at once.
    pub fn can_manage(&self, row: &TaskRow) -> bool {
        let path = row.path();
        self.auth.covers(Role::Staff, &path) || self.auth.covers(Role::BuildingHead, &path)
    }

    /// The grant the viewer would create a task for `place` under: staff or building head, the
    /// narrowest one covering it.
    pub fn grant_for(&self, place: &PlacePath) -> Option<crate::auth::Grant> {
        self.auth
            .grants
            .iter()
            .filter(|grant| matches!(grant.role, Role::Staff | Role::BuildingHead))
            .filter(|grant| place.community_id == self.auth.community_id && grant.covers(place))
            .max_by_key(|grant| grant.scope_kind)
            .copied()
    }
}

/// A task as loaded, with names, counts and the viewer's enrolment joined in.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TaskRow {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub category: String,
    pub place: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
    pub points: i64,
    pub joined_count: i64,
    pub waitlist_count: i64,
    pub target_kind: String,
    pub target_id: i64,
    pub target_name: Option<String>,
    pub community_id: i64,
    pub grid_id: Option<i64>,
    pub building_id: Option<i64>,
    pub creator_id: i64,
    pub creator_name: String,
    pub creator_role: String,
    pub created_at: i64,
    pub completed_at: Option<i64>,
    pub my_status: Option<String>,
    pub my_position: i64,
    pub my_minutes: Option<i64>,
    pub my_points: Option<i64>,
}

pub use crate::db::time;

/// The enrolment a stored status (and its details) stands for.
pub fn enrollment(
    status: Option<&str>,
    position: i64,
    minutes: Option<i64>,
    points: Option<i64>,
) -> Enrollment {
    match status {
        Some("joined") => Enrollment::Joined,
        Some("waitlisted") => Enrollment::Waitlisted { position },
        Some("checked_in") => Enrollment::CheckedIn,
        Some("checked_out") => Enrollment::CheckedOut,
        Some("completed") => Enrollment::Completed {
            minutes: minutes.unwrap_or(0),
            points: points.unwrap_or(0),
        },
        Some("no_show") => Enrollment::NoShow,
        Some("withdrawn") => Enrollment::Withdrawn,
        _ => Enrollment::None,
    }
}

impl TaskRow {
    pub fn target_kind(&self) -> ScopeKind {
        ScopeKind::parse(&self.target_kind).unwrap_or(ScopeKind::Building)
    }

    pub fn path(&self) -> PlacePath {
        PlacePath {
            community_id: self.community_id,
            grid_id: self.grid_id,
            building_id: self.building_id,
            unit_id: None,
        }
    }

    pub fn status(&self, now: i64) -> TaskStatus {
        if self.completed_at.is_some() {
            TaskStatus::Completed
        } else if now < self.starts_at {
            TaskStatus::Upcoming
        } else if now < self.ends_at {
            TaskStatus::Ongoing
        } else {
            TaskStatus::Ended
        }
    }

    fn category(&self) -> Result<TaskCategory> {
        TaskCategory::parse(&self.category)
            .ok_or_else(|| AppError::internal(format!("task category {}", self.category)))
    }

    fn organiser(&self) -> TaskOrganiser {
        TaskOrganiser {
            id: self.creator_id,
            name: self.creator_name.clone(),
            role: Role::parse(&self.creator_role),
        }
    }

    fn target(&self) -> Scope {
        Scope {
            kind: self.target_kind(),
            id: self.target_id,
            name: self.target_name.clone().unwrap_or_default(),
        }
    }

    pub fn my_enrollment(&self) -> Enrollment {
        enrollment(
            self.my_status.as_deref(),
            self.my_position,
            self.my_minutes,
            self.my_points,
        )
    }

    fn slots_left(&self) -> i64 {
        (self.capacity - self.joined_count).max(0)
    }

    pub fn summary(&self, now: i64) -> Result<TaskSummary> {
        Ok(TaskSummary {
            id: self.id,
            title: self.title.clone(),
            category: self.category()?,
            place: self.place.clone(),
            starts_at: time(self.starts_at),
            ends_at: time(self.ends_at),
            points: self.points,
            capacity: self.capacity,
            joined_count: self.joined_count,
            slots_left: self.slots_left(),
            waitlist_count: self.waitlist_count,
            organiser: self.organiser(),
            target: self.target(),
            status: self.status(now),
            my_enrollment: self.my_enrollment(),
        })
    }

    pub fn task(&self, now: i64, can_manage: bool) -> Result<Task> {
        Ok(Task {
            id: self.id,
            title: self.title.clone(),
            description: self.description.clone(),
            category: self.category()?,
            place: self.place.clone(),
            starts_at: time(self.starts_at),
            ends_at: time(self.ends_at),
            points: self.points,
            capacity: self.capacity,
            joined_count: self.joined_count,
            slots_left: self.slots_left(),
            waitlist_count: self.waitlist_count,
            organiser: self.organiser(),
            target: self.target(),
            status: self.status(now),
            my_enrollment: self.my_enrollment(),
            can_manage,
            created_at: time(self.created_at),
            completed_at: self.completed_at.map(time),
        })
    }
}

/// `SELECT … FROM tasks t …` with names, counts and `user_param`'s enrolment.
fn select_sql(user_param: &str) -> String {
    format!(
        "SELECT t.id, t.title, t.description, t.category, t.place, t.starts_at, t.ends_at, \
            t.capacity, t.points, t.joined_count, \
            (SELECT COUNT(*) FROM task_enrollments w WHERE w.task_id = t.id \
                AND w.status = 'waitlisted') AS waitlist_count, \
            t.target_kind, t.target_id, \
            CASE t.target_kind WHEN 'community' THEN c.name WHEN 'grid' THEN g.name \
                ELSE {BUILDING_NAME_SQL} END AS target_name, \
            t.community_id, t.grid_id, t.building_id, t.creator_id, a.name AS creator_name, \
            t.creator_role, t.created_at, t.completed_at, \
            e.status AS my_status, \
            (SELECT COUNT(*) FROM task_enrollments w WHERE w.task_id = t.id \
                AND w.status = 'waitlisted' AND w.seq <= e.seq) AS my_position, \
            e.minutes AS my_minutes, e.points AS my_points \
         FROM tasks t \
         JOIN users a ON a.id = t.creator_id \
         JOIN communities c ON c.id = t.community_id \
         LEFT JOIN grids g ON g.id = t.grid_id \
         LEFT JOIN buildings b ON b.id = t.building_id \
         LEFT JOIN task_enrollments e ON e.task_id = t.id AND e.user_id = {user_param}"
    )
}

/// One task by id with `user_id`'s enrolment, whoever may see it (callers check scope).
pub async fn load<'e, E>(executor: E, user_id: i64, id: i64) -> Result<Option<TaskRow>>
where
    E: Executor<'e, Database = Any>,
{
    let sql = format!("{} WHERE t.id = $2", select_sql("$1"));
    Ok(sqlx::query_as(&sql)
        .bind(user_id)
        .bind(id)
        .fetch_optional(executor)
        .await?)
}

/// Where a page ends: the last item's start and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub starts_at: i64,
    pub id: i64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("t1.{}.{}", self.starts_at, self.id))
    }

    pub fn decode(cursor: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(cursor.as_bytes()).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let mut parts = text.split('.');
        if parts.next()? != "t1" {
            return None;
        }
        let cursor = Self {
            starts_at: parts.next()?.parse().ok()?,
            id: parts.next()?.parse().ok()?,
        };
        parts.next().is_none().then_some(cursor)
    }
}

/// What `GET /tasks` asks for.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub category: Option<TaskCategory>,
    /// Starts at or after (epoch ms).
    pub from: Option<i64>,
    /// Starts before (epoch ms).
    pub to: Option<i64>,
}

/// Which of the viewer's own tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mine {
    Upcoming,
    Done,
}

async fn fetch_page(
    db: &Db,
    sql: String,
    params: Params,
    limit: u32,
    now: i64,
) -> Result<(Vec<TaskSummary>, Option<String>)> {
    let mut rows: Vec<TaskRow> = params
        .bind_all(sqlx::query_as(&sql))
        .fetch_all(&db.read)
        .await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next = match rows.last() {
        Some(last) if more => Some(
            Cursor {
                starts_at: last.starts_at,
                id: last.id,
            }
            .encode(),
        ),
        _ => None,
    };
    let items = rows
        .iter()
        .map(|row| row.summary(now))
        .collect::<Result<_>>()?;
    Ok((items, next))
}

/// Tasks in the viewer's scopes that have not ended nor been completed, soonest first.
pub async fn page(
    db: &Db,
    viewer: &Viewer,
    filter: &ListFilter,
    now: i64,
    after: Option<Cursor>,
    limit: u32,
) -> Result<(Vec<TaskSummary>, Option<String>)> {
    let mut params = Params::default();
    let select = select_sql(&params.push(viewer.auth.user_id));
    let scope = viewer.in_scope_sql(&mut params);
    let mut sql = format!(
        "{select} WHERE t.completed_at IS NULL AND t.ends_at > {} AND {scope}",
        params.push(now)
    );
    if let Some(category) = filter.category {
        // Categories are a closed set of identifiers: safe to inline.
        sql.push_str(&format!(" AND t.category = '{}'", category.as_str()));
    }
    if let Some(from) = filter.from {
        sql.push_str(&format!(" AND t.starts_at >= {}", params.push(from)));
    }
    if let Some(to) = filter.to {
        sql.push_str(&format!(" AND t.starts_at < {}", params.push(to)));
    }
    if let Some(cursor) = after {
        let starts = params.push(cursor.starts_at);
        let id = params.push(cursor.id);
        sql.push_str(&format!(
            " AND (t.starts_at > {starts} OR (t.starts_at = {starts} AND t.id > {id}))"
        ));
    }
    sql.push_str(&format!(" ORDER BY t.starts_at, t.id LIMIT {}", limit + 1));
    fetch_page(db, sql, params, limit, now).await
}

/// The viewer's own tasks: upcoming (soonest first) or done (latest first).
pub async fn mine(
    db: &Db,
    viewer: &Viewer,
    which: Mine,
    now: i64,
    after: Option<Cursor>,
    limit: u32,
) -> Result<(Vec<TaskSummary>, Option<String>)> {
    let mut params = Params::default();
    let select = select_sql(&params.push(viewer.auth.user_id));
    let now = params.push(now);
    let which_sql = match which {
        Mine::Upcoming => format!(
            "e.status IN ('joined', 'waitlisted', 'checked_in', 'checked_out') \
             AND t.completed_at IS NULL AND t.ends_at > {now}"
        ),
        Mine::Done => format!(
            "(e.status IN ('completed', 'no_show') OR (e.status IN ('joined', 'checked_in', \
             'checked_out') AND (t.completed_at IS NOT NULL OR t.ends_at <= {now})))"
        ),
    };
    let (cmp, order) = match which {
        Mine::Upcoming => (">", "ASC"),
        Mine::Done => ("<", "DESC"),
    };
    let mut sql = format!("{select} WHERE e.id IS NOT NULL AND {which_sql}");
    if let Some(cursor) = after {
        let starts = params.push(cursor.starts_at);
        let id = params.push(cursor.id);
        sql.push_str(&format!(
            " AND (t.starts_at {cmp} {starts} OR (t.starts_at = {starts} AND t.id {cmp} {id}))"
        ));
    }
    sql.push_str(&format!(
        " ORDER BY t.starts_at {order}, t.id {order} LIMIT {}",
        limit + 1
    ));
    let now_value = chrono::Utc::now().timestamp_millis();
    fetch_page(db, sql, params, limit, now_value).await
}

/// The task row's state as locked for an enrolment change.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Locked {
    pub seq: i64,
    pub capacity: i64,
    pub joined_count: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub points: i64,
    pub title: String,
    pub community_id: i64,
    pub completed_at: Option<i64>,
}

/// Locks the task for the rest of `tx` and takes the next `seq`.
pub async fn lock(tx: &mut AnyConnection, task_id: i64) -> Result<Locked> {
    sqlx::query_as(
        "UPDATE tasks SET seq = seq + 1 WHERE id = $1 RETURNING seq, capacity, joined_count, \
            starts_at, ends_at, points, title, community_id, completed_at",
    )
    .bind(task_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct EnrollmentRow {
    pub id: i64,
    pub status: String,
}

pub(crate) async fn my_row(
    tx: &mut AnyConnection,
    task_id: i64,
    user_id: i64,
) -> Result<Option<EnrollmentRow>> {
    Ok(sqlx::query_as(
        "SELECT id, status FROM task_enrollments WHERE task_id = $1 AND user_id = $2",
    )
    .bind(task_id)
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?)
}

/// Joins `user_id` to the task: a slot while there is one, else the waitlist. Joining again is
/// the same enrolment.
pub async fn join(tx: &mut AnyConnection, task_id: i64, user_id: i64, now: i64) -> Result<()> {
    let task = lock(tx, task_id).await?;
    let existing = my_row(tx, task_id, user_id).await?;
    if let Some(row) = &existing {
        if row.status != "withdrawn" {
            return Ok(());
        }
    }
    if task.completed_at.is_some() || now >= task.starts_at {
        return Err(AppError::TaskStarted);
    }
    let status = if task.joined_count < task.capacity {
        sqlx::query("UPDATE tasks SET joined_count = joined_count + 1 WHERE id = $1")
            .bind(task_id)
            .execute(&mut *tx)
            .await?;
        "joined"
    } else {
        "waitlisted"
    };
    match existing {
        Some(row) => {
            sqlx::query(
                "UPDATE task_enrollments SET status = $1, seq = $2, joined_at = $3, \
                    checked_in_at = NULL, checked_out_at = NULL, updated_at = $3 WHERE id = $4",
            )
            .bind(status)
            .bind(task.seq)
            .bind(now)
            .bind(row.id)
            .execute(&mut *tx)
            .await?;
        }
        None => {
            sqlx::query(
                "INSERT INTO task_enrollments (task_id, user_id, status, seq, joined_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5)",
            )
            .bind(task_id)
            .bind(user_id)
            .bind(status)
            .bind(task.seq)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
    }
    Ok(())
}

/// Withdraws `user_id` before the start; a freed slot goes to the first on the waitlist.
/// Withdrawing without an enrolment is fine.
pub async fn withdraw(tx: &mut AnyConnection, task_id: i64, user_id: i64, now: i64) -> Result<()> {
    let task = lock(tx, task_id).await?;
    let Some(row) = my_row(tx, task_id, user_id).await? else {
        return Ok(());
    };
    match row.status.as_str() {
        "withdrawn" => return Ok(()),
        "joined" | "waitlisted" => {}
        _ => return Err(AppError::EnrollmentState),
    }
    if task.completed_at.is_some() || now >= task.starts_at {
        return Err(AppError::TaskStarted);
    }
    sqlx::query("UPDATE task_enrollments SET status = 'withdrawn', updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(row.id)
        .execute(&mut *tx)
        .await?;
    if row.status == "joined" {
        let next: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM task_enrollments WHERE task_id = $1 AND status = 'waitlisted' \
             ORDER BY seq LIMIT 1",
        )
        .bind(task_id)
        .fetch_optional(&mut *tx)
        .await?;
        match next {
            Some(next) => {
                sqlx::query(
                    "UPDATE task_enrollments SET status = 'joined', updated_at = $1 WHERE id = $2",
                )
                .bind(now)
                .bind(next)
                .execute(&mut *tx)
                .await?;
                tracing::info!(task_id, enrollment_id = next, "waitlist promoted");
            }
            None => {
                sqlx::query("UPDATE tasks SET joined_count = joined_count - 1 WHERE id = $1")
                    .bind(task_id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
    }
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct RosterRow {
    user_id: i64,
    name: String,
    phone: String,
    status: String,
    position: i64,
    minutes: Option<i64>,
    points: Option<i64>,
    joined_at: i64,
    checked_in_at: Option<i64>,
    checked_out_at: Option<i64>,
    awaiting_confirmation: i64,
}

impl RosterRow {
    /// The line as `viewer_id` (an organiser) sees it: they may confirm anyone's pending
    /// attendance but their own.
    fn entry(&self, viewer_id: i64) -> RosterEntry {
        let awaiting = self.awaiting_confirmation != 0
            && matches!(self.status.as_str(), "checked_in" | "checked_out");
        RosterEntry {
            user_id: self.user_id,
            name: self.name.clone(),
            phone: self.phone.clone(),
            enrollment: enrollment(Some(&self.status), self.position, self.minutes, self.points),
            joined_at: time(self.joined_at),
            checked_in_at: self.checked_in_at.map(time),
            checked_out_at: self.checked_out_at.map(time),
            awaiting_confirmation: awaiting,
            can_confirm: awaiting && self.user_id != viewer_id,
        }
    }
}

/// Who holds a slot (in joining order) and the waitlist (in order); withdrawn ones are left out.
/// `viewer_id` is the organiser asking.
pub async fn roster<'e, E>(
    executor: E,
    task_id: i64,
    viewer_id: i64,
) -> Result<(Vec<RosterEntry>, Vec<RosterEntry>)>
where
    E: Executor<'e, Database = Any>,
{
    let rows: Vec<RosterRow> = sqlx::query_as(
        "SELECT e.user_id, u.name, u.phone, e.status, \
            (SELECT COUNT(*) FROM task_enrollments w WHERE w.task_id = e.task_id \
                AND w.status = 'waitlisted' AND w.seq <= e.seq) AS position, \
            e.minutes, e.points, e.joined_at, e.checked_in_at, e.checked_out_at, \
            e.awaiting_confirmation \
         FROM task_enrollments e JOIN users u ON u.id = e.user_id \
         WHERE e.task_id = $1 AND e.status <> 'withdrawn' ORDER BY e.seq",
    )
    .bind(task_id)
    .fetch_all(executor)
    .await?;
    let (waitlist, volunteers): (Vec<_>, Vec<_>) =
        rows.iter().partition(|row| row.status == "waitlisted");
    Ok((
        volunteers
            .into_iter()
            .map(|row| row.entry(viewer_id))
            .collect(),
        waitlist
            .into_iter()
            .map(|row| row.entry(viewer_id))
            .collect(),
    ))
}

/// One volunteer's line of the roster, if they are on it.
pub async fn roster_entry<'e, E>(
    executor: E,
    task_id: i64,
    user_id: i64,
    viewer_id: i64,
) -> Result<Option<RosterEntry>>
where
    E: Executor<'e, Database = Any>,
{
    let (volunteers, waitlist) = roster(executor, task_id, viewer_id).await?;
    Ok(volunteers
        .into_iter()
        .chain(waitlist)
        .find(|entry| entry.user_id == user_id))
}

/// The six digits of `secret`'s code in the 60-second window `window`.
pub fn check_in_code(secret: &str, window: i64) -> String {
    let mut hasher = Sha256::new();
    hasher.update(secret.as_bytes());
    hasher.update(b":");
    hasher.update(window.to_be_bytes());
    let digest = hasher.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    format!("{:06}", u64::from_be_bytes(first) % 1_000_000)
}

/// The window `now` falls in, and the seconds until it ends.
pub fn code_window(now: i64) -> (i64, u32) {
    let window = now.div_euclid(WINDOW_MS);
    let left = ((window + 1) * WINDOW_MS - now + 999) / 1000;
    (window, left as u32)
}

/// Whether `code` is the current or the previous window's code.
pub fn code_matches(secret: &str, code: &str, now: i64) -> bool {
    let (window, _) = code_window(now);
    let code = code.trim();
    [window, window - 1]
        .into_iter()
        .any(|w| check_in_code(secret, w) == code)
}

/// A fresh per-task secret.
pub fn new_secret() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub async fn secret<'e, E>(executor: E, task_id: i64) -> Result<String>
where
    E: Executor<'e, Database = Any>,
{
    Ok(
        sqlx::query_scalar("SELECT check_in_secret FROM tasks WHERE id = $1")
            .bind(task_id)
            .fetch_one(executor)
            .await?,
    )
}

/// The places `viewer` may create tasks for: staff their community, its grids and buildings;
/// building heads their buildings.
pub async fn targets(db: &Db, viewer: &Viewer) -> Result<Vec<Scope>> {
    let mut scopes = Vec::new();
    for grant in &viewer.auth.grants {
        if !matches!(grant.role, Role::Staff | Role::BuildingHead) {
            continue;
        }
        let Some(place) = places::load(&db.read, grant.scope_kind, grant.scope_id).await? else {
            continue;
        };
        if place.path.community_id != viewer.auth.community_id
            || grant.scope_kind == ScopeKind::Unit
        {
            continue;
        }
        scopes.push(place.scope());
        if grant.scope_kind == ScopeKind::Community {
            #[derive(sqlx::FromRow)]
            struct PlaceRow {
                id: i64,
                name: String,
            }
            let grids: Vec<PlaceRow> = sqlx::query_as(
                "SELECT g.id, g.name FROM grids g WHERE g.community_id = $1 ORDER BY g.id",
            )
            .bind(grant.scope_id)
            .fetch_all(&db.read)
            .await?;
            scopes.extend(grids.into_iter().map(|row| Scope {
                kind: ScopeKind::Grid,
                id: row.id,
                name: row.name,
            }));
            let buildings: Vec<PlaceRow> = sqlx::query_as(&format!(
                "SELECT b.id, {BUILDING_NAME_SQL} AS name FROM buildings b \
                 JOIN grids g ON g.id = b.grid_id WHERE g.community_id = $1 ORDER BY b.id"
            ))
            .bind(grant.scope_id)
            .fetch_all(&db.read)
            .await?;
            scopes.extend(buildings.into_iter().map(|row| Scope {
                kind: ScopeKind::Building,
                id: row.id,
                name: row.name,
            }));
        }
    }
    scopes.sort_by_key(|scope| (scope.kind, scope.id));
    scopes.dedup_by_key(|scope| (scope.kind, scope.id));
    Ok(scopes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_garbage() {
        let cursor = Cursor {
            starts_at: 1_700_000_000_000,
            id: 7,
        };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        assert_eq!(Cursor::decode("garbage"), None);
        assert_eq!(Cursor::decode(&URL_SAFE_NO_PAD.encode("t1.1.2.3")), None);
    }

    #[test]
    fn codes_are_six_digits_and_change_with_the_window() {
        let a = check_in_code("secret", 1000);
        assert_eq!(a.len(), 6);
        assert!(a.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(a, check_in_code("secret", 1000));
        assert_ne!(check_in_code("secret", 1000), check_in_code("other", 1000));
        let now = 1000 * WINDOW_MS + 5_000;
        assert!(code_matches("secret", &check_in_code("secret", 1000), now));
        assert!(code_matches("secret", &check_in_code("secret", 999), now));
        assert!(
            !code_matches("secret", &check_in_code("secret", 998), now)
                || check_in_code("secret", 998) == a
        );
        assert_eq!(code_window(now), (1000, 55));
    }
}
