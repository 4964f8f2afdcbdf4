#!/usr/bin/env bash
# Benchmark of `forecast etl` beside pandas and polars, measured in the same run on the same files.
#
# For each size (default 1 M and 10 M rows) it generates transactions with
# `forecast generate --rows N`, warms the page cache, then times three ways of building the
# daily table (revenue sum and distinct orders per calendar day):
#   forecast  `forecast etl` (release build)
#   pandas    read_csv + to_datetime + groupby(day).agg(sum, nunique)
#   polars    lazy scan_csv + str.to_datetime + group_by(day).agg(sum, n_unique)
# Each tool runs REPEATS times (default 3), the tools taking turns; the best wall time is kept,
# with the peak RSS of that run (/usr/bin/time). It prints wall time, peak RSS, MB/s, the throughput ratios, and
# whether the three daily tables agree (same days, same order counts, sums within 1e-9
# relative). Targets (issue 2, 10 M rows on 2 cores): ≥ 2× polars, ≥ 6× pandas, ≤ 64 MB RSS.
#
# Usage: scripts/bench_etl.sh            (ROWS="1000000 10000000" REPEATS=3 by default)
#        ROWS=200000 REPEATS=1 scripts/bench_etl.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS="${ROWS:-1000000 10000000}"
REPEATS="${REPEATS:-3}"
BENCH=scripts/.bench
VENV=scripts/.venv
mkdir -p "$BENCH"

. scripts/require_tools.sh
require_tool /usr/bin/time time

echo "bench: building forecast (release)" >&2
swift build -c release >&2
FORECAST="$(swift build -c release --show-bin-path)/forecast"

if [ ! -x "$VENV/bin/python" ]; then
    echo "bench: creating $VENV" >&2
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check pandas polars >&2
PY="$VENV/bin/python"

cat > "$BENCH/pandas_daily.py" <<'EOF'
import sys
import pandas as pd

source, output = sys.argv[1], sys.argv[2]
frame = pd.read_csv(source, usecols=["order_id", "timestamp", "amount"])
frame["day"] = pd.to_datetime(frame["timestamp"], format="%Y-%m-%d %H:%M:%S").dt.normalize()
daily = frame.groupby("day").agg(ca_total=("amount", "sum"), nb_commandes=("order_id", "nunique"))
daily.index = daily.index.strftime("%Y-%m-%d")
daily.to_csv(output, index_label="date", float_format="%.17g")
EOF

cat > "$BENCH/polars_daily.py" <<'EOF'
import sys
import polars as pl

source, output = sys.argv[1], sys.argv[2]
daily = (
    pl.scan_csv(source)
    .with_columns(pl.col("timestamp").str.to_datetime("%Y-%m-%d %H:%M:%S").dt.date().alias("day"))
    .group_by("day")
    .agg(pl.col("amount").sum().alias("ca_total"), pl.col("order_id").n_unique().alias("nb_commandes"))
    .sort("day")
    .collect()
)
daily.rename({"day": "date"}).select("date", "ca_total", "nb_commandes").write_csv(output, float_precision=17)
EOF

cat > "$BENCH/compare.py" <<'EOF'
"""Do the three daily tables agree? forecast leaves out the last day (it has no label yet)."""
import csv
import sys

def load(path):
    with open(path, newline="") as handle:
        return {row["date"]: (float(row["ca_total"]), int(row["nb_commandes"])) for row in csv.DictReader(handle)}

ours, pandas, polars = (load(path) for path in sys.argv[1:4])
problems = []
if sorted(pandas) != sorted(polars):
    problems.append("pandas and polars have different days")
expected_days = sorted(pandas)[:-1]
if sorted(ours) != expected_days:
    problems.append(f"forecast has {len(ours)} days, pandas {len(pandas)} (forecast leaves out the last)")
worst = 0.0
for day in expected_days:
    if day not in ours:
        continue
    for name, other in (("pandas", pandas), ("polars", polars)):
        if ours[day][1] != other[day][1]:
            problems.append(f"{day}: nb_commandes {ours[day][1]} vs {name} {other[day][1]}")
        reference = other[day][0]
        relative = abs(ours[day][0] - reference) / max(abs(reference), 1e-300)
        worst = max(worst, relative)
        if relative > 1e-9:
            problems.append(f"{day}: ca_total {ours[day][0]!r} vs {name} {reference!r}")
print(("yes" if not problems else "NO") + f" ({len(expected_days)} days, worst relative sum difference {worst:.1e})")
for problem in problems[:10]:
    print("  " + problem)
sys.exit(1 if problems else 0)
EOF

# Runs "$@" once; prints "wall_seconds peak_rss_kb".
measure() {
    local line
    line=$(/usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -n 1)
    echo "$line"
}

# Keeps the best (smallest) wall time of a tool and the peak RSS of that run.
best_wall=()
best_rss=()
keep_best() {  # tool-index wall rss
    if [ -z "${best_wall[$1]:-}" ] || awk "BEGIN { exit !($2 < ${best_wall[$1]}) }"; then
        best_wall[$1]=$2
        best_rss[$1]=$3
    fi
}

printf '\n%-9s %-8s %9s %10s %12s %9s %11s\n' "rows" "tool" "MB" "wall s" "peak RSS MB" "MB/s" "vs forecast"
status=0
for rows in $ROWS; do
    csv="$BENCH/transactions_$rows.csv"
    echo "bench: generating $rows rows" >&2
    "$FORECAST" generate --rows "$rows" --output "$csv" 2>/dev/null
    cat "$csv" > /dev/null  # every tool reads from the page cache
    bytes=$(stat -c %s "$csv")
    megabytes=$(awk "BEGIN { printf \"%.1f\", $bytes / 1e6 }")

    # The tools take turns, so a change in the machine's load hits all three alike.
    best_wall=()
    best_rss=()
    for round in $(seq "$REPEATS"); do
        echo "bench: $rows rows, round $round of $REPEATS" >&2
        read -r wall rss < <(measure "$FORECAST" etl --input "$csv" --output "$BENCH/forecast_$rows.csv")
        keep_best 0 "$wall" "$rss"
        read -r wall rss < <(measure "$PY" "$BENCH/pandas_daily.py" "$csv" "$BENCH/pandas_$rows.csv")
        keep_best 1 "$wall" "$rss"
        read -r wall rss < <(measure "$PY" "$BENCH/polars_daily.py" "$csv" "$BENCH/polars_$rows.csv")
        keep_best 2 "$wall" "$rss"
    done
    index=0
    for tool in forecast pandas polars; do
        awk -v rows="$rows" -v tool="$tool" -v mb="$megabytes" -v wall="${best_wall[$index]}" -v rss="${best_rss[$index]}" \
            -v ours="${best_wall[0]}" \
            'BEGIN { ratio = tool == "forecast" ? "1.00" : sprintf("%.2fx", wall / ours);
                     printf "%-9s %-8s %9s %10.2f %12.1f %9.0f %11s\n", rows, tool, mb, wall, rss / 1024, mb / wall, ratio }'
        index=$((index + 1))
    done
    printf '%-9s tables agree: ' "$rows"
    "$PY" "$BENCH/compare.py" "$BENCH/forecast_$rows.csv" "$BENCH/pandas_$rows.csv" "$BENCH/polars_$rows.csv" || status=1
done
echo
echo "MB = 10^6 bytes of CSV; wall = best of $REPEATS runs; 'vs forecast' = that tool's wall time / forecast's (throughput ratio)."
echo "machine: $(nproc) cores, $(uname -r); load average $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
