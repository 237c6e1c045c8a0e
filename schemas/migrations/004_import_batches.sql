-- 004: imports appended in parts (SPEC §3, docs/benchmarks.md "Locking"). A long import
-- commits its rows in several short transactions so that officials can log in between; its
-- rows carry the import's batch and stay hidden from every reader until the import's last
-- transaction sets finished_at. An import that stops before that (killed, or a plan revised
-- meanwhile) leaves its rows in the hash chain, hidden for good: `audit verify` names it.

CREATE TABLE import_batches (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  file         TEXT NOT NULL,
  started_at   TEXT NOT NULL,
  started_by   TEXT NOT NULL,
  finished_at  TEXT                     -- NULL: not finished, its entries count nowhere
);

CREATE INDEX import_batches_unfinished ON import_batches(id) WHERE finished_at IS NULL;

ALTER TABLE entries ADD COLUMN batch INTEGER REFERENCES import_batches(id);

CREATE TRIGGER import_batches_finish_once BEFORE UPDATE ON import_batches
WHEN OLD.finished_at IS NOT NULL OR NEW.id <> OLD.id OR NEW.file <> OLD.file
  OR NEW.started_at <> OLD.started_at OR NEW.started_by <> OLD.started_by
BEGIN
  SELECT RAISE(ABORT, 'an import batch is finished once and never changed');
END;

CREATE TRIGGER import_batches_are_kept BEFORE DELETE ON import_batches
BEGIN
  SELECT RAISE(ABORT, 'import batches are kept: their entries are in the chain');
END;
