#!/usr/bin/env python3
"""Synthetic national-scale data for the plantrack benchmarks (docs/benchmarks.md).

Writes, into OUT:
  plans/bench-pNNNNN.yaml  one plan file per plan (TARGETS targets each, of every kind)
  entries.csv              ENTRIES monthly entries per target, in `plantrack import` columns
  raw.sql                  the same rows as one INSERT transaction for the plain sqlite3 shell,
                           with every column plantrack would store (ids, converted values, hash)
  meta.json                the parameters and the names the benchmark uses (a target to log to,
                           a plan to report on, the as-of date)

The same parameters and seed always give byte-identical files. Python 3 standard library only.
"""

import argparse
import calendar
import hashlib
import json
import os
import random
import sys

AS_OF = "2020-06-30"
RECORDED_AT = "2020-07-01T00:00:00Z"

# One template per kind of target (SPEC §1), cycled through each plan's targets.
KINDS = [
    # kind, the target's unit, rule, baseline, goal (and a unit some entries are typed in)
    {"kind": "level", "unit": "%", "rule": "at_least", "base": 40.0, "goal": 60.0},
    {"kind": "flow", "unit": "件", "rule": "at_least", "base": 3000.0, "goal": 5000.0, "per": "year"},
    {"kind": "cumulative", "unit": "家", "rule": "at_least", "base": 0.0, "goal": 500.0},
    {"kind": "level", "unit": "万元", "rule": "at_least", "base": 20000.0, "goal": 50000.0,
     "typed_unit": "亿元", "typed_factor": 1e4},  # every other entry typed in 亿元
    {"kind": "level", "unit": "微克/立方米", "rule": "at_most", "base": 80.0, "goal": 35.0},
    {"kind": "milestone", "unit": None, "rule": "done"},
]


def month_period(index):
    """The index-th month from 2016-01: (text, first day, last day)."""
    year, month = 2016 + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return (f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}-01",
            f"{year:04d}-{month:02d}-{last:02d}")


def plan_yaml(plan_id, number, targets):
    lines = [
        f"id: {plan_id}",
        f"title: 基准测试规划 {number}",
        f"issuer: 基准测试地区 {number} 人民政府",
        f"jurisdiction: 基准测试地区 {number}",
        "period: {start: 2016-01-01, end: 2020-12-31}",
        "cadence: quarter",
        "source: {title: 基准测试规划原文, date: 2016-01-01}",
        "goals:",
        "  - {id: growth, title: 发展目标}",
        "targets:",
    ]
    for t in range(targets):
        k = KINDS[t % len(KINDS)]
        lines += [
            f"  - id: t{t:04d}",
            f"    title: 指标 {t}",
            "    goal: growth",
            f"    kind: {k['kind']}",
            f"    rule: {k['rule']}",
            "    deadline: 2020-12-31",
            "    responsible: [统计局]",
            f"    source: 原文第{t + 1}项",
        ]
        if k["kind"] != "milestone":
            lines += [f"    unit: \"{k['unit']}\"", f"    value: {k['goal']:g}",
                      f"    baseline: {{value: {k['base']:g}, date: 2015-12-31}}"]
        if "per" in k:
            lines.append(f"    per: {k['per']}")
    return "\n".join(lines) + "\n"


def csv_cell(text):
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def sql_text(text):
    return "'" + text.replace("'", "''") + "'"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plans", type=int, required=True)
    ap.add_argument("--targets", type=int, default=100, help="targets per plan")
    ap.add_argument("--entries", type=int, default=50, help="entries per target")
    ap.add_argument("--seed", type=int, default=20200630)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    os.makedirs(os.path.join(args.out, "plans"), exist_ok=True)
    plan_ids = [f"bench-p{p:05d}" for p in range(args.plans)]
    for p, plan_id in enumerate(plan_ids):
        with open(os.path.join(args.out, "plans", plan_id + ".yaml"), "w", encoding="utf-8") as f:
            f.write(plan_yaml(plan_id, p, args.targets))

    months = [month_period(i) for i in range(args.entries)]
    previous = "0" * 64
    next_id = 1
    rows_per_insert = 500
    with open(os.path.join(args.out, "entries.csv"), "w", encoding="utf-8", newline="") as csv, \
         open(os.path.join(args.out, "raw.sql"), "w", encoding="utf-8", newline="") as sql:
        csv.write("target,period,value,unit,source,note,recorded_by,provisional,entities\n")
        sql.write("BEGIN;\n")
        pending = 0
        insert = ("INSERT INTO entries (id, plan_id, target_id, period, value, value_text, unit, "
                  "recorded_at, recorded_by, source, note, provisional, entities, action, "
                  "corrects, reason, hash) VALUES\n")
        for p, plan_id in enumerate(plan_ids):
            recorded_by = f"统计局-{p % 300:03d}"
            for t in range(args.targets):
                k = KINDS[t % len(KINDS)]
                target_id = f"t{t:04d}"
                pace = rng.uniform(0.5, 1.3)  # how fast this target moves toward its goal
                done_at = rng.randrange(args.entries * 2)
                for i, (period, _start, end) in enumerate(months):
                    share = min(1.0, (i + 1) / 60 * pace)
                    noise = rng.uniform(-0.02, 0.02)
                    entities = ""
                    if k["kind"] == "milestone":
                        typed, value = ("done", 1.0) if i >= done_at else ("0", 0.0)
                    elif k["kind"] == "cumulative":
                        value = round(k["goal"] / 60 * pace * (1 + noise))
                        typed = str(value)
                        if i % 10 == 0:
                            entities = f"企业{p}-{t}-{i}a;企业{p}-{t}-{i}b"
                    else:
                        value = k["base"] + (k["goal"] - k["base"]) * share * (1 + noise)
                        if k["kind"] == "flow":  # a yearly amount, logged month by month
                            value /= 12
                        value = round(value, 2)
                        typed = f"{value:.2f}"
                    unit = ""
                    if "typed_unit" in k and i % 2 == 1:
                        unit = k["typed_unit"]
                        typed = f"{value / k['typed_factor']:.6f}"
                        value = float(typed) * k["typed_factor"]
                    elif k["unit"] and i % 3 == 0:
                        unit = k["unit"]
                    provisional = i == args.entries - 1
                    source = f"{end[:4]}年{int(end[5:7])}月统计月报"
                    note = "初步统计" if provisional else ""
                    csv.write(",".join([f"{plan_id}/{target_id}", period, typed, csv_cell(unit),
                                        source, note, recorded_by,
                                        "true" if provisional else "false",
                                        csv_cell(entities)]) + "\n")
                    names = json.dumps(entities.split(";") if entities else [],
                                       ensure_ascii=False, separators=(",", ":"))
                    row = ",".join([str(next_id), sql_text(plan_id), sql_text(target_id),
                                    sql_text(period), repr(float(value)),
                                    sql_text(typed), sql_text(unit), sql_text(RECORDED_AT),
                                    sql_text(recorded_by), sql_text(source), sql_text(note),
                                    "1" if provisional else "0", sql_text(names), "'log'", "NULL",
                                    "''"])
                    previous = hashlib.sha256((previous + row).encode()).hexdigest()
                    # The hash as plantrack stores it in SQLite: 32 bytes (migration 007).
                    sql.write((insert if pending == 0 else ",\n") + "(" + row + ",X'" + previous + "')")
                    pending += 1
                    next_id += 1
                    if pending == rows_per_insert:
                        sql.write(";\n")
                        pending = 0
        if pending:
            sql.write(";\n")
        sql.write("COMMIT;\n")

    meta = {
        "plans": args.plans, "targets_per_plan": args.targets, "entries_per_target": args.entries,
        "seed": args.seed, "targets": args.plans * args.targets,
        "entries": args.plans * args.targets * args.entries,
        "as_of": AS_OF, "log_target": f"{plan_ids[0]}/t0000", "report_plan": plan_ids[0],
    }
    with open(os.path.join(args.out, "meta.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=2)
    print(f"{args.out}: {meta['plans']} plans, {meta['targets']} targets, {meta['entries']} entries",
          file=sys.stderr)


if __name__ == "__main__":
    main()
