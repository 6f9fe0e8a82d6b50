-- Roles changed by staff, and password help without SMS.

-- Every change of a member's roles: who (`changed_by`), whom (`user_id`), what, when. Kept for
-- the person page; never updated. `role`/`scope_kind`/`scope_id` for grants, `detail` the
-- services set ("上门代办、助餐送餐").
CREATE TABLE role_changes (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    changed_by INTEGER NOT NULL REFERENCES users (id),
    change TEXT NOT NULL CHECK (change IN ('granted', 'removed', 'volunteer_on', 'volunteer_off',
        'services_set', 'staff_requested', 'staff_rejected')),
    role TEXT,
    scope_kind TEXT,
    scope_id INTEGER,
    detail TEXT NOT NULL DEFAULT '',
    at INTEGER NOT NULL
);
CREATE INDEX role_changes_user_at ON role_changes (user_id, at);

-- Appointing or removing staff needs two staff members: one asks, another (not the member
-- concerned) approves. At most one pending change per member (the partial unique index).
CREATE TABLE staff_changes (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    action TEXT NOT NULL CHECK (action IN ('appoint', 'remove')),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    requested_by INTEGER NOT NULL REFERENCES users (id),
    requested_at INTEGER NOT NULL,
    decided_by INTEGER REFERENCES users (id),
    decided_at INTEGER
);
CREATE UNIQUE INDEX staff_changes_one_pending ON staff_changes (user_id) WHERE status = 'pending';
CREATE INDEX staff_changes_community ON staff_changes (community_id, status);

-- One-time password reset codes a head or staff member gives a resident (no SMS here). Only
-- the code's SHA-256 (salted with the user id) is kept. A code lives 30 minutes, is used once,
-- is void after 5 wrong tries against the phone, and a newer code voids it (`voided_at`).
CREATE TABLE reset_codes (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    issued_by INTEGER NOT NULL REFERENCES users (id),
    issued_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    wrong_tries INTEGER NOT NULL DEFAULT 0,
    used_at INTEGER,
    voided_at INTEGER
);
CREATE INDEX reset_codes_user_issued ON reset_codes (user_id, issued_at);
