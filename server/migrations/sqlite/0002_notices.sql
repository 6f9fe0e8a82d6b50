-- Notices 通知公告 and the generic idempotency store. Same portable types as 0001.

-- A notice is addressed to one place (target_kind, target_id); its place path (community_id …
-- unit_id, NULL below the target's level) is copied onto it so "visible to this household" and
-- "covered by this grant" are indexed column matches.
CREATE TABLE notices (
    id INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES users (id),
    -- The author's grant that covered the target when posting: "3栋 楼栋长 刘伟忠".
    author_role TEXT NOT NULL CHECK (author_role IN ('building_head', 'unit_head', 'staff')),
    author_scope_kind TEXT NOT NULL CHECK (author_scope_kind IN ('community', 'grid', 'building', 'unit')),
    author_scope_id INTEGER NOT NULL,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('community', 'grid', 'building', 'unit')),
    target_id INTEGER NOT NULL,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    grid_id INTEGER REFERENCES grids (id),
    building_id INTEGER REFERENCES buildings (id),
    unit_id INTEGER REFERENCES units (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('utilities', 'safety', 'activity', 'property', 'policy', 'other')),
    pinned_until INTEGER,
    expires_at INTEGER,
    published_at INTEGER NOT NULL,
    edited_at INTEGER,
    withdrawn_at INTEGER
);
CREATE INDEX notices_target ON notices (target_kind, target_id, published_at);
CREATE INDEX notices_community ON notices (community_id, published_at);
CREATE INDEX notices_author ON notices (author_id, published_at);

-- One read per household (any member reading counts for all of them); users without a
-- household read for themselves. user_id is the member who read (NULL for imported reads).
-- Rows are never removed.
CREATE TABLE notice_reads (
    notice_id INTEGER NOT NULL REFERENCES notices (id),
    household_id INTEGER REFERENCES households (id),
    user_id INTEGER REFERENCES users (id),
    read_at INTEGER NOT NULL,
    CHECK (household_id IS NOT NULL OR user_id IS NOT NULL)
);
CREATE UNIQUE INDEX notice_reads_household ON notice_reads (notice_id, household_id)
    WHERE household_id IS NOT NULL;
CREATE UNIQUE INDEX notice_reads_user ON notice_reads (notice_id, user_id)
    WHERE household_id IS NULL;

-- Answers to writes sent with an Idempotency-Key, replayed when the same request comes again.
-- The row is claimed and completed in the write transaction that does the work.
CREATE TABLE idempotency_keys (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (user_id, key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
