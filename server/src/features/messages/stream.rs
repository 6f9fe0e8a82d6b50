//! The live stream of one signed-in tab (Server-Sent Events): first the bell's figure (event
//! `unread`), then what the tab missed since the last id it got (when it says one), then each
//! message as the hub finds it (event `message`, id = the message's id). A muted message goes
//! out without its words, so an open page about its subject still refreshes.

use std::collections::HashSet;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use linli_api_types::{StreamEvent, UnreadCount};
use tokio_stream::{Stream, StreamExt};

use super::hub::{Live, Subscription};
use super::row::{MessageRow, MESSAGE_COLUMNS};
use crate::platform::db::Db;
use crate::platform::error::Result;
use crate::platform::lang::Lang;

/// A comment this often keeps proxies and carriers' gateways from closing a quiet stream.
pub const KEEP_ALIVE: Duration = Duration::from_secs(20);
/// At most this many missed messages are sent on resuming; the first event's figure tells the
/// app there is more, and the list shows it.
pub const RESUME_MAX: i64 = 200;

/// What a tab missed: its visible messages after `last_event_id`, oldest first.
pub async fn missed(
    db: &Db,
    user_id: i64,
    last_event_id: i64,
    now: i64,
) -> Result<Vec<MessageRow>> {
    let sql = format!(
        "SELECT {MESSAGE_COLUMNS} FROM messages \
         WHERE recipient_id = $1 AND id > $2 AND visible_at <= $3 ORDER BY id LIMIT {RESUME_MAX}"
    );
    Ok(sqlx::query_as(&sql)
        .bind(user_id)
        .bind(last_event_id)
        .bind(now)
        .fetch_all(&db.read)
        .await?)
}

/// The event of one message for a reader of `lang`; `None` for a row that cannot be read (a
/// kind this server does not know), which is skipped rather than ending the stream.
fn message_event(row: &MessageRow, unread: i64, lang: Lang) -> Option<Event> {
    let data = StreamEvent {
        message: if row.is_muted() {
            None
        } else {
            Some(row.to_message(lang).ok()?)
        },
        subject: row.subject().ok()?,
        unread,
    };
    Event::default()
        .event("message")
        .id(row.id.to_string())
        .json_data(&data)
        .ok()
}

/// The response: `unread`, then `missed`, then the subscription's messages (those already sent
/// as missed, or at or below the id the tab resumed from, skipped).
pub fn respond(
    unread: UnreadCount,
    missed: Vec<MessageRow>,
    resumed_from: i64,
    subscription: Subscription,
    lang: Lang,
) -> Sse<impl Stream<Item = std::result::Result<Event, Infallible>>> {
    let sent: HashSet<i64> = missed.iter().map(|row| row.id).collect();
    let first = Event::default().event("unread").json_data(unread).ok();
    let backlog = missed
        .iter()
        .filter_map(|row| message_event(row, unread.unread, lang))
        .collect::<Vec<_>>();
    let start = tokio_stream::iter(first.into_iter().chain(backlog));
    let live = subscription.filter_map(move |live: Arc<Live>| {
        let id = live.row.id;
        if id <= resumed_from || sent.contains(&id) {
            return None;
        }
        message_event(&live.row, live.unread, lang)
    });
    Sse::new(start.chain(live).map(Ok)).keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
}
