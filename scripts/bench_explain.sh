#!/usr/bin/env bash
# Benchmark: our exact TreeSHAP against the shap package's TreeExplainer, both measured in this
# run on the same scikit-learn RandomForestRegressor (200 trees) fitted on the sample's extended
# features: time for one row and for every test row, the ratio, and the largest difference
# between the two explanations; then ours on our own forest of the same rows.
#
# Usage: scripts/bench_explain.sh [REPEATS]      (default 21 timings of one row, median shown)
# Needs: swift, python3 (scikit-learn, shap and numpy are installed into scripts/.venv from PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
repeats="${1:-21}"
work=scripts/.bench/explain
mkdir -p "$work"

echo "== release build" >&2
swift build -c release --product forecast >&2
release=.build/release

echo "== Python venv with scikit-learn and shap" >&2
if [ ! -x scripts/.venv/bin/python ]; then python3 -m venv scripts/.venv; fi
scripts/.venv/bin/python -c "import sklearn, shap, numpy" 2>/dev/null || scripts/.venv/bin/pip install -q scikit-learn shap numpy >&2

echo "== compiling the Swift bench against the release modules" >&2
swiftc -O -swift-version 6 -I "$release/Modules" scripts/bench_explain.swift \
    "$release"/Forest.build/*.o "$release"/ModelRegistry.build/*.o "$release"/ForecastData.build/*.o "$release"/ByteWriting.build/*.o \
    -o "$work/bench_explain" >&2

features="$work/features_daily.csv"
if [ -f data/processed/features_daily.csv ]; then
    cp data/processed/features_daily.csv "$features"
else
    echo "== features of the shipped sample (forecast etl)" >&2
    "$release/forecast" etl --input data/raw/ventes_ecommerce.csv --output "$features" >&2
fi
"$work/bench_explain" export "$features" "$work/train.csv" "$work/test.csv"
scripts/.venv/bin/python scripts/bench_explain.py "$work/bench_explain" "$work/train.csv" "$work/test.csv" "$work" "$repeats"
