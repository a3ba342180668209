#!/usr/bin/env bash
# Makes docs/screenshots/*.png from real, seeded, private redis-servers under Xvfb.
# Needs: redis-server + redis-cli, xvfb-run, ImageMagick's import, GTK 3 (JavaFX's glass), python3, xdotool, Maven.
#   apt-get install -y redis-server xvfb imagemagick libgtk-3-0 xdotool
# The consoles keep their settings in a temporary directory (BULLPEN_HOME), never in ~/.bullpen.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/docs/screenshots"
WORK="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT="$(free_port)"
PORT2="$(free_port)"
URL="redis://127.0.0.1:$PORT"
URL2="redis://127.0.0.1:$PORT2"
trap 'for p in "$PORT" "$PORT2"; do redis-cli -p "$p" shutdown nosave >/dev/null 2>&1 || true; done; rm -rf "$WORK"' EXIT
export BULLPEN_HOME="$WORK/home"

for p in "$PORT" "$PORT2"; do
  redis-server --port "$p" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" \
    --daemonize yes --logfile "$WORK/redis-$p.log" --pidfile "$WORK/redis-$p.pid"
  for _ in $(seq 50); do redis-cli -p "$p" ping >/dev/null 2>&1 && break; sleep 0.1; done
done

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

# charts and alerts: an hour of completed checkout jobs whose rate rises and falls (with their wait and run
# times), Bull's own metrics keys as a Queue opened with metrics.maxDataPoints keeps them, and a backlog of
# 150 emails waiting for minutes with no worker connected, and a burst of recent failures (the runbook's alerts)
python3 - "$(date +%s%3N)" <<'PY' | redis-cli -p "$PORT" >/dev/null
import json, math, sys
now = int(sys.argv[1])
minute = now - now % 60000
def q(s):
    return '"' + str(s).replace('\\', '\\\\').replace('"', '\\"') + '"'
def cmd(*args):
    print(" ".join(q(a) for a in args))
jid = 3001
per_minute = []
for ago in range(60, 0, -1):
    rate = int(34 + 22 * math.sin(ago / 8.0) + (ago * 7) % 9)
    per_minute.append(rate)
    start = minute - ago * 60000
    for k in range(rate):
        finished = start + 400 + k * (59000 // rate)
        run = 180 + (jid * 37) % 420 + (2400 if jid % 41 == 0 else 0)
        wait = 90 + (jid * 53) % 900 + (6000 if jid % 97 == 0 else 0)
        started = finished - run
        created = started - wait
        key = "bull:checkout:%d" % jid
        cmd("HSET", key, "name", "charge", "data", json.dumps({"cartId": "cart-%05d" % jid}), "opts", "{}",
            "timestamp", created, "delay", 0, "priority", 0, "processedOn", started, "finishedOn", finished,
            "attemptsMade", 0, "returnvalue", json.dumps({"charged": True}))
        cmd("ZADD", "bull:checkout:completed", finished, jid)
        jid += 1
total = sum(per_minute)
cmd("HSET", "bull:checkout:metrics:completed", "count", total + 7, "prevTS", minute + 1200, "prevCount", total)
cmd("RPUSH", "bull:checkout:metrics:completed:data", *reversed(per_minute))
fails = [(ago * 5) % 3 for ago in range(60, 0, -1)]
cmd("HSET", "bull:checkout:metrics:failed", "count", sum(fails) + 40, "prevTS", minute + 1200, "prevCount", sum(fails) + 40)
cmd("RPUSH", "bull:checkout:metrics:failed:data", *reversed(fails))
reasons = ["SMTP relay returned 421: too many connections", "Template render timed out after 8000 ms"]
for n, i in enumerate(range(4001, 4015)):
    finished = now - 230_000 + n * 16_000
    started = finished - 700 - n * 40
    created = started - 300
    trace = "Error: %s\n    at send (/srv/mailer/smtp.js:57:9)" % reasons[n % 2]
    cmd("HSET", "bull:emails:%d" % i, "name", "digest", "data", json.dumps({"to": "user%d@example.com" % i}),
        "opts", json.dumps({"attempts": 3}), "timestamp", created, "delay", 0, "priority", 0, "processedOn", started,
        "finishedOn", finished, "attemptsMade", 3, "failedReason", reasons[n % 2], "stacktrace", json.dumps([trace]))
    cmd("ZADD", "bull:emails:failed", finished, i)
for i in range(5001, 5151):
    created = now - 300_000 + (i - 5001) * 1_500
    cmd("HSET", "bull:emails:%d" % i, "name", "digest", "data", json.dumps({"to": "user%d@example.com" % i}),
        "opts", "{}", "timestamp", created, "delay", 0, "priority", 0)
    cmd("LPUSH", "bull:emails:wait", i)
PY

# a second Redis ("staging") for the multi-connection shots
bp2() { "$ROOT/bullpen" --redis "$URL2" "$@" >/dev/null; }
for i in 1 2 3 4; do bp2 jobs add --queue invoices --data "{\"invoice\":$i}"; done
for i in 1 2; do bp2 jobs add --queue reports --data "{\"report\":$i}" --opts '{"delay":3600000}'; done
bp2 jobs add --queue mail-eu --data '{"to":"eu@example.com"}'

"$ROOT/bullpen" --redis "$URL" status
"$ROOT/bullpen" --redis "$URL2" status

# saved connections as the console writes them (no password on disk), both open at the last exit
MULTI="$WORK/multi"
mkdir -p "$MULTI"
cat > "$MULTI/connections.json" <<JSON
{ "version" : 1, "connections" : [
  { "id" : "local", "name" : "local", "url" : "$URL", "prefix" : "bull", "readOnly" : false, "pollIntervalMs" : 2000, "passwordFrom" : "none" },
  { "id" : "staging", "name" : "staging", "url" : "$URL2", "prefix" : "bull", "readOnly" : true, "pollIntervalMs" : 2000, "passwordFrom" : "none" },
  { "id" : "production", "name" : "production", "url" : "rediss://ops@redis.prod.example:6380", "prefix" : "bull", "readOnly" : true, "pollIntervalMs" : 5000, "passwordFrom" : "ask" }
] }
JSON
reset_multi() { # as left at the last exit: both open, local in front
  echo '{ "version" : 1, "sidebarVisible" : true, "openConnections" : [ "staging", "local" ], "current" : "local" }' \
    > "$MULTI/window.json"
}

# one console per screenshot: start it, wait for the window titled Bullpen, optionally run a step (keys typed
# with xdotool, a Redis stopped), capture the window (or the screen, for a dialog), stop it
shoot_with() { # shoot_with NAME STEP [console options...]
  local name="$1" step="$2"; shift 2
  # desktop notifications only where the shot is about them (SHOT_NOTIFY=true): elsewhere they cover the window's corner
  BULLPEN_JAVA_OPTS="${SHOT_TAB:+-Dbullpen.console.tab=$SHOT_TAB} -Dbullpen.notifications=${SHOT_NOTIFY:-false}" \
  xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
    out="$1"; log="$2"; step="$3"; wait_s="$4"; shift 4
    "$@" > "$log" 2>&1 &
    app=$!
    sleep "$wait_s"
    WID=$(xwininfo -root -tree | awk "/\"Bullpen/ {print \$1; exit}")
    [ -n "$WID" ] || echo "no window titled Bullpen" >&2
    target="${WID:-root}"
    if [ -n "$step" ]; then eval "$step"; fi
    import -window "$target" "$out"
    kill $app
  ' _ "$OUT/$name.png" "$WORK/console-$name.log" "$step" "${SHOT_WAIT:-12}" "$ROOT/bullpen" console "$@"
  echo "wrote $OUT/$name.png"
}
shoot() { # shoot NAME [console options...]: one connection, given with --redis, nothing saved
  local name="$1"; shift
  BULLPEN_HOME="$WORK/home-$name" shoot_with "$name" "" --redis "$URL" "$@"
}
shoot overview-light
shoot overview-dark --theme dark
shoot queue-failed-light --queue checkout --state failed
shoot job-detail-light --queue checkout --state failed --job 139
shoot job-detail-dark --theme dark --queue checkout --state failed --job 139
# the alerts raised at start, with their desktop notification (the whole screen: the notification is outside the window)
SHOT_NOTIFY=true SHOT_TAB=alerts-tab SHOT_WAIT=8 BULLPEN_HOME="$WORK/home-alerts" shoot_with alerts-light "target=root" --redis "$URL"
SHOT_TAB=alerts-tab SHOT_WAIT=20 shoot alerts-dark --theme dark

# charts while jobs arrive (the depth chart is sampled by the console's poll): 3 checkout jobs a tick for
# 12 ticks, then 2 taken a tick
feed() {
  for i in $(seq 1 24); do
    if [ "$i" -le 12 ]; then
      for k in 1 2 3; do
        id=$((8000 + i * 10 + k)); ts=$(date +%s%3N)
        redis-cli -p "$PORT" HSET "bull:checkout:$id" name charge data '{"cartId":"live"}' opts '{}' \
          timestamp "$ts" delay 0 priority 0 >/dev/null
        redis-cli -p "$PORT" LPUSH bull:checkout:wait "$id" >/dev/null
      done
    else
      redis-cli -p "$PORT" RPOP bull:checkout:wait 2 >/dev/null
    fi
    sleep 0.7
  done
}
feed & SHOT_TAB=charts-tab shoot charts-light --poll-interval 1000; wait
feed & SHOT_TAB=charts-tab shoot charts-dark --theme dark --poll-interval 1000; wait

# several connections: the saved ones open at the last exit, no --redis
reset_multi; BULLPEN_HOME="$MULTI" shoot_with connections-light ""
reset_multi; BULLPEN_HOME="$MULTI" shoot_with connections-dark "" --theme dark
# the connection form (Ctrl+N): a name and a URL typed in, "save in plain text" chosen (warning, consent box)
BULLPEN_HOME="$WORK/home-editor" shoot_with connection-editor-light \
  'xdotool key ctrl+n; sleep 2; xdotool type --delay 40 "staging-eu";
   xdotool key Tab ctrl+a; xdotool type --delay 20 "redis://ops@redis.staging.example:6379/2";
   xdotool key Tab Tab Tab Tab; sleep 0.5; xdotool key space; sleep 0.7; xdotool key Down Down Down Return; sleep 0.7;
   xdotool key Tab; xdotool type --delay 30 "example"; sleep 1; target=root' \
  --redis "$URL"
# staging's Redis stops under the running console: its banner and stale queues, local stays live
reset_multi; BULLPEN_HOME="$MULTI" shoot_with connections-disconnected-light "redis-cli -p $PORT2 shutdown nosave >/dev/null; sleep 6"

# screens that need a click first, driven by the test-scope ScreenshotScenes (same window, same Redis)
source "$ROOT/bench/lib.sh"
CP="$(console_harness_cp)"
scene() { # scene SCENE NAME
  xvfb-run -a -s "-screen 0 1600x1000x24" java -Dbullpen.notifications=false -cp "$CP" dev.bullpen.app.bench.ScreenshotScenes "$URL" "$1" \
    "$OUT/$2.png" > "$WORK/scene-$1.log" 2>&1 || { cat "$WORK/scene-$1.log" >&2; exit 1; }
  echo "wrote $OUT/$2.png"
}
scene export-dialog export-dialog-light
scene detail-masked job-detail-masked-light
scene detail-unmasked job-detail-unmasked-light

# last: Redis goes away under a running console
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c "
  '$ROOT/bullpen' console --redis '$URL' > '$WORK/console.log' 2>&1 &
  for _ in \$(seq 120); do xwininfo -root -tree | grep -q '\"Bullpen' && break; sleep 0.25; done
  sleep 15
  redis-cli -p $PORT shutdown nosave >/dev/null
  sleep 5
  import -window root '$OUT/overview-disconnected-light.png'
  kill %1
"
echo "wrote $OUT/overview-disconnected-light.png"
