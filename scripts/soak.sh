#!/usr/bin/env bash
# Soak `forecast serve`: measure its capacity for a few seconds, then hold wrk at half of it for
# MINUTES minutes while the model is switched (`forecast models use`, alternating two versions)
# and the prediction log is rotated (renamed, as logrotate does) every few minutes. Each minute
# prints the server's RSS and open descriptors, requests, non-200s and socket errors; the end
# compares lines logged (every rotated file counted) with 200s received.
#
# Goal (issue #11): RSS and descriptors flat (no growth after minute 1 beyond 5 %), 0 errors,
# every 200 logged. Exit status 1 when a goal is missed.
#
# Usage: scripts/soak.sh [MINUTES]   (default 30)
# Needs: swift; wrk is installed from Debian if missing. wrk runs under nice -n 10.
set -euo pipefail

MINUTES="${1:-30}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/scripts/.bench/soak"

. "$ROOT/scripts/loopback.sh"  # free_port, wait_http, stop_servers
trap stop_servers EXIT
served_200() { curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^http_requests_total\{status="200"\}/ { print $2 }'; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
open_fds() { ls "/proc/$1/fd" | wc -l; }
# Data lines in the log and every rotated copy (one header each).
logged_lines() {
  local total=0 file
  for file in "$WORK"/soak_log.csv*; do
    [ -f "$file" ] && total=$(( total + $(wc -l < "$file") - 1 ))
  done
  echo "$total"
}

. "$ROOT/scripts/require_tools.sh"
require_tool wrk wrk

rm -rf "$WORK"; mkdir -p "$WORK"; cd "$WORK"

echo "== building (release)" >&2
(cd "$ROOT" && swift build -c release --product forecast >&2)
FORECAST="$ROOT/.build/release/forecast"

echo "== data and two models to alternate between" >&2
"$FORECAST" generate >/dev/null 2>&1
"$FORECAST" etl >/dev/null 2>&1
"$FORECAST" train --trees 100 --seed 1 >/dev/null
"$FORECAST" train --trees 100 --seed 2 >/dev/null
VERSIONS=($(ls models/versions | sed 's/\.json$//' | sort))

cat > post.lua <<'LUA'
-- POST /predict; `delay` (ms, first argument) paces each connection. One RESULT line at the
-- end: requests, non-2xx/3xx responses, socket errors.
wrk.method = "POST"
wrk.body = '{"ca_total": 15000.0, "nb_commandes": 320}'
wrk.headers["Content-Type"] = "application/json"
local pause = 0
function init(args) pause = tonumber(args[1] or "0") end
function delay() return pause end
function done(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d\n", summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(99)))
end
LUA

PORT=$(free_port)
# Access lines are filtered on their way to a file: 200s dropped (they would be gigabytes),
# everything else (errors, reloads, rotations) kept.
"$FORECAST" serve --port "$PORT" --log "$WORK/soak_log.csv" > serve.out 2> >(grep --line-buffered -v ' 200 [0-9]*us$' > serve.err) &
SERVER=$!; PIDS+=($SERVER)
wait_http "$PORT"

echo "== capacity: wrk 5 s, 2 threads, 50 connections, no pacing" >&2
CAPACITY=$(nice -n 10 wrk -t2 -c50 -d5s -s post.lua "http://127.0.0.1:$PORT/predict" -- 0 | awk '/^RESULT/ { printf "%d", $2 / 5 }')
TARGET=$(( CAPACITY / 2 ))
# Each connection waits DELAY ms between requests: CONNECTIONS * 1000 / DELAY ≈ TARGET req/s,
# less each request's own latency. Two 10 s calibration runs correct the connection count by
# the rate they reach; it then stays fixed for the whole soak (so memory is compared at the same
# load every minute).
DELAY=10
CONNECTIONS=$(( TARGET * DELAY / 1000 ))
for _ in 1 2; do
  RATE=$(nice -n 10 wrk -t2 -c"$CONNECTIONS" -d10s -s post.lua "http://127.0.0.1:$PORT/predict" -- "$DELAY" | awk '/^RESULT/ { printf "%d", $2 / 10 }')
  NEXT=$(( CONNECTIONS * TARGET / (RATE > 0 ? RATE : 1) ))
  [ "$NEXT" -gt $(( CONNECTIONS * 2 )) ] && NEXT=$(( CONNECTIONS * 2 ))
  CONNECTIONS=$NEXT
done
[ "$CONNECTIONS" -lt 1 ] && CONNECTIONS=1
[ "$CONNECTIONS" -gt 800 ] && CONNECTIONS=800  # below serve's default --max-connections (1024)
echo "== capacity ${CAPACITY} req/s; soaking at about ${TARGET} req/s (${CONNECTIONS} connections, ${DELAY} ms pause) for ${MINUTES} min" >&2

BASE_LINES=$(logged_lines)
BASE_200=$(served_200)
TOTAL_REQUESTS=0; TOTAL_BAD=0; TOTAL_SOCKET=0
RSS_FIRST=0; FDS_FIRST=0; RSS_MAX=0; FDS_MAX=0
ROTATIONS=0; SWITCHES=0
printf '%6s %9s %8s %8s %7s %7s %8s %10s\n' minute req/s non200 sockerr p99_us rss_kib open_fd event
for minute in $(seq 1 "$MINUTES"); do
  nice -n 10 wrk -t2 -c"$CONNECTIONS" -d60s --timeout 10s -s post.lua "http://127.0.0.1:$PORT/predict" -- "$DELAY" > "wrk.$minute" &
  WRK=$!
  sleep 30
  EVENT="-"
  # Every 2nd minute a model switch; every 3rd a log rotation (both while wrk runs).
  if [ $(( minute % 2 )) -eq 0 ]; then
    "$FORECAST" models use "${VERSIONS[$(( SWITCHES % 2 ))]}" >/dev/null
    SWITCHES=$(( SWITCHES + 1 )); EVENT="model"
  fi
  if [ $(( minute % 3 )) -eq 0 ]; then
    ROTATIONS=$(( ROTATIONS + 1 ))
    mv "$WORK/soak_log.csv" "$WORK/soak_log.csv.$ROTATIONS"
    if [ "$EVENT" = "-" ]; then EVENT="rotate"; else EVENT="$EVENT+rotate"; fi
  fi
  wait "$WRK" || true
  sleep 1  # the server closes wrk's connections as it sees them go: count descriptors after
  read -r _ requests bad socket p99 < <(grep '^RESULT' "wrk.$minute")
  RATE=$(( requests / 60 ))
  TOTAL_REQUESTS=$(( TOTAL_REQUESTS + requests )); TOTAL_BAD=$(( TOTAL_BAD + bad )); TOTAL_SOCKET=$(( TOTAL_SOCKET + socket ))
  rss=$(rss_kib "$SERVER"); fds=$(open_fds "$SERVER")
  if [ "$minute" -eq 1 ]; then RSS_FIRST=$rss; FDS_FIRST=$fds; fi
  [ "$rss" -gt "$RSS_MAX" ] && RSS_MAX=$rss
  [ "$fds" -gt "$FDS_MAX" ] && FDS_MAX=$fds
  printf '%6s %9s %8s %8s %7s %7s %8s %10s\n' "$minute" "$RATE" "$bad" "$socket" "$p99" "$rss" "$fds" "$EVENT"
done
sleep 1.5  # lines of the last requests are on disk before their response; let rotations settle
LINES=$(( $(logged_lines) - BASE_LINES ))
OK=$(( TOTAL_REQUESTS - TOTAL_BAD ))
# The server's own count of 200s sent, less the one /metrics scrape answered in between.
SERVED=$(( $(served_200) - BASE_200 - 1 ))
RSS_GROWTH=$(awk -v a="$RSS_FIRST" -v b="$RSS_MAX" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
FDS_GROWTH=$(awk -v a="$FDS_FIRST" -v b="$FDS_MAX" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
echo
echo "soak ${MINUTES} min, target ${TARGET} req/s (half of ${CAPACITY}), mean $(( TOTAL_REQUESTS / MINUTES / 60 )) req/s: $TOTAL_REQUESTS requests, $TOTAL_BAD non-200, $TOTAL_SOCKET socket errors"
echo "200s received by wrk $OK, 200s sent by the server $SERVED, lines logged $LINES (over $(( ROTATIONS + 1 )) files), $SWITCHES model switches"
echo "(wrk stops each minute with up to $CONNECTIONS requests in flight: answered and logged, never counted as received)"
echo "RSS minute 1 ${RSS_FIRST} KiB, max after ${RSS_MAX} KiB (+${RSS_GROWTH} %); fds minute 1 ${FDS_FIRST}, max after ${FDS_MAX} (+${FDS_GROWTH} %)"
grep -E 'reloaded|rotated|failed|warning' serve.err | sort | uniq -c | sed 's/^/server: /' || true
FAILED=0
[ "$TOTAL_BAD" -eq 0 ] && [ "$TOTAL_SOCKET" -eq 0 ] || { echo "GOAL MISSED: errors"; FAILED=1; }
[ "$SERVED" -eq "$LINES" ] && [ "$OK" -le "$LINES" ] && [ "$LINES" -le $(( OK + CONNECTIONS * MINUTES )) ] \
  || { echo "GOAL MISSED: 200s and log lines differ"; FAILED=1; }
awk -v g="$RSS_GROWTH" -v f="$FDS_GROWTH" 'BEGIN { exit !(g <= 5 && f <= 5) }' || { echo "GOAL MISSED: growth over 5 %"; FAILED=1; }
[ "$FAILED" -eq 0 ] && echo "all goals met"
exit "$FAILED"
