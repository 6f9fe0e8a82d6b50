//! The reporter's side after a handler's answer: 已解决 / 没解决, the satisfaction rating, and
//! other households' 我也遇到了.

use linli_api_types::{
    ReportEventKind, ReportFollowUp, ReportRating, ReportStatus, ReportSummary, ReportView,
    REPORT_REPLY_MAX_CHARS,
};
use sqlx::AnyConnection;

use super::events::{self, ActorRole, NewEvent};
use super::messages;
use super::refusals::{self, ReportRefusal};
use super::rules;
use super::steps::{changed_one, load_visible};
use super::view;
use crate::platform::auth::AuthUser;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::text::TextField;

const NOTE: TextField = TextField::multiline("note", REPORT_REPLY_MAX_CHARS).optional();

/// The reporter's own step, or one by 代办 from someone who never handled the report: a head
/// may not confirm or rate their own work in the resident's name (the dashboard counts both).
async fn require_reporter_not_handler(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    row: &super::row::ReportRow,
    relation: &super::viewer::Relation,
) -> Result<()> {
    auth.require(relation.reporter)?;
    let Some(actor) = auth.proxy_by else {
        return Ok(());
    };
    let held: Option<i64> = sqlx::query_scalar(
        "SELECT user_id FROM report_holders WHERE report_id = $1 AND user_id = $2",
    )
    .bind(row.id)
    .bind(actor)
    .fetch_optional(&mut *tx)
    .await?;
    let acted: Option<i64> = sqlx::query_scalar(
        "SELECT actor_id FROM report_events WHERE report_id = $1 AND actor_id = $2 \
           AND actor_role <> 'reporter' LIMIT 1",
    )
    .bind(row.id)
    .bind(actor)
    .fetch_optional(&mut *tx)
    .await?;
    auth.require(held.is_none() && acted.is_none() && row.resolved_by != Some(actor))
}

fn reporter_event(auth: &AuthUser, kind: ReportEventKind, now: i64) -> NewEvent<'static> {
    NewEvent {
        proxy_by: auth.proxy_by,
        ..NewEvent::by(kind, (auth.user_id, ActorRole::Reporter), now)
    }
}

/// 已解决 confirms; 没解决 (with what is still wrong) sends it back to its last handler with
/// fresh deadlines.
pub async fn follow_up(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    id: i64,
    request: &ReportFollowUp,
    now: i64,
) -> Result<ReportView> {
    let mut issues = Vec::new();
    let note = NOTE.check(&request.note, &mut issues);
    if !request.solved && note.is_empty() && issues.is_empty() {
        issues.push(refusals::note_required_to_reopen());
    }
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let (row, relation) = view::visible(&mut *tx, auth, id).await?;
    require_reporter_not_handler(&mut *tx, auth, &row, &relation).await?;
    if row.status()? != ReportStatus::Resolved {
        return Err(ReportRefusal::NotResolved.into());
    }
    let changed = if request.solved {
        sqlx::query(
            "UPDATE reports SET status = 'confirmed', finished_at = $1, updated_at = $1, \
                version = version + 1 WHERE id = $2 AND version = $3",
        )
        .bind(now)
        .bind(id)
        .bind(row.version)
        .execute(&mut *tx)
        .await?
        .rows_affected()
    } else {
        let rule = rules::rule_for(&mut *tx, row.community_id, row.category()?).await?;
        let (respond_by, resolve_by) = rules::deadlines(&rule, now);
        sqlx::query(
            "UPDATE reports SET status = 'open', respond_by = $1, resolve_by = $2, \
                responded_at = NULL, resolved_at = NULL, resolved_by = NULL, \
                overdue_since = NULL, updated_at = $3, version = version + 1 \
             WHERE id = $4 AND version = $5",
        )
        .bind(respond_by)
        .bind(resolve_by)
        .bind(now)
        .bind(id)
        .bind(row.version)
        .execute(&mut *tx)
        .await?
        .rows_affected()
    };
    changed_one(changed)?;
    let kind = if request.solved {
        ReportEventKind::Confirmed
    } else {
        ReportEventKind::Reopened
    };
    events::add(&mut *tx, id, reporter_event(auth, kind, now).note(&note)).await?;
    if !request.solved {
        // Back with its last holder, who hears that it waits for them again.
        let actors: Vec<i64> = [Some(auth.user_id), auth.proxy_by].into_iter().flatten().collect();
        messages::waiting(&mut *tx, &row, &messages::holder_of(&row)?, &actors, now).await?;
    }
    let (row, relation) = view::visible(&mut *tx, auth, id).await?;
    view::build(&mut *tx, auth, &row, &relation, now).await
}

/// Satisfaction 1–5, once, after the report was resolved.
pub async fn rate(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    id: i64,
    request: &ReportRating,
    now: i64,
) -> Result<ReportView> {
    if !(1..=5).contains(&request.stars) {
        return Err(AppError::Validation(vec![FieldIssue::new(
            "stars",
            Rule::OutOfRange { min: 1, max: 5 },
        )]));
    }
    let (row, relation) = view::visible(&mut *tx, auth, id).await?;
    require_reporter_not_handler(&mut *tx, auth, &row, &relation).await?;
    let finished = matches!(
        row.status()?,
        ReportStatus::Resolved | ReportStatus::Confirmed | ReportStatus::Closed
    );
    if !finished || row.satisfaction.is_some() {
        return Err(ReportRefusal::NotRateable.into());
    }
    // Guarded by "not rated yet": of two racing ratings one is kept.
    let changed = sqlx::query(
        "UPDATE reports SET satisfaction = $1, updated_at = $2, version = version + 1 \
         WHERE id = $3 AND satisfaction IS NULL",
    )
    .bind(i64::from(request.stars))
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(ReportRefusal::NotRateable.into());
    }
    let event = NewEvent {
        stars: Some(request.stars),
        ..reporter_event(auth, ReportEventKind::Rated, now)
    };
    events::add(&mut *tx, id, event).await?;
    let (row, relation) = view::visible(&mut *tx, auth, id).await?;
    view::build(&mut *tx, auth, &row, &relation, now).await
}

/// 我也遇到了: once per household (pressing again changes nothing), never the reporter's own.
pub async fn support(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    id: i64,
    now: i64,
) -> Result<ReportSummary> {
    let (row, relation) = load_visible(&mut *tx, auth, id).await?;
    if !(relation.neighbour || relation.may_see()) || row.community_id != auth.community_id {
        return Err(AppError::NotFound);
    }
    if relation.reporter {
        return Err(ReportRefusal::OwnReport.into());
    }
    let Some(household) = auth.household_id else {
        return Err(AppError::Forbidden);
    };
    if !row.status()?.is_pending() {
        return Err(ReportRefusal::SupportClosed.into());
    }
    sqlx::query(
        "INSERT INTO report_supports (report_id, household_id, user_id, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (report_id, household_id) DO NOTHING",
    )
    .bind(id)
    .bind(household)
    .bind(auth.user_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let (row, relation) = load_visible(&mut *tx, auth, id).await?;
    row.summary(relation.sees_reporter() || row.show_name == 1, false, now)
}
