#!/usr/bin/env bash
# Screenshots of the monitoring report as a user sees it, with headless Chromium:
# index.html (with its accuracy section), drift.html and every chart of a demo workspace
# (synthetic shop, a trained model, a 5,000-line ten-column prediction log with a few torn
# lines), plus the charts of a one-line log and of a constant log (edge cases). PNGs go to reports/screenshots/ (gitignored).
#
#   scripts/screenshots.sh [OUTPUT_DIR]
#
# Needs: swift, python3 (standard library), chromium (Debian package, installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="$(realpath -m "${1:-reports/screenshots}")"
mkdir -p "$OUT"
. scripts/require_tools.sh
require_tool chromium chromium
swift build --product forecast 2>&1 | grep -E "warning:|error:" || true
FORECAST="$(pwd)/.build/debug/forecast"
ROOT="$(pwd)"
WORK="$(mktemp -d /tmp/forecast-screens-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

shoot() {  # shoot FILE PNG WIDTH HEIGHT
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --screenshot="$2" --window-size="$3,$4" "file://$1" >/dev/null 2>&1
  echo "  $2"
}

echo "demo workspace: $WORK/demo"
mkdir -p "$WORK/demo" && cd "$WORK/demo"
"$FORECAST" generate --days 240 >/dev/null 2>&1
"$FORECAST" etl >/dev/null 2>&1
"$FORECAST" train --trees 30 --backtest 3 >/dev/null 2>&1
# A ten-column log whose forecast days end with the features file's last label, so
# `forecast accuracy` has days to score (the synthetic predictions are not the model's).
LAST_DAY="$(tail -1 data/processed/features_daily.csv | cut -d, -f1)"
python3 "$ROOT/scripts/make_prediction_log.py" --lines 5000 --malformed 4 --days 20 --shape calendar --end "$LAST_DAY" \
  --output data/predictions_log.csv
"$FORECAST" drift >/dev/null 2>&1 || true  # exit 3 when drift is found
"$FORECAST" plot >/dev/null 2>&1
"$FORECAST" accuracy >/dev/null 2>&1 || true  # exit 4 when the forecasts did worse than the naive rules
shoot "$WORK/demo/reports/index.html" "$OUT/index.png" 1280 9000
shoot "$WORK/demo/reports/drift.html" "$OUT/drift.png" 1280 1900
for svg in "$WORK"/demo/reports/*.svg; do
  name="$(basename "$svg" .svg)"
  shoot "$svg" "$OUT/$name.png" 800 440
done

echo "two replicas"
mkdir -p "$WORK/replicas" && cd "$WORK/replicas"
python3 "$ROOT/scripts/make_prediction_log.py" --lines 3000 --days 3 --seed 1 --output replica-a.csv
python3 "$ROOT/scripts/make_prediction_log.py" --lines 3000 --days 3 --seed 2 --output replica-b.csv
"$FORECAST" plot --log 'replica-*.csv' >/dev/null 2>&1
shoot "$WORK/replicas/reports/predictions_time_series.svg" "$OUT/replicas_predictions_time_series.png" 800 440

echo "edge cases: one line, constant"
for case in one constant; do
  mkdir -p "$WORK/$case" && cd "$WORK/$case"
  printf 'timestamp,ca_total,nb_commandes,prediction,model_version\n' > log.csv
  if [ "$case" = one ]; then
    printf '2026-11-22T10:15:30.123Z,15000.5,320,16234.56,v1\n' >> log.csv
  else
    for minute in 00 10 20 30 40 50; do printf '2026-11-22T10:%s:00.000Z,15000,300,16000,v1\n' "$minute" >> log.csv; done
  fi
  "$FORECAST" plot --log log.csv >/dev/null 2>&1
  for name in predictions_time_series predictions_histogram revenue_vs_prediction; do
    shoot "$WORK/$case/reports/$name.svg" "$OUT/${case}_$name.png" 800 440
  done
done
echo "screenshots in $OUT"
