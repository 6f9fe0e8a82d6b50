//! Writing messages: called by the feature where the event happens, in its transaction, so the
//! event and its messages commit together or not at all.

use std::collections::HashMap;

use linli_api_types::{MessageKind, MessageSubject};
use sqlx::AnyConnection;

use super::quiet::QuietHours;
use super::texts::Params;
use crate::platform::db::value_rows;
use crate::platform::error::Result;

/// Recipients per statement: 10 values a row keeps a statement at 4,000 parameters, well under
/// SQLite's 32,766 and PostgreSQL's 65,535.
const NOTIFY_CHUNK: usize = 400;

/// One event's message, the same for each of its recipients.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub community_id: i64,
    pub kind: MessageKind,
    pub subject: MessageSubject,
    /// The names the text is made of (see `texts::render`).
    pub params: Params,
    /// When the event happened (epoch ms): `now_ms()`, or the clock's now in timers.
    pub at: i64,
    /// For a timer's message: written at most once per recipient with this key, whichever
    /// server gets there first ("task_soon:42"). `None` for a person's step (its own
    /// transaction happens once).
    pub once_key: Option<String>,
}

impl NewMessage {
    pub fn new(community_id: i64, kind: MessageKind, subject: MessageSubject, at: i64) -> Self {
        Self {
            community_id,
            kind,
            subject,
            params: Params::new(),
            at,
            once_key: None,
        }
    }

    /// Adds a name the text uses.
    pub fn with(mut self, key: &str, value: impl Into<String>) -> Self {
        self.params.insert(key.to_owned(), value.into());
        self
    }

    pub fn once(mut self, key: impl Into<String>) -> Self {
        self.once_key = Some(key.into());
        self
    }
}

/// A recipient's preferences as they bear on one message.
#[derive(Debug, Clone, Copy)]
struct Prefs {
    muted: bool,
    quiet: Option<QuietHours>,
}

/// Writes `message` for each of `recipients` (repeats ignored), with their preferences applied,
/// and queues a webhook delivery for each unmuted one when the community has a webhook on.
/// Returns how many messages were written (a `once_key` already used writes none).
pub async fn notify(
    tx: &mut AnyConnection,
    message: &NewMessage,
    recipients: &[i64],
) -> Result<usize> {
    let mut recipients = recipients.to_vec();
    recipients.sort_unstable();
    recipients.dedup();
    if recipients.is_empty() {
        return Ok(0);
    }
    let params = serde_json::to_string(&message.params).unwrap_or_else(|_| "{}".to_owned());
    let webhook_on: bool = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM webhook_endpoints WHERE community_id = $1 AND enabled = 1",
    )
    .bind(message.community_id)
    .fetch_one(&mut *tx)
    .await?
        > 0;
    let mut written = 0;
    // One multi-row INSERT per chunk (and one for its deliveries): an important notice to a
    // whole community is a few statements inside the request that posts it, not thousands.
    for chunk in recipients.chunks(NOTIFY_CHUNK) {
        let prefs = load_prefs(tx, chunk, message.kind).await?;
        let visible_at = |prefs: &Prefs| match (message.kind.is_reminder(), prefs.quiet) {
            (true, Some(quiet)) => quiet.release_at(message.at),
            _ => message.at,
        };
        let sql = format!(
            "INSERT INTO messages (community_id, recipient_id, kind, subject_kind, subject_id, \
                 params, created_at, visible_at, muted, once_key) VALUES {} \
             ON CONFLICT DO NOTHING RETURNING id, recipient_id",
            value_rows(chunk.len(), 10)
        );
        let mut insert = sqlx::query_as::<_, (i64, i64)>(&sql);
        for recipient in chunk {
            let prefs = &prefs[recipient];
            insert = insert
                .bind(message.community_id)
                .bind(*recipient)
                .bind(message.kind.as_str())
                .bind(message.subject.kind.as_str())
                .bind(message.subject.id)
                .bind(params.as_str())
                .bind(message.at)
                .bind(visible_at(prefs))
                .bind(i64::from(prefs.muted))
                .bind(message.once_key.as_deref());
        }
        let inserted = insert.fetch_all(&mut *tx).await?;
        written += inserted.len();
        if !webhook_on {
            continue;
        }
        // Outside the app every message waits for the recipient's quiet hours; muted kinds are
        // not sent out at all.
        let deliveries: Vec<(i64, i64)> = inserted
            .iter()
            .filter_map(|(id, recipient)| {
                let prefs = &prefs[recipient];
                let visible_at = visible_at(prefs);
                (!prefs.muted).then(|| {
                    (
                        *id,
                        prefs.quiet.map_or(visible_at, |q| q.release_at(visible_at)),
                    )
                })
            })
            .collect();
        if deliveries.is_empty() {
            continue;
        }
        let sql = format!(
            "INSERT INTO webhook_deliveries (community_id, message_id, next_attempt_at, created_at) \
             VALUES {}",
            value_rows(deliveries.len(), 4)
        );
        let mut insert = sqlx::query(&sql);
        for (id, send_at) in deliveries {
            insert = insert
                .bind(message.community_id)
                .bind(id)
                .bind(send_at)
                .bind(message.at);
        }
        insert.execute(&mut *tx).await?;
    }
    if written > 0 {
        wake_streams();
    }
    Ok(written)
}

/// Each recipient's preferences for `kind` (defaults without a row).
async fn load_prefs(
    tx: &mut AnyConnection,
    recipients: &[i64],
    kind: MessageKind,
) -> Result<HashMap<i64, Prefs>> {
    let placeholders: Vec<String> = (1..=recipients.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT user_id, off_kinds, quiet_hours, quiet_start, quiet_end FROM message_prefs \
         WHERE user_id IN ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as::<_, (i64, String, i64, i64, i64)>(&sql);
    for id in recipients {
        query = query.bind(*id);
    }
    let rows = query.fetch_all(&mut *tx).await?;
    let needle = format!(",{},", kind.as_str());
    let mut prefs: HashMap<i64, Prefs> = recipients
        .iter()
        .map(|id| {
            let default = Prefs {
                muted: false,
                quiet: Some(QuietHours {
                    start: linli_api_types::QUIET_START_DEFAULT,
                    end: linli_api_types::QUIET_END_DEFAULT,
                }),
            };
            (*id, default)
        })
        .collect();
    for (id, off, on, start, end) in rows {
        prefs.insert(
            id,
            Prefs {
                muted: off.contains(&needle),
                quiet: (on != 0).then(|| QuietHours {
                    start: u16::try_from(start).unwrap_or(0),
                    end: u16::try_from(end).unwrap_or(0),
                }),
            },
        );
    }
    Ok(prefs)
}

/// Tells this process's live streams to look for new messages now rather than at their next
/// poll. A hint only: the streams find every message by polling the table, so a message written
/// by another server (or one whose transaction commits after this wake) arrives all the same.
fn wake_streams() {
    super::hub::wake();
}
