-- Staff run tasks and orders from the app: a task can be edited and cancelled with a reason,
-- an order cancelled by staff with a reason. Columns only (no table rebuilt), so other
-- migrations' columns on these tables are kept.

-- A cancelled task: when, by whom and why (shown to everyone who sees it). Nothing joins,
-- checks in or completes it afterwards (tasks::task_lock refuses), so no points are paid.
ALTER TABLE tasks ADD COLUMN cancelled_at BIGINT;
ALTER TABLE tasks ADD COLUMN cancelled_by BIGINT REFERENCES users (id);
ALTER TABLE tasks ADD COLUMN cancel_reason TEXT;

-- The time before the latest edit that moved it, so those who joined see what changed.
ALTER TABLE tasks ADD COLUMN previous_starts_at BIGINT;
ALTER TABLE tasks ADD COLUMN previous_ends_at BIGINT;
ALTER TABLE tasks ADD COLUMN time_changed_at BIGINT;

-- A cancelled task releases every place: joined and waitlisted enrolments become 'withdrawn'
-- and keep here the status they had, so 我的任务 still lists the task (as 已取消) for them.
ALTER TABLE task_enrollments ADD COLUMN cancelled_from TEXT;

-- Why staff cancelled an order (the timeline's 'cancelled' event by staff carries it too).
ALTER TABLE orders ADD COLUMN cancel_reason TEXT;
