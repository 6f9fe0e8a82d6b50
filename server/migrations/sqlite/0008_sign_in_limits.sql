-- Sign-in limits as one counter row per key, so a check and its count are one guarded UPDATE
-- (server/src/rate_limit.rs): parallel guesses cannot all pass a check made before any of
-- them was recorded, and every server sharing the database counts in the same row.
--   limit_key: 'ip:<address>', 'phone_ip:<phone>|<address>', 'phone:<phone>', 'device:<id>',
--        'change:<user id>'.
--   window_start: start of the counting window (fixed windows), or the last counted attempt
--        (progressive keys, which forget after a quiet day).
--   attempts: attempts counted in the window; a check reserves one before the password is hashed.
--   delay_ms / blocked_until: progressive keys only: the current wait between attempts, and
--        when the next attempt may start.
CREATE TABLE sign_in_limits (
    limit_key TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    delay_ms INTEGER NOT NULL DEFAULT 0,
    blocked_until INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sign_in_limits_window_start ON sign_in_limits (window_start);

-- Devices that have signed in: a long random token in an HttpOnly cookie, only its hash here.
-- Attempts carrying one are counted apart from strangers', so nobody can lock the owner out.
CREATE TABLE known_devices (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER NOT NULL
);
CREATE INDEX known_devices_user_id ON known_devices (user_id);
CREATE INDEX known_devices_last_used_at ON known_devices (last_used_at);
