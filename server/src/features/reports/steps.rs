//! A handler's steps: 受理 (acknowledge), 回复 (reply), 转交 (transfer) and 办结 (resolve).
//! Each loads the report in the write transaction, checks who may act, and changes it with an
//! UPDATE guarded by the version it read, so two racing steps (or a step racing the
//! escalation timer) have one winner. Acknowledge, reply and resolve answer the resident: the
//! first of them also stamps first_responded_at (never cleared, unlike responded_at), which the
//! dashboard holds against the deadline set at filing; a transfer answers nobody.

use linli_api_types::{
    HandlerLevel, MessageKind, ReportEventKind, ReportResolve, ReportStatus, ReportTransfer, ReportView,
    TransferTarget, REPORT_REPLY_MAX_CHARS,
};
use sqlx::AnyConnection;

use super::events::{self, NewEvent};
use super::messages;
use super::refusals::{self, ReportRefusal};
use super::routing::Assignment;
use super::row::{self, ReportRow};
use super::rules;
use super::submit::remember_holder;
use super::view;
use super::viewer::Relation;
use crate::platform::auth::AuthUser;
use crate::platform::error::{AppError, Result};
use crate::platform::photos::table::attach;
use crate::platform::photos::AttachTo;
use crate::platform::text::TextField;

const REPLY: TextField = TextField::multiline("text", REPORT_REPLY_MAX_CHARS);
const RESOLVE_NOTE: TextField = TextField::multiline("note", REPORT_REPLY_MAX_CHARS);
const TRANSFER_NOTE: TextField = TextField::line("note", REPORT_REPLY_MAX_CHARS).optional();

/// The report, if `auth` may handle it now: 404 when they may not see it, 403 when they see
/// it but do not handle it, 409 when it waits for nobody.
async fn handled(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    id: i64,
) -> Result<(ReportRow, Relation)> {
    let (row, relation) = view::visible(&mut *tx, auth, id).await?;
    auth.require(relation.may_handle(row.level()?))?;
    if !row.status()?.is_pending() {
        return Err(ReportRefusal::NotPending.into());
    }
    Ok((row, relation))
}

/// Fails the step when another changed the report since it was read.
pub fn changed_one(rows: u64) -> Result<()> {
    if rows == 1 {
        Ok(())
    } else {
        Err(ReportRefusal::Changed.into())
    }
}

async fn answer(tx: &mut AnyConnection, auth: &AuthUser, id: i64, now: i64) -> Result<ReportView> {
    let (row, relation) = view::visible(&mut *tx, auth, id).await?;
    view::build(&mut *tx, auth, &row, &relation, now).await
}

pub async fn acknowledge(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    id: i64,
    now: i64,
) -> Result<ReportView> {
    let (row, relation) = handled(&mut *tx, auth, id).await?;
    if row.status()? != ReportStatus::Open {
        return answer(&mut *tx, auth, id, now).await;
    }
    let changed = sqlx::query(
        "UPDATE reports SET status = 'acknowledged', responded_at = COALESCE(responded_at, $1), \
            first_responded_at = COALESCE(first_responded_at, $1), \
            updated_at = $1, version = version + 1 WHERE id = $2 AND version = $3",
    )
    .bind(now)
    .bind(id)
    .bind(row.version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    changed_one(changed)?;
    let actor = (auth.user_id, relation.acting_role(row.level()?));
    events::add(
        &mut *tx,
        id,
        NewEvent::by(ReportEventKind::Acknowledged, actor, now),
    )
    .await?;
    messages::to_reporter(&mut *tx, &row, MessageKind::ReportAcknowledged, auth.user_id, now)
        .await?;
    answer(&mut *tx, auth, id, now).await
}

pub async fn reply(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    id: i64,
    text: &str,
    now: i64,
) -> Result<ReportView> {
    let mut issues = Vec::new();
    let text = REPLY.check(text, &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let (row, relation) = handled(&mut *tx, auth, id).await?;
    let changed = sqlx::query(
        "UPDATE reports SET responded_at = COALESCE(responded_at, $1), \
            first_responded_at = COALESCE(first_responded_at, $1), updated_at = $1, \
            version = version + 1 WHERE id = $2 AND version = $3",
    )
    .bind(now)
    .bind(id)
    .bind(row.version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    changed_one(changed)?;
    let actor = (auth.user_id, relation.acting_role(row.level()?));
    events::add(
        &mut *tx,
        id,
        NewEvent::by(ReportEventKind::Replied, actor, now).note(&text),
    )
    .await?;
    messages::to_reporter(&mut *tx, &row, MessageKind::ReportAnswered, auth.user_id, now).await?;
    answer(&mut *tx, auth, id, now).await
}

pub async fn resolve(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    id: i64,
    request: &ReportResolve,
    now: i64,
) -> Result<ReportView> {
    let mut issues = Vec::new();
    let note = RESOLVE_NOTE.check(&request.note, &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let (row, relation) = handled(&mut *tx, auth, id).await?;
    let changed = sqlx::query(
        "UPDATE reports SET status = 'resolved', responded_at = COALESCE(responded_at, $1), \
            first_responded_at = COALESCE(first_responded_at, $1), \
            resolved_at = $1, resolved_by = $2, overdue_since = NULL, updated_at = $1, \
            version = version + 1 WHERE id = $3 AND version = $4",
    )
    .bind(now)
    .bind(auth.user_id)
    .bind(id)
    .bind(row.version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    changed_one(changed)?;
    let actor = (auth.user_id, relation.acting_role(row.level()?));
    let event = events::add(
        &mut *tx,
        id,
        NewEvent::by(ReportEventKind::Resolved, actor, now).note(&note),
    )
    .await?;
    messages::to_reporter(&mut *tx, &row, MessageKind::ReportResolved, auth.user_id, now).await?;
    if let Some(photo) = request.photo_id {
        let to = AttachTo {
            kind: "report_event",
            id: event,
        };
        attach(
            &mut *tx,
            &[photo],
            auth.user_id,
            auth.community_id,
            to,
            "photo_id",
            1,
        )
        .await?;
    }
    answer(&mut *tx, auth, id, now).await
}

pub async fn transfer(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    id: i64,
    request: &ReportTransfer,
    now: i64,
) -> Result<ReportView> {
    let mut issues = Vec::new();
    let note = TRANSFER_NOTE.check(&request.note, &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let (row, relation) = handled(&mut *tx, auth, id).await?;
    let to = target(&mut *tx, auth.community_id, request.target).await?;
    let same = to.level == row.level()?
        && to.user_id == row.handler_user_id
        && to.property_handler_id == row.property_handler_id;
    if same {
        return Err(AppError::Validation(vec![refusals::bad_target()]));
    }
    let rule = rules::rule_for(&mut *tx, row.community_id, row.category()?).await?;
    let (respond_by, resolve_by) = rules::deadlines(&rule, now);
    let changed = reassign(&mut *tx, &row, &to, respond_by, resolve_by, now, false).await?;
    changed_one(changed)?;
    remember_holder(&mut *tx, id, &to).await?;
    let actor = (auth.user_id, relation.acting_role(row.level()?));
    events::add(
        &mut *tx,
        id,
        NewEvent::by(ReportEventKind::Transferred, actor, now)
            .to(to)
            .note(&note),
    )
    .await?;
    messages::waiting(&mut *tx, &row, &to, &[auth.user_id], now).await?;
    answer(&mut *tx, auth, id, now).await
}

/// Hands `row` to `to` with fresh deadlines (waiting for a response again), guarded by the
/// version read; `escalated` counts it as a climb. Answers the rows changed (0: lost a race).
/// A hand-over is not a response: first_respond_by and first_responded_at stay as they are.
pub async fn reassign(
    tx: &mut AnyConnection,
    row: &ReportRow,
    to: &Assignment,
    respond_by: i64,
    resolve_by: i64,
    now: i64,
    escalated: bool,
) -> Result<u64> {
    Ok(sqlx::query(
        "UPDATE reports SET status = 'open', handler_level = $1, handler_user_id = $2, \
            property_handler_id = $3, respond_by = $4, resolve_by = $5, responded_at = NULL, \
            overdue_since = NULL, escalations = escalations + $6, updated_at = $7, \
            version = version + 1 WHERE id = $8 AND version = $9",
    )
    .bind(to.level.as_str())
    .bind(to.user_id)
    .bind(to.property_handler_id)
    .bind(respond_by)
    .bind(resolve_by)
    .bind(i64::from(escalated))
    .bind(now)
    .bind(row.id)
    .bind(row.version)
    .execute(&mut *tx)
    .await?
    .rows_affected())
}

/// Who a transfer names, checked against the community: a current head (any building),
/// staff, or one of its outside handlers not retired.
async fn target(
    tx: &mut AnyConnection,
    community_id: i64,
    target: TransferTarget,
) -> Result<Assignment> {
    let bad = || AppError::Validation(vec![refusals::bad_target()]);
    match target {
        TransferTarget::Staff => Ok(Assignment::staff()),
        TransferTarget::Property { handler_id } => {
            let found: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM report_property_handlers \
                 WHERE id = $1 AND community_id = $2 AND retired = 0",
            )
            .bind(handler_id)
            .bind(community_id)
            .fetch_optional(&mut *tx)
            .await?;
            found.ok_or_else(bad)?;
            Ok(Assignment {
                level: HandlerLevel::Property,
                user_id: None,
                property_handler_id: Some(handler_id),
            })
        }
        TransferTarget::Head { user_id } => {
            let roles: Vec<String> = sqlx::query_scalar(
                "SELECT g.role FROM role_grants g JOIN users u ON u.id = g.user_id \
                 WHERE g.user_id = $1 AND u.community_id = $2 AND u.status = 'active' \
                   AND g.role IN ('unit_head', 'building_head', 'grid_head')",
            )
            .bind(user_id)
            .bind(community_id)
            .fetch_all(&mut *tx)
            .await?;
            // The highest role they hold names their level.
            let level = ["grid_head", "building_head", "unit_head"]
                .into_iter()
                .find(|role| roles.iter().any(|r| r == role))
                .map(|role| match role {
                    "grid_head" => HandlerLevel::Grid,
                    "building_head" => HandlerLevel::Building,
                    _ => HandlerLevel::Unit,
                })
                .ok_or_else(bad)?;
            Ok(Assignment {
                level,
                user_id: Some(user_id),
                property_handler_id: None,
            })
        }
    }
}

/// Loads a report by id in `tx` (for steps that are not a handler's).
pub async fn load_visible(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    id: i64,
) -> Result<(ReportRow, Relation)> {
    let row = row::load(&mut *tx, id, auth.household_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let relation = Relation::of(&mut *tx, auth, &row).await?;
    Ok((row, relation))
}
