//! The messages of a report's steps, in the step's transaction: the reporter (the account that
//! filed it, not their whole household) hears that it was acknowledged, answered, passed up or
//! resolved; whoever holds it now hears that it waits for them when it is filed, transferred,
//! escalated or reopened, and staff hear when a report of theirs passes its last deadline. A
//! staff-level report is held by every staff member of its community, and so is one with an
//! outside handler (物业), whose answers staff record. Nobody hears of their own step.

use linli_api_types::{HandlerLevel, MessageKind, MessageSubject, SubjectKind};
use sqlx::AnyConnection;

use super::routing::Assignment;
use super::row::ReportRow;
use crate::features::messages::texts::report_summary;
use crate::features::messages::{notify, NewMessage};
use crate::platform::error::Result;

fn message(row: &ReportRow, kind: MessageKind, now: i64) -> NewMessage {
    let subject = MessageSubject {
        kind: SubjectKind::Report,
        id: row.id,
    };
    NewMessage::new(row.community_id, kind, subject, now)
        .with("summary", report_summary(&row.text))
        .with("category", row.category.as_str())
}

/// Tells the reporter of `row` of a handler's step (`kind`) by `actor`.
pub async fn to_reporter(
    tx: &mut AnyConnection,
    row: &ReportRow,
    kind: MessageKind,
    actor: i64,
    now: i64,
) -> Result<()> {
    if row.reporter_id == actor {
        return Ok(());
    }
    notify(tx, &message(row, kind, now), &[row.reporter_id]).await?;
    Ok(())
}

/// 您的反映已上报: the timer passed `row` up to `to`.
pub async fn escalated(
    tx: &mut AnyConnection,
    row: &ReportRow,
    to: &Assignment,
    now: i64,
) -> Result<()> {
    let message = message(row, MessageKind::ReportEscalated, now).with("level", to.level.as_str());
    notify(tx, &message, &[row.reporter_id]).await?;
    Ok(())
}

/// 有反映待您处理: `row` now waits for `to`; `actors` took the step that handed it over.
pub async fn waiting(
    tx: &mut AnyConnection,
    row: &ReportRow,
    to: &Assignment,
    actors: &[i64],
    now: i64,
) -> Result<()> {
    let holders: Vec<i64> = holders(tx, row.community_id, to)
        .await?
        .into_iter()
        .filter(|holder| !actors.contains(holder))
        .collect();
    notify(tx, &message(row, MessageKind::ReportWaiting, now), &holders).await?;
    Ok(())
}

/// 反映已超时: `row`, held by staff, passed its deadline with nowhere higher to climb.
pub async fn overdue(tx: &mut AnyConnection, row: &ReportRow, now: i64) -> Result<()> {
    let staff = staff_of(tx, row.community_id).await?;
    notify(tx, &message(row, MessageKind::ReportOverdue, now), &staff).await?;
    Ok(())
}

/// Whom `row` waits for now, as an [`Assignment`].
pub fn holder_of(row: &ReportRow) -> Result<Assignment> {
    Ok(Assignment {
        level: row.level()?,
        user_id: row.handler_user_id,
        property_handler_id: row.property_handler_id,
    })
}

/// The accounts holding a report assigned `to`: the head's, or every staff member's.
async fn holders(tx: &mut AnyConnection, community_id: i64, to: &Assignment) -> Result<Vec<i64>> {
    match (to.level, to.user_id) {
        (HandlerLevel::Unit | HandlerLevel::Building | HandlerLevel::Grid, Some(head)) => {
            Ok(vec![head])
        }
        _ => staff_of(tx, community_id).await,
    }
}

async fn staff_of(tx: &mut AnyConnection, community_id: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT g.user_id FROM role_grants g JOIN users u ON u.id = g.user_id \
         WHERE g.role = 'staff' AND g.scope_kind = 'community' AND g.scope_id = $1 \
           AND u.status = 'active' AND u.community_id = $1 ORDER BY g.user_id",
    )
    .bind(community_id)
    .fetch_all(&mut *tx)
    .await?)
}
