#!/usr/bin/env bash
# The main job on the bundled fixtures: a fresh database, the five seed plans, their sample
# entries, and the status of every target as of 2019-06-30 (mid-way through Tongzhou's plan).
set -euo pipefail
cd "$(dirname "$0")/.."
plantrack=${PLANTRACK:-build/cli/plantrack}
db=${PLANTRACK_DB:-build/demo.db}
rm -f "$db" "$db-wal" "$db-shm"
export PLANTRACK_USER=${PLANTRACK_USER:-demo}
"$plantrack" --db "$db" init
"$plantrack" --db "$db" plan import fixtures/plans/*.yaml
for csv in fixtures/entries/*.csv; do "$plantrack" --db "$db" import "$csv"; done
"$plantrack" --db "$db" --lang "${PLANTRACK_LANG:-zh}" --as-of 2019-06-30 status
