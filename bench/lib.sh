# Shared by the bench scripts: a private redis-server on a free loopback port, and the tools.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start_redis() {
  PORT=$(free_port)
  BENCH_DIR=$(mktemp -d)
  redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$BENCH_DIR" --daemonize yes \
    --logfile "$BENCH_DIR/redis.log" --pidfile "$BENCH_DIR/redis.pid" >/dev/null
  for _ in $(seq 50); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  trap 'redis-cli -p "$PORT" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$BENCH_DIR"' EXIT
  REDIS_URL_BENCH="redis://127.0.0.1:$PORT"
}
ensure_node_bull() {
  [ -d "$ROOT/interop/node_modules/bull" ] || (cd "$ROOT/interop" && npm ci --no-audit --no-fund --loglevel=error)
}
machine_line() {
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(java -version 2>&1 | head -1); node $(node --version); $(redis-server --version | awk '{print $3}')"
}
