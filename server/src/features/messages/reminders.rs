//! Task reminders, written by the server's timer: 明天有活动 the evening before (from 19:00
//! Shanghai, [`TASK_EVE_REMINDER_MINUTE`]) and 活动 2 小时后开始 ([`TASK_SOON_REMINDER_MINUTES`]
//! before the start), to each member who joined (not waitlisted, not withdrawn) a task that is
//! neither cancelled nor completed.
//!
//! Exactly once, whichever server runs first: every reminder carries a `once_key` naming the
//! task and its start ("task_soon:42:1796…"), and the table keeps one message per recipient
//! and key. Two servers writing at once: one insert wins, the other does nothing. A task moved
//! to another time gets its reminders again, for the new time. A member who joins after the
//! evening reminder went out still gets it on the next run, until midnight; a task created
//! late that evening is told at once. During a member's quiet hours `notify` holds the
//! reminder until they end.

use linli_api_types::{
    MessageKind, MessageSubject, SubjectKind, TASK_EVE_REMINDER_MINUTE, TASK_SOON_REMINDER_MINUTES,
};

use super::notify::{notify, NewMessage};
use crate::platform::clock::Clock;
use crate::platform::db::Db;
use crate::platform::error::Result;
use crate::platform::shanghai::{date_of, day_start, DAY_MS};

const MINUTE_MS: i64 = 60 * 1000;
const SOON_MS: i64 = TASK_SOON_REMINDER_MINUTES * MINUTE_MS;
/// Tasks starting within this are looked at: from 19:00 today to the end of tomorrow.
const LOOK_AHEAD_MS: i64 = 29 * 60 * MINUTE_MS;

/// What one run wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Run {
    pub tomorrow: usize,
    pub soon: usize,
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct UpcomingTask {
    id: i64,
    community_id: i64,
    title: String,
    place: String,
    starts_at: i64,
}

/// Which reminder of a task starting at `starts_at` is due at `now`, if any.
pub fn due(starts_at: i64, now: i64) -> Option<MessageKind> {
    if now >= starts_at {
        return None;
    }
    if starts_at - now <= SOON_MS {
        return Some(MessageKind::TaskSoon);
    }
    let eve = day_start(now) + i64::from(TASK_EVE_REMINDER_MINUTE) * MINUTE_MS;
    let starts_tomorrow = date_of(starts_at) == date_of(now + DAY_MS);
    (starts_tomorrow && now >= eve).then_some(MessageKind::TaskTomorrow)
}

fn once_key(kind: MessageKind, task: &UpcomingTask) -> String {
    format!("{}:{}:{}", kind.as_str(), task.id, task.starts_at)
}

/// Writes every reminder due at `now` that is not written yet.
pub async fn run_due(db: &Db, now: i64) -> Result<Run> {
    let tasks: Vec<UpcomingTask> = sqlx::query_as(
        "SELECT id, community_id, title, place, starts_at FROM tasks \
         WHERE starts_at > $1 AND starts_at <= $2 \
           AND cancelled_at IS NULL AND completed_at IS NULL \
         ORDER BY starts_at, id",
    )
    .bind(now)
    .bind(now + LOOK_AHEAD_MS)
    .fetch_all(&db.read)
    .await?;
    let mut run = Run::default();
    for task in tasks {
        let Some(kind) = due(task.starts_at, now) else {
            continue;
        };
        let key = once_key(kind, &task);
        // Those joined who have not had this reminder: most runs find nobody and write nothing.
        let members: Vec<i64> = sqlx::query_scalar(
            "SELECT e.user_id FROM task_enrollments e WHERE e.task_id = $1 \
               AND e.status = 'joined' AND NOT EXISTS (SELECT 1 FROM messages m \
                   WHERE m.recipient_id = e.user_id AND m.once_key = $2)",
        )
        .bind(task.id)
        .bind(&key)
        .fetch_all(&db.read)
        .await?;
        if members.is_empty() {
            continue;
        }
        let message = NewMessage::new(
            task.community_id,
            kind,
            MessageSubject {
                kind: SubjectKind::Task,
                id: task.id,
            },
            now,
        )
        .with("task", task.title.clone())
        .with("starts_at", task.starts_at.to_string())
        .with("place", task.place.clone())
        .once(key);
        let mut tx = db.write.begin().await?;
        let written = notify(&mut tx, &message, &members).await?;
        tx.commit().await?;
        if written > 0 {
            tracing::info!(
                task_id = task.id,
                kind = kind.as_str(),
                written,
                "task reminders"
            );
        }
        match kind {
            MessageKind::TaskSoon => run.soon += written,
            _ => run.tomorrow += written,
        }
    }
    Ok(run)
}

/// Runs [`run_due`] every `every` while the server runs, by `clock`. The first run is one
/// interval after the start, like pruning's: a restart delays reminders by at most that.
pub fn spawn_reminders(
    db: Db,
    clock: Clock,
    every: std::time::Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(every);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        interval.tick().await;
        loop {
            let scheduled = interval.tick().await;
            let _run = crate::platform::metrics::timer_run("task_reminders", scheduled);
            if let Err(error) = run_due(&db, clock.now_ms()).await {
                tracing::warn!(%error, "writing task reminders failed");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-12-01 00:00 in Shanghai.
    const DEC_1: i64 = 1_796_054_400_000;
    const HOUR: i64 = 60 * MINUTE_MS;

    #[test]
    fn the_evening_before_from_seven() {
        let starts = DEC_1 + DAY_MS + 9 * HOUR; // 2 Dec 09:00
        assert_eq!(due(starts, DEC_1 + 18 * HOUR + 59 * MINUTE_MS), None);
        assert_eq!(
            due(starts, DEC_1 + 19 * HOUR),
            Some(MessageKind::TaskTomorrow)
        );
        assert_eq!(
            due(starts, DEC_1 + 23 * HOUR + 59 * MINUTE_MS),
            Some(MessageKind::TaskTomorrow)
        );
        // On the day itself, until two hours before: nothing.
        assert_eq!(due(starts, DEC_1 + DAY_MS + 6 * HOUR), None);
        // Two days ahead: not yet.
        assert_eq!(due(starts + DAY_MS, DEC_1 + 20 * HOUR), None);
    }

    #[test]
    fn two_hours_before_and_not_after_the_start() {
        let starts = DEC_1 + 15 * HOUR;
        assert_eq!(due(starts, DEC_1 + 12 * HOUR + 59 * MINUTE_MS), None);
        assert_eq!(due(starts, DEC_1 + 13 * HOUR), Some(MessageKind::TaskSoon));
        assert_eq!(
            due(starts, DEC_1 + 14 * HOUR + 59 * MINUTE_MS),
            Some(MessageKind::TaskSoon)
        );
        assert_eq!(due(starts, starts), None);
    }

    #[test]
    fn a_task_just_after_midnight_is_soon_not_tomorrow_late_in_the_evening() {
        let starts = DEC_1 + DAY_MS + 30 * MINUTE_MS; // 2 Dec 00:30
        assert_eq!(
            due(starts, DEC_1 + 21 * HOUR),
            Some(MessageKind::TaskTomorrow)
        );
        assert_eq!(due(starts, DEC_1 + 23 * HOUR), Some(MessageKind::TaskSoon));
    }
}
