#!/usr/bin/env bash
# Checks the container set-up as far as this machine allows (no Docker engine, no base-image
# registry), and measures the footprint the Kubernetes resource requests come from:
#   1. the image's binary: `swift build -c release --static-swift-stdlib`, and what it links (ldd);
#   2. that binary copied alone into an empty folder, run with an empty environment but PORT:
#      generate, etl, train, serve on $PORT (the image's CMD), the image's HEALTHCHECK script
#      (503 → unhealthy before a model, 200 → healthy), POST /predict, peak RSS under wrk, SIGTERM;
#   3. the Kubernetes manifests parse (PyYAML) and hang together (probes on /health, named port,
#      registry read-only, one log volume per pod, resources set, CronJob runs etl → accuracy → train).
# Not run here: `docker build` and the manifests on a cluster.
#
# Usage: scripts/container/check.sh
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/scripts/container"
VENV="$ROOT/scripts/.venv"
SCRATCH="$ROOT/.build-static"
WORK="$(mktemp -d /tmp/forecast-container.XXXXXX)"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
. "$ROOT/scripts/require_tools.sh"
require_tool wrk wrk

echo "== 1. static build (--static-swift-stdlib, scratch path .build-static)" >&2
(cd "$ROOT" && nice -n 10 swift build -c release --static-swift-stdlib --product forecast --scratch-path "$SCRATCH" >&2)
BINARY="$(cd "$ROOT" && swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --show-bin-path)/forecast"
LINKED=$(ldd "$BINARY" | awk '{ print $1 }' | sort | tr '\n' ' ')
echo "   links: $LINKED" >&2
if ldd "$BINARY" | grep -qi 'swift\|foundation\|icu'; then
  echo "FAILED: the binary still links a Swift or Foundation library dynamically" >&2; exit 1
fi

echo "== 2. the binary alone in an empty folder, environment emptied but PORT" >&2
mkdir -p "$WORK/app" && cp "$BINARY" "$WORK/app/forecast" && strip "$WORK/app/forecast"  # as the image does
cd "$WORK/app"
run() { env -i PATH=/usr/bin:/bin HOME="$WORK" ./forecast "$@"; }
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
health() { PORT=$PORT bash "$HERE/healthcheck.sh" 2>/dev/null && echo healthy || echo unhealthy; }
wait_listening() {
  for _ in $(seq 1 100); do grep -q '^listening on' serve.out 2>/dev/null && return 0; sleep 0.1; done
  echo "FAILED: serve printed no 'listening on' line" >&2; cat serve.err >&2; exit 1
}
# Before any model: the server starts, answers 503, the health check says unhealthy.
env -i PATH=/usr/bin:/bin PORT="$PORT" ./forecast serve --quiet --log "$WORK/app/log.csv" > serve.out 2> serve.err &
SERVER_PID=$!; wait_listening
BEFORE=$(health)
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; SERVER_PID=""
run generate > /dev/null 2>&1
run etl > /dev/null 2>&1
/usr/bin/time -f '%M' -o train.rss ./forecast train > /dev/null 2> train.err
# The image's CMD: serve on $PORT; --host 127.0.0.1 here instead of 0.0.0.0 (nothing leaves the machine).
env -i PATH=/usr/bin:/bin PORT="$PORT" ./forecast serve --host 127.0.0.1 --quiet --log "$WORK/app/log.csv" > serve.out 2> serve.err &
SERVER_PID=$!; wait_listening
LISTENING=$(head -1 serve.out)
for _ in $(seq 1 50); do [ "$(health)" = healthy ] && break; sleep 0.1; done
AFTER=$(health)
PREDICTION=$(curl -s -H 'Content-Type: application/json' -d '{"ca_total": 15000, "nb_commandes": 320}' "http://127.0.0.1:$PORT/predict" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["prediction_ca_jour_suivant"])')
IDLE_RSS=$(awk '/VmRSS/ { print $2 }' "/proc/$SERVER_PID/status")
cat > post.lua <<'LUA'
wrk.method = "POST"
wrk.body = '{"ca_total": 15000.0, "nb_commandes": 320}'
wrk.headers["Content-Type"] = "application/json"
LUA
RPS=$(wrk -t2 -c64 -d5s -s post.lua "http://127.0.0.1:$PORT/predict" | awk '/Requests\/sec/ { print $2 }')
PEAK_RSS=$(awk '/VmHWM/ { print $2 }' "/proc/$SERVER_PID/status")
kill -TERM "$SERVER_PID"; STATUS=0; wait "$SERVER_PID" || STATUS=$?; SERVER_PID=""
echo "   $LISTENING; health check before a model: $BEFORE, after training: $AFTER; prediction $PREDICTION; SIGTERM exit $STATUS" >&2
[ "$BEFORE" = unhealthy ] && [ "$AFTER" = healthy ] && [ "$STATUS" -eq 0 ] || { echo "FAILED: health check or shutdown" >&2; exit 1; }

echo "== 3. Kubernetes manifests" >&2
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c 'import yaml' 2>/dev/null || "$VENV/bin/pip" install --quiet --disable-pip-version-check pyyaml >&2
"$VENV/bin/python" "$HERE/check_manifests.py" "$HERE/k8s" "$HERE/Dockerfile"

echo
echo "container check: static binary $(du -h "$WORK/app/forecast" | cut -f1) stripped, links $LINKED"
echo "ran alone from an empty folder with only PORT set: generate, etl, train, serve ($LISTENING), /health 503 → 200, predict, SIGTERM exit 0"
echo "footprint: serve RSS ${IDLE_RSS} KB idle with the 200-tree model, ${PEAK_RSS} KB peak under wrk 64 connections ($RPS req/s); train peak $(cat train.rss) KB"
echo "not run here: docker build (no engine, no base-image registry), the manifests on a cluster"
