-- 001: plans with their revisions, targets, and append-only progress entries (SPEC §4).

CREATE TABLE plans (
  id          TEXT PRIMARY KEY,
  created_at  TEXT NOT NULL
);

-- Every imported version of a plan file; the highest revision is in force.
CREATE TABLE plan_revisions (
  plan_id      TEXT NOT NULL REFERENCES plans(id),
  revision     INTEGER NOT NULL CHECK (revision >= 1),
  document     TEXT NOT NULL,          -- the validated plan as JSON
  imported_at  TEXT NOT NULL,          -- UTC, 2019-06-30T08:00:00Z
  imported_by  TEXT NOT NULL,
  reason       TEXT NOT NULL DEFAULT '',
  changes      TEXT NOT NULL DEFAULT '[]', -- JSON array: what changed from the revision before
  PRIMARY KEY (plan_id, revision)
);

-- Every target id any revision of a plan has had: entries refer to these.
CREATE TABLE targets (
  plan_id  TEXT NOT NULL REFERENCES plans(id),
  id       TEXT NOT NULL,
  PRIMARY KEY (plan_id, id)
);

-- Ids only grow (AUTOINCREMENT): a removed last entry shows in sqlite_sequence.
CREATE TABLE entries (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id       TEXT NOT NULL,
  target_id     TEXT NOT NULL,
  period        TEXT NOT NULL,         -- as canonicalised: 2018, 2018Q2, 2018-06, 2014-01..2014-11
  period_start  TEXT NOT NULL,
  period_end    TEXT NOT NULL,
  value         REAL NOT NULL,         -- in the target's unit
  value_text    TEXT NOT NULL,         -- as typed
  unit          TEXT NOT NULL,         -- as typed; '' means the target's unit
  recorded_at   TEXT NOT NULL,
  recorded_by   TEXT NOT NULL,
  source        TEXT NOT NULL DEFAULT '',
  note          TEXT NOT NULL DEFAULT '',
  provisional   INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),
  entities      TEXT NOT NULL DEFAULT '[]', -- JSON array of names
  action        TEXT NOT NULL DEFAULT 'log' CHECK (action IN ('log', 'correct', 'retract')),
  corrects      INTEGER REFERENCES entries(id), -- the entry a correction or retraction replaces
  reason        TEXT NOT NULL DEFAULT '',
  hash          TEXT NOT NULL,          -- SHA-256(previous hash || canonical bytes), docs/audit.md
  FOREIGN KEY (plan_id, target_id) REFERENCES targets(plan_id, id),
  CHECK ((action = 'log') = (corrects IS NULL)),
  CHECK (action = 'log' OR length(trim(reason)) > 0)
);

CREATE INDEX entries_by_target ON entries(plan_id, target_id, period_end);
-- An entry is replaced at most once: a second correction must name the latest version.
CREATE UNIQUE INDEX entries_replaced_once ON entries(corrects) WHERE corrects IS NOT NULL;

CREATE TRIGGER entries_are_append_only_update BEFORE UPDATE ON entries
BEGIN
  SELECT RAISE(ABORT, 'entries are append-only: log a correction instead');
END;

CREATE TRIGGER entries_are_append_only_delete BEFORE DELETE ON entries
BEGIN
  SELECT RAISE(ABORT, 'entries are append-only: log a retraction instead');
END;

-- INSERT OR REPLACE deletes the old row without firing DELETE triggers: refuse it up front.
CREATE TRIGGER entries_are_append_only_replace BEFORE INSERT ON entries
WHEN EXISTS (SELECT 1 FROM entries WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'entries are append-only: an entry id is never reused');
END;

CREATE TRIGGER plan_revisions_are_append_only_replace BEFORE INSERT ON plan_revisions
WHEN EXISTS (SELECT 1 FROM plan_revisions WHERE plan_id = NEW.plan_id AND revision = NEW.revision)
BEGIN
  SELECT RAISE(ABORT, 'plan revisions are append-only: import a new revision instead');
END;

CREATE TRIGGER plan_revisions_are_append_only_update BEFORE UPDATE ON plan_revisions
BEGIN
  SELECT RAISE(ABORT, 'plan revisions are append-only: import a new revision instead');
END;

CREATE TRIGGER plan_revisions_are_append_only_delete BEFORE DELETE ON plan_revisions
BEGIN
  SELECT RAISE(ABORT, 'plan revisions are append-only: import a new revision instead');
END;

-- Scheduled reports (plantrack schedule add|list|remove).
CREATE TABLE schedules (
  name        TEXT PRIMARY KEY,
  plan_id     TEXT NOT NULL REFERENCES plans(id),
  every       TEXT NOT NULL CHECK (every IN ('month', 'quarter', 'year')),
  format      TEXT NOT NULL CHECK (format IN ('md', 'html', 'csv', 'json')),
  out_dir     TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
);

-- Every report run-due wrote, with the SHA-256 of the file: written exactly once per
-- schedule and period.
CREATE TABLE reports (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  schedule      TEXT NOT NULL,          -- kept when the schedule is removed
  plan_id       TEXT NOT NULL REFERENCES plans(id),
  period        TEXT NOT NULL,
  format        TEXT NOT NULL,
  path          TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  as_of         TEXT NOT NULL,
  known_at      TEXT NOT NULL,
  generated_at  TEXT NOT NULL,
  generated_by  TEXT NOT NULL,
  UNIQUE (schedule, period)
);

CREATE TRIGGER reports_are_append_only_update BEFORE UPDATE ON reports
BEGIN
  SELECT RAISE(ABORT, 'archived reports are append-only');
END;

CREATE TRIGGER reports_are_append_only_replace BEFORE INSERT ON reports
WHEN EXISTS (SELECT 1 FROM reports WHERE id = NEW.id OR (schedule = NEW.schedule AND period = NEW.period))
BEGIN
  SELECT RAISE(ABORT, 'archived reports are append-only');
END;

CREATE TRIGGER reports_are_append_only_delete BEFORE DELETE ON reports
BEGIN
  SELECT RAISE(ABORT, 'archived reports are append-only');
END;
