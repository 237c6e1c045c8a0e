#!/usr/bin/env python3
"""End-to-end timings of plantrack beside the plain sqlite3 shell doing the same work.

Run through bench/run.sh (docs/benchmarks.md). For each size (a number of entries) it generates
the data (bench/generate.py, cached by parameters and seed), then times, as separate processes:

  import   plantrack import entries.csv        vs  sqlite3: the same rows as one INSERT transaction
  log      plantrack log (one entry)           vs  sqlite3: one INSERT
  status   plantrack status (every plan)       vs  sqlite3: one query, latest value and
                                                   least-squares slope per target
  report   plantrack report (one plan)         vs  the same query for that plan

Both sides use the same schema (the sqlite3 database is made by `plantrack init` and
`plan import`), WAL, synchronous=NORMAL and foreign keys on. Each timing is the median of
--reps runs; peak memory is the child's ru_maxrss (os.wait4). Nothing here is an assertion.
"""

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

STATUS_SQL = """
SELECT plan_id, target_id, value AS latest, MAX(period_end) AS latest_period,
       (COUNT(*) * SUM(x * value) - SUM(x) * SUM(value))
         / NULLIF(COUNT(*) * SUM(x * x) - SUM(x) * SUM(x), 0) * 365.2425 AS slope_per_year
FROM (SELECT plan_id, target_id, period_end, value,
             julianday(period_end) - julianday('2016-01-01') AS x
      FROM entries WHERE period_end <= '{as_of}' {plan_filter})
GROUP BY plan_id, target_id;
"""

LOG_SQL = ("INSERT INTO entries (plan_id, target_id, period, period_start, period_end, value, "
           "value_text, unit, recorded_at, recorded_by, source, note, provisional, entities, "
           "action, corrects, reason, hash) VALUES ('{plan}', '{target}', '2020-06', '2020-06-01', "
           "'2020-06-30', 55, '55', '', '2020-07-01T00:00:00Z', 'bench', '', '', 0, '[]', 'log', "
           "NULL, '', '{hash}');")

PRAGMAS = ["-cmd", "PRAGMA foreign_keys = ON", "-cmd", "PRAGMA synchronous = NORMAL",
           "-cmd", "PRAGMA busy_timeout = 30000"]


TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run(argv, stdout=subprocess.DEVNULL, stdin=None, check=True):
    """Run argv; return (wall seconds, peak RSS in MiB, CPU seconds: user + system).

    Peak memory comes from /usr/bin/time, which forks the program from its own small process:
    a child forked straight from Python would report Python's resident size as its peak."""
    record = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"plantrack-bench-{os.getpid()}.rss")
    wrapped = [TIME, "-q", "-f", "%M", "-o", record, *argv] if TIME else argv
    start = time.perf_counter()
    proc = subprocess.Popen(wrapped, stdout=stdout, stdin=stdin, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)  # CPU time includes the program under `time`
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if check and proc.returncode != 0:
        sys.exit(f"bench: error: {' '.join(argv[:6])}... exited {proc.returncode}: {err.strip()}")
    peak_kib = usage.ru_maxrss
    if TIME:
        with open(record, encoding="ascii") as f:
            peak_kib = int(f.read().split()[-1])
        os.remove(record)
    return elapsed, peak_kib / 1024.0, usage.ru_utime + usage.ru_stime


def remove_db(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def shape(entries, targets_per_plan, entries_per_target):
    per_plan = targets_per_plan * entries_per_target
    plans = max(1, math.ceil(entries / per_plan))
    return plans


def generate(work, entries, args):
    plans = shape(entries, args.targets, args.entries_per_target)
    data = os.path.join(work, f"data-p{plans}-t{args.targets}-e{args.entries_per_target}-s{args.seed}")
    if not os.path.exists(os.path.join(data, "meta.json")):
        shutil.rmtree(data, ignore_errors=True)
        print(f"generating {data} ...", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--plans", str(plans),
                        "--targets", str(args.targets), "--entries", str(args.entries_per_target),
                        "--seed", str(args.seed), "--out", data], check=True)
    with open(os.path.join(data, "meta.json"), encoding="utf-8") as f:
        return data, json.load(f)


def median(samples):
    return statistics.median(samples)


def bench_size(work, size, args):
    data, meta = generate(work, size, args)
    pt = args.plantrack
    env_db = os.path.join(work, "plantrack.db")
    raw_db = os.path.join(work, "sqlite3.db")
    template = os.path.join(work, "template.db")
    plans = sorted(os.path.join(data, "plans", p) for p in os.listdir(os.path.join(data, "plans")))
    csv = os.path.join(data, "entries.csv")
    sql = os.path.join(data, "raw.sql")
    results = {"size": meta["entries"], "targets": meta["targets"], "plans": meta["plans"]}

    # A database with the plans and no entries; both sides start from a copy of it.
    remove_db(template)
    run([pt, "--db", template, "init"])
    results["plan_import"] = run([pt, "--db", template, "plan", "import", *plans])

    samples = {k: [] for k in ("import", "raw_import", "log", "raw_log", "status", "raw_status",
                               "report", "raw_report")}
    reps_import = args.import_reps or args.reps
    for rep in range(reps_import):
        for db in (env_db, raw_db):
            remove_db(db)
            shutil.copyfile(template, db)
        samples["import"].append(run([pt, "--db", env_db, "import", csv]))
        samples["raw_import"].append(run(["sqlite3", "-bail", *PRAGMAS, raw_db, f".read {sql}"]))
        print(f"  {meta['entries']}: import {samples['import'][-1][0]:.2f}s "
              f"(cpu {samples['import'][-1][2]:.2f}s), sqlite3 {samples['raw_import'][-1][0]:.2f}s "
              f"(cpu {samples['raw_import'][-1][2]:.2f}s)", file=sys.stderr, flush=True)

    as_of = meta["as_of"]
    report_plan = meta["report_plan"]
    for rep in range(args.reps):
        samples["status"].append(run([pt, "--db", env_db, "--as-of", as_of, "status"]))
        samples["raw_status"].append(run(["sqlite3", *PRAGMAS, raw_db,
                                          STATUS_SQL.format(as_of=as_of, plan_filter="")]))
        samples["report"].append(run([pt, "--db", env_db, "--as-of", as_of, "report", report_plan]))
        samples["raw_report"].append(run(["sqlite3", *PRAGMAS, raw_db, STATUS_SQL.format(
            as_of=as_of, plan_filter=f"AND plan_id = '{report_plan}'")]))
    plan, target = meta["log_target"].split("/")
    for rep in range(args.log_reps):
        samples["log"].append(run([pt, "--db", env_db, "--by", "bench", "log", meta["log_target"],
                                   "55", "--period", "2020-06"]))
        samples["raw_log"].append(run(["sqlite3", *PRAGMAS, raw_db, LOG_SQL.format(
            plan=plan, target=target, hash=f"{rep:064x}")]))

    for key, values in samples.items():
        results[key] = (median([v[0] for v in values]), max(v[1] for v in values),
                        median([v[2] for v in values]))
    results["files_mb"] = {
        "entries.csv": os.path.getsize(csv) / 2**20,
        "plantrack.db": os.path.getsize(env_db) / 2**20,
        "sqlite3.db": os.path.getsize(raw_db) / 2**20,
    }
    for db in (env_db, raw_db, template):
        remove_db(db)
    return results


def table(all_results):
    lines = ["| entries | targets | command | plantrack s | sqlite3 s | ratio | plantrack CPU s | "
             "sqlite3 CPU s | CPU ratio | plantrack peak MB | sqlite3 peak MB |",
             "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in all_results:
        for op in ("import", "log", "status", "report"):
            pt_t, pt_m, pt_c = r[op]
            raw_t, raw_m, raw_c = r["raw_" + op]
            lines.append(f"| {r['size']:,} | {r['targets']:,} | {op} | {pt_t:.3f} | {raw_t:.3f} | "
                         f"{pt_t / raw_t:.2f} | {pt_c:.3f} | {raw_c:.3f} | "
                         f"{pt_c / max(raw_c, 0.001):.2f} | {pt_m:.1f} | {raw_m:.1f} |")
    return "\n".join(lines)


def growth(all_results):
    lines = ["| from → to entries | import | status | report | log |", "| --- | ---: | ---: | ---: | ---: |"]
    for a, b in zip(all_results, all_results[1:]):
        cells = [f"×{b[op][0] / a[op][0]:.1f}" for op in ("import", "status", "report", "log")]
        lines.append(f"| {a['size']:,} → {b['size']:,} (×{b['size'] / a['size']:.0f}) | " +
                     " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000, 1_000_000],
                    help="numbers of entries (default: 10000 100000 1000000)")
    ap.add_argument("--plantrack", default=os.environ.get("PLANTRACK", "build/cli/plantrack"))
    ap.add_argument("--work", default=os.environ.get("BENCH_DIR", "/tmp/plantrack-bench"),
                    help="where data and databases go (default: $BENCH_DIR or /tmp/plantrack-bench)")
    ap.add_argument("--targets", type=int, default=100, help="targets per plan (default 100)")
    ap.add_argument("--entries-per-target", type=int, default=50, help="default 50")
    ap.add_argument("--seed", type=int, default=20200630)
    ap.add_argument("--reps", type=int, default=3, help="runs per timing; the median is shown")
    ap.add_argument("--import-reps", type=int, default=0, help="runs of the imports (default --reps)")
    ap.add_argument("--log-reps", type=int, default=11)
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)

    all_results = []
    for size in args.sizes:
        print(f"size {size} ...", file=sys.stderr, flush=True)
        all_results.append(bench_size(args.work, size, args))
        if args.json:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump(all_results, f, indent=2)
    print(f"plantrack {args.plantrack}; sqlite3 {subprocess.run(['sqlite3', '--version'], capture_output=True, text=True).stdout.split()[0]}; "
          f"{os.cpu_count()} cpus; {platform.platform()}")
    print(f"shape: {args.targets} targets per plan, {args.entries_per_target} monthly entries per target, "
          f"seed {args.seed}; medians of {args.reps} runs ({args.log_reps} for log)\n")
    print(table(all_results))
    if len(all_results) > 1:
        print("\nHow time grows from one size to the next:\n")
        print(growth(all_results))


if __name__ == "__main__":
    main()
