//! The live streams of this process and the poller that feeds them.
//!
//! Messages are found by polling the table, never handed over in memory: a message written by
//! another server sharing the database arrives the same way as one written here. The poller
//! reads the messages that became visible in a trailing window ([`WINDOW_MS`]) — so a
//! transaction that commits a little after its `visible_at`, or a reminder whose quiet hours
//! just ended, is still found — and remembers the ids it has handed out within the window, so
//! nothing goes out twice. It polls every `poll_every`, and at once (then briefly faster, while
//! the writer's transaction commits) when this process writes a message ([`wake`]). With no
//! stream open it reads nothing.
//!
//! Each stream has a small buffer. A stream that does not keep up (its buffer full) is closed
//! rather than letting messages pile up in memory: the app reconnects with the last id it
//! got and is sent what it missed from the table. Every `session_check_every` the sessions
//! behind the open streams are checked in one query; a stream whose session was signed out,
//! revoked or expired is closed.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, watch};
use tokio_stream::Stream;

use super::row::{MessageRow, MESSAGE_COLUMNS};
use crate::platform::clock::Clock;
use crate::platform::db::{now_ms, Db};
use crate::platform::error::Result;

/// How far back the poller looks for newly visible messages. Longer than any transaction that
/// writes messages takes to commit.
pub const WINDOW_MS: i64 = 15_000;
/// Messages a stream may have waiting before it is closed as too slow.
const STREAM_BUFFER: usize = 64;
/// After a wake, poll this often for a while: the writer's transaction commits after it woke us.
const FAST_POLL: Duration = Duration::from_millis(50);
const FAST_FOR: Duration = Duration::from_millis(500);
/// Ids per `IN (…)` list.
const CHUNK: usize = 500;

/// A message as it goes to a stream: the row and its recipient's unread figure at delivery.
#[derive(Debug)]
pub struct Live {
    pub row: MessageRow,
    pub unread: i64,
}

struct Listener {
    id: u64,
    session_id: i64,
    sender: mpsc::Sender<Arc<Live>>,
}

#[derive(Default)]
struct Streams {
    by_user: HashMap<i64, Vec<Listener>>,
    next_id: u64,
    /// Ids handed out, with their `visible_at`, forgotten once they leave the window.
    seen: HashMap<i64, i64>,
    /// The server is shutting down: streams end and no new one opens.
    closed: bool,
}

pub struct Hub {
    streams: Mutex<Streams>,
    poll_every: Duration,
    session_check_every: Duration,
}

/// One open stream: yields the messages for its user until the hub closes it. Dropping it (the
/// client went away) takes it off the hub.
pub struct Subscription {
    hub: Arc<Hub>,
    user_id: i64,
    id: u64,
    receiver: mpsc::Receiver<Arc<Live>>,
}

impl Stream for Subscription {
    type Item = Arc<Live>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.receiver.poll_recv(cx)
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.hub.remove(self.user_id, self.id);
    }
}

impl Hub {
    pub fn new(poll_every: Duration, session_check_every: Duration) -> Self {
        Self {
            streams: Mutex::new(Streams::default()),
            poll_every,
            session_check_every,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Streams> {
        // A panic while holding the lock leaves plain maps behind, still usable.
        self.streams
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Opens a stream for `user_id` in session `session_id`; `None` while shutting down.
    pub fn subscribe(self: &Arc<Self>, user_id: i64, session_id: i64) -> Option<Subscription> {
        let (sender, receiver) = mpsc::channel(STREAM_BUFFER);
        let mut streams = self.lock();
        if streams.closed {
            return None;
        }
        streams.next_id += 1;
        let id = streams.next_id;
        streams.by_user.entry(user_id).or_default().push(Listener {
            id,
            session_id,
            sender,
        });
        Some(Subscription {
            hub: Arc::clone(self),
            user_id,
            id,
            receiver,
        })
    }

    fn remove(&self, user_id: i64, id: u64) {
        let mut streams = self.lock();
        if let Some(listeners) = streams.by_user.get_mut(&user_id) {
            listeners.retain(|listener| listener.id != id);
            if listeners.is_empty() {
                streams.by_user.remove(&user_id);
            }
        }
    }

    /// How many streams are open.
    pub fn open_streams(&self) -> usize {
        self.lock().by_user.values().map(Vec::len).sum()
    }

    /// Ends every stream and refuses new ones: the server is shutting down, and it waits for
    /// open responses, which a stream never finishes by itself.
    pub fn close(&self) {
        let mut streams = self.lock();
        streams.closed = true;
        streams.by_user.clear();
    }

    /// One poll at `now`: hands each newly visible message to its recipient's streams. Returns
    /// how many messages were handed to at least one stream.
    pub async fn poll(&self, db: &Db, now: i64) -> Result<usize> {
        {
            let mut streams = self.lock();
            if streams.by_user.is_empty() {
                // Nothing to feed, nothing to read; a stream opening later reads what it
                // missed from the table.
                streams.seen.clear();
                return Ok(0);
            }
        }
        let sql = format!(
            "SELECT {MESSAGE_COLUMNS} FROM messages WHERE visible_at > $1 AND visible_at <= $2 \
             ORDER BY id"
        );
        let rows: Vec<MessageRow> = sqlx::query_as(&sql)
            .bind(now - WINDOW_MS)
            .bind(now)
            .fetch_all(&db.read)
            .await?;
        let fresh: Vec<MessageRow> = {
            let mut streams = self.lock();
            streams
                .seen
                .retain(|_, visible_at| *visible_at > now - WINDOW_MS);
            let mut fresh = Vec::new();
            for row in rows {
                if streams.seen.insert(row.id, row.visible_at).is_none()
                    && streams.by_user.contains_key(&row.recipient_id)
                {
                    fresh.push(row);
                }
            }
            fresh
        };
        if fresh.is_empty() {
            return Ok(0);
        }
        let mut recipients: Vec<i64> = fresh.iter().map(|row| row.recipient_id).collect();
        recipients.sort_unstable();
        recipients.dedup();
        let unread = unread_of(db, &recipients, now).await?;
        let mut streams = self.lock();
        let mut delivered = 0;
        for row in fresh {
            let recipient = row.recipient_id;
            let live = Arc::new(Live {
                unread: unread.get(&recipient).copied().unwrap_or(0),
                row,
            });
            let Some(listeners) = streams.by_user.get_mut(&recipient) else {
                continue;
            };
            // A full buffer closes the stream (the app resumes from its last id); a closed one
            // is gone.
            listeners.retain(|listener| listener.sender.try_send(Arc::clone(&live)).is_ok());
            if listeners.is_empty() {
                streams.by_user.remove(&recipient);
            } else {
                delivered += 1;
            }
        }
        Ok(delivered)
    }

    /// Closes the streams whose session is no longer live (signed out, revoked, expired).
    pub async fn check_sessions(&self, db: &Db) -> Result<usize> {
        let mut sessions: Vec<i64> = self
            .lock()
            .by_user
            .values()
            .flatten()
            .map(|listener| listener.session_id)
            .collect();
        sessions.sort_unstable();
        sessions.dedup();
        let mut live = Vec::with_capacity(sessions.len());
        for chunk in sessions.chunks(CHUNK) {
            let sql = format!(
                "SELECT id FROM sessions WHERE revoked_at IS NULL AND expires_at > $1 \
                 AND id IN ({})",
                placeholders(2, chunk.len())
            );
            let mut query = sqlx::query_scalar::<_, i64>(&sql).bind(now_ms());
            for id in chunk {
                query = query.bind(*id);
            }
            live.extend(query.fetch_all(&db.read).await?);
        }
        live.sort_unstable();
        let mut streams = self.lock();
        let mut closed = 0;
        streams.by_user.retain(|_, listeners| {
            let before = listeners.len();
            listeners.retain(|listener| live.binary_search(&listener.session_id).is_ok());
            closed += before - listeners.len();
            !listeners.is_empty()
        });
        Ok(closed)
    }
}

/// `$first, $first+1, …` for `count` values.
fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Each recipient's unread figure at `now`, in one query per chunk.
async fn unread_of(db: &Db, recipients: &[i64], now: i64) -> Result<HashMap<i64, i64>> {
    let mut unread = HashMap::with_capacity(recipients.len());
    for chunk in recipients.chunks(CHUNK) {
        let sql = format!(
            "SELECT recipient_id, COUNT(*) FROM messages \
             WHERE read_at IS NULL AND muted = 0 AND visible_at <= $1 \
               AND recipient_id IN ({}) GROUP BY recipient_id",
            placeholders(2, chunk.len())
        );
        let mut query = sqlx::query_as::<_, (i64, i64)>(&sql).bind(now);
        for id in chunk {
            query = query.bind(*id);
        }
        unread.extend(query.fetch_all(&db.read).await?);
    }
    Ok(unread)
}

fn wake_sender() -> &'static watch::Sender<u64> {
    static WAKE: OnceLock<watch::Sender<u64>> = OnceLock::new();
    WAKE.get_or_init(|| watch::channel(0).0)
}

/// Tells every hub of this process to poll now. A hint: see `notify::wake_streams`.
pub fn wake() {
    wake_sender().send_modify(|generation| *generation = generation.wrapping_add(1));
}

/// Runs the hub's poller and its session checks while the server runs.
pub fn spawn_poller(hub: Arc<Hub>, db: Db, clock: Clock) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut woken = wake_sender().subscribe();
        let mut fast_until: Option<Instant> = None;
        let mut last_check = Instant::now();
        loop {
            let wait = match fast_until {
                Some(until) if Instant::now() < until => FAST_POLL,
                _ => hub.poll_every,
            };
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                changed = woken.changed() => {
                    if changed.is_ok() {
                        fast_until = Some(Instant::now() + FAST_FOR);
                    }
                }
            }
            if let Err(error) = hub.poll(&db, clock.now_ms()).await {
                tracing::warn!(%error, "polling messages for the live streams failed");
            }
            if last_check.elapsed() >= hub.session_check_every {
                last_check = Instant::now();
                match hub.check_sessions(&db).await {
                    Ok(0) => {}
                    Ok(closed) => tracing::info!(closed, "streams of ended sessions closed"),
                    Err(error) => tracing::warn!(%error, "checking the streams' sessions failed"),
                }
            }
        }
    })
}
