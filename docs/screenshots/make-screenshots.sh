#!/usr/bin/env bash
# Makes docs/screenshots/*.png from a real, seeded, private redis-server under Xvfb.
# Needs: redis-server + redis-cli, xvfb-run, ImageMagick's import, GTK 3 (JavaFX's glass), python3.
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
# finished jobs as a Bull worker leaves them (the CLI has no worker): hashes plus the failed/completed sets
now="$(date +%s%3N)"
{
  for i in 101 102; do
    echo "HSET bull:checkout:$i name __default__ data {\"cart\":$i} opts {\"attempts\":1} timestamp $now processedOn $now finishedOn $now attemptsMade 1 failedReason \"card declined\""
    echo "ZADD bull:checkout:failed $now $i"
  done
  for i in $(seq 201 1450); do
    echo "HSET bull:emails:$i name __default__ data {} opts {} timestamp $now processedOn $now finishedOn $now attemptsMade 1 returnvalue null"
    echo "ZADD bull:emails:completed $now $i"
  done
} | redis-cli -p "$PORT" >/dev/null

"$ROOT/bullpen" --redis "$URL" status

xvfb-run -a -s "-screen 0 1600x1000x24" bash -c "
  '$ROOT/bullpen' console --redis '$URL' > '$WORK/console.log' 2>&1 &
  sleep 12
  xwininfo -root -tree | grep -o '\"Bullpen[^\"]*\"' || echo 'no window titled Bullpen' >&2
  WID=\$(xwininfo -root -tree | awk '/\"Bullpen/ {print \$1; exit}')
  import -window \"\${WID:-root}\" '$OUT/overview-light.png'
  redis-cli -p $PORT shutdown nosave >/dev/null
  sleep 5
  import -window \"\${WID:-root}\" '$OUT/overview-disconnected-light.png'
  kill %1
"
echo "console log:"; cat "$WORK/console.log"
echo "wrote $OUT/overview-light.png $OUT/overview-disconnected-light.png"
