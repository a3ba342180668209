#!/usr/bin/env bash
# The console window at scale: a private Redis with a queue of 1,000,000 completed and 100,000 failed
# Bull-shaped jobs; the real console (GTK under Xvfb, the launcher's JVM options) opens it, pages,
# shows job details, searches and exports, while dev.bullpen.app.bench.ConsoleScaleBench records the
# longest wait of the FX thread and the heap per phase (docs/benchmarks.md, "Console at 1,000,000 jobs").
# usage: bench/console-scale.sh [COMPLETED=1000000] [FAILED=100000] [JVM options, e.g. -Xmx300m]
# needs: redis-server + redis-cli, xvfb-run, GTK 3 (JavaFX's glass), Maven's cache warm
set -euo pipefail
source "$(dirname "$0")/lib.sh"
COMPLETED=${1:-1000000}; FAILED=${2:-100000}; shift $(( $# < 2 ? $# : 2 ))
CP=$(console_harness_cp)
start_redis
machine_line
t0=$(date +%s)
fill_finished large completed "$COMPLETED" 1; fill_finished large failed "$FAILED" $(( COMPLETED + 1 ))
fill_finished small completed 100 1
echo "filled in $(( $(date +%s) - t0 )) s; redis used_memory: $(redis-cli -p "$PORT" info memory | grep -E '^used_memory_human' | cut -d: -f2 | tr -d '\r')"
EXPORTS="$BENCH_DIR/exports"; mkdir -p "$EXPORTS"
# the JVM options of ./bullpen console (decision 0004), then the caller's
JVM_OPTS="$(BULLPEN_PRINT_JAVA_OPTS=1 "$ROOT/bullpen" console)"
# shellcheck disable=SC2086
xvfb-run -a -s "-screen 0 1600x1000x24" java $JVM_OPTS "$@" -Dprism.verbose=true \
  -cp "$CP" dev.bullpen.app.bench.ConsoleScaleBench "$REDIS_URL_BENCH" large "$COMPLETED" "$FAILED" "$EXPORTS" \
  2>&1 | grep --line-buffered -v -E '^[0-9:.]+ (DEBUG|INFO) ' || true
