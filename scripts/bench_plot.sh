#!/usr/bin/env bash
# Measures `forecast plot` (release build) on a 1 M-line prediction log beside the original
# notebook's approach (pandas + matplotlib, two SVG charts) measured in the same run, then
# checks that every SVG written is well-formed XML and under 1 MB.
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

swift build -c release --product forecast 2>&1 | grep -E "warning:|error:|Compiling|Build" || true
FORECAST=.build/release/forecast

if [ ! -x scripts/.venv/bin/python ]; then python3 -m venv scripts/.venv; fi
scripts/.venv/bin/python -c "import pandas, matplotlib" 2>/dev/null \
  || scripts/.venv/bin/pip install --quiet pandas matplotlib

LOG="$BENCH/log_${LINES}.csv"
if [ ! -f "$LOG" ]; then
  python3 scripts/make_prediction_log.py --lines "$LINES" --malformed 50 --output "$LOG"
fi
echo "log: $LOG ($(wc -l < "$LOG") lines, $(du -h "$LOG" | cut -f1))"

# No model registry in the bench folder: the model charts are not part of the measurement.
hyperfine --warmup 1 --runs 5 --export-json "$BENCH/plot.json" \
  -n "forecast plot" "$FORECAST plot --log $LOG --output-dir $BENCH/out --models-dir $BENCH/no-models" \
  -n "pandas+matplotlib" "scripts/.venv/bin/python scripts/bench_plot_reference.py $LOG $BENCH/reference-out"

python3 - "$BENCH/plot.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
ours, ref = results["forecast plot"], results["pandas+matplotlib"]
print(f"\n| tool | mean (s) | min (s) | max (s) |\n|---|---|---|---|")
for name, r in (("forecast plot", ours), ("pandas+matplotlib (2 charts)", ref)):
    print(f"| {name} | {r['mean']:.3f} | {r['min']:.3f} | {r['max']:.3f} |")
print(f"ratio reference / ours: {ref['mean'] / ours['mean']:.1f}x")
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
