#!/usr/bin/env bash
# restore_drill.sh PLANTRACK: the PostgreSQL restore drill of docs/postgres.md, run against the
# throwaway server (run.sh sets PLANTRACK_TEST_POSTGRES*): in a database of its own, plantrack
# logs entries (an import and a log) and approval actions as the least-privileged role and
# roles that are its members;
# pg_dump -Fc copies it, pg_restore puts the copy into a fresh database, and plantrack opened
# on the copy verifies both hash chains (audit verify) and shows the same entries, approvals
# and status. Both databases are dropped at the end.
set -euo pipefail
plantrack=${1:?usage: restore_drill.sh PLANTRACK}
cd "$(dirname "$0")/../.."
: "${PLANTRACK_TEST_POSTGRES:?run it through tests/postgres/run.sh}"
bin=${PLANTRACK_PG_BINDIR:?}

suffix=$$
source_db=drill_source_$suffix
copy_db=drill_copy_$suffix
work=$(mktemp -d "${TMPDIR:-/tmp}/plantrack-drill.XXXXXX")
# The same server and roles, another database.
url_of() { # ROLE_URL DB
  printf '%s\n' "${1%/*}/$2"
}
owner_source=$(url_of "$PLANTRACK_TEST_POSTGRES" "$source_db")
owner_copy=$(url_of "$PLANTRACK_TEST_POSTGRES" "$copy_db")
app_source=$(url_of "${PLANTRACK_TEST_POSTGRES_APP:-$PLANTRACK_TEST_POSTGRES}" "$source_db")
app_copy=$(url_of "${PLANTRACK_TEST_POSTGRES_APP:-$PLANTRACK_TEST_POSTGRES}" "$copy_db")

psql_owner() { "$bin/psql" -X -q -v ON_ERROR_STOP=1 "$PLANTRACK_TEST_POSTGRES" "$@"; }
cleanup() {
  psql_owner -c "DROP DATABASE IF EXISTS $source_db" -c "DROP DATABASE IF EXISTS $copy_db" \
    >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

checks=0
check() { # WHAT: passes when the command before it did
  checks=$((checks + 1))
  echo "ok $checks - $1"
}
fail() {
  echo "not ok - $1" >&2
  echo "restore drill: FAILED after $checks checks" >&2
  exit 1
}

psql_owner -c "CREATE DATABASE $source_db" -c "CREATE DATABASE $copy_db"
# The owner creates the schema and grants the connecting role what docs/postgres.md says.
"$plantrack" --db "$owner_source" init >/dev/null || fail "init as the owner"
"$bin/psql" -X -q -v ON_ERROR_STOP=1 "$owner_source" \
  -f schemas/migrations/postgres/grants.sql >/dev/null || fail "grants"
check "the owner migrated the database and granted the connecting role"

pt() { "$plantrack" --db "$app_source" --as-of 2020-06-30 "$@"; }
# Against PostgreSQL the CLI is the role it connects as (SPEC §5): 王五 and 李四 are roles.
as() { # ROLE URL ARGS...: plantrack as login role ROLE on database URL
  local role=$1 url=$2
  shift 2
  "$plantrack" --db "$(url_of "$(bash tests/postgres/role_url.sh "$PLANTRACK_TEST_POSTGRES" \
    "${PLANTRACK_TEST_POSTGRES_APP:?}" "$role")" "${url##*/}")" --as-of 2020-06-30 "$@"
}
pt plan import fixtures/plans/tongzhou-st-2020.yaml >/dev/null || fail "plan import"
pt import fixtures/entries/tongzhou-st-2020.csv >/dev/null || fail "entry import"
as 王五 "$app_source" log tongzhou-st-2020/patent-applications 4400 件 --period 2018 \
  --source "2018年统计年报" >/dev/null || fail "log"
as 王五 "$app_source" submit tongzhou-st-2020 --org 区科委 --period 2019 >/dev/null || fail "submit"
as 李四 "$app_source" approve tongzhou-st-2020 --org 区科委 --period 2019 >/dev/null ||
  fail "approve"
[[ $(pt entries tongzhou-st-2020/patent-applications --format csv | tail -1) == *王五* ]] ||
  fail "the entry logged as role 王五 is not recorded by 王五"
if pt --by 王五 log tongzhou-st-2020/patent-applications 1 件 --period 2017 2>/dev/null; then
  fail "--by was taken against PostgreSQL"
fi
check "entries and approval actions logged as roles, recorded by their names; --by refused"

"$bin/pg_dump" -Fc -f "$work/plantrack.dump" "$owner_source" || fail "pg_dump"
"$bin/pg_restore" --exit-on-error -d "$owner_copy" "$work/plantrack.dump" || fail "pg_restore"
check "pg_dump -Fc and pg_restore into a fresh database"

copy() { "$plantrack" --db "$app_copy" --as-of 2020-06-30 "$@"; }
copy audit verify >"$work/verify.txt" || { cat "$work/verify.txt"; fail "audit verify of the copy"; }
check "audit verify passes on the copy: $(tr '\n' ' ' <"$work/verify.txt" | cut -c1-120)"

# A fixed --known-at: status prints it, and the default is the clock.
for view in "entries tongzhou-st-2020 --format csv" "approvals tongzhou-st-2020" \
            "--known-at 2099-12-31 status --format json" "audit refusals"; do
  # shellcheck disable=SC2086
  pt $view >"$work/source.out" 2>&1 || true
  # shellcheck disable=SC2086
  copy $view >"$work/copy.out" 2>&1 || true
  cmp -s "$work/source.out" "$work/copy.out" || {
    diff "$work/source.out" "$work/copy.out" | head -20
    fail "\`$view\` differs on the copy"
  }
  check "\`$view\` is the same on the copy ($(wc -l <"$work/copy.out") lines)"
done
# The copy kept the grants: the connecting role may append there, and not change history.
as 王五 "$app_copy" log tongzhou-st-2020/patent-applications 4500 件 --period 2020 >/dev/null ||
  fail "log on the copy"
if "$bin/psql" -X -q "$app_copy" -c "DELETE FROM entries" >/dev/null 2>&1; then
  fail "the connecting role deleted entries on the copy"
fi
copy audit verify >/dev/null || fail "audit verify after logging on the copy"
check "the copy takes new entries, refuses a delete, and still verifies"

echo "restore drill: all $checks checks passed"
