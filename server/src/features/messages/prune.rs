//! Messages are kept [`MESSAGE_KEEP_DAYS`], then pruned with their webhook deliveries (deleted
//! first, explicitly: the cascade is not relied on, SQLite enforces it only with a pragma).

use linli_api_types::MESSAGE_KEEP_DAYS;

use crate::platform::db::Db;
use crate::platform::error::Result;
use crate::platform::shanghai::DAY_MS;

/// Deletes the messages that became visible before `now` − the keeping time; returns how many.
pub async fn prune_old(db: &Db, now: i64) -> Result<u64> {
    let cutoff = now - MESSAGE_KEEP_DAYS * DAY_MS;
    let mut tx = db.write.begin().await?;
    sqlx::query(
        "DELETE FROM webhook_deliveries WHERE message_id IN \
             (SELECT id FROM messages WHERE visible_at < $1)",
    )
    .bind(cutoff)
    .execute(&mut *tx)
    .await?;
    let pruned = sqlx::query("DELETE FROM messages WHERE visible_at < $1")
        .bind(cutoff)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(pruned)
}
