#!/usr/bin/env bash
# The browser story of the web app (SPEC §6): start `plantrack serve` on a free loopback port
# over a fresh database with only its first admin (added with the CLI, as the README says),
# then play the whole story in headless Chromium (web_story.mjs). Screenshots of every page,
# at desktop and phone width, go to $2/web/.
set -euo pipefail
plantrack=$1
artifacts=$2
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
out="$artifacts/web"
mkdir -p "$out"
rm -f "$out"/*.png
db="$out/web.db"
rm -f "$db" "$db-wal" "$db-shm"
"$plantrack" --db "$db" init >/dev/null
printf '%s\n' 'admin-password-1' |
  "$plantrack" --db "$db" --by admin user add admin --role admin --password-stdin >/dev/null

log="$out/serve.log"
"$plantrack" --db "$db" serve --listen 127.0.0.1:0 --threads 4 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
port=
for _ in $(seq 1 100); do
  port=$(sed -n 's|.*serving .* on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$log")
  [ -n "$port" ] && break
  sleep 0.1
done
if [ -z "$port" ]; then
  echo "plantrack serve did not start:" >&2
  cat "$log" >&2
  exit 1
fi
node "$here/web_story.mjs" "http://127.0.0.1:$port" "$out" \
  "$source_dir/fixtures/plans/tongzhou-st-2020.yaml"
