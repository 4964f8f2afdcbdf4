#!/usr/bin/env bash
# Where a /predict request's user-space time goes, counted in instructions under callgrind.
# Instruction counts do not move with the load other jobs put on the machine (req/s and CPU time
# do, by ±15 % from one run to the next here), so a change of a few percent shows. Measured for
# ours and for the two variants of scripts/variants.sh (ours without the model; the HTTP layer
# alone), each serving wrk at 4 connections under valgrind, the same body as bench_serve.sh.
# Prints, per server, the instructions per request spent in the event loop (everything the
# server does for a request in user space; system calls are not counted) and, for ours, the
# share of the forest walk.
#
# Usage: scripts/profile_request.sh [SECONDS]   (default 8 s of wrk per server)
# Needs: swift, git, valgrind and wrk (both installed from Debian if missing).
set -euo pipefail

SECONDS_EACH="${1:-8}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/scripts/.bench/profile"

. "$ROOT/scripts/loopback.sh"  # free_port, wait_http, stop_servers
trap stop_servers EXIT
. "$ROOT/scripts/require_tools.sh"
. "$ROOT/scripts/variants.sh"
require_tool valgrind valgrind
require_tool wrk wrk

echo "== building ours and the variants (release)" >&2
(cd "$ROOT" && swift build -c release --product forecast >&2)
OURS="$ROOT/.build/release/forecast"
NOMODEL=$(build_variant "$ROOT" nomodel)
NULL=$(build_variant "$ROOT" null)

rm -rf "$WORK"; mkdir -p "$WORK"; cd "$WORK"
echo "== data and model: generate, etl, train (200 trees)" >&2
"$OURS" generate >/dev/null 2>&1
"$OURS" etl >/dev/null 2>&1
"$OURS" train >/dev/null
cat > post.lua <<'LUA'
wrk.method = "POST"
wrk.body = '{"ca_total": 15000.0, "nb_commandes": 320}'
wrk.headers["Content-Type"] = "application/json"
LUA

# inclusive FILE PATTERN: the inclusive instruction count of the first function matching PATTERN.
# (Through a file: a reader that stops at the first match would SIGPIPE callgrind_annotate.)
inclusive() {
  callgrind_annotate --inclusive=yes "$1" > "$1.annotated" 2>/dev/null
  { grep -m1 -F -- "$2" "$1.annotated" || true; } | awk '{ gsub(",", "", $1); print $1 }'
}

# profile NAME BINARY: one row (name, requests, instructions per request, walk per request).
ROWS=()
profile() {
  local name=$1 binary=$2 port out="$WORK/$1.callgrind"
  port=$(free_port)
  valgrind --tool=callgrind --callgrind-out-file="$out" "$binary" serve --port "$port" \
    --log "$WORK/$name-log.csv" --quiet > "$name.out" 2> "$name.err" &
  local pid=$!; PIDS+=("$pid")
  wait_http "$port"
  local requests
  requests=$(wrk -t1 -c4 -d"${SECONDS_EACH}s" -s post.lua "http://127.0.0.1:$port/predict" | awk '/requests in/ { print $1 }')
  kill -TERM "$pid"; wait "$pid" || true
  local loop walk
  loop=$(inclusive "$out" 'EventLoop.swift:$s8HTTPCore9EventLoopC3runyyF')
  walk=$(inclusive "$out" 'RandomForestRegressor+Walk.swift:$s6Forest06RandomA9RegressorV15predictEachTree4into3row')
  ROWS+=("$name $requests $(( loop / requests )) $(( ${walk:-0} / requests ))")
  echo "   $name: $requests requests, $(( loop / requests )) instructions per request" >&2
}

echo "== profiling (${SECONDS_EACH} s of wrk each, under callgrind)" >&2
profile ours "$OURS"
profile nomodel "$NOMODEL"
profile null "$NULL"

echo
echo "user-space instructions per POST /predict in the event loop (callgrind; system calls not counted)"
printf '%-8s %9s %14s %14s\n' server requests instr/request walk/request
for row in "${ROWS[@]}"; do printf '%-8s %9s %14s %14s\n' $row; done
set -- ${ROWS[0]}; ours=$3; walk=$4
set -- ${ROWS[1]}; nomodel=$3
set -- ${ROWS[2]}; null=$3
echo "the model (features, walk, interval): $(( ours - nomodel )) of which the walk $walk;" \
  "body, formatting and log line: $(( nomodel - null )); HTTP layer and loop: $null"
