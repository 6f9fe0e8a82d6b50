//! The outbox's worker: every few seconds (`--webhook-every-ms`) it takes the due deliveries,
//! sends each through the [`Channel`] and records what happened.
//!
//! Several servers may run it against one PostgreSQL. A delivery is taken by an UPDATE that
//! sets its lease and bumps `version`, guarded by the version read: of two workers only one
//! changes the row, and only that one sends. The outcome is recorded under the same guard, so a
//! worker that stalled past its lease cannot overwrite a later attempt. All state is in the
//! rows: a restart carries on where it stopped, and a lease left by a crashed server runs out.

use std::collections::HashSet;
use std::time::Duration;

use super::channel::{Channel, DeliveryFailure, FailureReason};
use super::payload::{self, Ready};
use super::retry::{AfterFailure, RetrySchedule};
use super::webhook::{WebhookChannel, TIMEOUT};
use crate::platform::clock::Clock;
use crate::platform::db::Db;
use crate::platform::error::Result;

pub const WORK_EVERY_DEFAULT: Duration = Duration::from_secs(5);
/// Deliveries looked at per run; the rest wait for the next.
const BATCH: i64 = 100;
/// How long a taken delivery is this worker's: well past the send's time-out, so a lease never
/// runs out while its request is still under way.
const LEASE_MS: i64 = 6 * TIMEOUT.as_millis() as i64;

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Run {
    pub delivered: usize,
    /// Failed, to be tried again later.
    pub failed: usize,
    /// Failed for the last time.
    pub dead: usize,
}

#[derive(Debug, sqlx::FromRow)]
struct Due {
    id: i64,
    community_id: i64,
    attempts: i64,
    version: i64,
}

/// Sends what is due at `now` through `channel`.
pub async fn run_due(
    db: &Db,
    now: i64,
    channel: &impl Channel,
    retry: &RetrySchedule,
) -> Result<Run> {
    let due: Vec<Due> = sqlx::query_as(
        "SELECT d.id, d.community_id, d.attempts, d.version FROM webhook_deliveries d \
         JOIN webhook_endpoints e ON e.community_id = d.community_id AND e.enabled = 1 \
         WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND d.leased_until < $1 \
         ORDER BY d.next_attempt_at, d.id LIMIT $2",
    )
    .bind(now)
    .bind(BATCH)
    .fetch_all(&db.read)
    .await?;
    let mut run = Run::default();
    // A receiver that cannot be reached in this run is not tried again in it: one community's
    // dead gateway must not hold every other community's deliveries behind its time-outs.
    let mut unreachable = HashSet::new();
    for delivery in due {
        if unreachable.contains(&delivery.community_id) {
            continue;
        }
        let Some(version) = lease(db, &delivery, now).await? else {
            continue;
        };
        let (outgoing, quiet) = match payload::load(db, delivery.id, now).await? {
            Ready::Send { outgoing, quiet } => (outgoing, quiet),
            Ready::EndpointOff => {
                release(db, delivery.id, version).await?;
                continue;
            }
            Ready::Unsendable(reason) => {
                let failure = DeliveryFailure {
                    status: None,
                    reason,
                };
                record_failure(db, delivery.id, version, failure, AfterFailure::Dead).await?;
                run.dead += 1;
                continue;
            }
        };
        match channel.deliver(&outgoing).await {
            Ok(delivered) => {
                sqlx::query(
                    "UPDATE webhook_deliveries SET status = 'delivered', delivered_at = $1, \
                         attempts = attempts + 1, last_status = $2, last_error = NULL, \
                         leased_until = 0, version = version + 1 \
                     WHERE id = $3 AND version = $4",
                )
                .bind(now)
                .bind(i64::from(delivered.status))
                .bind(delivery.id)
                .bind(version)
                .execute(&db.write)
                .await?;
                run.delivered += 1;
            }
            Err(failure) => {
                if matches!(
                    failure.reason,
                    FailureReason::Connect | FailureReason::Timeout | FailureReason::Tls
                ) {
                    unreachable.insert(delivery.community_id);
                }
                // The lease's version guard means the attempts read are still the row's.
                let attempts = delivery.attempts + 1;
                let after = match retry.after_failure(attempts, now) {
                    AfterFailure::RetryAt(at) if failure.reason.may_pass_later() => {
                        // Outside the app a message waits for the recipient's quiet hours,
                        // its retries too.
                        AfterFailure::RetryAt(quiet.map_or(at, |q| q.release_at(at)))
                    }
                    _ => AfterFailure::Dead,
                };
                record_failure(db, delivery.id, version, failure, after).await?;
                match after {
                    AfterFailure::Dead => run.dead += 1,
                    AfterFailure::RetryAt(_) => run.failed += 1,
                }
            }
        }
    }
    Ok(run)
}

/// Takes `delivery` for this worker; the version it now has, or `None` when another worker
/// (or staff, or a change of state) got there first.
async fn lease(db: &Db, delivery: &Due, now: i64) -> Result<Option<i64>> {
    let taken = sqlx::query(
        "UPDATE webhook_deliveries SET leased_until = $1, version = version + 1 \
         WHERE id = $2 AND version = $3 AND status = 'pending' AND next_attempt_at <= $4 \
           AND leased_until < $4",
    )
    .bind(now + LEASE_MS)
    .bind(delivery.id)
    .bind(delivery.version)
    .bind(now)
    .execute(&db.write)
    .await?
    .rows_affected();
    Ok((taken == 1).then_some(delivery.version + 1))
}

/// Gives a taken delivery back untried (its endpoint is off): it waits, due as it was.
async fn release(db: &Db, id: i64, version: i64) -> Result<()> {
    sqlx::query(
        "UPDATE webhook_deliveries SET leased_until = 0, version = version + 1 \
         WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .execute(&db.write)
    .await?;
    Ok(())
}

async fn record_failure(
    db: &Db,
    id: i64,
    version: i64,
    failure: DeliveryFailure,
    after: AfterFailure,
) -> Result<()> {
    let (status, next) = match after {
        AfterFailure::RetryAt(at) => ("pending", Some(at)),
        AfterFailure::Dead => ("dead", None),
    };
    sqlx::query(
        "UPDATE webhook_deliveries SET status = $1, attempts = attempts + 1, last_status = $2, \
             last_error = $3, next_attempt_at = COALESCE($4, next_attempt_at), leased_until = 0, \
             version = version + 1 \
         WHERE id = $5 AND version = $6",
    )
    .bind(status)
    .bind(failure.status.map(i64::from))
    .bind(failure.reason.code())
    .bind(next)
    .bind(id)
    .bind(version)
    .execute(&db.write)
    .await?;
    Ok(())
}

/// Runs the worker every `every` while the server runs, on the server's clock. Without a
/// client (the TLS roots failed to load) it says so and sends nothing.
pub fn spawn_worker(
    db: Db,
    clock: Clock,
    every: Duration,
    retry: RetrySchedule,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let channel = match WebhookChannel::new() {
            Ok(channel) => channel,
            Err(error) => {
                tracing::error!(%error, "the webhook client cannot start: nothing is sent out");
                return;
            }
        };
        let mut interval = tokio::time::interval(every);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        // The first tick is at once; the first run one period after start.
        interval.tick().await;
        loop {
            let scheduled = interval.tick().await;
            let _run = crate::platform::metrics::timer_run("webhook_worker", scheduled);
            match run_due(&db, clock.now_ms(), &channel, &retry).await {
                Ok(run) if run != Run::default() => tracing::info!(?run, "webhook deliveries"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "webhook deliveries failed"),
            }
        }
    })
}
