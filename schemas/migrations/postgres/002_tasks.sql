-- 002 in PostgreSQL's dialect (../002_tasks.sql): a task's state, evidence and step.

ALTER TABLE entries ADD COLUMN state TEXT
  CHECK (state IS NULL OR state IN ('not_started', 'in_progress', 'done', 'suspended'));
ALTER TABLE entries ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
ALTER TABLE entries ADD COLUMN step TEXT NOT NULL DEFAULT '';

-- Register the tasks of the plans already stored (every revision).
INSERT INTO targets (plan_id, id)
  SELECT r.plan_id, t.value ->> 'id'
  FROM plan_revisions AS r,
       jsonb_array_elements(CASE WHEN jsonb_typeof(r.document::jsonb -> 'tasks') = 'array'
                                 THEN r.document::jsonb -> 'tasks' ELSE '[]'::jsonb END) AS t
  WHERE t.value ->> 'id' IS NOT NULL
ON CONFLICT DO NOTHING;
