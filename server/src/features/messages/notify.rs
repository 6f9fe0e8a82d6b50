//! Writing messages: called by the feature where the event happens, in its transaction, so the
//! event and its messages commit together or not at all.

use linli_api_types::{MessageKind, MessageSubject};
use sqlx::AnyConnection;

use super::quiet::QuietHours;
use super::texts::Params;
use crate::platform::error::Result;

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
    for chunk in recipients.chunks(400) {
        let prefs = load_prefs(tx, chunk, message.kind).await?;
        for (&recipient, prefs) in chunk.iter().zip(prefs) {
            let visible_at = match (message.kind.is_reminder(), prefs.quiet) {
                (true, Some(quiet)) => quiet.release_at(message.at),
                _ => message.at,
            };
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO messages (community_id, recipient_id, kind, subject_kind, \
                     subject_id, params, created_at, visible_at, muted, once_key) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                 ON CONFLICT DO NOTHING RETURNING id",
            )
            .bind(message.community_id)
            .bind(recipient)
            .bind(message.kind.as_str())
            .bind(message.subject.kind.as_str())
            .bind(message.subject.id)
            .bind(&params)
            .bind(message.at)
            .bind(visible_at)
            .bind(i64::from(prefs.muted))
            .bind(message.once_key.as_deref())
            .fetch_optional(&mut *tx)
            .await?;
            let Some(id) = id else { continue };
            written += 1;
            if webhook_on && !prefs.muted {
                // Outside the app every message waits for the recipient's quiet hours.
                let send_at = prefs.quiet.map_or(visible_at, |q| q.release_at(visible_at));
                sqlx::query(
                    "INSERT INTO webhook_deliveries (community_id, message_id, next_attempt_at, \
                         created_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(message.community_id)
                .bind(id)
                .bind(send_at)
                .bind(message.at)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    if written > 0 {
        wake_streams();
    }
    Ok(written)
}

/// Each recipient's preferences for `kind`, in `recipients`' order (defaults without a row).
async fn load_prefs(
    tx: &mut AnyConnection,
    recipients: &[i64],
    kind: MessageKind,
) -> Result<Vec<Prefs>> {
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
    let default_quiet = QuietHours {
        start: linli_api_types::QUIET_START_DEFAULT,
        end: linli_api_types::QUIET_END_DEFAULT,
    };
    Ok(recipients
        .iter()
        .map(|id| match rows.iter().find(|row| row.0 == *id) {
            None => Prefs {
                muted: false,
                quiet: Some(default_quiet),
            },
            Some((_, off, on, start, end)) => Prefs {
                muted: off.contains(&needle),
                quiet: (*on != 0).then(|| QuietHours {
                    start: u16::try_from(*start).unwrap_or(0),
                    end: u16::try_from(*end).unwrap_or(0),
                }),
            },
        })
        .collect())
}

/// Tells this process's live streams to look for new messages now rather than at their next
/// poll. A hint only: the streams find every message by polling the table, so a message written
/// by another server (or one whose transaction commits after this wake) arrives all the same.
fn wake_streams() {
    super::hub::wake();
}
