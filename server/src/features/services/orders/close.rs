//! Closing orders whose rating window has passed: settled as if rated, by the server, every
//! [`AUTO_CLOSE_EVERY`] and before every read or step that could see one.

use linli_api_types::RATE_WINDOW_DAYS;

use super::row::load;
use super::steps::Step;
use super::take_step::{take_step, By};
use crate::platform::db::{now_ms, Db};
use crate::platform::error::Result;

pub const RATE_WINDOW_MS: i64 = RATE_WINDOW_DAYS * 24 * 60 * 60 * 1000;
/// How often the server closes orders whose rating window has passed (reads do it too).
pub const AUTO_CLOSE_EVERY: std::time::Duration = std::time::Duration::from_secs(300);

/// Closes every order whose rating window has passed, settling each as if rated; safe to run
/// from several places at once (each close is guarded by the version it read).
pub async fn close_overdue(db: &Db, now: i64) -> Result<usize> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM orders WHERE status = 'completed' AND completed_at <= $1 \
         ORDER BY completed_at LIMIT 200",
    )
    .bind(now - RATE_WINDOW_MS)
    .fetch_all(&db.read)
    .await?;
    let mut closed = 0;
    for id in ids {
        let mut tx = db.write.begin().await?;
        let Some(row) = load(&mut *tx, id).await? else {
            continue;
        };
        if take_step(&mut tx, By::System, &row, Step::Close, now)
            .await?
            .is_err()
        {
            continue; // rated or closed in the meantime
        }
        tx.commit().await?;
        tracing::info!(order_id = id, "order closed after the rating window");
        closed += 1;
    }
    Ok(closed)
}

/// Closes overdue orders every `every` ([`AUTO_CLOSE_EVERY`] unless set) while the server runs.
pub fn spawn_auto_close(db: Db, every: std::time::Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(every);
        loop {
            let scheduled = interval.tick().await;
            let _run = crate::platform::metrics::timer_run("order_auto_close", scheduled);
            if let Err(error) = close_overdue(&db, now_ms()).await {
                tracing::warn!(%error, "closing overdue orders failed");
            }
        }
    })
}
