#!/usr/bin/env bash
# The server under load (docs/benchmarks.md, "The server"): a fresh database with a plan of
# 32 targets led by one org, an official with an API token, `plantrack serve` on a free
# loopback port, and bench/http_load.cpp's clients writing for SECONDS; then `audit verify`.
# With --kill-at S the server is killed (SIGKILL) S seconds in and restarted on the same
# port: the clients reconnect by themselves, and no acknowledged write may be missing. Exits 1
# when a write answered 201 is missing or the chain does not verify. With --at S --run CMD,
# CMD runs S seconds in, e.g. a restart of the PostgreSQL server under the load:
#   --at 8 --run 'bash tests/postgres/server.sh restart STATE'
#
#   bench/http.sh [--db URL_OR_FILE] [--clients 32] [--seconds 60] [--threads 32] [--kill-at S]
#                 [--at S --run CMD]
#
# Builds nothing: it runs $PLANTRACK (default build/cli/plantrack) and $HTTP_LOAD (default
# build/bench/plantrack-http-load). Work files go to $BENCH_DIR (default /tmp/plantrack-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
plantrack=${PLANTRACK:-build/cli/plantrack}
load=${HTTP_LOAD:-build/bench/plantrack-http-load}
for tool in "$plantrack" "$load"; do
  [[ -x "$tool" ]] || { echo "bench: error: no program at '$tool'; build first (see README)" >&2; exit 1; }
done
work=${BENCH_DIR:-/tmp/plantrack-bench}/http
db="" clients=32 seconds=60 threads=32 kill_at="" run_at="" run=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --db) db=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --kill-at) kill_at=$2; shift 2 ;;
    --at) run_at=$2; shift 2 ;;
    --run) run=$2; shift 2 ;;
    *) echo "bench: error: unknown option '$1'; see the comment at the top of bench/http.sh" >&2; exit 2 ;;
  esac
done
rm -rf "$work" && mkdir -p "$work"
if [[ -z "$db" ]]; then db="$work/plantrack.db"; fi
export PLANTRACK_DB="$db"
pt() { "$plantrack" "$@"; }

# A plan of 32 level targets led by 区科委 (synthetic benchmark data, 示例数据).
{
  printf 'id: load\ntitle: 负载测试(示例数据)\nissuer: 测试区政府\njurisdiction: 测试区\n'
  printf 'period: {start: 2016-01-01, end: 2020-12-31}\ncadence: month\n'
  printf 'source: {title: 测试文件, date: 2016-01-01}\ngoals:\n  - {id: g, title: 目标一}\ntargets:\n'
  for i in $(seq 1 32); do
    printf '  - {id: t%d, title: 指标%d, goal: g, kind: level, unit: 家, rule: at_least, value: 100, deadline: 2020-12-31, responsible: [区科委], source: "示例数据"}\n' "$i" "$i"
  done
} > "$work/load.yaml"
# Who acts: on a file --by names them; against PostgreSQL the CLI is the role it connects as
# (SPEC §5): the URL's role, which owns the schema, acts as admin, and the auditor 孙八 is a
# login role made a member of it (tests/postgres/role_url.sh; the URL's role needs CREATEROLE).
as() { # NAME ARGS...
  local who=$1
  shift
  if [[ $db != postgres* ]]; then pt --by "$who" "$@"
  elif [[ $who == admin ]]; then pt "$@"
  else pt --db "$(bash tests/postgres/role_url.sh "$db" "$db" "$who")" "$@"
  fi
}
pt init >/dev/null
as admin plan import "$work/load.yaml" >/dev/null
printf 'bench-password\n' | as admin user add admin --role admin --password-stdin >/dev/null
printf 'bench-password\n' | as admin user add 王五 --role official --org 区科委 --password-stdin >/dev/null
printf 'bench-password\n' | as admin user add 孙八 --role auditor --password-stdin >/dev/null
token=$(as admin token create --user 王五 | grep -o 'pt_[0-9a-f]*')
refs=$(seq -s, -f 'load/t%g' 1 32)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
starts=0
start_server() {
  starts=$((starts + 1))
  # The program itself in the background (not a function: $! must be its pid).
  "$plantrack" serve --listen "127.0.0.1:$port" --threads "$threads" >>"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do
    # The line comes once the socket listens: connections queue from then on.
    [[ $(grep -c "serving" "$work/serve.log" 2>/dev/null) -ge $starts ]] && return
    sleep 0.1
  done
  echo "bench: error: the server did not start; see $work/serve.log" >&2; exit 1
}
start_server
trap 'kill $server 2>/dev/null || true' EXIT

echo "machine: $(nproc) cpus, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "store: $(sed -E 's#(://[^:/@]*):[^@]*@#\1:***@#' <<<"$db"); $clients clients for ${seconds}s; serve --threads $threads${kill_at:+; SIGKILL at ${kill_at}s}${run_at:+; at ${run_at}s: $run}"
"$load" --port "$port" --token "$token" --ref "$refs" --clients "$clients" --seconds "$seconds" \
  > "$work/result.json" &
loader=$!
status=0
if [[ -n "$run_at" ]]; then
  sleep "$run_at"
  echo "at ${run_at}s: $run"
  bash -c "$run" || { echo "bench: error: '$run' failed" >&2; status=1; }
fi
if [[ -n "$kill_at" ]]; then
  sleep "$kill_at"
  kill -KILL "$server"; wait "$server" 2>/dev/null || true
  echo "killed the server at ${kill_at}s; restarting it"
  start_server
fi
wait "$loader" || status=$?
cat "$work/result.json"
if verified=$(as 孙八 audit verify 2>&1); then
  echo "audit verify: ${verified%%$'\n'*}"
else
  echo "audit verify failed: $verified"; status=1
fi
kill -TERM "$server"; wait "$server" 2>/dev/null || true
exit $status
