//! The demo's 消息, so 首页's bell shows a figure at first start: the seeded history told as it
//! would have been, through `messages::notify` with each event's own time — the orders' steps
//! (王秀英's dispatched, accepted, completed orders; 张建国's order dispatched to him), the
//! reports' answers and climbs to their reporters, 王秀英's wish claimed by 张建国, and 3栋's
//! water cut marked 重要 for everyone in 3栋. What is older than a day is read; the rest waits.

use linli_api_types::{MessageKind, MessageSubject, SubjectKind};
use sqlx::AnyConnection;

use crate::features::messages::texts::report_summary;
use crate::features::messages::{notify, NewMessage};
use crate::features::notices::important;
use crate::platform::error::Result;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

pub async fn seed(tx: &mut AnyConnection, water_notice: &str, now: i64) -> Result<()> {
    orders(tx).await?;
    reports(tx).await?;
    wishes(tx).await?;
    let notice: Option<(i64, i64)> =
        sqlx::query_as("SELECT id, published_at FROM notices WHERE title = $1")
            .bind(water_notice)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some((id, published_at)) = notice {
        sqlx::query("UPDATE notices SET important = 1 WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        important::tell(tx, id, published_at).await?;
    }
    sqlx::query("UPDATE messages SET read_at = visible_at + 3600000 WHERE visible_at < $1")
        .bind(now - DAY_MS)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct OrderStep {
    id: i64,
    community_id: i64,
    service_name: String,
    resident_id: i64,
    resident_name: String,
    volunteer_id: Option<i64>,
    volunteer_name: Option<String>,
    kind: String,
    at: i64,
}

async fn orders(tx: &mut AnyConnection) -> Result<()> {
    let steps: Vec<OrderStep> = sqlx::query_as(
        "SELECT o.id, o.community_id, COALESCE(o.service_name, s.name) AS service_name, \
            o.resident_id, r.name AS resident_name, o.volunteer_id, v.name AS volunteer_name, \
            e.kind, e.at \
         FROM order_events e JOIN orders o ON o.id = e.order_id \
         JOIN services s ON s.id = o.service_id \
         JOIN users r ON r.id = o.resident_id LEFT JOIN users v ON v.id = o.volunteer_id \
         WHERE e.kind IN ('dispatched', 'accepted', 'claimed', 'started', 'completed') \
         ORDER BY e.at, e.id",
    )
    .fetch_all(&mut *tx)
    .await?;
    for step in steps {
        let kind = match step.kind.as_str() {
            "dispatched" => MessageKind::OrderDispatched,
            "accepted" | "claimed" => MessageKind::OrderAccepted,
            "started" => MessageKind::OrderStarted,
            _ => MessageKind::OrderCompleted,
        };
        let subject = MessageSubject {
            kind: SubjectKind::Order,
            id: step.id,
        };
        let message = |kind| {
            let message = NewMessage::new(step.community_id, kind, subject, step.at)
                .with("service", step.service_name.as_str());
            match &step.volunteer_name {
                Some(name) => message.with("volunteer", name.as_str()),
                None => message,
            }
        };
        notify(tx, &message(kind), &[step.resident_id]).await?;
        if let (MessageKind::OrderDispatched, Some(volunteer)) = (kind, step.volunteer_id) {
            let assigned =
                message(MessageKind::OrderAssigned).with("resident", step.resident_name.as_str());
            notify(tx, &assigned, &[volunteer]).await?;
        }
    }
    Ok(())
}

async fn reports(tx: &mut AnyConnection) -> Result<()> {
    let steps: Vec<(i64, i64, i64, String, String, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT r.id, r.community_id, r.reporter_id, r.text, r.category, e.kind, \
                e.target_level, e.at \
             FROM report_events e JOIN reports r ON r.id = e.report_id \
             WHERE e.kind IN ('acknowledged', 'replied', 'escalated', 'resolved') \
             ORDER BY e.at, e.id",
    )
    .fetch_all(&mut *tx)
    .await?;
    for (id, community_id, reporter, text, category, kind, level, at) in steps {
        let kind = match kind.as_str() {
            "acknowledged" => MessageKind::ReportAcknowledged,
            "replied" => MessageKind::ReportAnswered,
            "escalated" => MessageKind::ReportEscalated,
            _ => MessageKind::ReportResolved,
        };
        let subject = MessageSubject {
            kind: SubjectKind::Report,
            id,
        };
        let mut message = NewMessage::new(community_id, kind, subject, at)
            .with("summary", report_summary(&text))
            .with("category", category);
        if let Some(level) = level {
            message = message.with("level", level);
        }
        notify(tx, &message, &[reporter]).await?;
    }
    Ok(())
}

async fn wishes(tx: &mut AnyConnection) -> Result<()> {
    let claimed: Vec<(i64, i64, i64, String, String, i64)> = sqlx::query_as(
        "SELECT w.id, w.community_id, w.resident_id, w.title, c.name, w.claimed_at \
         FROM wishes w JOIN users c ON c.id = w.claimer_id WHERE w.claimed_at IS NOT NULL",
    )
    .fetch_all(&mut *tx)
    .await?;
    for (id, community_id, resident, title, claimer, at) in claimed {
        let subject = MessageSubject {
            kind: SubjectKind::Wish,
            id,
        };
        let message = NewMessage::new(community_id, MessageKind::WishClaimed, subject, at)
            .with("wish", title)
            .with("volunteer", claimer);
        notify(tx, &message, &[resident]).await?;
    }
    Ok(())
}
