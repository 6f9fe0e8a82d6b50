//! The import use case: read the upload, find its header, plan against the community, and
//! either report the plan (dry run) or apply it in one transaction (commit). Staff only.

use linli_api_types::{
    RegisterImportRecord, RegisterImportReport, RegisterImportSummary, Role,
    REGISTER_FILE_NAME_MAX_CHARS,
};

use super::apply::{self, Who};
use super::columns::{self, Field};
use super::existing::Existing;
use super::plan::{self, Plan};
use super::problems::ImportRefusal;
use super::rows;
use super::sheet::{self, Unreadable};
use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::db::{now_ms, time, Db};
use crate::platform::error::Result;
use crate::platform::lang::Lang;

pub struct Upload<'a> {
    pub bytes: &'a [u8],
    pub file_name: String,
    pub create_buildings: bool,
    pub commit: bool,
}

pub fn require_staff(auth: &AuthUser) -> Result<()> {
    auth.require(auth.covers(Role::Staff, &PlacePath::community(auth.community_id)))
}

/// The file's name as shown back: its last path segment, without control characters, cut to
/// `REGISTER_FILE_NAME_MAX_CHARS`; "住户花名册" when none was given.
pub fn clean_file_name(name: Option<&str>) -> String {
    let name = name
        .unwrap_or_default()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(REGISTER_FILE_NAME_MAX_CHARS)
        .collect::<String>();
    let name = name.trim();
    if name.is_empty() {
        "住户花名册".into()
    } else {
        name.to_owned()
    }
}

pub async fn run(db: &Db, auth: &AuthUser, upload: Upload<'_>) -> Result<RegisterImportReport> {
    require_staff(auth)?;
    let rows = sheet::read(upload.bytes).map_err(|why| match why {
        Unreadable::NotASheet => ImportRefusal::NotASheet,
        Unreadable::Empty => ImportRefusal::Empty,
    })?;
    let columns = columns::find(&rows).ok_or(ImportRefusal::NoHeader)?;
    let parsed = rows::parse(&rows, &columns);
    let make = |existing: &Existing, parsed: rows::Parsed| {
        plan::make(
            existing,
            parsed.members,
            parsed.problems,
            parsed.rows_read,
            upload.create_buildings,
        )
    };
    let plan = if upload.commit {
        let mut tx = db.write.begin().await?;
        let existing = Existing::load(&mut tx, auth.community_id).await?;
        let plan = make(&existing, parsed);
        let who = Who {
            community_id: auth.community_id,
            user_id: auth.user_id,
            file_name: &upload.file_name,
            now: now_ms(),
        };
        apply::apply(&mut tx, &plan, &who).await?;
        tx.commit().await?;
        tracing::info!(
            created = plan.summary.members_created,
            changed = plan.summary.members_changed,
            skipped = plan.summary.rows_skipped,
            "register imported"
        );
        plan
    } else {
        let mut conn = db.read.acquire().await?;
        let existing = Existing::load(&mut conn, auth.community_id).await?;
        make(&existing, parsed)
    };
    Ok(report(plan, &columns, upload))
}

fn report(plan: Plan, columns: &columns::Columns, upload: Upload<'_>) -> RegisterImportReport {
    let lang = Lang::current();
    let problems = plan
        .problems
        .iter()
        .map(|p| {
            let column = p.field.map(|f| columns.heading(f)).unwrap_or_default();
            p.problem.wire(p.row, column, lang)
        })
        .collect();
    let ignored_columns = if columns.has(Field::IdNumber) {
        vec![columns.heading(Field::IdNumber)]
    } else {
        Vec::new()
    };
    RegisterImportReport {
        committed: upload.commit,
        file_name: upload.file_name,
        problems,
        summary: plan.summary,
        new_buildings: plan.missing_buildings,
        ignored_columns,
    }
}

#[derive(sqlx::FromRow)]
struct RecordRow {
    id: i64,
    imported_at: i64,
    by_name: String,
    file_name: String,
    rows_read: i64,
    rows_skipped: i64,
    households_in_sheet: i64,
    households_created: i64,
    members_created: i64,
    members_changed: i64,
    members_unchanged: i64,
    members_left_alone: i64,
    buildings_created: i64,
    units_created: i64,
}

/// How many recent imports the register page shows.
const RECENT_IMPORTS: i64 = 10;

pub async fn recent(db: &Db, auth: &AuthUser) -> Result<Vec<RegisterImportRecord>> {
    require_staff(auth)?;
    let rows: Vec<RecordRow> = sqlx::query_as(
        "SELECT i.id, i.imported_at, u.name AS by_name, i.file_name, i.rows_read, i.rows_skipped, \
            i.households_in_sheet, i.households_created, i.members_created, i.members_changed, \
            i.members_unchanged, i.members_left_alone, i.buildings_created, i.units_created \
         FROM register_imports i JOIN users u ON u.id = i.imported_by \
         WHERE i.community_id = $1 ORDER BY i.imported_at DESC, i.id DESC LIMIT $2",
    )
    .bind(auth.community_id)
    .bind(RECENT_IMPORTS)
    .fetch_all(&db.read)
    .await?;
    let n = |v: i64| u32::try_from(v).unwrap_or_default();
    Ok(rows
        .into_iter()
        .map(|r| RegisterImportRecord {
            id: r.id,
            imported_at: time(r.imported_at),
            by_name: r.by_name,
            file_name: r.file_name,
            summary: RegisterImportSummary {
                rows_read: n(r.rows_read),
                rows_skipped: n(r.rows_skipped),
                households_in_sheet: n(r.households_in_sheet),
                households_created: n(r.households_created),
                members_created: n(r.members_created),
                members_changed: n(r.members_changed),
                members_unchanged: n(r.members_unchanged),
                members_left_alone: n(r.members_left_alone),
                buildings_created: n(r.buildings_created),
                units_created: n(r.units_created),
            },
        })
        .collect())
}
