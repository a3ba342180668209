#!/usr/bin/env bash
# Produce benchmark: Bullpen `bench produce` vs Node Bull `queue.add`, 100 adds in flight,
# alternating rounds on one private Redis. Prints jobs/s of each and the ratio.
# usage: bench/produce.sh [JOBS=20000] [ROUNDS=3]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
JOBS=${1:-20000}; ROUNDS=${2:-3}
ensure_node_bull
"$ROOT/bullpen" --help >/dev/null   # build first, outside the measurement
start_redis
machine_line
echo "jobs per run: $JOBS, rounds: $ROUNDS"
declare -a J N
for r in $(seq "$ROUNDS"); do
  j=$("$ROOT/bullpen" --redis "$REDIS_URL_BENCH" bench produce --queue "java-$r" --jobs "$JOBS" --in-flight 100 | sed -E 's/.*: ([0-9]+) jobs\/s/\1/')
  n=$(node "$ROOT/bench/bull-produce.js" "$PORT" "node-$r" "$JOBS" 100 | sed -E 's/.*: ([0-9]+) jobs\/s/\1/')
  jc=$(redis-cli -p "$PORT" llen "bull:java-$r:wait")
  nc=$(redis-cli -p "$PORT" llen "bull:node-$r:wait")
  [ "$jc" = "$JOBS" ] && [ "$nc" = "$JOBS" ] || { echo "round $r: expected $JOBS jobs each, got java=$jc node=$nc" >&2; exit 1; }
  echo "round $r: bullpen $j jobs/s, node bull $n jobs/s, ratio $(awk -v a="$j" -v b="$n" 'BEGIN{printf "%.2f", a/b}')"
  J+=("$j"); N+=("$n")
done
python3 - "${J[*]}" "${N[*]}" <<'PY'
import sys, statistics as st
j=[float(x) for x in sys.argv[1].split()]; n=[float(x) for x in sys.argv[2].split()]
r=[a/b for a,b in zip(j,n)]
print(f"median: bullpen {st.median(j):.0f} jobs/s, node bull {st.median(n):.0f} jobs/s, ratio {st.median(r):.2f} (min {min(r):.2f}, max {max(r):.2f})")
PY
