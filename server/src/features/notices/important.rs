//! 重要通知: when a notice is published marked important, or an edit first marks it so, every
//! active account whose household lies under its target gets a message, in the transaction that
//! publishes or edits it. The author hears nothing of their own notice, and nobody hears twice
//! of one notice (the message's once-key), however often an edit unmarks and marks it again.

use linli_api_types::{MessageKind, MessageSubject, SubjectKind};
use sqlx::AnyConnection;

use crate::features::messages::{notify, NewMessage};
use crate::platform::error::Result;

/// Tells everyone notice `id` reaches (as stored in `tx` now) that it is important.
pub async fn tell(tx: &mut AnyConnection, id: i64, now: i64) -> Result<()> {
    let (community_id, title, author_id, author): (i64, String, i64, String) = sqlx::query_as(
        "SELECT n.community_id, n.title, n.author_id, a.name FROM notices n \
         JOIN users a ON a.id = n.author_id WHERE n.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    // One statement however large the audience: the households under the target (as the
    // read receipts count them), and the active accounts living there.
    let readers: Vec<i64> = sqlx::query_scalar(
        "SELECT u.id FROM notices n \
         JOIN grids g ON g.community_id = n.community_id \
         JOIN buildings b ON b.grid_id = g.id \
         JOIN units un ON un.building_id = b.id \
         JOIN households h ON h.unit_id = un.id \
         JOIN users u ON u.household_id = h.id \
         WHERE n.id = $1 AND u.status = 'active' AND u.id <> n.author_id \
           AND (n.grid_id IS NULL OR g.id = n.grid_id) \
           AND (n.building_id IS NULL OR b.id = n.building_id) \
           AND (n.unit_id IS NULL OR un.id = n.unit_id) \
         ORDER BY u.id",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    let subject = MessageSubject {
        kind: SubjectKind::Notice,
        id,
    };
    let message = NewMessage::new(community_id, MessageKind::NoticeImportant, subject, now)
        .with("notice", title)
        .with("author", author)
        .once(format!("notice:{id}"));
    let written = notify(tx, &message, &readers).await?;
    tracing::info!(notice_id = id, author_id, written, "important notice told");
    Ok(())
}
