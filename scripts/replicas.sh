#!/usr/bin/env bash
# N `forecast serve` replicas behind nginx on 127.0.0.1, tested for real:
#   1. throughput through nginx with 1 replica, then with N (wrk, POST /predict; printed, no target);
#   2. wrk through nginx while replica 1 is SIGKILLed and brought back: every 200 received must be
#      in exactly one replica's log (no 200 lost, none logged twice);
#   3. `forecast models use` on the shared registry: time until every replica serves that version;
#   4. `forecast plot` / `drift` / `accuracy` over the glob of replica logs count every line once
#      (each is skipped, and said so, when the binary does not have it or takes no pattern yet).
#
# Usage: scripts/replicas.sh [N]        (N >= 2, default 2; DURATION=6 seconds per wrk run)
# Needs: swift, python3; wrk and nginx are installed from Debian if missing.
#
# What the replicas share: the registry (models/, read-only for them) and the features file.
# What they must not share: the prediction log (one file each: appends from several processes
# would be safe, but a replica's log is its own record and has its own volume in Kubernetes) and
# nothing in memory (no session, no cache a client relies on), so any replica answers any request.
#
# nginx retry policy, the choice: `proxy_next_upstream error timeout` without `non_idempotent`.
# A POST is passed to another replica only when it never reached the first (connection refused or
# reset before the request was sent: the killed replica). Once a POST was sent, the replica may
# have appended its log line before dying, so nginx answers 502 instead of retrying: retrying
# could log one prediction twice. 503 is not retried either (nginx never retries a sent POST).
# Hence a few lines may be logged for requests whose client got a 502; never a 200 without a line.
set -euo pipefail

N="${1:-2}"
DURATION="${DURATION:-6}"
[ "$N" -ge 2 ] 2>/dev/null || { echo "replicas: N must be a number >= 2 (got '$N')" >&2; exit 2; }
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/scripts/.bench/replicas"
FORECAST="$ROOT/.build/release/forecast"
declare -A REPLICA_PID=()
NGINX_PID=""
cleanup() {
  local pid
  for pid in "${REPLICA_PID[@]}" $NGINX_PID; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

. "$ROOT/scripts/loopback.sh"  # free_port, wait_http
logged_lines() {  # data lines across every replica log
  local total=0 file
  for file in "$WORK"/logs/predictions_log-*.csv; do [ -f "$file" ] && total=$(( total + $(wc -l < "$file") - 1 )); done
  echo "$total"
}

. "$ROOT/scripts/require_tools.sh"
require_tool wrk wrk
require_tool nginx nginx-light

if [ ! -x "$FORECAST" ]; then
  echo "== building (release)" >&2
  (cd "$ROOT" && swift build -c release --product forecast >&2)
fi

rm -rf "$WORK"; mkdir -p "$WORK/logs" "$WORK/nginx/tmp"; cd "$WORK"
echo "== shared data: generate, etl, two model versions" >&2
"$FORECAST" generate > /dev/null 2>&1
"$FORECAST" etl > /dev/null 2>&1
"$FORECAST" train --trees 100 --seed 1 --json > first.json
"$FORECAST" train --trees 100 --seed 2 --json > second.json
FIRST=$(python3 -c 'import json; print(json.load(open("first.json"))["model_version"])')
SECOND=$(python3 -c 'import json; print(json.load(open("second.json"))["model_version"])')

PORTS=()
for i in $(seq 1 "$N"); do PORTS[i]=$(free_port); done
# start_replica I: one event loop each, so a replica stands for one core's worth of service.
start_replica() {
  local i=$1
  "$FORECAST" serve --port "${PORTS[i]}" --threads 1 --quiet --log "$WORK/logs/predictions_log-$i.csv" \
    >> "replica-$i.out" 2>> "replica-$i.err" &
  REPLICA_PID[$i]=$!
  wait_http "${PORTS[i]}"
}
for i in $(seq 1 "$N"); do start_replica "$i"; done

NGINX_PORT=$(free_port)
# start_nginx COUNT: round robin over the first COUNT replicas, passive health checks.
start_nginx() {
  local count=$1 servers="" i
  for i in $(seq 1 "$count"); do servers+="    server 127.0.0.1:${PORTS[i]} max_fails=1 fail_timeout=2s;"$'\n'; done
  cat > nginx/nginx.conf <<NGINX
worker_processes auto;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log error;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/tmp; proxy_temp_path $WORK/nginx/tmp; fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp; scgi_temp_path $WORK/nginx/tmp;
  upstream forecast {
$servers    keepalive 64;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://forecast;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_connect_timeout 1s;
      proxy_read_timeout 10s;
      # Retry elsewhere only a request that never reached a replica (see the header comment).
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 2;
      proxy_next_upstream_timeout 2s;
    }
  }
}
NGINX
  nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" 2>> nginx/stderr &
  NGINX_PID=$!
  wait_http "$NGINX_PORT"
}
stop_nginx() { kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=""; }

cat > post.lua <<'LUA'
-- POST /predict; at the end one RESULT line: req/s, 200s, other statuses, socket errors.
wrk.method = "POST"
wrk.body = '{"ca_total": 15000.0, "nb_commandes": 320}'
wrk.headers["Content-Type"] = "application/json"
function done(summary, latency, requests)
  io.write(string.format("RESULT %.1f %d %d %d\n", summary.requests / (summary.duration / 1e6),
    summary.requests - summary.errors.status, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA

echo "== 1. throughput through nginx: 1 replica, then $N (${DURATION} s each, wrk 2 threads, 50 connections)" >&2
THROUGHPUT=()
for count in 1 "$N"; do
  start_nginx "$count"
  wrk -t2 -c50 -d1s -s post.lua "http://127.0.0.1:$NGINX_PORT/predict" > /dev/null 2>&1 || true
  before=$(logged_lines)
  read -r _ rps ok other errors <<< "$(wrk -t2 -c50 -d"${DURATION}s" -s post.lua "http://127.0.0.1:$NGINX_PORT/predict" | grep '^RESULT')"
  after=$(logged_lines)
  THROUGHPUT[count]=$rps
  echo "   $count replica(s): $rps req/s, 200s $ok, other statuses $other, socket errors $errors, lines logged $((after - before))" >&2
  stop_nginx
done

echo "== 2. kill replica 1 (SIGKILL) a third into a ${DURATION} s run, bring it back at two thirds" >&2
cat > unique.lua <<'LUA'
-- A unique ca_total per request; each 200's ca_total goes to a per-thread file; statuses counted.
local counter, file, statuses = 0, nil, {}
local threads = {}
function setup(thread) thread:set("tid", #threads + 1); table.insert(threads, thread) end
function init(args) file = io.open(args[1] .. "." .. tid, "w") end
function request()
  counter = counter + 1
  return wrk.format("POST", "/predict", {["Content-Type"] = "application/json"},
    string.format('{"ca_total": %d, "nb_commandes": 1}', tid * 100000000 + counter))
end
function response(status, headers, body)
  if status == 200 then
    local value = body:match('"ca_total":%s*(%d+)')
    if value then file:write(value, "\n"); file:flush() end
  else
    file:write("status ", status, "\n"); file:flush()
  end
end
LUA
start_nginx "$N"
for file in logs/predictions_log-*.csv; do cp "$file" "$file.before"; done
wrk -t2 -c50 -d"${DURATION}s" -s unique.lua "http://127.0.0.1:$NGINX_PORT/predict" -- "$WORK/received" > /dev/null 2>&1 &
WRK_PID=$!
sleep "$(awk -v d="$DURATION" 'BEGIN { print d / 3 }')"
kill -KILL "${REPLICA_PID[1]}"; wait "${REPLICA_PID[1]}" 2>/dev/null || true
sleep "$(awk -v d="$DURATION" 'BEGIN { print d / 3 }')"
start_replica 1
wait "$WRK_PID" || true
stop_nginx
cat received.* | grep -v '^status' | sort > received.txt || true
NON_200=$(cat received.* | grep -c '^status' || true)
# Lines written during the run only: each log minus its lines from before.
for file in logs/predictions_log-*.csv; do tail -n +"$(( $(wc -l < "$file.before") + 1 ))" "$file"; done \
  | awk -F, '{ sub(/\.0$/, "", $2); print $2 }' | sort > logged.txt
RECEIVED=$(wc -l < received.txt)
LOGGED=$(wc -l < logged.txt)
MISSING=$(comm -23 <(sort -u received.txt) <(sort -u logged.txt) | wc -l)
TWICE=$(uniq -d logged.txt | wc -l)
EXTRA=$(comm -13 <(sort -u received.txt) <(sort -u logged.txt) | wc -l)
echo "   200s received $RECEIVED, lines logged $LOGGED: $MISSING 200s not logged, $TWICE logged twice, $EXTRA logged without a 200 (other statuses: $NON_200)" >&2

echo "== 3. forecast models use $FIRST (current was $SECOND): until every replica serves it" >&2
PROPAGATION=$(python3 - "$FORECAST" "$FIRST" "${PORTS[@]}" <<'PY'
# Runs `forecast models use`, then polls every replica's /health every 10 ms (at most 10 s).
import json, subprocess, sys, time, urllib.request
forecast, version, ports = sys.argv[1], sys.argv[2], sys.argv[3:]
start = time.monotonic()
subprocess.run([forecast, "models", "use", version], check=True, capture_output=True)
seen = {}
while len(seen) < len(ports) and time.monotonic() - start < 10:
    for port in ports:
        if port in seen:
            continue
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as answer:
            if json.load(answer).get("model_version") == version:
                seen[port] = time.monotonic() - start
    time.sleep(0.01)
print(" ".join(f"{seen[p]:.2f}" if p in seen else "never" for p in ports))
PY
)
echo "   seconds until each replica served it: $PROPAGATION" >&2

echo "== 4. the glob of replica logs through plot, drift, accuracy" >&2
TOTAL=$(logged_lines)
GLOB="$WORK/logs/predictions_log-*.csv"
MONITORING=()
MONITOR_FAILED=0
for command in plot drift accuracy; do
  if ! "$FORECAST" "$command" --help > "$command.help" 2>&1; then
    MONITORING+=("$command: not in this binary yet"); continue
  fi
  if ! grep -qi 'pattern\|glob' "$command.help"; then
    MONITORING+=("$command: --log takes no pattern in this binary yet"); continue
  fi
  status=0 json=()
  grep -q -- '--json' "$command.help" && json=(--json)
  : > "$command.json"
  "$FORECAST" "$command" --log "$GLOB" --output-dir "$WORK/reports" "${json[@]}" > "$command.json" 2> "$command.err" || status=$?
  counted=$(python3 - "$WORK/$command.json" "$WORK/$command.err" <<'PY'
# The count of predictions read, as the command reports it: a JSON key, else "read N predictions".
import json, re, sys
out, err = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
def find(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in ("current_count", "predictions", "count", "rows_read", "lines_read") and isinstance(inner, int):
                return inner
            found = find(inner)
            if found is not None:
                return found
    return None
try:
    report = json.loads(out)
    if isinstance(report.get("unscored"), dict) and "scored_days" in report:
        # accuracy: one line scored per day; every other line is counted under a reason.
        found = report["scored_days"] + sum(report["unscored"].values())
    else:
        found = find(report)
except (ValueError, AttributeError):
    found = None
if found is None:
    match = re.search(r"read ([\d,]+) predictions", err + out)
    found = match.group(1).replace(",", "") if match else "?"
print(found)
PY
)
  if [ "$status" -le 0 ] || [ "$status" -eq 3 ] || [ "$status" -eq 4 ]; then
    MONITORING+=("$command: exit $status, counted $counted of $TOTAL logged lines")
    [ "$counted" = "$TOTAL" ] || MONITOR_FAILED=1
  else  # the pattern was taken but the logs were refused: say why, in the command's own words
    MONITORING+=("$command: exit $status ($TOTAL lines logged): $(head -c 400 "$command.err" | sed "s|$WORK/||g")")
  fi
done
for line in "${MONITORING[@]}"; do echo "   $line" >&2; done

echo
echo "$N forecast serve replicas (1 event loop each) behind nginx round robin, 127.0.0.1, $(nproc) cores shared with nginx and wrk"
echo "throughput: 1 replica ${THROUGHPUT[1]} req/s, $N replicas ${THROUGHPUT[N]} req/s, ratio $(awk -v a="${THROUGHPUT[1]}" -v b="${THROUGHPUT[N]}" 'BEGIN { printf "%.2f", b / a }')"
echo "replica 1 killed and restarted under load: $RECEIVED 200s received, $LOGGED lines logged, $MISSING 200s not logged, $TWICE logged twice, $EXTRA logged without a 200"
echo "models use reached every replica after (s): $PROPAGATION"
for line in "${MONITORING[@]}"; do echo "monitoring over the glob: $line"; done
[ "$MISSING" -eq 0 ] && [ "$TWICE" -eq 0 ] || { echo "FAILED: a 200 is missing from the logs or logged twice" >&2; exit 1; }
[ "$MONITOR_FAILED" -eq 0 ] || { echo "FAILED: a monitoring command did not count every logged line once" >&2; exit 1; }
