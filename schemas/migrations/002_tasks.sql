-- 002: task progress (SPEC §1 "Task"). A task's entries carry a state instead of a value, the
-- documents that show it (evidence) and the step they complete. Entries of targets keep
-- state NULL, evidence '[]' and step ''.

ALTER TABLE entries ADD COLUMN state TEXT
  CHECK (state IS NULL OR state IN ('not_started', 'in_progress', 'done', 'suspended'));
ALTER TABLE entries ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]'; -- JSON array of documents, URLs
ALTER TABLE entries ADD COLUMN step TEXT NOT NULL DEFAULT '';

-- The `targets` table names every id an entry may refer to: targets and, from now on, tasks.
-- Register the tasks of the plans already stored (every revision).
INSERT OR IGNORE INTO targets (plan_id, id)
  SELECT r.plan_id, json_extract(t.value, '$.id')
  FROM plan_revisions AS r, json_each(r.document, '$.tasks') AS t;
