//! The messages an order's steps write, in the step's transaction: the resident who ordered
//! hears of staff dispatching it, of the volunteer accepting (or claiming), starting and
//! completing it, and of the server closing it; a volunteer hears of an order dispatched to
//! them. Nobody hears of their own step; a resident whose step a head took by 代办 still hears
//! of the volunteer's.

use linli_api_types::{MessageKind, MessageSubject, OrderEventKind, SubjectKind};
use sqlx::AnyConnection;

use super::row::OrderRow;
use crate::features::messages::{notify, NewMessage};
use crate::platform::error::Result;

/// Writes the messages of the step that turned `was` into `next` (recorded as `kind` on its
/// timeline), taken by `actor` (`None`: the server).
pub async fn tell(
    tx: &mut AnyConnection,
    was: &OrderRow,
    next: &OrderRow,
    kind: OrderEventKind,
    actor: Option<i64>,
    now: i64,
) -> Result<()> {
    let to_resident = match kind {
        OrderEventKind::Dispatched | OrderEventKind::Reassigned => MessageKind::OrderDispatched,
        OrderEventKind::Accepted | OrderEventKind::Claimed => MessageKind::OrderAccepted,
        OrderEventKind::Started => MessageKind::OrderStarted,
        OrderEventKind::Completed => MessageKind::OrderCompleted,
        OrderEventKind::Closed => MessageKind::OrderAutoClosed,
        _ => return Ok(()),
    };
    let volunteer_name = match next.volunteer_id {
        Some(volunteer) => {
            sqlx::query_scalar::<_, String>("SELECT name FROM users WHERE id = $1")
                .bind(volunteer)
                .fetch_optional(&mut *tx)
                .await?
        }
        None => None,
    };
    let subject = MessageSubject {
        kind: SubjectKind::Order,
        id: was.id,
    };
    let message = |kind| {
        let message = NewMessage::new(was.community_id, kind, subject, now)
            .with("service", was.service_name.as_str());
        match &volunteer_name {
            Some(name) => message.with("volunteer", name.as_str()),
            None => message,
        }
    };
    let not_actor = |user: &i64| Some(*user) != actor;
    let resident: Vec<i64> = [was.resident_id].into_iter().filter(not_actor).collect();
    notify(tx, &message(to_resident), &resident).await?;
    if matches!(
        kind,
        OrderEventKind::Dispatched | OrderEventKind::Reassigned
    ) {
        let volunteer: Vec<i64> = next.volunteer_id.into_iter().filter(not_actor).collect();
        let assigned =
            message(MessageKind::OrderAssigned).with("resident", was.resident_name.as_str());
        notify(tx, &assigned, &volunteer).await?;
    }
    Ok(())
}
