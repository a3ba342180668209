#!/usr/bin/env python3
"""Summarises the raw output of bench/all.sh: one table of goal / measured / verdict, the simulator's details,
and how noisy the run was. Reads only files in the output directory, so it can be run again on old results.

usage: bench/summary.py OUT
"""
import json
import os
import re
import statistics
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else sys.exit(__doc__)


def text(name):
    path = os.path.join(OUT, name)
    return open(path).read() if os.path.exists(path) else ""


def load_json(name):
    path = os.path.join(OUT, name)
    try:
        return json.load(open(path))
    except (OSError, ValueError):
        return None


def fmt_ratio(values):
    if not values:
        return "no data"
    return f"median **{statistics.median(values):.2f}x** ({min(values):.2f}-{max(values):.2f}, {len(values)} rounds)"


def verdict(ok):
    return "met" if ok else "**missed**"


rows = []          # (goal, measured, verdict)
notes = []         # lines about noise and missing data

# --- produce
for name, label in (("produce-large", "long run"), ("produce-small", "short run")):
    rounds = [(float(b), float(n)) for b, n in
              re.findall(r"round \d+: bullpen (\d+) jobs/s, node bull (\d+) jobs/s", text(name + ".log"))]
    jobs = re.search(r"jobs per run: (\d+)", text(name + ".log"))
    ratios = [b / n for b, n in rounds]
    if ratios:
        count = f"{int(jobs.group(1)):,} jobs" if jobs else label
        rows.append((f"produce: Bullpen >= 1.5x Bull's `add` (100 in flight), {count}",
                     f"{fmt_ratio(ratios)}; Bullpen median {statistics.median(b for b, _ in rounds):,.0f} jobs/s",
                     verdict(statistics.median(ratios) >= 1.5)))
    else:
        notes.append(f"{name}: no result (see {name}.log)")

# --- poll
poll = text("poll.log")
ours = {}
for q, p50, p99, trips in re.findall(r"queue (\w+): completed=\d+ failed=\d+ page=\d+ jobs; poll p50 ([\d.]+) ms, "
                                     r"p99 ([\d.]+) ms, mean [\d.]+ ms; ([\d.]+) round trips", poll):
    ours.setdefault(q, []).append((float(p50), float(p99), float(trips)))
theirs = {}
for q, p50, p99 in re.findall(r"node bull queue (\w+): page=\d+ jobs; poll p50 ([\d.]+) ms, p99 ([\d.]+) ms", poll):
    theirs.setdefault(q, []).append((float(p50), float(p99)))
if "small" in ours and "large" in ours:
    small = statistics.median(x[0] for x in ours["small"])
    large = statistics.median(x[0] for x in ours["large"])
    trips = max(x[2] for v in ours.values() for x in v)
    bull = (f"; Bull Board's equivalent p50 {statistics.median(x[0] for x in theirs['large']):.2f} ms"
            if "large" in theirs else "")
    flat = large <= 1.5 * small + 0.1
    rows.append(("poll (all counts + 50 failed jobs) flat from 1.1k to 1.1M jobs, one round trip",
                 f"p50 {small:.2f} ms (small) vs {large:.2f} ms (large); {trips:.2f} script calls per poll{bull}",
                 verdict(flat and trips <= 1.0)))
else:
    notes.append("poll: no result (see poll.log)")

# --- worker
worker = load_json("worker.json")
if worker:
    tp = worker.get("throughput", [])

    def med(who, conc, key):
        vals = [r[key] for r in tp if r["who"] == who and r["conc"] == conc]
        return statistics.median(vals) if vals else float("nan")

    by_round = {}
    for r in tp:
        if r["conc"] == 10:
            by_round.setdefault(r["round"], {})[r["who"]] = r["jobs_s"]
    ratios = [v["bullpen"] / v["node"] for v in by_round.values() if "bullpen" in v and "node" in v]
    rows.append((f"worker: >= 1.3x Bull's jobs/s at concurrency 10 ({worker['jobs']:,} jobs)",
                 f"{fmt_ratio(ratios)}; {med('bullpen', 10, 'jobs_s'):,.0f} vs {med('node', 10, 'jobs_s'):,.0f} jobs/s",
                 verdict(bool(ratios) and statistics.median(ratios) >= 1.3)))
    wb, wn = med("bullpen", 10, "worker_cpu_ms_per_1k"), med("node", 10, "worker_cpu_ms_per_1k")
    rb, rn = med("bullpen", 10, "redis_cpu_ms_per_1k"), med("node", 10, "redis_cpu_ms_per_1k")
    rows.append(("worker: less CPU per job than Bull (c=10; worker process incl. start-up, then with redis-server)",
                 f"worker {wb:.1f} vs {wn:.1f} ms/1k jobs; redis {rb:.1f} vs {rn:.1f}; total {wb + rb:.1f} vs "
                 f"{wn + rn:.1f}",
                 f"worker {verdict(wb < wn)}; redis-server {verdict(rb < rn)}; total {verdict(wb + rb < wn + rn)}"))
    lat = worker.get("latency", [])
    if lat:
        p99b = [r["p99"] for r in lat if r["who"] == "bullpen"]
        p99n = [r["p99"] for r in lat if r["who"] == "node"]
        rows.append((f"worker: end-to-end p99 no worse than Bull's at {worker['rate']:,} jobs/s, 2 ms work",
                     f"p99 {', '.join(map(str, p99b))} ms vs Bull {', '.join(map(str, p99n))} ms (median of rounds)",
                     verdict(statistics.median(p99b) <= statistics.median(p99n))))
        warm_b = [r["warm_p99"] for r in lat if r["who"] == "bullpen" and "warm_p99" in r]
        warm_n = [r["warm_p99"] for r in lat if r["who"] == "node" and "warm_p99" in r]
        if warm_b and warm_n:
            notes.append(f"worker latency after the first second of load: p99 {', '.join(map(str, warm_b))} ms vs Bull "
                         f"{', '.join(map(str, warm_n))} ms")
    for conc in (1, 10, 50):
        vals = [r["jobs_s"] for r in tp if r["who"] == "bullpen" and r["conc"] == conc]
        if len(vals) > 1 and min(vals) > 0:
            notes.append(f"worker c={conc}: Bullpen rounds differ by {max(vals) / min(vals):.2f}x "
                         f"({', '.join(f'{v:,.0f}' for v in vals)} jobs/s)")
else:
    notes.append("worker: no result (see worker.log)")

# --- simulator, closed loop
closed = {}
for c in ("8", "32", "128"):
    r = load_json(f"simulate/simulate-c{c}.json")
    if r:
        closed[c] = r
    else:
        notes.append(f"simulator at {c} concurrent: no report (see simulate/simulate-c{c}.log)")
if "32" in closed:
    p99 = closed["32"]["measuresMs"]["checkout"]["p99"]
    rows.append(("simulator: checkout p99 < 20 ms at 32 concurrent customers (embedded H2)", f"{p99:.1f} ms",
                 verdict(p99 < 20)))
if closed:
    parts = [f"{closed[c]['measuresMs']['processing']['p99']:.0f} ms at {c}" for c in closed]
    met = [c for c in closed if closed[c]["measuresMs"]["processing"]["p99"] < 50]
    rows.append(("simulator: reward job p99 < 50 ms (20-deep trees)", ", ".join(parts),
                 "met" if len(met) == len(closed) else f"**missed** (met at {', '.join(met) or 'none'})"))


def load_points(r):
    return [p for p in r["timeline"] if p["second"] <= r["loadSeconds"] + 0.5]


# --- simulator, open loop
open_runs = {}
for rate in ("500", "1000"):
    r = load_json(f"simulate/open-r{rate}.json")
    if r:
        open_runs[rate] = r
    else:
        notes.append(f"simulator open loop at {rate}/s: no report (see simulate-open-{rate}.log)")


def sustained(r, rate):
    answered = (r["checkouts"] + sum(r["rejections"].values()) + sum(r["errors"].values())) / r["loadSeconds"]
    pts = load_points(r)
    end_wait = pts[-1]["waiting"] if pts else 0
    ok = answered >= 0.97 * rate and end_wait <= rate and r["drainSeconds"] <= 5 and r["drained"]
    return ok, answered, end_wait


if "500" in open_runs:
    r = open_runs["500"]
    ok, answered, end_wait = sustained(r, 500)
    extra = ""
    if "1000" in open_runs:
        ok2, answered2, end_wait2 = sustained(open_runs["1000"], 1000)
        extra = (f"; at 1,000/s: {answered2:,.0f}/s answered, {end_wait2:,} waiting at the end "
                 f"({'kept up' if ok2 else 'did not keep up'})")
    rows.append(("simulator: >= 500 checkouts/s sustained, queue not building up (open loop, Poisson)",
                 f"{answered:,.0f}/s answered ({r['throughputPerSecond']:,.0f}/s bought), {end_wait:,} jobs waiting "
                 f"at the end of the load, drained in {r['drainSeconds']:.1f} s{extra}", verdict(ok)))

# --- print
print("# Benchmarks, all on one Redis\n")
print("```")
print(text("machine.txt").rstrip())
print("```\n")
print("## Summary against the goals\n")
print("| Goal | Measured | Verdict |")
print("|---|---|---|")
for g, m, v in rows:
    print(f"| {g} | {m} | {v} |")

if closed or open_runs:
    print("\n## Simulator details\n")
    print("2,000 customers, tree depth 20, embedded H2 file, 2 reward workers x 4 in the simulator's process, one "
          "run each.\n")
    print("| load | checkouts/s | rejected | checkout p50 / p99 / p99.9 | job p50 / p99 | end-to-end p99 "
          "| waiting max / at end | drain | audit |")
    print("|---|---:|---:|---|---|---:|---|---:|---|")
    runs = [(f"{c} concurrent", r) for c, r in closed.items()] + [(f"open {k}/s", r) for k, r in open_runs.items()]
    for label, r in runs:
        m = r["measuresMs"]
        pts = load_points(r)
        waits = [p["waiting"] for p in pts] or [0]
        print(f"| {label} | {r['throughputPerSecond']:,.0f} | {sum(r['rejections'].values()):,} "
              f"| {m['checkout']['p50']:.1f} / {m['checkout']['p99']:.1f} / {m['checkout']['p99.9']:.1f} ms "
              f"| {m['processing']['p50']:.0f} / {m['processing']['p99']:.0f} ms | {m['end-to-end']['p99'] / 1000:.1f} s "
              f"| {max(waits):,} / {waits[-1]:,} | {r['drainSeconds']:.1f} s "
              f"| {'clean' if r['audit']['clean'] else '**' + str(len(r['audit']['violations'])) + ' violation(s)**'} |")

print("\n## Noise\n")
steps = [line.split("\t") for line in text("steps.tsv").splitlines()[1:] if line.strip()]
loads = []
for name, start, end, before, after, rc in steps:
    loads += [float(before), float(after)]
    print(f"- {name}: {int(end) - int(start)} s, load average {before} -> {after}"
          + ("" if rc == "0" else f", **exit {rc}**"))
if loads:
    print(f"- load average (1 min) seen between steps: {min(loads):.1f} to {max(loads):.1f} on "
          f"{os.cpu_count()} cores" + ("; other work was running, treat absolute figures as pessimistic"
                                        if max(loads) > (os.cpu_count() or 1) * 0.75 else ""))
for n in notes:
    print(f"- {n}")
print("- the simulator rows are single runs: their run-to-run spread is not measured here")
