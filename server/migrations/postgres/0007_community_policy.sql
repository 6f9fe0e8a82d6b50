-- What a community's love bank allows, set by its staff (积分管理 → 积分规则). A community
-- without a row uses the defaults in server/src/policy.rs, so a new community is safe at once.
--   points_per_hour: a task may pay at most this many points per hour of its length.
--   correction_approval_threshold: a staff correction larger than this (either sign) waits
--   for a second staff member's approval before it posts.
CREATE TABLE community_policies (
    community_id BIGINT PRIMARY KEY REFERENCES communities (id),
    points_per_hour BIGINT NOT NULL CHECK (points_per_hour > 0),
    correction_approval_threshold BIGINT NOT NULL CHECK (correction_approval_threshold >= 0),
    updated_by BIGINT REFERENCES users (id),
    updated_at BIGINT NOT NULL
);
