#!/usr/bin/env bash
# Measures `forecast plot` and `forecast drift` (release build) on a 1 M-line prediction log in
# the ten-column (calendar) shape, and `forecast plot` on a five-column one, beside the original
# notebook's approach (pandas + matplotlib, two SVG charts) measured in the same run, then
# checks that every SVG written is well-formed XML and under 1 MB. The features file is the
# sample's (`forecast etl`), so `plot` also scores the forecasts (its accuracy section) as a
# user's run would. Issue 10's goal: plot and drift each under 0.5 s on 1 M lines.
#
#   scripts/bench_plot.sh [LINES]        (default 1000000; run from anywhere)
#
# Needs: swift, python3, hyperfine (installed from Debian if missing). The reference tools are installed by this script into
# scripts/.venv (gitignored) from PyPI. The log and outputs go to scripts/.bench (gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."
LINES="${1:-1000000}"
BENCH=scripts/.bench
mkdir -p "$BENCH"
. scripts/require_tools.sh
require_tool hyperfine hyperfine
require_tool /usr/bin/time time

swift build -c release --product forecast 2>&1 | grep -E "warning:|error:|Compiling|Build" || true
FORECAST=.build/release/forecast

if [ ! -x scripts/.venv/bin/python ]; then python3 -m venv scripts/.venv; fi
scripts/.venv/bin/python -c "import pandas, matplotlib" 2>/dev/null \
  || scripts/.venv/bin/pip install --quiet pandas matplotlib

FEATURES="$BENCH/features_daily.csv"
[ -f "$FEATURES" ] || "$FORECAST" etl --input data/raw/ventes_ecommerce.csv --output "$FEATURES" 2>/dev/null
LAST_DAY="$(tail -1 "$FEATURES" | cut -d, -f1)"
LOG="$BENCH/log_${LINES}_calendar.csv"
FIVE="$BENCH/log_${LINES}.csv"
[ -f "$LOG" ] || python3 scripts/make_prediction_log.py --lines "$LINES" --malformed 50 --shape calendar --end "$LAST_DAY" --output "$LOG"
[ -f "$FIVE" ] || python3 scripts/make_prediction_log.py --lines "$LINES" --malformed 50 --output "$FIVE"
echo "logs: $LOG ($(wc -l < "$LOG") lines, $(du -h "$LOG" | cut -f1)), $FIVE ($(du -h "$FIVE" | cut -f1))"

# No model registry in the bench folder: the model charts are not part of the measurement.
hyperfine --warmup 1 --runs 5 -i --export-json "$BENCH/plot.json" \
  -n "forecast plot" "$FORECAST plot --log $LOG --reference $FEATURES --output-dir $BENCH/out --models-dir $BENCH/no-models" \
  -n "forecast drift" "$FORECAST drift --log $LOG --reference $FEATURES --output-dir $BENCH/out" \
  -n "forecast plot (five columns)" "$FORECAST plot --log $FIVE --reference $FEATURES --output-dir $BENCH/out-five --models-dir $BENCH/no-models" \
  -n "pandas+matplotlib" "scripts/.venv/bin/python scripts/bench_plot_reference.py $LOG $BENCH/reference-out"

# CPU seconds (user + system) beside wall time: on a shared machine the wall time includes
# waiting for a core, which the goal is not about.
cpu() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.2f", $1 + $2}'; }
echo
echo "CPU seconds, one run each: plot $(cpu "$FORECAST" plot --log "$LOG" --reference "$FEATURES" --output-dir "$BENCH/out" --models-dir "$BENCH/no-models")," \
  "drift $(cpu "$FORECAST" drift --log "$LOG" --reference "$FEATURES" --output-dir "$BENCH/out")," \
  "pandas+matplotlib $(cpu scripts/.venv/bin/python scripts/bench_plot_reference.py "$LOG" "$BENCH/reference-out")"

python3 - "$BENCH/plot.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
ref = results["pandas+matplotlib"]
print(f"\n| tool | mean (s) | min (s) | max (s) | reference / ours |\n|---|---|---|---|---|")
for name in ("forecast plot", "forecast drift", "forecast plot (five columns)", "pandas+matplotlib"):
    r = results[name]
    label = name + (" (2 charts)" if name.startswith("pandas") else "")
    print(f"| {label} | {r['mean']:.3f} | {r['min']:.3f} | {r['max']:.3f} | {ref['mean'] / r['mean']:.1f}x |")
PY

echo
echo "SVG check (well-formed XML, size < 1 MB):"
python3 - "$BENCH/out" <<'PY'
import os, sys, xml.etree.ElementTree as ET
folder, failures = sys.argv[1], 0
for name in sorted(os.listdir(folder)):
    if not name.endswith(".svg"):
        continue
    path = os.path.join(folder, name)
    size = os.path.getsize(path)
    try:
        ET.parse(path)
        ok = size < 1_000_000
    except ET.ParseError as error:
        ok = False
        print(f"  {name}: not XML: {error}")
    failures += not ok
    print(f"  {name}: {size:,} bytes {'ok' if ok else 'FAIL'}")
sys.exit(1 if failures else 0)
PY
