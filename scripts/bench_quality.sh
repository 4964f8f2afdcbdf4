#!/usr/bin/env bash
# Benchmark of forecast quality (issue 9 §5): on the shipped sample and on generated shops of
# four shapes (stable, weekly pattern, level shift, growth), the rolling-origin backtest MAE of
# every `forecast train` candidate and of `auto`, the calibrated interval's coverage of the test
# days, and scikit-learn's RandomForestRegressor on the same features and folds, side by side.
# Checks the goals: auto never worse than the best rule; >= 10 % better than the best rule on the
# sample; the scale-free forest within 5 % of the best rule on the level-shift shop; coverage
# 80 ± 7 % on the sample and the level-shift shop. Also times `forecast train` on the sample.
#
# Usage: scripts/bench_quality.sh [DAYS] [SEED]      (generated shops: default 730 days, seed 7)
# Needs: swift, python3 (scikit-learn and numpy are installed into scripts/.venv from PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
days="${1:-730}"
seed="${2:-7}"
work=scripts/.bench/quality
mkdir -p "$work"

echo "== release build" >&2
swift build -c release --product forecast >&2
forecast=.build/release/forecast

echo "== Python venv with scikit-learn" >&2
if [ ! -x scripts/.venv/bin/python ]; then python3 -m venv scripts/.venv; fi
scripts/.venv/bin/python -c "import sklearn, numpy" 2>/dev/null || scripts/.venv/bin/pip install -q scikit-learn numpy >&2

echo "== features of the sample and of the generated shops" >&2
"$forecast" etl --input data/raw/ventes_ecommerce.csv --output "$work/sample.csv" 2>/dev/null
shops="sample=$work/sample.csv"
for shape in stable weekly level-shift growth; do
    "$forecast" generate --shape "$shape" --days "$days" --seed "$seed" --output "$work/$shape-raw.csv" 2>/dev/null
    "$forecast" etl --input "$work/$shape-raw.csv" --output "$work/$shape.csv" 2>/dev/null
    shops="$shops $shape=$work/$shape.csv"
done

echo "# $(swift --version 2>&1 | head -1); scikit-learn $(scripts/.venv/bin/python -c 'import sklearn; print(sklearn.__version__)'); generated shops: $days days, seed $seed"
# shellcheck disable=SC2086
scripts/.venv/bin/python scripts/bench_quality.py "$forecast" "$work" $shops
