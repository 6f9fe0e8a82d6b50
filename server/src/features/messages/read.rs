//! Marking messages read: one, or all up to the newest the user has seen. Both are idempotent
//! by nature (a read message stays read at its first time), so they need no Idempotency-Key.

use crate::platform::db::Db;
use crate::platform::error::{AppError, Result};

/// Marks `id` read for `user_id`. Another user's message, one not yet visible, and an unknown
/// id are the same 404: nobody learns that a message exists that is not theirs.
pub async fn mark_read(db: &Db, user_id: i64, id: i64, now: i64) -> Result<()> {
    let changed = sqlx::query(
        "UPDATE messages SET read_at = $1 \
         WHERE id = $2 AND recipient_id = $3 AND visible_at <= $1 AND read_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .bind(user_id)
    .execute(&db.write)
    .await?
    .rows_affected();
    if changed == 1 {
        return Ok(());
    }
    let mine: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM messages WHERE id = $1 AND recipient_id = $2 AND visible_at <= $3",
    )
    .bind(id)
    .bind(user_id)
    .bind(now)
    .fetch_optional(&db.read)
    .await?;
    mine.map(|_| ()).ok_or(AppError::NotFound)
}

/// Marks read every visible message of `user_id` up to `up_to`; one that arrived after the
/// user looked (a higher id) stays unread.
pub async fn mark_all_read(db: &Db, user_id: i64, up_to: i64, now: i64) -> Result<u64> {
    Ok(sqlx::query(
        "UPDATE messages SET read_at = $1 \
         WHERE recipient_id = $2 AND id <= $3 AND visible_at <= $1 AND read_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .bind(up_to)
    .execute(&db.write)
    .await?
    .rows_affected())
}
