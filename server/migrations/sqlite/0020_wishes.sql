-- 微心愿: a resident's small wish that a head publishes and a volunteer fulfils; the resident's
-- thanks credit the volunteer once (docs/security.md, "Points are money").

-- A new kind of credit, `wish_reward`, linked to its wish. SQLite cannot change a CHECK, so
-- ledger_transactions is rebuilt. Its rows are referenced (ledger_entries,
-- point_corrections): the foreign keys are deferred to the commit, the rows are copied aside,
-- the table dropped and made again under its own name, and the rows put back, so every
-- reference points at a row again before the commit checks them.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE ledger_transactions_copy AS SELECT * FROM ledger_transactions;
DROP TABLE ledger_transactions;
CREATE TABLE ledger_transactions (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    kind TEXT NOT NULL CHECK (kind IN ('opening', 'task_reward', 'redemption', 'correction',
        'order_hold', 'order_release', 'order_settle', 'service_reward', 'wish_reward')),
    subject TEXT NOT NULL,
    minutes INTEGER,
    note TEXT,
    link_kind TEXT CHECK (link_kind IN ('task', 'order', 'voucher', 'wish')),
    link_id INTEGER,
    actor_id INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL,
    proxy_by INTEGER REFERENCES users (id)
);
INSERT INTO ledger_transactions (id, community_id, kind, subject, minutes, note, link_kind,
        link_id, actor_id, created_at, proxy_by)
    SELECT id, community_id, kind, subject, minutes, note, link_kind, link_id, actor_id,
        created_at, proxy_by FROM ledger_transactions_copy;
DROP TABLE ledger_transactions_copy;
CREATE INDEX ledger_transactions_link ON ledger_transactions (link_kind, link_id);
CREATE INDEX ledger_transactions_community_created ON ledger_transactions (community_id, created_at);
-- A wish pays its claimer once, whatever races: the second credit cannot be written.
CREATE UNIQUE INDEX ledger_transactions_one_wish_reward ON ledger_transactions (link_id)
    WHERE kind = 'wish_reward';

-- Every step is one UPDATE guarded by `version` (as orders): two volunteers claiming at once,
-- a withdrawal racing a claim — one wins, the other matches no row and is answered 409.
-- `photo_id` and `fulfil_photo_id` name rows of `photos` (0019); no foreign key here, so this
-- table does not depend on when photos came.
CREATE TABLE wishes (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    resident_id INTEGER NOT NULL REFERENCES users (id),
    household_id INTEGER NOT NULL REFERENCES households (id),
    -- The household's unit when posted: the heads of its unit, building and grid review it.
    unit_id INTEGER NOT NULL REFERENCES units (id),
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    photo_id INTEGER,
    status TEXT NOT NULL CHECK (status IN ('pending', 'declined', 'open', 'claimed', 'fulfilled',
        'thanked', 'withdrawn')),
    -- What the claimer earns at the thanks, fixed when posted.
    points INTEGER NOT NULL CHECK (points >= 0),
    -- Posted by 代办: the head or staff member who acted for the resident.
    proxy_by INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    reviewed_by INTEGER REFERENCES users (id),
    reviewed_at INTEGER,
    decline_reason TEXT,
    claimer_id INTEGER REFERENCES users (id),
    claimed_at INTEGER,
    fulfil_note TEXT,
    fulfil_photo_id INTEGER,
    fulfilled_at INTEGER,
    thanks_note TEXT,
    thanked_at INTEGER,
    -- Thanked by 代办: who acted for the resident.
    thanks_proxy_by INTEGER REFERENCES users (id),
    withdrawn_at INTEGER
);
CREATE INDEX wishes_board ON wishes (community_id, status, id);
CREATE INDEX wishes_household ON wishes (household_id, status);
CREATE INDEX wishes_claimer ON wishes (claimer_id, id);
CREATE INDEX wishes_unit ON wishes (unit_id, status);
