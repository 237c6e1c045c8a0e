-- 001 in PostgreSQL's dialect: the same tables as ../001_init.sql (SPEC §4). Text is stored as
-- SQLite stores it (timestamps too, 2019-06-30T08:00:00Z) and compared byte by byte (COLLATE
-- "C"), so outputs, orderings and the hash chain are the same on both backends. Append-only
-- tables refuse UPDATE, DELETE and TRUNCATE with triggers; the role plantrack connects as is
-- also never granted them (docs/postgres.md).

CREATE FUNCTION plantrack_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
END
$$;

-- Make table `tbl` refuse UPDATE with `on_update` (NULL: updates are allowed, and its grants
-- and triggers say which), and DELETE and TRUNCATE with `on_delete`. The triggers are named
-- TBL_refuses_update, TBL_refuses_delete and TBL_refuses_truncate.
CREATE FUNCTION plantrack_append_only(tbl TEXT, on_update TEXT, on_delete TEXT) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  IF on_update IS NOT NULL THEN
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH STATEMENT '
                   'EXECUTE FUNCTION plantrack_refuse(%L)', tbl || '_refuses_update', tbl, on_update);
  END IF;
  EXECUTE format('CREATE TRIGGER %I BEFORE DELETE ON %I FOR EACH STATEMENT '
                 'EXECUTE FUNCTION plantrack_refuse(%L)', tbl || '_refuses_delete', tbl, on_delete);
  EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT '
                 'EXECUTE FUNCTION plantrack_refuse(%L)', tbl || '_refuses_truncate', tbl, on_delete);
END
$$;

CREATE TABLE plans (
  id          TEXT COLLATE "C" PRIMARY KEY,
  created_at  TEXT COLLATE "C" NOT NULL
);

CREATE TABLE plan_revisions (
  plan_id      TEXT COLLATE "C" NOT NULL REFERENCES plans(id),
  revision     INTEGER NOT NULL CHECK (revision >= 1),
  document     TEXT NOT NULL,
  imported_at  TEXT COLLATE "C" NOT NULL,
  imported_by  TEXT COLLATE "C" NOT NULL,
  reason       TEXT NOT NULL DEFAULT '',
  changes      TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (plan_id, revision)
);

CREATE TABLE targets (
  plan_id  TEXT COLLATE "C" NOT NULL REFERENCES plans(id),
  id       TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (plan_id, id)
);

-- Ids are handed out by the writer under the write lock (the chain's next id), never by a
-- sequence: a rolled-back append leaves no gap, as in SQLite.
CREATE TABLE entries (
  id            BIGINT PRIMARY KEY,
  plan_id       TEXT COLLATE "C" NOT NULL,
  target_id     TEXT COLLATE "C" NOT NULL,
  period        TEXT COLLATE "C" NOT NULL,
  period_start  TEXT COLLATE "C" NOT NULL,
  period_end    TEXT COLLATE "C" NOT NULL,
  value         DOUBLE PRECISION NOT NULL,
  value_text    TEXT NOT NULL,
  unit          TEXT NOT NULL,
  recorded_at   TEXT COLLATE "C" NOT NULL,
  recorded_by   TEXT NOT NULL,
  source        TEXT NOT NULL DEFAULT '',
  note          TEXT NOT NULL DEFAULT '',
  provisional   INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),
  entities      TEXT NOT NULL DEFAULT '[]',
  action        TEXT NOT NULL DEFAULT 'log' CHECK (action IN ('log', 'correct', 'retract')),
  corrects      BIGINT REFERENCES entries(id),
  reason        TEXT NOT NULL DEFAULT '',
  hash          TEXT NOT NULL,
  FOREIGN KEY (plan_id, target_id) REFERENCES targets(plan_id, id),
  CHECK ((action = 'log') = (corrects IS NULL)),
  CHECK (action = 'log' OR length(btrim(reason)) > 0)
);

CREATE INDEX entries_by_target ON entries(plan_id, target_id, period_end);

-- The highest entry id ever handed out, as SQLite's sqlite_sequence keeps it: entries removed
-- from the end of the chain (by whoever got past the triggers) still show in audit verify.
-- Kept by a trigger that runs as the owner, so the connecting role needs no UPDATE on it.
CREATE TABLE entries_high_water (highest BIGINT NOT NULL);
INSERT INTO entries_high_water VALUES (0);
CREATE FUNCTION plantrack_entries_high_water() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  UPDATE entries_high_water SET highest = GREATEST(highest, (SELECT MAX(id) FROM inserted));
  RETURN NULL;
END
$$;
CREATE TRIGGER entries_high_water AFTER INSERT ON entries REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION plantrack_entries_high_water();
CREATE UNIQUE INDEX entries_replaced_once ON entries(corrects) WHERE corrects IS NOT NULL;

SELECT plantrack_append_only('entries', 'entries are append-only: log a correction instead',
                              'entries are append-only: log a retraction instead');
SELECT plantrack_append_only('plan_revisions',
  'plan revisions are append-only: import a new revision instead',
  'plan revisions are append-only: import a new revision instead');

CREATE TABLE schedules (
  name        TEXT COLLATE "C" PRIMARY KEY,
  plan_id     TEXT COLLATE "C" NOT NULL REFERENCES plans(id),
  every       TEXT NOT NULL CHECK (every IN ('month', 'quarter', 'year')),
  format      TEXT NOT NULL CHECK (format IN ('md', 'html', 'csv', 'json')),
  out_dir     TEXT NOT NULL,
  created_at  TEXT COLLATE "C" NOT NULL,
  created_by  TEXT NOT NULL
);

CREATE TABLE reports (
  id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  schedule      TEXT COLLATE "C" NOT NULL,
  plan_id       TEXT COLLATE "C" NOT NULL REFERENCES plans(id),
  period        TEXT COLLATE "C" NOT NULL,
  format        TEXT NOT NULL,
  path          TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  as_of         TEXT COLLATE "C" NOT NULL,
  known_at      TEXT COLLATE "C" NOT NULL,
  generated_at  TEXT COLLATE "C" NOT NULL,
  generated_by  TEXT NOT NULL,
  UNIQUE (schedule, period)
);

SELECT plantrack_append_only('reports', 'archived reports are append-only',
                              'archived reports are append-only');
