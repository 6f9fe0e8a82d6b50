-- The task list (GET /tasks) selects by an OR of the viewer's places: the target
-- (community / grid / building), the path columns their grants cover, and their own tasks.
-- Without an index for every branch the database scans all tasks, ended and completed ones
-- included, on every list; with them it unions index lookups (SQLite MULTI-INDEX OR,
-- PostgreSQL BitmapOr). tasks_community_starts (0004) already serves the community branch.
CREATE INDEX tasks_target ON tasks (target_kind, target_id, starts_at);
CREATE INDEX tasks_grid ON tasks (grid_id, starts_at);
CREATE INDEX tasks_building ON tasks (building_id, starts_at);
CREATE INDEX tasks_creator ON tasks (creator_id, starts_at);
