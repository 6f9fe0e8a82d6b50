-- 代办: a head or staff member acting for a resident without a phone. The session itself is a
-- `sessions` row with `proxy_by` (0012); this migration keeps who acted for whom, from when
-- to when, and names the one acting beside the resident on everything written in 代办.

-- The audit of 代办 sessions, kept after their `sessions` rows are pruned (so `session_id`
-- carries no foreign key). It ran from `started_at` to `ended_at` (ended on tap or by the
-- actor starting another), or to `expires_at` when `ended_at` is NULL.
CREATE TABLE proxy_sessions (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    session_id INTEGER NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES users (id),
    resident_id INTEGER NOT NULL REFERENCES users (id),
    started_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    ended_at INTEGER
);
CREATE INDEX proxy_sessions_actor ON proxy_sessions (actor_id, started_at);
CREATE INDEX proxy_sessions_resident ON proxy_sessions (resident_id, started_at);
CREATE INDEX proxy_sessions_session ON proxy_sessions (session_id);

-- Who acted by 代办 for the resident the row names (NULL: the resident themself). An order
-- placed by 代办 keeps its placer: they count as the resident for the integrity rules (they
-- may not take it as a volunteer); so does whoever enrolled a resident in a task (they may not
-- vouch for that resident's attendance).
ALTER TABLE orders ADD COLUMN proxy_by INTEGER REFERENCES users (id);
ALTER TABLE order_events ADD COLUMN proxy_by INTEGER REFERENCES users (id);
ALTER TABLE task_enrollments ADD COLUMN proxy_by INTEGER REFERENCES users (id);
ALTER TABLE ledger_transactions ADD COLUMN proxy_by INTEGER REFERENCES users (id);
ALTER TABLE vouchers ADD COLUMN proxy_by INTEGER REFERENCES users (id);
