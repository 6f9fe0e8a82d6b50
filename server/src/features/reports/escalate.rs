//! The server's own steps, every [`ESCALATE_EVERY`]: a pending report past its response
//! deadline (not yet answered) or its resolution deadline climbs one level with fresh
//! deadlines (staff, the top, is marked overdue instead); a resolved report its reporter left
//! unanswered for `CONFIRM_WINDOW_DAYS` closes.
//!
//! Several servers run this against one database at once. Each step is an UPDATE guarded by
//! the version read, and its event is written in the same transaction only when the UPDATE
//! changed the row: whoever loses the race changes nothing and records nothing. All state is
//! in the rows, so a restart picks up where it stopped.

use linli_api_types::{HandlerLevel, ReportEventKind, CONFIRM_WINDOW_DAYS};

use super::events::{self, NewEvent};
use super::holders;
use super::messages;
use super::routing::climb;
use super::row::{self, ReportRow};
use super::rules::{self, DAY_MS};
use super::steps::reassign;
use super::submit::remember_holder;
use crate::platform::clock::Clock;
use crate::platform::db::Db;
use crate::platform::error::Result;

pub const ESCALATE_EVERY: std::time::Duration = std::time::Duration::from_secs(60);
const BATCH: i64 = 200;

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Run {
    pub escalated: usize,
    pub marked_overdue: usize,
    pub closed: usize,
}

/// Escalates and closes whatever is due at `now`.
pub async fn run_due(db: &Db, now: i64) -> Result<Run> {
    let mut run = Run::default();
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM reports WHERE status IN ('open', 'acknowledged') \
           AND overdue_since IS NULL \
           AND ((responded_at IS NULL AND respond_by <= $1) OR resolve_by <= $1) \
         ORDER BY id LIMIT $2",
    )
    .bind(now)
    .bind(BATCH)
    .fetch_all(&db.read)
    .await?;
    for id in due {
        match escalate_one(db, id, now).await? {
            Some(true) => run.escalated += 1,
            Some(false) => run.marked_overdue += 1,
            None => {}
        }
    }
    let to_close: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM reports WHERE status = 'resolved' AND resolved_at <= $1 \
         ORDER BY id LIMIT $2",
    )
    .bind(now - CONFIRM_WINDOW_DAYS * DAY_MS)
    .bind(BATCH)
    .fetch_all(&db.read)
    .await?;
    for id in to_close {
        if close_one(db, id, now).await? {
            run.closed += 1;
        }
    }
    Ok(run)
}

/// `Some(true)`: climbed; `Some(false)`: staff's, marked overdue; `None`: changed meanwhile
/// (another server did it, or a person acted).
async fn escalate_one(db: &Db, id: i64, now: i64) -> Result<Option<bool>> {
    let mut tx = db.write.begin().await?;
    lock(&mut tx, id).await?;
    let Some(row): Option<ReportRow> = row::load(&mut *tx, id, None).await? else {
        return Ok(None);
    };
    let due = row.status()?.is_pending()
        && row.overdue_since.is_none()
        && ((row.responded_at.is_none() && row.respond_by <= now) || row.resolve_by <= now);
    if !due {
        return Ok(None);
    }
    let holders = holders::of_place(&mut *tx, &row.place()).await?;
    let Some(next) = climb(row.level()?, &holders) else {
        let changed = sqlx::query(
            "UPDATE reports SET overdue_since = $1, version = version + 1 \
             WHERE id = $2 AND version = $3",
        )
        .bind(now)
        .bind(id)
        .bind(row.version)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed != 1 {
            return Ok(None);
        }
        // Only the server whose guarded UPDATE changed the row tells.
        messages::overdue(&mut tx, &row, now).await?;
        tx.commit().await?;
        return Ok(Some(false));
    };
    let rule = rules::rule_for(&mut tx, row.community_id, row.category()?).await?;
    let (respond_by, resolve_by) = rules::deadlines(&rule, now);
    if reassign(&mut tx, &row, &next, respond_by, resolve_by, now, true).await? != 1 {
        return Ok(None);
    }
    remember_holder(&mut tx, id, &next).await?;
    events::add(
        &mut tx,
        id,
        NewEvent::system(ReportEventKind::Escalated, now).to(next),
    )
    .await?;
    messages::escalated(&mut tx, &row, &next, now).await?;
    messages::waiting(&mut tx, &row, &next, &[], now).await?;
    tx.commit().await?;
    tracing::info!(
        report_id = id,
        to = next.level.as_str(),
        from = row.level().map(HandlerLevel::as_str).unwrap_or(""),
        "report escalated"
    );
    Ok(Some(true))
}

async fn close_one(db: &Db, id: i64, now: i64) -> Result<bool> {
    let mut tx = db.write.begin().await?;
    lock(&mut tx, id).await?;
    let Some(row) = row::load(&mut *tx, id, None).await? else {
        return Ok(false);
    };
    let changed = sqlx::query(
        "UPDATE reports SET status = 'closed', finished_at = $1, updated_at = $1, \
            version = version + 1 WHERE id = $2 AND version = $3 AND status = 'resolved'",
    )
    .bind(now)
    .bind(id)
    .bind(row.version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Ok(false);
    }
    events::add(&mut tx, id, NewEvent::system(ReportEventKind::Closed, now)).await?;
    tx.commit().await?;
    tracing::info!(
        report_id = id,
        "report closed after the confirmation window"
    );
    Ok(true)
}

/// Takes the report's row for this transaction before reading it: an UPDATE that changes
/// nothing. On PostgreSQL another server's step on the row waits for this one to commit and
/// then reads what it left; on SQLite it takes the write lock first (a transaction that read
/// and then wrote would fail with SQLITE_BUSY when another server wrote in between).
async fn lock(tx: &mut sqlx::AnyConnection, id: i64) -> Result<()> {
    sqlx::query("UPDATE reports SET version = version WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Runs [`run_due`] every `every` ([`ESCALATE_EVERY`] unless set) while the server runs, by
/// `clock`.
pub fn spawn_escalation(
    db: Db,
    clock: Clock,
    every: std::time::Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(every);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            let scheduled = interval.tick().await;
            let _run = crate::platform::metrics::timer_run("report_escalation", scheduled);
            if let Err(error) = run_due(&db, clock.now_ms()).await {
                tracing::warn!(%error, "escalating reports failed");
            }
        }
    })
}
