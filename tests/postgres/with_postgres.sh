#!/usr/bin/env bash
# with_postgres.sh CMD...: start a throwaway PostgreSQL server, run CMD with its URLs in
# PLANTRACK_TEST_POSTGRES and PLANTRACK_TEST_POSTGRES_APP, and stop it again (also when CMD
# fails), e.g. tests/postgres/with_postgres.sh build/storage_test
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
state=$(mktemp -d "${TMPDIR:-/tmp}/plantrack-pg-state.XXXXXX")
trap 'bash "$here/server.sh" stop "$state" >/dev/null; rm -rf "$state"' EXIT
bash "$here/server.sh" start "$state"
bash "$here/run.sh" "$state" "$@"
