//! The messages a task's changes write, in the change's transaction: a volunteer moved from
//! the waitlist to joined hears of it; every joined and waitlisted volunteer hears of an edit
//! to what they rely on (time, place, name, details, points) and of a cancellation. The
//! organiser or staff member making the change hears nothing of it.

use linli_api_types::{MessageKind, MessageSubject, SubjectKind};
use sqlx::AnyConnection;

use crate::features::messages::{notify, NewMessage};
use crate::platform::error::Result;
use crate::platform::ids::TaskId;

/// What a task's messages name, as it is now.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Told {
    pub community_id: i64,
    pub title: String,
    pub description: String,
    pub place: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub points: i64,
}

impl Told {
    pub async fn load(tx: &mut AnyConnection, task_id: TaskId) -> Result<Told> {
        Ok(sqlx::query_as(
            "SELECT community_id, title, description, place, starts_at, ends_at, points \
             FROM tasks WHERE id = $1",
        )
        .bind(task_id.get())
        .fetch_one(&mut *tx)
        .await?)
    }

    fn message(&self, kind: MessageKind, task_id: TaskId, now: i64) -> NewMessage {
        let subject = MessageSubject {
            kind: SubjectKind::Task,
            id: task_id.get(),
        };
        NewMessage::new(self.community_id, kind, subject, now)
            .with("task", self.title.as_str())
            .with("starts_at", self.starts_at.to_string())
            .with("place", self.place.as_str())
    }

    /// What changed from `self` to `after`, as `texts` names it ("time,place"); empty when
    /// nothing a volunteer relies on did.
    fn changes_to(&self, after: &Told) -> String {
        [
            (
                self.starts_at != after.starts_at || self.ends_at != after.ends_at,
                "time",
            ),
            (self.place != after.place, "place"),
            (self.title != after.title, "title"),
            (self.description != after.description, "details"),
            (self.points != after.points, "points"),
        ]
        .into_iter()
        .filter_map(|(changed, name)| changed.then_some(name))
        .collect::<Vec<_>>()
        .join(",")
    }
}

/// The volunteers of `task_id` who hold a place or wait for one (and, when cancelling, those
/// already checked in), without `actor`.
pub async fn members(
    tx: &mut AnyConnection,
    task_id: TaskId,
    statuses: &str,
    actor: i64,
) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(&format!(
        "SELECT user_id FROM task_enrollments WHERE task_id = $1 AND user_id <> $2 \
           AND status IN ({statuses}) ORDER BY user_id"
    ))
    .bind(task_id.get())
    .bind(actor)
    .fetch_all(&mut *tx)
    .await?)
}

/// 候补转正: `promoted` moved from the waitlist to joined.
pub async fn promoted(
    tx: &mut AnyConnection,
    task_id: TaskId,
    promoted: &[i64],
    now: i64,
) -> Result<()> {
    if promoted.is_empty() {
        return Ok(());
    }
    let task = Told::load(tx, task_id).await?;
    notify(
        tx,
        &task.message(MessageKind::WaitlistPromoted, task_id, now),
        promoted,
    )
    .await?;
    Ok(())
}

/// 活动有变更: the task was `before`, and is as stored now; `actor` edited it.
pub async fn changed(
    tx: &mut AnyConnection,
    task_id: TaskId,
    before: &Told,
    actor: i64,
    now: i64,
) -> Result<()> {
    let after = Told::load(tx, task_id).await?;
    let changes = before.changes_to(&after);
    if changes.is_empty() {
        return Ok(());
    }
    let to = members(tx, task_id, "'joined', 'waitlisted'", actor).await?;
    let message = after
        .message(MessageKind::TaskChanged, task_id, now)
        .with("changed", changes);
    notify(tx, &message, &to).await?;
    Ok(())
}

/// 活动已取消, with the organiser's reason, to `to` (read before their places were released).
pub async fn cancelled(
    tx: &mut AnyConnection,
    task_id: TaskId,
    to: &[i64],
    reason: &str,
    now: i64,
) -> Result<()> {
    let task = Told::load(tx, task_id).await?;
    let message = task
        .message(MessageKind::TaskCancelled, task_id, now)
        .with("reason", reason);
    notify(tx, &message, to).await?;
    Ok(())
}
