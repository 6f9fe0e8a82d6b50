-- 消息: the message centre, preferences, live-stream tickets and the community's outbound webhook
-- (api-types/src/message.rs).

-- 重要通知: an author may mark a notice important; its readers get a message.
ALTER TABLE notices ADD COLUMN important INTEGER NOT NULL DEFAULT 0 CHECK (important IN (0, 1));

-- One row per recipient, written in the transaction of the event it tells of. `params` holds the
-- names the text is made of as they were at the event (JSON object of strings); the text itself
-- is rendered in the reader's language when read. `visible_at` is `created_at`, except for a
-- reminder due in the recipient's quiet hours: then the hours' end. `muted`: the kind was off
-- in the recipient's preferences when written — not listed, counted or sent out, but still
-- streamed so an open page about the subject refreshes. `once_key` makes a timer's message
-- exactly once per recipient whichever server writes it first ('task_soon:42').
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    recipient_id INTEGER NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('order', 'task', 'notice',
        'join_request', 'report', 'wish', 'voucher')),
    subject_id INTEGER NOT NULL,
    params TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    visible_at INTEGER NOT NULL,
    muted INTEGER NOT NULL DEFAULT 0 CHECK (muted IN (0, 1)),
    read_at INTEGER,
    once_key TEXT
);
CREATE INDEX messages_recipient ON messages (recipient_id, visible_at DESC, id DESC);
CREATE INDEX messages_unread ON messages (recipient_id) WHERE read_at IS NULL AND muted = 0;
CREATE INDEX messages_visible ON messages (visible_at);
CREATE UNIQUE INDEX messages_once ON messages (recipient_id, once_key) WHERE once_key IS NOT NULL;

-- A user's choices; no row means the defaults (everything on, quiet 22:00–07:00).
-- `off_kinds`: the kinds turned off, comma-separated, with a comma at each end (',task_soon,').
CREATE TABLE message_prefs (
    user_id INTEGER PRIMARY KEY REFERENCES users (id),
    off_kinds TEXT NOT NULL DEFAULT ',',
    quiet_hours INTEGER NOT NULL DEFAULT 1 CHECK (quiet_hours IN (0, 1)),
    quiet_start INTEGER NOT NULL DEFAULT 1320 CHECK (quiet_start BETWEEN 0 AND 1439),
    quiet_end INTEGER NOT NULL DEFAULT 420 CHECK (quiet_end BETWEEN 0 AND 1439),
    updated_at INTEGER NOT NULL
);

-- One-minute, single-use tickets that open a live stream (EventSource sends no header). Only
-- the SHA-256 of the ticket is kept.
CREATE TABLE stream_tickets (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    session_id INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX stream_tickets_expiry ON stream_tickets (expires_at);

-- A community's webhook: where its messages are also sent (its official account or SMS
-- gateway), signed with `secret` (kept as is: the server must sign with it).
CREATE TABLE webhook_endpoints (
    community_id INTEGER PRIMARY KEY REFERENCES communities (id),
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    updated_by INTEGER REFERENCES users (id),
    updated_at INTEGER NOT NULL
);

-- The outbox: a delivery per message (or test), written with the message. A worker on any
-- server leases a due one (`leased_until`, by an UPDATE guarded by `version`), posts it, and
-- records the outcome; a failure waits longer each time, and after the last attempt the
-- delivery is dead until staff retry it.
CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    message_id INTEGER REFERENCES messages (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    leased_until INTEGER NOT NULL DEFAULT 0,
    last_status INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    delivered_at INTEGER,
    version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
    WHERE status = 'pending';
CREATE INDEX webhook_deliveries_list ON webhook_deliveries (community_id, status, id DESC);
CREATE INDEX webhook_deliveries_message ON webhook_deliveries (message_id);
