#!/usr/bin/env bash
# Every benchmark in one go, on one private redis-server, then one table of goal / measured / verdict:
#   1. produce: Bullpen `bench produce` vs Node Bull `queue.add` (100 in flight), 20,000 and 100,000 jobs;
#   2. poll: the console's poll vs Bull Board's on 1,100 and on 1,100,000 jobs;
#   3. worker: Bullpen `bench worker` vs a Node Bull worker: jobs/s and CPU at concurrency 1/10/50,
#      end-to-end latency at 1,000 jobs/s with 2 ms of work;
#   4. simulator, closed loop at 8, 32 and 128 concurrent customers (checkout p99, reward-job p99);
#   5. simulator, open loop at 500 and 1,000 checkouts/s (is 500/s sustained without the queue building up?).
# Raw output goes to bench/results/<UTC time>/ (gitignored); the summary is printed and kept there as
# summary.md. The Redis is flushed between steps and shut down at the end (also on Ctrl-C or a failure).
# About 12 minutes on 2 cores.
# usage: bench/all.sh [OUT]
# env: SIM_SECONDS (20, closed-loop load per concurrency), OPEN_SECONDS (30), WORKER_JOBS (20000, the issue's figure),
#      QUICK=1 (smaller everything: checks the script in ~4 minutes, figures not comparable)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
OUT=${1:-"$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"}
SIM_SECONDS=${SIM_SECONDS:-20}; OPEN_SECONDS=${OPEN_SECONDS:-30}; WORKER_JOBS=${WORKER_JOBS:-20000}
PRODUCE_SMALL=20000; PRODUCE_LARGE=100000; POLL_COMPLETED=1000000; POLL_FAILED=100000; WORKER_SECONDS=10
if [ -n "${QUICK:-}" ]; then
  SIM_SECONDS=5; OPEN_SECONDS=8; WORKER_JOBS=5000; PRODUCE_SMALL=5000; PRODUCE_LARGE=10000
  POLL_COMPLETED=20000; POLL_FAILED=2000; WORKER_SECONDS=2
fi
unset BENCH_REDIS_PORT BENCH_REDIS_URL   # always a Redis of our own, stopped at the end
mkdir -p "$OUT"
STEPS="$OUT/steps.tsv"
printf 'step\tstart\tend\tload_before\tload_after\texit\n' >"$STEPS"

echo "preparing (build, npm packages) ..."
ensure_node_bull
"$ROOT/bullpen" --help >/dev/null   # build first, outside every measurement
start_redis
trap 'exit 130' INT; trap 'exit 143' TERM   # so that the EXIT trap (stop_redis) runs on Ctrl-C and kill too
export BENCH_REDIS_PORT=$PORT BENCH_REDIS_URL=$REDIS_URL_BENCH
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
  echo "cpus: $(nproc) ($(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ *//'))"
  echo "memory: $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
  echo "os: $(uname -sr)"
  echo "java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "jvm options: bullpen launcher defaults (serial GC, C1; parallel GC for simulate) ${BULLPEN_JAVA_OPTS:-}"
  echo "node: $(node --version); bull $(node -p "require('$ROOT/interop/node_modules/bull/package.json').version")"
  echo "redis: $(redis-server --version | awk '{print $3}' | sed 's/v=//'), one private server on port $PORT"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/machine.txt"

# step NAME COMMAND...: runs one benchmark with its output in OUT/NAME.log, notes the load around it and
# empties the Redis afterwards; a failing step is recorded and the others still run.
step() {
  local name=$1; shift
  local before start rc
  before=$(cut -d' ' -f1 /proc/loadavg); start=$(date +%s)
  echo "== $name ($(date -u +%H:%M:%S), load $before)"
  set +e
  "$@" >"$OUT/$name.log" 2>&1
  rc=$?
  set -e
  [ $rc -eq 0 ] || echo "   $name exited $rc (see $OUT/$name.log)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$start" "$(date +%s)" "$before" "$(cut -d' ' -f1 /proc/loadavg)" "$rc" \
    >>"$STEPS"
  redis-cli -p "$PORT" flushall >/dev/null
}

open_loop() { # RATE: the simulator's open loop on the shared Redis
  local rate=$1
  "$ROOT/bullpen" --redis "$BENCH_REDIS_URL" --prefix "open$rate" simulate --customers 2000 --depth 20 \
    --rate "$rate" --duration "${OPEN_SECONDS}s" --workers 2 --worker-concurrency 4 \
    --data-dir "$OUT/open-data-$rate" --report "$OUT/simulate/open-r$rate.json" || true   # exit 1 = an SLO missed
  rm -rf "$OUT/open-data-$rate"
}

mkdir -p "$OUT/simulate"
step produce-small "$ROOT/bench/produce.sh" "$PRODUCE_SMALL" 5
step produce-large "$ROOT/bench/produce.sh" "$PRODUCE_LARGE" 3
step poll "$ROOT/bench/poll-cost.sh" "$POLL_COMPLETED" "$POLL_FAILED"
step worker python3 "$ROOT/bench/worker.py" --jobs "$WORKER_JOBS" --rounds 3 --seconds "$WORKER_SECONDS" \
  --port "$PORT" --json "$OUT/worker.json"
step simulate-closed "$ROOT/bench/simulate.sh" "$SIM_SECONDS" "8 32 128" "$OUT/simulate"
step simulate-open-500 open_loop 500
step simulate-open-1000 open_loop 1000

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
stop_redis
python3 "$ROOT/bench/summary.py" "$OUT" | tee "$OUT/summary.md"
echo "raw output: $OUT"
