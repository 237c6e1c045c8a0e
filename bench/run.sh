#!/usr/bin/env bash
# The plantrack benchmarks (docs/benchmarks.md): synthetic data at each size, then import, log,
# status and report timed beside the plain sqlite3 shell doing the same work on the same rows;
# import and status beside the shell's `.import` of the same CSV into a plain table; logs
# started while an import runs; and, with --memory-targets, the peak memory of status.
#
#   bench/run.sh [SIZES...]        sizes in entries; default 10000 100000 1000000
#
# Builds nothing: it runs $PLANTRACK (default build/cli/plantrack). Data and databases go to
# $BENCH_DIR (default /tmp/plantrack-bench); generated data is kept and reused. Options after
# the sizes go to bench/bench.py (--reps N, --targets N, --entries-per-target N, --seed N,
# --during-at LIST, --during-reps N, --memory-targets N,N..., --json F).
set -euo pipefail
cd "$(dirname "$0")/.."
plantrack=${PLANTRACK:-build/cli/plantrack}
if [[ ! -x "$plantrack" ]]; then
  echo "bench: error: no plantrack at '$plantrack'; build it first (see README) or set PLANTRACK" >&2
  exit 1
fi
if ! command -v sqlite3 >/dev/null; then
  echo "bench: error: the sqlite3 shell is not installed; install it (apt-get install sqlite3)" >&2
  exit 1
fi
if ! command -v python3 >/dev/null; then
  echo "bench: error: python3 is not installed; install it (apt-get install python3)" >&2
  exit 1
fi

echo "machine: $(nproc) cpus, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) memory"
work=${BENCH_DIR:-/tmp/plantrack-bench}
mkdir -p "$work"
echo "disk: $(df -h "$work" | awk 'NR==2 {print $1 ", " $2 " total, " $4 " free"}') ($work)"
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
exec python3 bench/bench.py --plantrack "$plantrack" --work "$work" "$@"
