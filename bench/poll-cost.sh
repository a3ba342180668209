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
# writes N Bull-shaped finished jobs into a zset, 50,000 per script call
FILL='local base, set, from, to, now = ARGV[1], KEYS[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
for i = from, to do
  local id = tostring(i)
  redis.call("HSET", base .. id, "name", "__default__", "data", "{\"n\":" .. i .. "}", "opts", "{\"attempts\":1,\"delay\":0,\"timestamp\":" .. now .. "}",
    "timestamp", now, "delay", "0", "priority", "0", "processedOn", now, "finishedOn", now + i, "attemptsMade", "1",
    "failedReason", "boom " .. i, "stacktrace", "[\"Error: boom\\n    at x (y.js:1:1)\"]")
  redis.call("ZADD", set, now + i, id)
end
return to - from + 1'
fill() { # queue state count offset
  local now; now=$(date +%s%3N)
  for ((from=$4; from<$4+$3; from+=50000)); do
    to=$(( from + 50000 - 1 )); [ $to -ge $(( $4 + $3 )) ] && to=$(( $4 + $3 - 1 ))
    redis-cli -p "$PORT" eval "$FILL" 1 "bull:$1:$2" "bull:$1:" "$from" "$to" "$now" >/dev/null
  done
  redis-cli -p "$PORT" set "bull:$1:id" $(( $4 + $3 )) >/dev/null
}
fill small completed 1000 1; fill small failed 100 2000
fill large completed "$COMPLETED" 1; fill large failed "$FAILED" $(( COMPLETED + 1 ))
echo "redis used_memory: $(redis-cli -p "$PORT" info memory | grep -E '^used_memory_human' | cut -d: -f2 | tr -d '\r')"
ensure_node_bull
for q in small large small large; do
  "$ROOT/bullpen" --redis "$REDIS_URL_BENCH" bench poll --queue "$q" --iterations 1000
  node "$ROOT/bench/bull-poll.js" "$PORT" "$q" 1000
done
