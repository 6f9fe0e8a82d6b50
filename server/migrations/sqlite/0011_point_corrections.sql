-- Staff corrections 积分更正 as records of their own (issue 15). Every correction is a row here:
-- small ones post at once (status 'posted', no approver); one above the community's
-- correction_approval_threshold — or beyond the requester's daily allowance — waits as
-- 'pending' until another staff member approves it (then it posts: transaction_id is set) or
-- rejects it, or the requester withdraws it. A pending correction moves no points.
-- `status` changes only by a guarded UPDATE ... WHERE status = 'pending', so two staff members
-- approving at once post it exactly once.
CREATE TABLE point_corrections (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    amount INTEGER NOT NULL CHECK (amount <> 0),
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'posted', 'rejected', 'withdrawn')),
    requested_by INTEGER NOT NULL REFERENCES users (id),
    requested_at INTEGER NOT NULL,
    -- Who approved (posted) or rejected it; NULL when it posted without approval or was withdrawn.
    decided_by INTEGER REFERENCES users (id),
    decided_at INTEGER,
    decision_note TEXT,
    -- The ledger transaction it posted as (its actor_id is the requester).
    transaction_id INTEGER UNIQUE REFERENCES ledger_transactions (id),
    CHECK (status <> 'posted' OR transaction_id IS NOT NULL)
);
CREATE INDEX point_corrections_community ON point_corrections (community_id, status, id);
CREATE INDEX point_corrections_requester ON point_corrections (requested_by, requested_at);

-- Every change of a community's policy, kept: community_policies holds only the latest, and a
-- threshold raised for one large correction and lowered again must still show in 积分管理.
CREATE TABLE community_policy_changes (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    points_per_hour INTEGER NOT NULL,
    correction_approval_threshold INTEGER NOT NULL,
    changed_by INTEGER NOT NULL REFERENCES users (id),
    changed_at INTEGER NOT NULL
);
CREATE INDEX community_policy_changes_community ON community_policy_changes (community_id, id);

-- The audit view reads credits of a community by time.
CREATE INDEX ledger_transactions_community_created ON ledger_transactions (community_id, created_at);
