#!/usr/bin/env bash
# Benchmark: `forecast train --feature-set basic` as the user waits for it (read, fit, out-of-bag
# score, test score, the other feature set, pack, save) on a 10,000-day features table, beside
# scikit-learn's RandomForestRegressor(n_estimators=200, n_jobs=-1).fit alone on the same training
# rows (2 features), in the same run. Prints the medians, the ratio and our per-phase timings
# (`forecast train --json`'s `timings`).
#
# Usage: scripts/bench_train.sh [RUNS] [DAYS]    (default 3 runs, 10000 days)
# Needs: swift, python3 (scikit-learn and numpy are installed into scripts/.venv from PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
days="${2:-10000}"
work=scripts/.bench
mkdir -p "$work"

echo "== release build" >&2
swift build -c release --product forecast >&2
forecast=.build/release/forecast

echo "== Python venv with scikit-learn" >&2
if [ ! -x scripts/.venv/bin/python ]; then python3 -m venv scripts/.venv; fi
scripts/.venv/bin/python -c "import sklearn, numpy" 2>/dev/null || scripts/.venv/bin/pip install -q scikit-learn numpy >&2

features="$work/features_${days}d.csv"
if [ ! -f "$features" ]; then
    echo "== $days days of transactions (forecast generate) and their features (forecast etl)" >&2
    "$forecast" generate --days "$days" --output "$work/shop_${days}d.csv" >&2
    "$forecast" etl --input "$work/shop_${days}d.csv" --output "$features" >&2
fi

# With the quality issue's candidates, the forest alone and no backtest (as issue 10 measures).
extra=()
if "$forecast" train --help 2>&1 | grep -q -- '--model '; then extra=(--model forest --backtest 0); fi

scripts/.venv/bin/python - "$forecast" "$features" "$runs" "$work/train-models" "${extra[@]}" <<'PY'
import json, shutil, statistics, subprocess, sys, time
import numpy as np
from sklearn.ensemble import RandomForestRegressor

forecast, features, runs, models = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
extra = sys.argv[5:]
data = np.genfromtxt(features, delimiter=",", names=True, dtype=None, encoding="utf-8")
X = np.column_stack([data["ca_total"], data["nb_commandes"]]).astype(float)
y = data["label"].astype(float)
train = len(X) - int(np.ceil(len(X) * 0.2))

ours, phases, sk = [], [], []
for run in range(runs):
    shutil.rmtree(models, ignore_errors=True)
    command = [forecast, "train", "--features", features, "--feature-set", "basic", "--models-dir", models, "--json"] + extra
    start = time.perf_counter()
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    ours.append(time.perf_counter() - start)
    phases.append(json.loads(out)["timings"])
    model = RandomForestRegressor(n_estimators=200, n_jobs=-1, random_state=run)
    start = time.perf_counter()
    model.fit(X[:train], y[:train])
    sk.append(time.perf_counter() - start)

size = sum(p.stat().st_size for p in __import__("pathlib").Path(models, "versions").iterdir())
o, s = statistics.median(ours), statistics.median(sk)
print(f"# {len(X)} days, {train} training rows x 2 features, 200 trees; medians over {runs} runs; model file {size / 1e6:.1f} MB")
print(f"forecast train --feature-set basic {' '.join(extra)} (whole command): {o:.3f} s   runs: " + " ".join(f"{v:.3f}" for v in ours))
print(f"scikit-learn fit alone:                       {s:.3f} s   runs: " + " ".join(f"{v:.3f}" for v in sk))
print(f"ratio ours / sklearn fit: {o / s:.3f}   (target ≤ 0.5)")
names = sorted({k for p in phases for k in p}, key=lambda k: -statistics.median(p.get(k, 0) for p in phases))
print("phases (median s): " + ", ".join(f"{k} {statistics.median(p.get(k, 0) for p in phases):.3f}" for k in names))
PY
