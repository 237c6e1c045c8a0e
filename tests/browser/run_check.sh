#!/usr/bin/env bash
# The browser test of a report: build a database from the fixtures, write the Tongzhou HTML
# report, and check it in headless Chromium. Artifacts (screenshot, PDF) go to $2.
set -euo pipefail
plantrack=$1
artifacts=$2
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
mkdir -p "$artifacts"
db="$artifacts/browser.db"
rm -f "$db" "$db-wal" "$db-shm" "$artifacts/report.html"
export PLANTRACK_USER=browser-test
"$plantrack" --db "$db" init >/dev/null
"$plantrack" --db "$db" plan import "$source_dir"/fixtures/plans/*.yaml >/dev/null
"$plantrack" --db "$db" import "$source_dir/fixtures/entries/tongzhou-st-2020.csv" >/dev/null
"$plantrack" --db "$db" import "$source_dir/fixtures/entries/tongzhou-st-2020-tasks.csv" >/dev/null
"$plantrack" --db "$db" --lang zh --format html report tongzhou-st-2020 --as-of 2019-06-30 \
  -o "$artifacts/report.html" >/dev/null
# Tongzhou has twelve numeric targets (ten from 三(三), two 科普 coverage targets from 四(六)), so twelve charts,
# and sixteen tasks.
node "$here/check_report.mjs" "$artifacts/report.html" 12 "$artifacts/report.png" 16
