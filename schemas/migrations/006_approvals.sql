-- 006: approval of an org's period data, and refusals (SPEC §5, docs/audit.md "Approvals").
-- Every approval action is a row of its own, chained like entries: hash = SHA-256(previous
-- approval's hash ‖ canonical approval bytes), and each names the entry chain's head when it
-- was given (entries_head, entries_head_hash), so an approval proves which data it covered.
-- A period's state is its latest action. Refusals of the permission checks are kept too.
-- Neither is ever updated or deleted.

CREATE TABLE approvals (
  id                 INTEGER PRIMARY KEY,
  plan_id            TEXT NOT NULL,
  org                TEXT NOT NULL,
  period             TEXT NOT NULL,   -- as the CLI prints it: 2020-06, 2020-Q2, 2020
  period_start       TEXT NOT NULL,
  period_end         TEXT NOT NULL,
  action             TEXT NOT NULL CHECK (action IN ('submit', 'approve', 'return', 'unapprove')),
  reason             TEXT NOT NULL,
  by                 TEXT NOT NULL,
  at                 TEXT NOT NULL,
  entries_head       INTEGER NOT NULL,
  entries_head_hash  TEXT NOT NULL CHECK (length(entries_head_hash) = 64),
  hash               TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
);

CREATE INDEX approvals_by_period ON approvals (plan_id, org, period);

CREATE TRIGGER approvals_are_append_only_update BEFORE UPDATE ON approvals
BEGIN
  SELECT RAISE(ABORT, 'approvals are append-only: unapprove with a reason instead');
END;

CREATE TRIGGER approvals_are_append_only_delete BEFORE DELETE ON approvals
BEGIN
  SELECT RAISE(ABORT, 'approvals are append-only: unapprove with a reason instead');
END;

CREATE TABLE refusals (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  at       TEXT NOT NULL,
  by       TEXT NOT NULL,
  action   TEXT NOT NULL,
  message  TEXT NOT NULL
);

CREATE TRIGGER refusals_are_kept_update BEFORE UPDATE ON refusals
BEGIN
  SELECT RAISE(ABORT, 'refusals are kept as recorded');
END;

CREATE TRIGGER refusals_are_kept_delete BEFORE DELETE ON refusals
BEGIN
  SELECT RAISE(ABORT, 'refusals are kept as recorded');
END;
