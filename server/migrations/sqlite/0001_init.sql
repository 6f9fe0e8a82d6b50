-- Portable types (AnyPool decodes them the same on SQLite and PostgreSQL): times are INTEGER
-- epoch milliseconds UTC named *_at, flags are INTEGER 0/1, ids INTEGER PRIMARY KEY.

-- The grid hierarchy 社区 → 网格 → 楼栋 → 单元 → 户.
CREATE TABLE communities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    street TEXT NOT NULL,
    UNIQUE (name, street)
);

CREATE TABLE grids (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    name TEXT NOT NULL,
    UNIQUE (community_id, name)
);

-- `estate` is the 小区 a building stands in: "华盛世纪新城" + "3栋".
CREATE TABLE buildings (
    id INTEGER PRIMARY KEY,
    grid_id INTEGER NOT NULL REFERENCES grids (id),
    estate TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (grid_id, estate, name)
);

CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    building_id INTEGER NOT NULL REFERENCES buildings (id),
    name TEXT NOT NULL,
    UNIQUE (building_id, name)
);

CREATE TABLE households (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    door TEXT NOT NULL,
    UNIQUE (unit_id, door)
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    phone TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    household_id INTEGER REFERENCES households (id),
    is_volunteer INTEGER NOT NULL DEFAULT 0 CHECK (is_volunteer IN (0, 1)),
    created_at INTEGER NOT NULL
);
CREATE INDEX users_community_id ON users (community_id);
CREATE INDEX users_household_id ON users (household_id);

-- scope_id names a row of the table scope_kind names, so it cannot carry a foreign key.
CREATE TABLE role_grants (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('building_head', 'unit_head', 'staff')),
    scope_kind TEXT NOT NULL CHECK (scope_kind IN ('community', 'grid', 'building', 'unit')),
    scope_id INTEGER NOT NULL,
    PRIMARY KEY (user_id, role, scope_kind, scope_id)
);
CREATE INDEX role_grants_scope ON role_grants (scope_kind, scope_id);

-- Only the SHA-256 of a session token is stored.
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER,
    created_ip TEXT NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);

-- Kept in the database so every server behind a load balancer counts the same attempts.
CREATE TABLE sign_in_attempts (
    id INTEGER PRIMARY KEY,
    phone TEXT NOT NULL,
    ip TEXT NOT NULL,
    at INTEGER NOT NULL,
    succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1))
);
CREATE INDEX sign_in_attempts_phone_at ON sign_in_attempts (phone, at);
CREATE INDEX sign_in_attempts_ip_at ON sign_in_attempts (ip, at);
