#!/usr/bin/env bash
# Makes docs/screenshots/*.png from a real, seeded, private redis-server under Xvfb.
# Needs: redis-server + redis-cli, xvfb-run, ImageMagick's import, GTK 3 (JavaFX's glass), python3, Maven.
#   apt-get install -y redis-server xvfb imagemagick libgtk-3-0
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/docs/screenshots"
WORK="$(mktemp -d)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
URL="redis://127.0.0.1:$PORT"
trap 'redis-cli -p "$PORT" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" \
  --daemonize yes --logfile "$WORK/redis.log" --pidfile "$WORK/redis.pid"
for _ in $(seq 50); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

bp() { "$ROOT/bullpen" --redis "$URL" "$@" >/dev/null; }
# through the CLI: waiting, delayed and paused jobs
for i in 1 2 3 4 5; do bp jobs add --queue checkout --data "{\"cart\":$i}"; done
for i in 1 2 3; do bp jobs add --queue emails --data "{\"to\":\"user$i@example.com\"}" --opts '{"delay":600000}'; done
bp jobs add --queue emails --data '{"to":"now@example.com"}'
bp jobs add --queue rewards --data '{"points":10}'
bp jobs add --queue rewards --data '{"points":20}'
bp queue pause --queue rewards
bp jobs add --queue rewards --data '{"points":30}'
# finished jobs as a Bull worker leaves them (the CLI has no worker): hashes plus the failed/completed sets,
# with stack traces (one per attempt, oldest first) and log lines
python3 - "$(date +%s%3N)" <<'PY' | redis-cli -p "$PORT" >/dev/null
import json, sys
now = int(sys.argv[1])
def q(s):
    return '"' + str(s).replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n') + '"'
def cmd(*args):
    print(" ".join(q(a) for a in args))
reasons = ["Payment declined: card expired", "Inventory service timed out after 5000 ms",
           "Address validation failed: unknown postcode"]
for n, i in enumerate(range(101, 141)):
    created = now - 600_000 + n * 9_000
    started = created + 1_200 + (n % 7) * 450
    finished = started + 300 + (n % 5) * 220
    reason = reasons[n % 3]
    data = {"cartId": "cart-%05d" % (4000 + n), "customer": {"id": "c-%04d" % (1000 + n),
            "email": "customer%d@example.com" % n, "tier": ["gold", "silver", "bronze"][n % 3]},
            "items": [{"sku": "SKU-%03d" % (n * 7 % 400), "qty": 1 + n % 3, "price": 19.9},
                      {"sku": "SKU-%03d" % (n * 11 % 400), "qty": 1, "price": 5.5}],
            "total": round(19.9 * (1 + n % 3) + 5.5, 2), "currency": "EUR"}
    traces = ["Error: %s\n    at charge (/srv/checkout/payment.js:%d:11)\n    at processTicksAndRejections "
              "(node:internal/process/task_queues:95:5)\n    at async Job.process (/srv/checkout/worker.js:42:7)"
              % (reason, 80 + a) for a in range(3)]
    key = "bull:checkout:%d" % i
    cmd("HSET", key, "name", "charge", "data", json.dumps(data),
        "opts", json.dumps({"attempts": 3, "backoff": {"type": "exponential", "delay": 1000}, "timestamp": created}),
        "timestamp", created, "delay", 0, "priority", 0, "processedOn", started, "finishedOn", finished,
        "attemptsMade", 3, "failedReason", reason, "stacktrace", json.dumps(traces), "progress", 40, "returnvalue", "null")
    cmd("ZADD", "bull:checkout:failed", finished, i)
    for line in ["reserving stock for %s" % data["cartId"], "charging %.2f EUR" % data["total"], "charge failed: " + reason]:
        cmd("RPUSH", key + ":logs", line)
for i in range(201, 1451):
    created = now - 3_600_000 + i * 2_000
    cmd("HSET", "bull:emails:%d" % i, "name", "welcome", "data", json.dumps({"to": "user%d@example.com" % i}),
        "opts", "{}", "timestamp", created, "processedOn", created + 800, "finishedOn", created + 1_100,
        "attemptsMade", 1, "returnvalue", json.dumps({"messageId": "m-%d" % i}))
    cmd("ZADD", "bull:emails:completed", created + 1_100, i)
PY

"$ROOT/bullpen" --redis "$URL" status

# one console per screenshot: start it, wait for the window titled Bullpen, capture it, stop it
shoot() { # shoot NAME [console options...]
  local name="$1"; shift
  xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
    out="$1"; log="$2"; shift 2
    "$@" > "$log" 2>&1 &
    app=$!
    sleep 12
    WID=$(xwininfo -root -tree | awk "/\"Bullpen/ {print \$1; exit}")
    [ -n "$WID" ] || echo "no window titled Bullpen" >&2
    import -window "${WID:-root}" "$out"
    kill $app
  ' _ "$OUT/$name.png" "$WORK/console-$name.log" "$ROOT/bullpen" console --redis "$URL" "$@"
  echo "wrote $OUT/$name.png"
}
shoot overview-light
shoot overview-dark --theme dark
shoot queue-failed-light --queue checkout --state failed
shoot job-detail-light --queue checkout --state failed --job 139
shoot job-detail-dark --theme dark --queue checkout --state failed --job 139

# screens that need a click first, driven by the test-scope ScreenshotScenes (same window, same Redis)
source "$ROOT/bench/lib.sh"
CP="$(console_harness_cp)"
scene() { # scene SCENE NAME
  xvfb-run -a -s "-screen 0 1600x1000x24" java -cp "$CP" dev.bullpen.app.bench.ScreenshotScenes "$URL" "$1" \
    "$OUT/$2.png" > "$WORK/scene-$1.log" 2>&1 || { cat "$WORK/scene-$1.log" >&2; exit 1; }
  echo "wrote $OUT/$2.png"
}
scene export-dialog export-dialog-light
scene detail-masked job-detail-masked-light
scene detail-unmasked job-detail-unmasked-light

# last: Redis goes away under a running console
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c "
  '$ROOT/bullpen' console --redis '$URL' > '$WORK/console.log' 2>&1 &
  sleep 12
  WID=\$(xwininfo -root -tree | awk '/\"Bullpen/ {print \$1; exit}')
  redis-cli -p $PORT shutdown nosave >/dev/null
  sleep 5
  import -window \"\${WID:-root}\" '$OUT/overview-disconnected-light.png'
  kill %1
"
echo "wrote $OUT/overview-disconnected-light.png"
