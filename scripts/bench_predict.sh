#!/usr/bin/env bash
# Benchmark: the serving path's costs on the daily model (the sample's features, `forecast train`
# defaults: 200 trees, extended features) beside scikit-learn on a forest fitted on the same rows:
# one-row prediction with its 10th-90th percentile interval (ours) vs `model.predict` on one row
# (sklearn, no interval), and model load (ours: read + checksums + validation) vs `pickle.load`.
# Prints the medians and the ratios; ours also in thread CPU time, which other jobs sharing the
# cores do not inflate (wall time does: a load waits for a core).
#
# Usage: scripts/bench_predict.sh [RUNS]     (default 5 runs of each; medians over runs)
# Needs: swift, python3 (scikit-learn and numpy are installed into scripts/.venv from PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
work=scripts/.bench
mkdir -p "$work"

echo "== release build" >&2
swift build -c release --product forecast >&2
release=.build/release

echo "== Python venv with scikit-learn" >&2
if [ ! -x scripts/.venv/bin/python ]; then python3 -m venv scripts/.venv; fi
scripts/.venv/bin/python -c "import sklearn, numpy" 2>/dev/null || scripts/.venv/bin/pip install -q scikit-learn numpy >&2

echo "== compiling the Swift bench against the release modules" >&2
swiftc -O -swift-version 6 -I "$release/Modules" scripts/bench_predict.swift \
    "$release"/Forest.build/*.o "$release"/ModelRegistry.build/*.o "$release"/ForecastData.build/*.o "$release"/ByteWriting.build/*.o \
    -o "$work/bench_predict" >&2

features="$work/features_daily.csv"
if [ ! -f "$features" ]; then
    echo "== features of the shipped sample (forecast etl)" >&2
    "$release/forecast" etl --input data/raw/ventes_ecommerce.csv --output "$features" >&2
fi

"$work/bench_predict" export "$features" "$work/daily_train_rows.csv"
scripts/.venv/bin/python - "$work/bench_predict" "$features" "$runs" "$work/daily_train_rows.csv" <<'PY'
import json, pickle, statistics, subprocess, sys, time
import numpy as np
from sklearn.ensemble import RandomForestRegressor

binary, features, runs, train_rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
ours = [json.loads(subprocess.run([binary, "time", features], check=True, capture_output=True, text=True).stdout)
        for _ in range(runs)]

# scikit-learn's forest fitted on the daily model's own training rows (same features, same size).
rows = np.loadtxt(train_rows, delimiter=",", ndmin=2)
X, y = rows[:, :-1], rows[:, -1]
model = RandomForestRegressor(n_estimators=200, n_jobs=-1, random_state=42).fit(X, y)
blob = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
row = X[-1:]
sk_predict, sk_load = [], []
for _ in range(runs):
    calls = 50
    start = time.perf_counter()
    for _ in range(calls):
        model.predict(row)
    sk_predict.append((time.perf_counter() - start) / calls * 1e6)
    start = time.perf_counter()
    pickle.loads(blob)
    sk_load.append((time.perf_counter() - start) * 1e3)

predict, load = statistics.median(r["predict_us"] for r in ours), statistics.median(r["load_ms"] for r in ours)
skp, skl = statistics.median(sk_predict), statistics.median(sk_load)
nodes = ours[0]["nodes"]
print(f"# daily model: {ours[0]['trees']} trees, {nodes} nodes, file {ours[0]['model_bytes'] / 1e6:.2f} MB; "
      f"sklearn pickle {len(blob) / 1e6:.2f} MB; medians over {runs} runs")
print(f"{'':28} {'ours':>10} {'sklearn':>10} {'ratio':>8}")
print(f"{'1-row predict µs':28} {predict:10.2f} {skp:10.1f} {predict / skp:8.4f}   (target ≤ 8 µs)")
print(f"{'model load ms':28} {load:10.2f} {skl:10.2f} {load / skl:8.3f}   (target ≤ 5 ms)")
pd = statistics.median(r["predict_days_us"] for r in ours)
print(f"{'  requests for 146 days':28} {pd:10.2f}            (each row its own day and history: colder caches)")
pc, lc = statistics.median(r["predict_cpu_us"] for r in ours), statistics.median(r["load_cpu_ms"] for r in ours)
print(f"{'  same, thread CPU time':28} {pc:10.2f} µs {lc:8.2f} ms   (what the work costs when other jobs share the cores)")
print("runs (ours): predict µs " + " ".join(f"{r['predict_us']:.2f}" for r in ours)
      + " | load ms " + " ".join(f"{r['load_ms']:.2f}" for r in ours))
PY
