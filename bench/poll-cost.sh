#!/usr/bin/env bash
# Cost of one monitoring poll (all counts + a page of 50 failed jobs) on a small queue and on a
# queue holding 1,000,000 completed and 100,000 failed Bull-shaped jobs, on one private Redis.
# usage: bench/poll-cost.sh [COMPLETED=1000000] [FAILED=100000]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
COMPLETED=${1:-1000000}; FAILED=${2:-100000}
"$ROOT/bullpen" --help >/dev/null
start_redis
machine_line
fill_finished small completed 1000 1; fill_finished small failed 100 2000
fill_finished large completed "$COMPLETED" 1; fill_finished large failed "$FAILED" $(( COMPLETED + 1 ))
echo "redis used_memory: $(redis-cli -p "$PORT" info memory | grep -E '^used_memory_human' | cut -d: -f2 | tr -d '\r')"
ensure_node_bull
for q in small large small large; do
  "$ROOT/bullpen" --redis "$REDIS_URL_BENCH" bench poll --queue "$q" --iterations 1000
  node "$ROOT/bench/bull-poll.js" "$PORT" "$q" 1000
done
