#!/usr/bin/env bash
# The main job on the bundled fixtures: a fresh database, the five seed plans, their sample
# entries, the status of every target and task as of 2019-06-30 (mid-way through Tongzhou's
# plan), and the scorecard of the orgs that lead and support them.
set -euo pipefail
cd "$(dirname "$0")/.."
plantrack=${PLANTRACK:-build/cli/plantrack}
db=${PLANTRACK_DB:-build/demo.db}
rm -f "$db" "$db-wal" "$db-shm"
export PLANTRACK_USER=${PLANTRACK_USER:-demo}
"$plantrack" --db "$db" init
"$plantrack" --db "$db" plan import fixtures/plans/*.yaml
for csv in fixtures/entries/*.csv; do "$plantrack" --db "$db" import "$csv"; done
lang=${PLANTRACK_LANG:-zh}
"$plantrack" --db "$db" --lang "$lang" --as-of 2019-06-30 status
"$plantrack" --db "$db" --lang "$lang" --as-of 2019-06-30 scorecard
