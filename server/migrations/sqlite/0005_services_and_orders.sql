-- The service menu 服务菜单 and service orders 四单 (群众点单 → 中心派单 → 志愿者接单 → 群众评单).
-- Same portable types as 0001: *_at epoch ms UTC, flags 0/1.

-- Who provides services: 红帆驿站, 社区党群服务中心, 爱心理发志愿队 …
CREATE TABLE service_providers (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    name TEXT NOT NULL,
    UNIQUE (community_id, name)
);

-- points_price: what the resident pays (held on ordering, settled on rating); volunteer_points:
-- what the volunteer earns on settlement.
CREATE TABLE services (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    provider_id INTEGER NOT NULL REFERENCES service_providers (id),
    name TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('repair', 'legal', 'counselling', 'elder_care',
        'after_school', 'daily_life', 'other')),
    description TEXT NOT NULL,
    points_price INTEGER NOT NULL DEFAULT 0 CHECK (points_price >= 0),
    volunteer_points INTEGER NOT NULL DEFAULT 0 CHECK (volunteer_points >= 0),
    sort_order INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    UNIQUE (community_id, name)
);
CREATE INDEX services_community ON services (community_id, category, sort_order);

-- Weekly opening periods in Asia/Shanghai time: ISO weekday 1–7, minutes after midnight.
CREATE TABLE service_opening (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute INTEGER NOT NULL CHECK (start_minute >= 0 AND start_minute < 1440),
    end_minute INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440)
);
CREATE INDEX service_opening_service ON service_opening (service_id, weekday, start_minute);

-- Which volunteer offers which service: staff assign only to them, they claim only those.
CREATE TABLE volunteer_services (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    service_id INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, service_id)
);
CREATE INDEX volunteer_services_service ON volunteer_services (service_id);

-- An order. `status` changes only through the state machine (server/src/orders/state.rs);
-- every UPDATE is guarded by the status it read, so two racing actions cannot both succeed.
-- `points` and `volunteer_points` are the service's at ordering time.
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    service_id INTEGER NOT NULL REFERENCES services (id),
    resident_id INTEGER NOT NULL REFERENCES users (id),
    volunteer_id INTEGER REFERENCES users (id),
    status TEXT NOT NULL CHECK (status IN ('submitted', 'dispatched', 'accepted', 'in_progress',
        'completed', 'rated', 'closed', 'cancelled')),
    preferred_start INTEGER,
    address TEXT NOT NULL,
    contact_phone TEXT NOT NULL,
    note TEXT NOT NULL,
    points INTEGER NOT NULL CHECK (points >= 0),
    volunteer_points INTEGER NOT NULL CHECK (volunteer_points >= 0),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    waiting_since INTEGER,
    started_at INTEGER,
    completed_at INTEGER,
    completion_note TEXT,
    rating_stars INTEGER CHECK (rating_stars BETWEEN 1 AND 5),
    -- Comma-separated RatingTag names.
    rating_tags TEXT,
    rating_comment TEXT,
    rated_at INTEGER,
    finished_at INTEGER
);
CREATE INDEX orders_resident ON orders (resident_id, created_at);
CREATE INDEX orders_volunteer ON orders (volunteer_id, status);
CREATE INDEX orders_community_status ON orders (community_id, status, waiting_since);
CREATE INDEX orders_completed ON orders (status, completed_at);

-- The timeline: one row per step, with who acted and in which capacity.
CREATE TABLE order_events (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders (id),
    kind TEXT NOT NULL CHECK (kind IN ('submitted', 'dispatched', 'reassigned', 'accepted',
        'declined', 'claimed', 'started', 'completed', 'rated', 'closed', 'cancelled')),
    actor_id INTEGER REFERENCES users (id),
    actor_role TEXT NOT NULL CHECK (actor_role IN ('resident', 'volunteer', 'staff', 'system')),
    note TEXT,
    at INTEGER NOT NULL
);
CREATE INDEX order_events_order ON order_events (order_id, id);
