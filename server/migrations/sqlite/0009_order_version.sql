-- Every write to an order bumps `version`, and every write is guarded by the version it read
-- (server/src/orders/mod.rs `save`): a step that read the order before someone else changed
-- it — staff reassigning while the volunteer accepts, two volunteers claiming, a cancel
-- racing a dispatch — matches no row and is answered 409 instead of overwriting the winner.
-- The status alone is not enough: a reassignment keeps the status `dispatched`.
ALTER TABLE orders ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

-- A new timeline step, `recalled`: the assignee's volunteer flag was removed and the order
-- went back to the dispatch queue. SQLite cannot change a CHECK, so the table is rebuilt
-- (nothing references order_events).
CREATE TABLE order_events_new (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders (id),
    kind TEXT NOT NULL CHECK (kind IN ('submitted', 'dispatched', 'reassigned', 'accepted',
        'declined', 'claimed', 'started', 'completed', 'rated', 'closed', 'cancelled',
        'recalled')),
    actor_id INTEGER REFERENCES users (id),
    actor_role TEXT NOT NULL CHECK (actor_role IN ('resident', 'volunteer', 'staff', 'system')),
    note TEXT,
    at INTEGER NOT NULL
);
INSERT INTO order_events_new (id, order_id, kind, actor_id, actor_role, note, at)
    SELECT id, order_id, kind, actor_id, actor_role, note, at FROM order_events;
DROP TABLE order_events;
ALTER TABLE order_events_new RENAME TO order_events;
CREATE INDEX order_events_order ON order_events (order_id, id);
