-- Joining: residents who signed up and are not on the register wait for a head of their unit or
-- building (or staff) to vouch for them; buildings have an invite link a head shows.

-- One row per request to join a household. A resident has at most one `pending` request (the
-- code withdraws the old one when they ask again for a corrected home). The decision is kept:
-- who (`decided_by`), when, why (`reason`, required to decline and shown to the resident), and
-- which register entry an approval linked.
CREATE TABLE join_requests (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    household_id INTEGER NOT NULL REFERENCES households (id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'declined', 'withdrawn')),
    created_at INTEGER NOT NULL,
    decided_by INTEGER REFERENCES users (id),
    decided_at INTEGER,
    reason TEXT,
    register_member_id INTEGER REFERENCES register_members (id)
);
CREATE INDEX join_requests_community_status ON join_requests (community_id, status);
CREATE INDEX join_requests_user ON join_requests (user_id);

-- A building's invite link /join/<code>: renewing replaces the code, so the old link stops.
CREATE TABLE building_invites (
    building_id INTEGER PRIMARY KEY REFERENCES buildings (id),
    code TEXT NOT NULL UNIQUE,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL
);
