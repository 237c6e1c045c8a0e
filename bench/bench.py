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

Beside that baseline (issue 13):

  vs .import   the sqlite3 shell's `.import --csv --skip 1` of the very same entries.csv into a
               plain table (the CSV's nine columns, the first named target_id; id is the rowid)
               with one index on (target_id, period), in a fresh database with WAL and
               synchronous=NORMAL; and on that table the status query (latest value and
               least-squares slope per target, x taken from the 'YYYY-MM' period text)
  log during import
               `plantrack import` into a fresh copy of the plans-only database, and while it runs
               a `plantrack log` started at each moment of --during-at (seconds, or a share of
               the duration of the plantrack import just measured): each log's wall time and
               exit code, their median and maximum
  status memory
               with --memory-targets N,...: N targets with 2 entries each, imported, then the
               peak memory of `plantrack status` for each N

--json FILE writes {"sizes": [one object per size], "status_memory": [one object per N]}; each
timing in them is [wall s, peak MB, CPU s].
"""

import argparse
import calendar
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# Entries store the period as written (migration 007), which generate.py always writes as a
# month, 'YYYY-MM': x is the month's first day, and a month has ended by the as-of date when it
# is not later than the as-of month (the as-of date is that month's last day).
STATUS_SQL = """
SELECT plan_id, target_id, value AS latest, MAX(period) AS latest_period,
       (COUNT(*) * SUM(x * value) - SUM(x) * SUM(value))
         / NULLIF(COUNT(*) * SUM(x * x) - SUM(x) * SUM(x), 0) * 365.2425 AS slope_per_year
FROM (SELECT plan_id, target_id, period, value,
             julianday(period || '-01') - julianday('2016-01-01') AS x
      FROM entries WHERE period <= '{as_of_month}' {plan_filter})
GROUP BY plan_id, target_id;
"""

# The `.import` baseline (issue 13): a plain table whose columns are the CSV's, in its order, so
# that `.import --csv --skip 1` fills it straight from the file (the shell needs the table's
# columns to match the CSV's). The CSV's `target` column (PLAN/TARGET) is target_id; id is the
# rowid, which an `id INTEGER PRIMARY KEY` column would only name. Values stay as typed: no unit
# conversion, and a milestone's `done` is kept as text.
PLAIN_SCHEMA = """
CREATE TABLE entry (target_id TEXT, period TEXT, value REAL, unit TEXT, source TEXT, note TEXT,
                    recorded_by TEXT, provisional TEXT, entities TEXT);
CREATE INDEX entry_by_target ON entry (target_id, period);
"""

# STATUS_SQL on the plain table, per target_id.
PLAIN_STATUS_SQL = """
SELECT target_id, value AS latest, MAX(period) AS latest_period,
       (COUNT(*) * SUM(x * value) - SUM(x) * SUM(value))
         / NULLIF(COUNT(*) * SUM(x * x) - SUM(x) * SUM(x), 0) * 365.2425 AS slope_per_year
FROM (SELECT target_id, period, value,
             julianday(period || '-01') - julianday('2016-01-01') AS x
      FROM entry WHERE period <= '{as_of_month}')
GROUP BY target_id;
"""

LOG_SQL = ("INSERT INTO entries (plan_id, target_id, period, value, value_text, unit, "
           "recorded_at, recorded_by, source, note, provisional, entities, action, corrects, "
           "reason, hash) VALUES ('{plan}', '{target}', '2020-06', 55, '55', '', "
           "'2020-07-01T00:00:00Z', 'bench', '', '', 0, '[]', 'log', NULL, '', X'{hash}');")

PRAGMAS = ["-cmd", "PRAGMA foreign_keys = ON", "-cmd", "PRAGMA synchronous = NORMAL",
           "-cmd", "PRAGMA busy_timeout = 30000"]


TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def spawn(argv, stdout=subprocess.DEVNULL, stdin=None):
    """Run argv; return (wall seconds, peak RSS in MiB, CPU seconds: user + system, exit code,
    stderr).

    Peak memory comes from /usr/bin/time, which forks the program from its own small process:
    a child forked straight from Python would report Python's resident size as its peak. Safe to
    call from several threads at once (each call has its own record file)."""
    fd, record = tempfile.mkstemp(prefix=f"plantrack-bench-{os.getpid()}-", suffix=".rss",
                                  dir=os.environ.get("TMPDIR", "/tmp"))
    os.close(fd)
    wrapped = [TIME, "-q", "-f", "%M", "-o", record, *argv] if TIME else argv
    start = time.perf_counter()
    proc = subprocess.Popen(wrapped, stdout=stdout, stdin=stdin, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)  # CPU time includes the program under `time`
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak_kib = usage.ru_maxrss
    if TIME:
        with open(record, encoding="ascii") as f:
            words = f.read().split()
        if words and words[-1].isdigit():
            peak_kib = int(words[-1])
    os.remove(record)
    return elapsed, peak_kib / 1024.0, usage.ru_utime + usage.ru_stime, proc.returncode, err


def run(argv, stdout=subprocess.DEVNULL, stdin=None, check=True):
    """Run argv; return (wall seconds, peak RSS in MiB, CPU seconds: user + system)."""
    elapsed, peak, cpu, code, err = spawn(argv, stdout=stdout, stdin=stdin)
    if check and code != 0:
        sys.exit(f"bench: error: {' '.join(argv[:6])}... exited {code}: {err.strip()}")
    return elapsed, peak, cpu


def remove_db(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def shape(entries, targets_per_plan, entries_per_target):
    per_plan = targets_per_plan * entries_per_target
    plans = max(1, math.ceil(entries / per_plan))
    return plans


def generate(work, entries, args, entries_per_target=None):
    per_target = entries_per_target or args.entries_per_target
    plans = shape(entries, args.targets, per_target)
    data = os.path.join(work, f"data-p{plans}-t{args.targets}-e{per_target}-s{args.seed}")
    if not os.path.exists(os.path.join(data, "meta.json")):
        shutil.rmtree(data, ignore_errors=True)
        print(f"generating {data} ...", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--plans", str(plans),
                        "--targets", str(args.targets), "--entries", str(per_target),
                        "--seed", str(args.seed), "--out", data], check=True)
    with open(os.path.join(data, "meta.json"), encoding="utf-8") as f:
        return data, json.load(f)


def median(samples):
    return statistics.median(samples)


def dot_quote(path):
    """A path as one argument of a sqlite3 shell dot-command."""
    return '"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"'


def last_month_ended(as_of):
    """The 'YYYY-MM' of the last month that has ended on the date as_of ('YYYY-MM-DD')."""
    year, month, day = (int(part) for part in as_of.split("-"))
    if day == calendar.monthrange(year, month)[1]:
        return f"{year:04d}-{month:02d}"
    year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return f"{year:04d}-{month:02d}"


def parse_moments(text):
    """--during-at: '1s,25%,...' -> [(label, seconds or None, share of the import or None)]."""
    moments = []
    for word in (w.strip() for w in text.split(",")):
        if not word:
            continue
        try:
            if word.endswith("%"):
                moments.append((word, None, float(word[:-1]) / 100.0))
            else:
                moments.append((word, float(word[:-1] if word.endswith("s") else word), None))
        except ValueError:
            sys.exit(f"bench: error: --during-at: '{word}' is neither seconds (1s) nor a share (25%)")
    return moments


def log_during_import(work, pt, template, csv, meta, expected, args):
    """`plantrack import` into a fresh copy of template and, while it runs, one `plantrack log`
    started at each moment of --during-at (seconds after the import's spawn, or a share of
    `expected`, the wall time of the plantrack import measured just before). Moments at or after
    `expected` are left out. Each log is a process of its own, timed from spawn to exit."""
    db = os.path.join(work, "during.db")
    moments, skipped = [], []
    for label, seconds, share in parse_moments(args.during_at):
        at = seconds if share is None else share * expected
        (moments if at < expected else skipped).append((label, at))
    moments.sort(key=lambda m: m[1])
    plan, target = meta["log_target"].split("/")
    log_argv = [pt, "--db", db, "--by", "bench", "log", meta["log_target"], "55", "--period", "2020-06"]
    out = {"expected_s": expected, "moments": [m[0] for m in moments],
           "skipped": [m[0] for m in skipped], "runs": []}
    if skipped:
        print(f"  {meta['entries']}: log during import: left out " +
              ", ".join(f"{label} ({at:.2f}s)" for label, at in skipped) +
              f", not before the end of the import ({expected:.2f}s)", file=sys.stderr, flush=True)
    if not moments:
        return out
    for rep in range(args.during_reps):
        remove_db(db)
        shutil.copyfile(template, db)
        importer_result, logs = {}, [None] * len(moments)

        def do_import():
            wall, peak, cpu, code, err = spawn([pt, "--db", db, "import", csv])
            importer_result.update(wall_s=wall, peak_mb=peak, cpu_s=cpu, exit=code,
                                   ended_s=time.perf_counter() - t0,
                                   error=err.strip().splitlines()[-1] if code and err.strip() else "")

        def do_log(i, label, planned):
            started = time.perf_counter() - t0
            wall, peak, cpu, code, err = spawn(log_argv)
            logs[i] = {"at": label, "planned_s": planned, "started_s": started, "wall_s": wall,
                       "cpu_s": cpu, "peak_mb": peak, "exit": code,
                       "error": err.strip().splitlines()[-1] if code and err.strip() else ""}

        t0 = time.perf_counter()
        threads = [threading.Thread(target=do_import)]
        threads[0].start()
        for i, (label, at) in enumerate(moments):
            delay = t0 + at - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            threads.append(threading.Thread(target=do_log, args=(i, label, at)))
            threads[-1].start()
        for thread in threads:
            thread.join()
        for log in logs:
            log["finished_before_import"] = log["started_s"] + log["wall_s"] < importer_result["ended_s"]
        landed = subprocess.run(
            ["sqlite3", db, f"SELECT COUNT(*) FROM entries WHERE plan_id = '{plan}' AND "
             f"target_id = '{target}' AND period = '2020-06'"],
            capture_output=True, text=True).stdout.strip()
        out["runs"].append({"import": importer_result, "logs": logs,
                            "logs_landed": int(landed) if landed.isdigit() else None})
        failed = sum(1 for log in logs if log["exit"] != 0)
        print(f"  {meta['entries']}: import with logs {importer_result['wall_s']:.2f}s "
              f"(exit {importer_result['exit']}), logs " +
              ", ".join(f"{log['at']}: {log['wall_s']:.3f}s (exit {log['exit']})" for log in logs) +
              (f"; {failed} failed" if failed else ""), file=sys.stderr, flush=True)
        if importer_result["exit"] != 0:
            print(f"bench: warning: the import beside the logs exited {importer_result['exit']}: "
                  f"{importer_result['error']}", file=sys.stderr, flush=True)
    remove_db(db)
    walls = [log["wall_s"] for run_ in out["runs"] for log in run_["logs"]]
    out.update(logs=len(walls), failed=sum(1 for run_ in out["runs"] for log in run_["logs"]
                                           if log["exit"] != 0),
               log_median_s=median(walls), log_max_s=max(walls))
    return out


def status_memory(work, args):
    """Peak memory of `plantrack status` for each N of --memory-targets: N targets (rounded up to
    whole plans of --targets) with 2 monthly entries each, imported into a fresh database."""
    pt = args.plantrack
    db = os.path.join(work, "memory.db")
    out = []
    for asked in args.memory_targets:
        print(f"status memory, {asked} targets ...", file=sys.stderr, flush=True)
        data, meta = generate(work, asked * 2, args, entries_per_target=2)
        plans = sorted(os.path.join(data, "plans", p) for p in os.listdir(os.path.join(data, "plans")))
        remove_db(db)
        run([pt, "--db", db, "init"])
        run([pt, "--db", db, "plan", "import", *plans])
        imported = run([pt, "--db", db, "import", os.path.join(data, "entries.csv")])
        status = [run([pt, "--db", db, "--as-of", meta["as_of"], "status"]) for _ in range(args.reps)]
        result = {"targets": meta["targets"], "entries": meta["entries"], "plans": meta["plans"],
                  "import": imported,
                  "status": (median([v[0] for v in status]), max(v[1] for v in status),
                             median([v[2] for v in status]))}
        out.append(result)
        print(f"  {meta['targets']} targets: import {imported[0]:.2f}s, status {result['status'][0]:.2f}s "
              f"peak {result['status'][1]:.1f} MB", file=sys.stderr, flush=True)
        remove_db(db)
    return out


def bench_size(work, size, args):
    data, meta = generate(work, size, args)
    pt = args.plantrack
    env_db = os.path.join(work, "plantrack.db")
    raw_db = os.path.join(work, "sqlite3.db")
    plain_db = os.path.join(work, "import.db")  # the `.import` baseline's plain table
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
                               "report", "raw_report", "dot_import", "dot_status")}
    reps_import = args.import_reps or args.reps
    for rep in range(reps_import):
        for db in (env_db, raw_db):
            remove_db(db)
            shutil.copyfile(template, db)
        samples["import"].append(run([pt, "--db", env_db, "import", csv]))
        samples["raw_import"].append(run(["sqlite3", "-bail", *PRAGMAS, raw_db, f".read {sql}"]))
        remove_db(plain_db)
        samples["dot_import"].append(run(["sqlite3", "-bail", *PRAGMAS, "-cmd", "PRAGMA journal_mode = WAL",
                                          plain_db, PLAIN_SCHEMA,
                                          f".import --csv --skip 1 {dot_quote(csv)} entry"]))
        print(f"  {meta['entries']}: import {samples['import'][-1][0]:.2f}s "
              f"(cpu {samples['import'][-1][2]:.2f}s), sqlite3 {samples['raw_import'][-1][0]:.2f}s "
              f"(cpu {samples['raw_import'][-1][2]:.2f}s), .import {samples['dot_import'][-1][0]:.2f}s "
              f"(cpu {samples['dot_import'][-1][2]:.2f}s)", file=sys.stderr, flush=True)

    # Logs while an import runs, timed against the plantrack import just measured.
    results["log_during_import"] = log_during_import(work, pt, template, csv, meta,
                                                     samples["import"][-1][0], args)

    as_of = meta["as_of"]
    report_plan = meta["report_plan"]
    for rep in range(args.reps):
        samples["status"].append(run([pt, "--db", env_db, "--as-of", as_of, "status"]))
        samples["raw_status"].append(run(["sqlite3", *PRAGMAS, raw_db,
                                          STATUS_SQL.format(
                                          as_of_month=last_month_ended(as_of), plan_filter="")]))
        samples["report"].append(run([pt, "--db", env_db, "--as-of", as_of, "report", report_plan]))
        samples["raw_report"].append(run(["sqlite3", *PRAGMAS, raw_db, STATUS_SQL.format(
            as_of_month=last_month_ended(as_of), plan_filter=f"AND plan_id = '{report_plan}'")]))
        samples["dot_status"].append(run(["sqlite3", *PRAGMAS, plain_db, PLAIN_STATUS_SQL.format(
            as_of_month=last_month_ended(as_of))]))
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
        "import.db": os.path.getsize(plain_db) / 2**20,
    }
    for db in (env_db, raw_db, plain_db, template):
        remove_db(db)
    return results


def baseline_table(all_results, prefix, name, ops):
    """plantrack beside one baseline (`raw_*`: the shell replaying INSERTs; `dot_*`: its
    `.import` of the same CSV), one row per size and command."""
    lines = [f"| entries | targets | command | plantrack s | {name} s | ratio | plantrack CPU s | "
             f"{name} CPU s | CPU ratio | plantrack peak MB | {name} peak MB |",
             "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in all_results:
        for op in ops:
            pt_t, pt_m, pt_c = r[op]
            base_t, base_m, base_c = r[prefix + op]
            lines.append(f"| {r['size']:,} | {r['targets']:,} | {op} | {pt_t:.3f} | {base_t:.3f} | "
                         f"{pt_t / base_t:.2f} | {pt_c:.3f} | {base_c:.3f} | "
                         f"{pt_c / max(base_c, 0.001):.2f} | {pt_m:.1f} | {base_m:.1f} |")
    return "\n".join(lines)


def table(all_results):
    return baseline_table(all_results, "raw_", "sqlite3", ("import", "log", "status", "report"))


def dot_import_table(all_results):
    """The second baseline: the sqlite3 shell's `.import` of the same CSV into a plain table."""
    return baseline_table(all_results, "dot_", "`.import`", ("import", "status"))


def during_table(all_results):
    """`plantrack log` started while `plantrack import` runs."""
    lines = ["| entries | import alone s | import with logs s | logs | failed | median log s | "
             "max log s | each log: started at s → took s (exit) |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in all_results:
        d = r["log_during_import"]
        if not d["runs"]:
            continue
        imports = [run_["import"]["wall_s"] for run_ in d["runs"]]
        each = "; ".join(f"{log['at']}: {log['started_s']:.2f} → {log['wall_s']:.3f} ({log['exit']})"
                         for run_ in d["runs"] for log in run_["logs"])
        lines.append(f"| {r['size']:,} | {d['expected_s']:.3f} | {median(imports):.3f} | {d['logs']} | "
                     f"{d['failed']} | {d['log_median_s']:.3f} | {d['log_max_s']:.3f} | {each} |")
    return "\n".join(lines)


def memory_table(memory_results):
    """Peak memory of `plantrack status` by number of targets."""
    lines = ["| targets | entries | plans | import s | status s | status CPU s | status peak MB |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in memory_results:
        lines.append(f"| {r['targets']:,} | {r['entries']:,} | {r['plans']:,} | {r['import'][0]:.3f} | "
                     f"{r['status'][0]:.3f} | {r['status'][2]:.3f} | {r['status'][1]:.1f} |")
    return "\n".join(lines)


def growth(all_results):
    lines = ["| from → to entries | import | status | report | log |", "| --- | ---: | ---: | ---: | ---: |"]
    for a, b in zip(all_results, all_results[1:]):
        cells = [f"×{b[op][0] / a[op][0]:.1f}" for op in ("import", "status", "report", "log")]
        lines.append(f"| {a['size']:,} → {b['size']:,} (×{b['size'] / a['size']:.0f}) | " +
                     " | ".join(cells) + " |")
    return "\n".join(lines)


def counts(text):
    """'10000,100000' -> [10000, 100000]."""
    try:
        values = [int(word) for word in text.split(",") if word.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a comma-separated list of numbers")
    if any(v <= 0 for v in values):
        raise argparse.ArgumentTypeError(f"'{text}': every number must be positive")
    return values


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
    ap.add_argument("--during-at", default="1s,25%,50%,75%,95%",
                    help="when to start a log during an import: seconds (1s) or a share of the "
                         "plantrack import's duration (25%%); moments after it are left out; "
                         "'' for none (default 1s,25%%,50%%,75%%,95%%)")
    ap.add_argument("--during-reps", type=int, default=1, help="imports with logs per size (default 1)")
    ap.add_argument("--memory-targets", type=counts, default=[],
                    help="numbers of targets, e.g. 10000,100000: peak memory of status for each, "
                         "with 2 entries per target (default: none)")
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args()
    parse_moments(args.during_at)  # a bad list is refused before anything runs
    os.makedirs(args.work, exist_ok=True)

    all_results, memory_results = [], []

    def write_json():
        if args.json:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump({"sizes": all_results, "status_memory": memory_results}, f, indent=2,
                          ensure_ascii=False)

    for size in args.sizes:
        print(f"size {size} ...", file=sys.stderr, flush=True)
        all_results.append(bench_size(args.work, size, args))
        write_json()
    if args.memory_targets:
        memory_results = status_memory(args.work, args)
        write_json()
    print(f"plantrack {args.plantrack}; sqlite3 {subprocess.run(['sqlite3', '--version'], capture_output=True, text=True).stdout.split()[0]}; "
          f"{os.cpu_count()} cpus; {platform.platform()}")
    print(f"shape: {args.targets} targets per plan, {args.entries_per_target} monthly entries per target, "
          f"seed {args.seed}; medians of {args.reps} runs ({args.log_reps} for log)\n")
    print(table(all_results))
    if len(all_results) > 1:
        print("\nHow time grows from one size to the next:\n")
        print(growth(all_results))
    if all_results:
        print("\nvs `.import` (the sqlite3 shell's `.import --csv` of the same entries.csv into a plain "
              "table with one index; status: the same query on it):\n")
        print(dot_import_table(all_results))
    if any(r["log_during_import"]["runs"] for r in all_results):
        print(f"\nlog during import (a `plantrack log` started at {args.during_at} of the import; "
              f"import alone: the plantrack import just before):\n")
        print(during_table(all_results))
    if memory_results:
        print(f"\nstatus memory ({args.targets} targets per plan, 2 entries per target; peak of "
              f"{args.reps} runs):\n")
        print(memory_table(memory_results))


if __name__ == "__main__":
    main()
