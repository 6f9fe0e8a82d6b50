-- The love bank 爱心银行: accounts and an append-only double-entry ledger. Same portable types as 0001.

-- One account per member (owner_key 'user:<id>'), and per community a fund ('fund:<id>', the
-- issuer: it goes negative by what has been earned and not yet spent) and a holding account
-- ('held:<id>', points of open service orders). `balance` is a cache of SUM(entries.amount),
-- kept in the same transaction as every entry so a guarded UPDATE can refuse an overdraft
-- atomically on both databases.
CREATE TABLE ledger_accounts (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    owner_key TEXT NOT NULL UNIQUE,
    user_id INTEGER REFERENCES users (id),
    balance INTEGER NOT NULL DEFAULT 0,
    may_go_negative INTEGER NOT NULL DEFAULT 0 CHECK (may_go_negative IN (0, 1)),
    CHECK (may_go_negative = 1 OR balance >= 0)
);
CREATE INDEX ledger_accounts_user ON ledger_accounts (user_id);

-- One movement of points, in words the reader's language can render: kind + subject (a task's
-- title, a reward's name) + minutes of service + a staff note; link to what it was for.
CREATE TABLE ledger_transactions (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    kind TEXT NOT NULL CHECK (kind IN ('opening', 'task_reward', 'redemption', 'correction',
        'order_hold', 'order_release', 'order_settle', 'service_reward')),
    subject TEXT NOT NULL,
    minutes INTEGER,
    note TEXT,
    link_kind TEXT CHECK (link_kind IN ('task', 'order', 'voucher')),
    link_id INTEGER,
    actor_id INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL
);
CREATE INDEX ledger_transactions_link ON ledger_transactions (link_kind, link_id);

-- Two entries per transaction, summing to zero. Never updated, never deleted.
CREATE TABLE ledger_entries (
    id INTEGER PRIMARY KEY,
    transaction_id INTEGER NOT NULL REFERENCES ledger_transactions (id),
    account_id INTEGER NOT NULL REFERENCES ledger_accounts (id),
    amount INTEGER NOT NULL CHECK (amount <> 0),
    balance_after INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX ledger_entries_account ON ledger_entries (account_id, id);
CREATE INDEX ledger_entries_transaction ON ledger_entries (transaction_id);
CREATE INDEX ledger_entries_created ON ledger_entries (created_at);

CREATE TRIGGER ledger_entries_append_only_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER ledger_entries_append_only_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
