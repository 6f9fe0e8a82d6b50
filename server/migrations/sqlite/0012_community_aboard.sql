-- A real community comes aboard (issue 18): the shared ground the register, joining, roles and
-- 代办 build on. Feature-specific tables come in their own migrations after this one.

-- 网格长 (grid head) joins the roles a grant can carry. SQLite cannot change a CHECK in place,
-- so role_grants is rebuilt; nothing references it.
CREATE TABLE role_grants_new (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('building_head', 'unit_head', 'grid_head', 'staff')),
    scope_kind TEXT NOT NULL CHECK (scope_kind IN ('community', 'grid', 'building', 'unit')),
    scope_id INTEGER NOT NULL,
    PRIMARY KEY (user_id, role, scope_kind, scope_id)
);
INSERT INTO role_grants_new (user_id, role, scope_kind, scope_id)
    SELECT user_id, role, scope_kind, scope_id FROM role_grants;
DROP TABLE role_grants;
ALTER TABLE role_grants_new RENAME TO role_grants;
CREATE INDEX role_grants_scope ON role_grants (scope_kind, scope_id);

-- What an account may do:
--   active      a member of their household (register match or a head's approval vouched)
--   pending     signed up, waiting for a head: reads community-wide notices and the menu only
--   declined    a head said no (the reason is on the join request); signs in to read why
--   proxy_only  a register member without a phone or login whom a head or staff member acts
--               for by 代办; the phone column holds 'register:<id>', which no sign-in matches
--               (phones are 11 digits). Registering later with the register's name and phone
--               turns this account active, keeping its points and history.
ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'pending', 'declined', 'proxy_only'));

-- A 代办 session: user_id is the resident acted for, proxy_by the head or staff member acting.
-- It lives 30 minutes (expires_at) and reaches only what 代办 may do (platform::access).
ALTER TABLE sessions ADD COLUMN proxy_by INTEGER REFERENCES users (id);

-- The household register 住户花名册 as the community keeps it: one row per member of a
-- household, whether or not they use Linli. `phone` is 11 digits or NULL (many elders have
-- none); `care_tags` a comma-separated list of 高龄, 独居, 残疾, 低保 … that staff use for 助老.
-- `user_id` is the account this entry vouched for (register match, approval or 代办).
-- (household_id, name) is the key a re-import matches on.
CREATE TABLE register_members (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    household_id INTEGER NOT NULL REFERENCES households (id),
    name TEXT NOT NULL,
    phone TEXT,
    relation TEXT NOT NULL DEFAULT '',
    care_tags TEXT NOT NULL DEFAULT '',
    user_id INTEGER UNIQUE REFERENCES users (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (household_id, name)
);
CREATE INDEX register_members_community_phone ON register_members (community_id, phone);
