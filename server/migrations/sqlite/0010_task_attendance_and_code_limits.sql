-- Who vouches for a volunteer's attendance, and how often a wrong check-in code may be tried.
--
-- checked_in_by: who recorded the check-in (the volunteer by code, or an organiser by roster).
-- confirmed_by: someone other than the volunteer who vouched for the attendance: the organiser
--   who checked them in by roster, or one who confirmed a pending self check-in.
-- awaiting_confirmation: 1 for a self check-in (by code or roster) of someone who manages the
--   task. Completion credits them only once confirmed_by is someone else (docs/security.md:
--   points are credited by someone other than the person credited).
ALTER TABLE task_enrollments ADD COLUMN checked_in_by INTEGER REFERENCES users (id);
ALTER TABLE task_enrollments ADD COLUMN confirmed_by INTEGER REFERENCES users (id);
ALTER TABLE task_enrollments ADD COLUMN awaiting_confirmation INTEGER NOT NULL DEFAULT 0;

-- One row per wrong check-in code, per volunteer and task: at most 5 in 10 minutes are checked
-- (server/src/tasks/code_attempts.rs). Rows older than the window are pruned.
CREATE TABLE task_code_failures (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    at INTEGER NOT NULL
);
CREATE INDEX task_code_failures_user ON task_code_failures (task_id, user_id, at);
CREATE INDEX task_code_failures_at ON task_code_failures (at);
