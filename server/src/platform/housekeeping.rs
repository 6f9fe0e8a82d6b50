//! Pruning what would otherwise pile up forever: sign-in counters and attempts, known devices
//! unused for a year, idempotency keys, dead sessions, wrong check-in codes, photos uploaded but
//! never attached to anything, messages past their keeping time (with their webhook
//! deliveries), webhook test deliveries as old, and unused stream tickets. At start, then every
//! hour.
//!
//! Several servers sharing one database prune at their own times, possibly at once: every
//! step deletes rows older than a cut-off, which is idempotent (a row deleted by one server is
//! simply not there for the other), so no coordination is needed and nothing fires "twice".

use std::time::Duration;

use crate::platform::db::Db;
use crate::platform::error::AppError;
use crate::features::account::{known_devices, sessions, sign_in_limits as rate_limit};
use crate::platform::db::now_ms;
use crate::platform::idempotency;
use crate::platform::photos::{self, PhotoStore};
use std::sync::Arc;

pub const PRUNE_EVERY: Duration = Duration::from_secs(60 * 60);

pub async fn prune(db: &Db, photos: &dyn PhotoStore) -> Result<(), AppError> {
    rate_limit::prune_old_attempts(db).await?;
    known_devices::prune_unused(db).await?;
    idempotency::prune_old_keys(db).await?;
    sessions::purge_dead(db, None).await?;
    crate::features::tasks::code_attempts::prune_old(db).await?;
    photos::table::prune_unattached(db, photos, now_ms()).await?;
    crate::features::messages::prune::prune_old(db, now_ms()).await?;
    crate::features::messages::tickets::prune_expired(db, now_ms()).await?;
    crate::features::outbound::prune_test_deliveries(db, now_ms()).await?;
    Ok(())
}

/// Prunes every [`PRUNE_EVERY`] while the server runs (the first tick, at once, is skipped:
/// `Application::build` has just pruned).
pub fn spawn_pruning(db: Db, photos: Arc<dyn PhotoStore>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(PRUNE_EVERY);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        interval.tick().await;
        loop {
            let scheduled = interval.tick().await;
            let _run = crate::platform::metrics::timer_run("housekeeping", scheduled);
            if let Err(error) = prune(&db, photos.as_ref()).await {
                tracing::warn!(%error, "pruning old rows failed");
            }
        }
    })
}
