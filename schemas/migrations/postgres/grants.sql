-- What the role plantrack connects as may do (docs/postgres.md), run by the owner after
-- `plantrack init` in the schema the tables are in. It reads everything and appends; it never
-- updates or deletes entries, plan revisions, approvals, refusals or archived reports. The
-- only updates it gets are the columns that record an end (an import finished, a user
-- disabled, a token revoked) and the only delete a schedule's. Not a migration: the role's
-- name is the DBA's choice (here: plantrack).

GRANT SELECT ON plans, plan_revisions, targets, entries, schedules, reports, import_batches,
  users, user_orgs, user_plans, api_tokens, approvals, refusals, schema_migrations,
  entries_high_water TO plantrack;
GRANT INSERT ON plans, plan_revisions, targets, entries, schedules, reports, import_batches,
  users, user_orgs, user_plans, api_tokens, approvals, refusals TO plantrack;
GRANT UPDATE (finished_at) ON import_batches TO plantrack;
GRANT UPDATE (disabled_at) ON users TO plantrack;
GRANT UPDATE (revoked_at) ON api_tokens TO plantrack;
GRANT DELETE ON schedules TO plantrack;
GRANT USAGE ON SEQUENCE reports_id_seq, import_batches_id_seq, api_tokens_id_seq,
  refusals_id_seq TO plantrack;
