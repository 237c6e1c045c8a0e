-- 007: leaner entries (issue 13, docs/benchmarks.md "Import at scale"): a row of entries took
-- 224 bytes where the CSV it came from took 92, and every byte is written twice (the WAL, then
-- the database).
--
-- The period is kept as written; its bounds are no longer stored. No query read period_start
-- or period_end: every reader derives a period's bounds from its text, which the hash chain
-- covers. A target's entries are found by plan and target; within them the index keeps id
-- order, the order every read of entries asks for. Dropping a column rewrites the rows
-- without firing the append-only triggers.
--
-- The chain hash is stored as its 32 bytes, a BLOB, instead of 64 hex digits. Plantrack shows,
-- chains and verifies it as hex everywhere else (docs/audit.md); in the sqlite3 shell,
-- lower(hex(hash)) prints it so. plantrack_hash_bytes is plantrack's own function (registered
-- on its connections): 64 hex digits become their bytes, anything else (a value written from
-- outside plantrack) stays as it was, for `audit verify` to name. The rows are rewritten
-- in place under this migration's transaction, the one time an update of entries is allowed.

DROP INDEX entries_by_target;
ALTER TABLE entries DROP COLUMN period_start;
ALTER TABLE entries DROP COLUMN period_end;
CREATE INDEX entries_by_target ON entries(plan_id, target_id);

DROP TRIGGER entries_are_append_only_update;
UPDATE entries SET hash = plantrack_hash_bytes(hash);
CREATE TRIGGER entries_are_append_only_update BEFORE UPDATE ON entries
BEGIN
  SELECT RAISE(ABORT, 'entries are append-only: log a correction instead');
END;
