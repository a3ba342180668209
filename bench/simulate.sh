#!/usr/bin/env bash
# Simulator benchmark: `bullpen simulate` (closed loop) at several numbers of concurrent customers, on an
# embedded H2 file and a Redis the simulator starts itself, with the reward workers in the same process.
# Prints, per load, checkout p50/p99, reward-job processing p99, end-to-end p99, throughput, how far the queue
# built up, the audit and the goals (checkout p99 < 20 ms at 32, job p99 < 50 ms, >= 500 checkouts/s with the
# queue not building up). Reports (JSON and HTML) and logs are kept in OUT.
# usage: bench/simulate.sh [SECONDS=30] ["CONCURRENCIES"="8 32 128"] [OUT=bench/results/simulate-<time>]
# env: BULLPEN (the command to run; default ./bullpen), CUSTOMERS (2000), DEPTH (20), WORKERS (2),
#      WORKER_CONCURRENCY (4), SUMMARY_ONLY=1 (no runs: summarise the reports in OUT again),
#      BENCH_REDIS_URL (use that Redis, one key prefix per load, instead of one the simulator starts)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECS=${1:-30}
CONCS=${2:-"8 32 128"}
OUT=${3:-"$ROOT/bench/results/simulate-$(date -u +%Y%m%dT%H%M%SZ)"}
BULLPEN=${BULLPEN:-"$ROOT/bullpen"}
CUSTOMERS=${CUSTOMERS:-2000}; DEPTH=${DEPTH:-20}; WORKERS=${WORKERS:-2}; WORKER_CONCURRENCY=${WORKER_CONCURRENCY:-4}
mkdir -p "$OUT"
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
[ -n "${SUMMARY_ONLY:-}" ] || $BULLPEN --help >/dev/null   # build first, outside the measurement

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); $(java -version 2>&1 | head -1); redis $(redis-server --version 2>/dev/null | awk '{print $3}' || echo embedded)"
echo "settings: ${SECS}s per load, $CUSTOMERS customers, tree depth $DEPTH, $WORKERS workers x $WORKER_CONCURRENCY in process, embedded H2, ${BENCH_REDIS_URL:+shared }${BENCH_REDIS_URL:-private} Redis"
STOP=""
trap 'STOP=1' INT TERM   # the running simulation ends its load early and reports; then no further load starts
for c in $CONCS; do
  [ -n "${SUMMARY_ONLY:-}" ] && break   # only summarise the reports already in OUT
  [ -z "$STOP" ] || { echo "interrupted: the loads after this one were not run"; break; }
  echo "load average before $c: $(cut -d' ' -f1-3 /proc/loadavg)"
  set +e
  REDIS_ARGS=()
  [ -z "${BENCH_REDIS_URL:-}" ] || REDIS_ARGS=(--redis "$BENCH_REDIS_URL" --prefix "sim$c")
  $BULLPEN "${REDIS_ARGS[@]}" simulate --customers "$CUSTOMERS" --depth "$DEPTH" --concurrency "$c" --duration "${SECS}s" \
    --workers "$WORKERS" --worker-concurrency "$WORKER_CONCURRENCY" --data-dir "$DATA/c$c" \
    --slo "checkout-p99=20ms,job-p99=50ms" --report "$OUT/simulate-c$c.json" >"$OUT/simulate-c$c.log" 2>&1
  echo "exit $? (1 = an SLO missed, the audit failed or the queue did not drain)" >>"$OUT/simulate-c$c.log"
  set -e
  echo "load average after $c: $(cut -d' ' -f1-3 /proc/loadavg)"
done
[ -z "$STOP" ] || { echo "interrupted"; exit 130; }
python3 - "$OUT" $CONCS <<'PY'
import json, sys, os
out, concs = sys.argv[1], sys.argv[2:]
print(f"{'customers':>9} {'ckout/s':>8} {'rejected':>8} {'ckout p50':>10} {'ckout p99':>10} {'job p99':>9} {'e2e p99':>9} "
      f"{'max waiting':>11} {'waiting@end':>11} {'drain s':>7} {'audit':>6}  goals")
for c in concs:
    path = os.path.join(out, f"simulate-c{c}.json")
    if not os.path.exists(path):
        print(f"{c:>9} no report (see simulate-c{c}.log)"); continue
    r = json.load(open(path))
    m = r["measuresMs"]
    load = [p for p in r["timeline"] if p["second"] <= r["loadSeconds"] + 0.5]
    max_wait = max((p["waiting"] for p in load), default=0)
    end_wait = load[-1]["waiting"] if load else 0
    goals = []
    if c == "32":
        goals.append(f"checkout p99<20ms {'met' if m['checkout']['p99'] < 20 else 'MISSED'}")
    goals.append(f"job p99<50ms {'met' if m['processing']['p99'] < 50 else 'MISSED'}")
    built = end_wait > 2 * max(1, r["throughputPerSecond"])   # more than ~2 s of checkouts left waiting
    sustained = r['throughputPerSecond'] >= 500 and not built
    goals.append(f">=500/s sustained {'met' if sustained else 'MISSED'}"
                 f" ({r['throughputPerSecond']:.0f}/s, {'queue building up' if built else 'queue keeping up'})")
    rejected = sum(r['rejections'].values())
    print(f"{c:>9} {r['throughputPerSecond']:>8.0f} {rejected:>8} {m['checkout']['p50']:>8.1f}ms {m['checkout']['p99']:>8.1f}ms "
          f"{m['processing']['p99']:>7.1f}ms {m['end-to-end']['p99']:>7.0f}ms {max_wait:>11} {end_wait:>11} "
          f"{r['drainSeconds']:>7.1f} {'clean' if r['audit']['clean'] else 'DIRTY':>6}  {'; '.join(goals)}")
PY
echo "reports and logs: $OUT"
