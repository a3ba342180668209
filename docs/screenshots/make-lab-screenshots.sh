#!/usr/bin/env bash
# Makes docs/screenshots/lab-*.png and workers.png: the real console under Xvfb on a private redis-server runs two
# load tests from its Load test tab, compares them, and starts workers from its Workers tab, while a Node Bull
# worker serves a queue of its own. Driven by app/src/test/java/dev/bullpen/app/LabScreenshots.java.
# Needs: redis-server + redis-cli, xvfb-run, ImageMagick's import, xwininfo, GTK 3, node (interop/ set up), python3,
# and a built tree (mvn -B -o -pl app -am verify -DskipTests, or ./bullpen once).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${OUT:-$ROOT/docs/screenshots}"   # OUT=/tmp/x: measure the FX thread without touching the docs' screenshots
WORK="$(mktemp -d)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
URL="redis://127.0.0.1:$PORT"
NODE_PID=""
trap '[ -n "$NODE_PID" ] && kill "$NODE_PID" 2>/dev/null; redis-cli -p "$PORT" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" \
  --daemonize yes --logfile "$WORK/redis.log" --pidfile "$WORK/redis.pid"
for _ in $(seq 50); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

# a Node Bull worker on queue "emails", holding its one job for 10 minutes
"$ROOT/bullpen" --redis "$URL" jobs add --queue emails --data '{"to":"someone@example.com"}' >/dev/null
(cd "$ROOT/interop" && node bull-tool.js process \
  "{\"redis\":\"$URL\",\"prefix\":\"bull\",\"queue\":\"emails\",\"count\":1,\"holdMs\":600000,\"timeoutMs\":700000}" \
  > "$WORK/node.log" 2>&1) &
NODE_PID=$!

CP="$ROOT/engine/target/classes:$ROOT/app/target/classes:$ROOT/app/target/test-classes:$ROOT/app/target/lib/*"
# the console's JVM options as ./bullpen starts it (decision 0004: serial GC, C1), then the caller's (LAB_JAVA_OPTS)
JVM_OPTS="$(BULLPEN_PRINT_JAVA_OPTS=1 "$ROOT/bullpen" console)"
echo "JVM options: $JVM_OPTS ${LAB_JAVA_OPTS:-}"
# shellcheck disable=SC2086
xvfb-run -a -s "-screen 0 1600x1000x24" java $JVM_OPTS ${LAB_JAVA_OPTS:-} -cp "$CP" dev.bullpen.app.LabScreenshots \
  "$URL" "$OUT" "$WORK/lab"
