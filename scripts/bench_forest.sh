#!/usr/bin/env bash
# Benchmark: our random forest against scikit-learn's RandomForestRegressor(n_estimators=200,
# n_jobs=-1), both measured in this run, on the sample's daily features and on synthetic data of
# 10k x 2, 100k x 2 and 100k x 8. Prints fit time, single-row and 10k-row prediction time, model
# size, test R² (mean over the seeds) and the ratios.
#
# Usage: scripts/bench_forest.sh [SEEDS]      (default 5 seeds per data set)
# Needs: swift, python3 (scikit-learn and numpy are installed into scripts/.venv from PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="${1:-5}"
work=scripts/.bench
mkdir -p "$work"

echo "== release build" >&2
swift build -c release --product forecast >&2
release=.build/release

echo "== Python venv with scikit-learn" >&2
if [ ! -x scripts/.venv/bin/python ]; then python3 -m venv scripts/.venv; fi
scripts/.venv/bin/python -c "import sklearn, numpy" 2>/dev/null || scripts/.venv/bin/pip install -q scikit-learn numpy >&2

echo "== compiling the Swift bench against the release modules" >&2
swiftc -O -swift-version 6 -I "$release/Modules" scripts/bench_forest.swift \
    "$release"/Forest.build/*.o "$release"/ModelRegistry.build/*.o "$release"/ForecastData.build/*.o "$release"/ByteWriting.build/*.o \
    -o "$work/bench_forest" >&2

features="$work/features_daily.csv"
if [ -f data/processed/features_daily.csv ]; then
    cp data/processed/features_daily.csv "$features"
else
    echo "== features of the shipped sample (forecast etl)" >&2
    "$release/forecast" etl --input data/raw/ventes_ecommerce.csv --output "$features" >&2
fi

echo "# scikit-learn $(scripts/.venv/bin/python -c 'import sklearn; print(sklearn.__version__)'), $(swift --version 2>&1 | head -1)"
scripts/.venv/bin/python scripts/bench_forest.py "$work/bench_forest" "$features" "$work" "$seeds"
