-- 007: leaner entries, as in SQLite's migration 007: the period is kept as written and its
-- bounds are no longer stored (no query read them; every reader derives a period's bounds from
-- its text). The chain hash stays 64 hex digits of text here.

DROP INDEX entries_by_target;
ALTER TABLE entries DROP COLUMN period_start;
ALTER TABLE entries DROP COLUMN period_end;
CREATE INDEX entries_by_target ON entries(plan_id, target_id);
