-- Staff run the service menu 服务管理 and the 爱心超市 礼品管理 from the app.

-- How long one visit of a service takes, in minutes: the policy's points per hour bound what a
-- volunteer may earn for it (as for a task of that length). 120 holds every service a
-- community had before staff could set it (the demo's pay at most 30).
ALTER TABLE services ADD COLUMN duration_minutes INTEGER NOT NULL DEFAULT 120
    CHECK (duration_minutes BETWEEN 15 AND 480);

-- Every change staff make to a service, kept with who and when and what it then was.
CREATE TABLE service_changes (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services (id),
    community_id INTEGER NOT NULL REFERENCES communities (id),
    action TEXT NOT NULL CHECK (action IN ('created', 'edited', 'paused', 'resumed')),
    name TEXT NOT NULL,
    points_price INTEGER NOT NULL,
    volunteer_points INTEGER NOT NULL,
    changed_by INTEGER NOT NULL REFERENCES users (id),
    changed_at INTEGER NOT NULL
);
CREATE INDEX service_changes_service ON service_changes (service_id, id);

-- An order keeps what it was placed for: a service renamed, moved to another category or
-- provider, or given other opening times later does not change an order already placed (its
-- points and volunteer_points were kept from the start). NULL only for orders written before
-- this migration without a service row, which the reads fill from the service.
ALTER TABLE orders ADD COLUMN service_name TEXT;
ALTER TABLE orders ADD COLUMN service_category TEXT;
ALTER TABLE orders ADD COLUMN provider_name TEXT;
-- The end of the booked slot (epoch ms), from the opening times when it was placed.
ALTER TABLE orders ADD COLUMN preferred_end INTEGER;
UPDATE orders SET
    service_name = (SELECT s.name FROM services s WHERE s.id = orders.service_id),
    service_category = (SELECT s.category FROM services s WHERE s.id = orders.service_id),
    provider_name = (SELECT p.name FROM services s JOIN service_providers p ON p.id = s.provider_id
        WHERE s.id = orders.service_id);

-- A retired reward is off the shelf: nobody can redeem it, vouchers already issued stay valid
-- (they keep their own name and points).
ALTER TABLE rewards ADD COLUMN retired_at INTEGER;

-- Every change staff make to a reward. `stock_change` is what staff added (or took away) from
-- the shelf; redemptions go on taking one at a time beside it.
CREATE TABLE reward_changes (
    id INTEGER PRIMARY KEY,
    reward_id INTEGER NOT NULL REFERENCES rewards (id),
    community_id INTEGER NOT NULL REFERENCES communities (id),
    action TEXT NOT NULL CHECK (action IN ('created', 'edited', 'retired', 'restored')),
    name TEXT NOT NULL,
    points INTEGER NOT NULL,
    stock_change INTEGER NOT NULL,
    changed_by INTEGER NOT NULL REFERENCES users (id),
    changed_at INTEGER NOT NULL
);
CREATE INDEX reward_changes_reward ON reward_changes (reward_id, id);
