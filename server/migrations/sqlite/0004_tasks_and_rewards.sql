-- Volunteer tasks 志愿任务 and the 爱心超市 rewards. Same portable types as 0001.

-- A task for a place (community, grid or building), stored with the place's path so scope
-- checks are column matches (as notices). `seq` is bumped by every enrolment change: the bump
-- locks the row (PostgreSQL) so joins, withdrawals and promotions of one task are serialized,
-- and numbers the waitlist. `joined_count` caches the slots taken.
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    creator_id INTEGER NOT NULL REFERENCES users (id),
    creator_role TEXT NOT NULL CHECK (creator_role IN ('building_head', 'unit_head', 'staff')),
    target_kind TEXT NOT NULL CHECK (target_kind IN ('community', 'grid', 'building')),
    target_id INTEGER NOT NULL,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    grid_id INTEGER REFERENCES grids (id),
    building_id INTEGER REFERENCES buildings (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    category TEXT NOT NULL,
    place TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity >= 1),
    points INTEGER NOT NULL CHECK (points >= 0),
    joined_count INTEGER NOT NULL DEFAULT 0,
    seq INTEGER NOT NULL DEFAULT 0,
    check_in_secret TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    completed_at INTEGER,
    completed_by INTEGER REFERENCES users (id),
    CHECK (ends_at > starts_at),
    CHECK (joined_count >= 0 AND joined_count <= capacity)
);
CREATE INDEX tasks_community_starts ON tasks (community_id, starts_at);

-- One row per volunteer and task; withdrawing and joining again reuse it.
CREATE TABLE task_enrollments (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    status TEXT NOT NULL CHECK (status IN ('joined', 'waitlisted', 'checked_in', 'checked_out',
        'completed', 'no_show', 'withdrawn')),
    seq INTEGER NOT NULL,
    joined_at INTEGER NOT NULL,
    checked_in_at INTEGER,
    checked_out_at INTEGER,
    minutes INTEGER,
    points INTEGER,
    updated_at INTEGER NOT NULL,
    UNIQUE (task_id, user_id)
);
CREATE INDEX task_enrollments_user ON task_enrollments (user_id, status);
CREATE INDEX task_enrollments_task ON task_enrollments (task_id, status, seq);

-- 爱心超市: what points buy, per community. `stock` only falls through a guarded UPDATE.
CREATE TABLE rewards (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    points INTEGER NOT NULL CHECK (points > 0),
    stock INTEGER NOT NULL CHECK (stock >= 0),
    sort INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX rewards_community ON rewards (community_id, sort);

-- A redeemed reward: the code to show at the station, used once.
CREATE TABLE vouchers (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    reward_id INTEGER NOT NULL REFERENCES rewards (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    community_id INTEGER NOT NULL REFERENCES communities (id),
    reward_name TEXT NOT NULL,
    points INTEGER NOT NULL,
    issued_at INTEGER NOT NULL,
    used_at INTEGER,
    used_by INTEGER REFERENCES users (id)
);
CREATE INDEX vouchers_user ON vouchers (user_id, issued_at);
