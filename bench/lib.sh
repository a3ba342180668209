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
