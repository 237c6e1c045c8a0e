#!/usr/bin/env bash
# role_url.sh OWNER_URL APP_URL NAME: print the URL of login role NAME, making it first if
# needed: a member of APP_URL's role (so it has the grants of grants.sql) with that role's
# password. Against PostgreSQL the CLI is the role it connects as (SPEC §5), so a test or a
# benchmark acts as a user by connecting as a role of that name. OWNER_URL's role needs
# CREATEROLE (the throwaway server of server.sh gives it).
set -euo pipefail
owner=${1:?usage: role_url.sh OWNER_URL APP_URL NAME}
app=${2:?usage: role_url.sh OWNER_URL APP_URL NAME}
name=${3:?usage: role_url.sh OWNER_URL APP_URL NAME}
psql=${PLANTRACK_PG_BINDIR:+$PLANTRACK_PG_BINDIR/}psql

rest=${app#*://}          # USER:PASSWORD@HOST:PORT/DB
credentials=${rest%%@*}
app_user=${credentials%%:*}
app_password=${credentials#*:}
# The same advisory lock as the C++ tests' (support/test_store.hpp): they make roles too.
"$psql" -X -q -v ON_ERROR_STOP=1 -v name="$name" -v pw="$app_password" -v app="$app_user" \
  "$owner" >/dev/null <<'SQL'
SET client_min_messages = warning;
SELECT pg_advisory_lock(7215);
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', :'name', :'pw', :'app')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'name') \gexec
-- A role made before for another connecting role (another benchmark's URL, say): the same.
SELECT format('ALTER ROLE %I PASSWORD %L', :'name', :'pw') \gexec
SELECT format('GRANT %I TO %I', :'app', :'name') \gexec
SELECT pg_advisory_unlock(7215);
SQL
encoded=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$name")
printf '%s\n' "${app%%://*}://$encoded:$app_password@${rest#*@}"
