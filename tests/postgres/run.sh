#!/usr/bin/env bash
# run.sh STATE CMD...: run CMD against the throwaway server server.sh started into STATE (its
# URLs in PLANTRACK_TEST_POSTGRES and PLANTRACK_TEST_POSTGRES_APP).
set -euo pipefail
state=${1:?usage: run.sh STATE CMD...}
shift
if [[ ! -f $state/env ]]; then
  echo "no test server in $state: start it with tests/postgres/server.sh start $state" >&2
  exit 1
fi
# shellcheck source=/dev/null
source "$state/env"
exec "$@"
