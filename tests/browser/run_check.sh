#!/usr/bin/env bash
# The browser test of a report: build a database from the fixtures, write the Tongzhou HTML
# report, and check it in headless Chromium; then the same for a plan of the second edition's
# kinds (kinds-plan.yaml, its entries logged here). Artifacts (screenshots, PDFs) go to $2.
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

# The second edition's kinds: seven charts (a ratio, a rank drawn upside down, the amounts and
# their growth rate, a monitored average and the share referencing it, 动态清零).
db="$artifacts/browser-kinds.db"
rm -f "$db" "$db-wal" "$db-shm" "$artifacts/report-kinds.html"
"$plantrack" --db "$db" init >/dev/null
"$plantrack" --db "$db" plan import "$here/kinds-plan.yaml" >/dev/null
log() { "$plantrack" --db "$db" log "$@" >/dev/null; }
for year_num_den in 2016:18:900 2017:22:980 2018:27:1060; do
  IFS=: read -r year num den <<<"$year_num_den"
  log kinds-demo/rd:numerator "$num" --period "$year"
  log kinds-demo/rd:denominator "$den" --period "$year"
done
log kinds-demo/rd 2.5 --period 2017
for peer in 海淀:5000:5200:5500 朝阳:4800:5000:5300 通州:600:950:1100 大兴:900:920:980 \
            顺义:1600:1700:1800 昌平:1000:1050:1080; do
  IFS=: read -r name v2016 v2017 v2018 <<<"$peer"
  log kinds-demo/rank "$v2016" --period 2016 --peer "$name"
  log kinds-demo/rank "$v2017" --period 2017 --peer "$name"
  log kinds-demo/rank "$v2018" --period 2018 --peer "$name"
done
for year_value in 2016:960 2017:1030 2018:1110; do
  log kinds-demo/gdp "${year_value#*:}" --period "${year_value%%:*}"
done
for year_avg_share in 2016:10:9.5 2017:11.5:11 2018:12:12.6; do
  IFS=: read -r year avg share <<<"$year_avg_share"
  log kinds-demo/city-avg "$avg" --period "$year"
  log kinds-demo/staff-share "$share" --period "$year"
done
for month_value in 2018-03:0 2019-03:2 2019-04:0 2019-06:1; do
  log kinds-demo/cases "${month_value#*:}" --period "${month_value%%:*}"
done
"$plantrack" --db "$db" --lang zh --format html report kinds-demo --as-of 2019-06-30 \
  -o "$artifacts/report-kinds.html" >/dev/null
node "$here/check_report.mjs" "$artifacts/report-kinds.html" 7 "$artifacts/report-kinds.png"
