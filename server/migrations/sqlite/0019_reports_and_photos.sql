-- 民声有回应 (reports) and the photos that reports (and 微心愿 wishes) carry.

-- A photo as uploaded, re-encoded as JPEG (no metadata survives). `key` names its bytes in the
-- photo store (random, never chosen by the client); the thumbnail is stored under the same key.
-- Unattached (attached_kind NULL) it is its uploader's alone, and removed after a day.
CREATE TABLE photos (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    uploader_id INTEGER NOT NULL REFERENCES users (id),
    key TEXT NOT NULL UNIQUE,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    attached_kind TEXT,
    attached_id INTEGER
);
CREATE INDEX photos_attached ON photos (attached_kind, attached_id);
CREATE INDEX photos_unattached ON photos (created_at) WHERE attached_kind IS NULL;

-- 物业 and other named outside handlers of a community; staff record their answers. Never
-- deleted (reports and their timelines name them): staff retire one, and a retired handler is
-- no longer a transfer option nor a rule's first handler.
CREATE TABLE report_property_handlers (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    name TEXT NOT NULL,
    retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    created_at INTEGER NOT NULL,
    UNIQUE (community_id, name)
);

-- A community's rule for one category (absent: the defaults, first to the place's heads).
CREATE TABLE report_category_rules (
    community_id INTEGER NOT NULL REFERENCES communities (id),
    category TEXT NOT NULL,
    first_level TEXT NOT NULL CHECK (first_level IN ('unit', 'building', 'grid', 'staff', 'property')),
    property_handler_id INTEGER REFERENCES report_property_handlers (id),
    respond_hours INTEGER NOT NULL,
    resolve_days INTEGER NOT NULL,
    PRIMARY KEY (community_id, category)
);

-- A report: where (community, grid and, below, building and unit), who holds it now
-- (handler_level, and the head or the outside handler), its deadlines and its version (every
-- change, by a person or by the escalation timer, is an UPDATE guarded by the version read).
-- respond_by and responded_at restart whenever it changes hands or reopens; first_respond_by
-- (set at filing, never changed) and first_responded_at (the first acknowledge, reply or
-- resolve by anyone, never cleared) are what the dashboard's "responded in time" compares, so
-- a report that climbed because nobody answered never counts as answered in time.
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    grid_id INTEGER REFERENCES grids (id),
    building_id INTEGER REFERENCES buildings (id),
    unit_id INTEGER REFERENCES units (id),
    location_kind TEXT NOT NULL CHECK (location_kind IN ('home', 'building', 'community')),
    reporter_id INTEGER NOT NULL REFERENCES users (id),
    household_id INTEGER REFERENCES households (id),
    proxy_by INTEGER REFERENCES users (id),
    category TEXT NOT NULL,
    text TEXT NOT NULL,
    place_note TEXT NOT NULL,
    show_name INTEGER NOT NULL CHECK (show_name IN (0, 1)),
    status TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved', 'confirmed', 'closed')),
    handler_level TEXT NOT NULL CHECK (handler_level IN ('unit', 'building', 'grid', 'staff', 'property')),
    handler_user_id INTEGER REFERENCES users (id),
    property_handler_id INTEGER REFERENCES report_property_handlers (id),
    resolved_by INTEGER REFERENCES users (id),
    escalations INTEGER NOT NULL DEFAULT 0,
    respond_by INTEGER NOT NULL,
    resolve_by INTEGER NOT NULL,
    responded_at INTEGER,
    first_respond_by INTEGER NOT NULL,
    first_responded_at INTEGER,
    resolved_at INTEGER,
    finished_at INTEGER,
    overdue_since INTEGER,
    satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    version INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX reports_community_created ON reports (community_id, created_at);
CREATE INDEX reports_household ON reports (household_id, id);
CREATE INDEX reports_reporter ON reports (reporter_id, id);
CREATE INDEX reports_handler ON reports (handler_user_id, status);
CREATE INDEX reports_building_status ON reports (building_id, status);
CREATE INDEX reports_status ON reports (status, respond_by);

-- Everyone who has held a report: they keep seeing it after it moves on.
CREATE TABLE report_holders (
    report_id INTEGER NOT NULL REFERENCES reports (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (report_id, user_id)
);
CREATE INDEX report_holders_user ON report_holders (user_id);

-- 我也遇到了: one per household.
CREATE TABLE report_supports (
    report_id INTEGER NOT NULL REFERENCES reports (id),
    household_id INTEGER NOT NULL REFERENCES households (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (report_id, household_id)
);

-- The timeline. actor_role: 'reporter', 'unit_head', 'building_head', 'grid_head', 'staff', or
-- NULL for the server's own steps; proxy_by: who acted by 代办 for the reporter; target_*: whom
-- the step handed the report to (filed, transferred, escalated), named in the reader's language.
CREATE TABLE report_events (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports (id),
    kind TEXT NOT NULL,
    actor_id INTEGER REFERENCES users (id),
    actor_role TEXT,
    proxy_by INTEGER REFERENCES users (id),
    note TEXT,
    stars INTEGER,
    target_level TEXT,
    target_user_id INTEGER REFERENCES users (id),
    target_property_id INTEGER REFERENCES report_property_handlers (id),
    at INTEGER NOT NULL
);
CREATE INDEX report_events_report ON report_events (report_id, id);
