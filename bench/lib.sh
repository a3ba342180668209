# Shared by the bench scripts: a private redis-server on a free loopback port, and the tools.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# BENCH_REDIS_PORT set (bench/all.sh): use that Redis, started and cleaned up by the caller.
start_redis() {
  if [ -n "${BENCH_REDIS_PORT:-}" ]; then
    PORT=$BENCH_REDIS_PORT
    REDIS_URL_BENCH="redis://127.0.0.1:$PORT"
    return
  fi
  PORT=$(free_port)
  BENCH_DIR=$(mktemp -d)
  redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$BENCH_DIR" --daemonize yes \
    --logfile "$BENCH_DIR/redis.log" --pidfile "$BENCH_DIR/redis.pid" >/dev/null
  trap stop_redis EXIT
  for _ in $(seq 50); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$PORT" ping >/dev/null || { echo "redis-server did not start on port $PORT" >&2; exit 1; }
  REDIS_URL_BENCH="redis://127.0.0.1:$PORT"
}
# Stops the Redis of start_redis: SHUTDOWN NOSAVE, else SIGTERM then SIGKILL to the pid it wrote; removes its files.
stop_redis() {
  [ -n "${BENCH_DIR:-}" ] || return 0
  redis-cli -p "$PORT" shutdown nosave >/dev/null 2>&1 || true
  local pid; pid=$(cat "$BENCH_DIR/redis.pid" 2>/dev/null || true)
  if [ -n "$pid" ]; then
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { kill "$pid" 2>/dev/null; sleep 1; kill -9 "$pid" 2>/dev/null || true; }
  fi
  rm -rf "$BENCH_DIR"
  BENCH_DIR=""
}
ensure_node_bull() {
  [ -d "$ROOT/interop/node_modules/bull" ] || (cd "$ROOT/interop" && npm ci --no-audit --no-fund --loglevel=error)
}
machine_line() {
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(java -version 2>&1 | head -1); node $(node --version); $(redis-server --version | awk '{print $3}')"
}
# Bull-shaped finished jobs written inside Redis by a Lua loop (50,000 per script call), into the
# completed or failed zset of QUEUE under the prefix bull, as a Bull worker leaves them.
FILL='local base, set, from, to, now = ARGV[1], KEYS[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
for i = from, to do
  local id = tostring(i)
  redis.call("HSET", base .. id, "name", "__default__", "data", "{\"n\":" .. i .. "}", "opts", "{\"attempts\":1,\"delay\":0,\"timestamp\":" .. now .. "}",
    "timestamp", now, "delay", "0", "priority", "0", "processedOn", now, "finishedOn", now + i, "attemptsMade", "1",
    "failedReason", "boom " .. i, "stacktrace", "[\"Error: boom\\n    at x (y.js:1:1)\"]")
  redis.call("ZADD", set, now + i, id)
end
return to - from + 1'
fill_finished() { # QUEUE STATE COUNT FIRST_ID: COUNT jobs with ids FIRST_ID.., failed reason "boom <id>"
  local now; now=$(date +%s%3N)
  for ((from=$4; from<$4+$3; from+=50000)); do
    to=$(( from + 50000 - 1 )); [ $to -ge $(( $4 + $3 )) ] && to=$(( $4 + $3 - 1 ))
    redis-cli -p "$PORT" eval "$FILL" 1 "bull:$1:$2" "bull:$1:" "$from" "$to" "$now" >/dev/null
  done
  redis-cli -p "$PORT" set "bull:$1:id" $(( $4 + $3 )) >/dev/null
}

# Class path of the console's test-scope harnesses (dev.bullpen.app.bench): this checkout's compiled
# engine and app (main and test classes) plus their dependencies from Maven's cache. Compiles first.
console_harness_cp() {
  local deps="$ROOT/app/target/harness-deps.txt"
  mvn -B -q -f "$ROOT/pom.xml" -pl app -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$deps" >&2
  # the engine module itself comes from its target folders, never from ~/.m2 (nothing is installed there)
  local libs; libs=$(tr ':' '\n' < "$deps" | grep -v '/dev/bullpen/' | paste -sd: -)
  echo "$ROOT/app/target/test-classes:$ROOT/app/target/classes:$ROOT/engine/target/test-classes:$ROOT/engine/target/classes:$libs"
}
