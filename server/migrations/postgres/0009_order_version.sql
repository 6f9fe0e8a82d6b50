-- Every write to an order bumps `version`, and every write is guarded by the version it read
-- (server/src/orders/mod.rs `save`): a step that read the order before someone else changed
-- it — staff reassigning while the volunteer accepts, two volunteers claiming, a cancel
-- racing a dispatch — matches no row and is answered 409 instead of overwriting the winner.
-- The status alone is not enough: a reassignment keeps the status `dispatched`.
ALTER TABLE orders ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- A new timeline step, `recalled`: the assignee's volunteer flag was removed and the order
-- went back to the dispatch queue.
ALTER TABLE order_events DROP CONSTRAINT order_events_kind_check;
ALTER TABLE order_events ADD CONSTRAINT order_events_kind_check CHECK (kind IN ('submitted',
    'dispatched', 'reassigned', 'accepted', 'declined', 'claimed', 'started', 'completed',
    'rated', 'closed', 'cancelled', 'recalled'));
