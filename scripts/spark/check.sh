#!/usr/bin/env bash
# Runs scripts/spark/daily_features.py on Spark in local mode beside `forecast etl`, on the
# shipped sample (as CSV, then as Parquet) and on a generated 10 M-row file, checks that the daily
# tables are the same (days, order counts, sums to 1e-9 relative), that `forecast train` reads
# Spark's folder as it is, and prints both wall times side by side.
#
# Usage: scripts/spark/check.sh            ROWS=2000000 scripts/spark/check.sh (a smaller big file)
# Needs: swift, python3, Java 17+ (installed from Debian if missing); pyspark goes into scripts/.venv.
# Spark runs as local[2] under `nice`: on a shared machine its times are an upper bound.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$ROOT/scripts/.bench/spark"
VENV="$ROOT/scripts/.venv"
ROWS="${ROWS:-10000000}"
MASTER="${SPARK_MASTER:-local[2]}"

. "$ROOT/scripts/require_tools.sh"
require_tool java openjdk-17-jre-headless

if ! "$VENV/bin/python" -c 'import pyspark' 2>/dev/null; then
  echo "== installing pyspark into $VENV" >&2
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check pyspark >&2
fi
SPARK_VERSION=$("$VENV/bin/python" -c 'import pyspark; print(pyspark.__version__)')

echo "== building (release)" >&2
(cd "$ROOT" && swift build -c release --product forecast >&2)
FORECAST="$ROOT/.build/release/forecast"

rm -rf "$WORK"; mkdir -p "$WORK"; cd "$WORK"
now() { date +%s.%N; }
ROWS_OUT=()

# compare NAME INPUT SPARK_OUTPUT_MODE: times both, checks the tables, appends a row.
compare() {
  local name=$1 input=$2 mode=$3 output="$WORK/spark_$1" extra=()
  [ "$mode" = file ] && { output="$WORK/spark_$1.csv"; extra=(--single-file); }
  echo "== $name: forecast etl" >&2
  local start; start=$(now)
  "$FORECAST" etl --input "$input" --output "$WORK/etl_$name.csv" 2> "etl_$name.err"
  local ours; ours=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
  echo "== $name: Spark $SPARK_VERSION ($MASTER), output as a $mode" >&2
  start=$(now)
  nice -n 10 "$VENV/bin/python" "$ROOT/scripts/spark/daily_features.py" --master "$MASTER" \
    --input "$input" --output "$output" "${extra[@]}" 2> "spark_$name.err" \
    || { cat "spark_$name.err" >&2; exit 1; }
  local spark; spark=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
  local verdict; verdict=$("$VENV/bin/python" "$ROOT/scripts/spark/compare_tables.py" "$WORK/etl_$name.csv" "$output") \
    || { echo "$name: $verdict" >&2; exit 1; }
  echo "   $verdict" >&2
  ROWS_OUT+=("$name|$(( $(wc -l < "$input") - 1 ))|$ours|$spark|$verdict")
}

compare sample "$ROOT/data/raw/ventes_ecommerce.csv" folder

echo "== forecast train --features on Spark's folder of part files" >&2
"$FORECAST" train --features "$WORK/spark_sample" --models-dir "$WORK/models" --trees 20 --json > train.json
python3 -c 'import json; d = json.load(open("train.json")); print("   trained", d["model_version"], "on", d["train_rows"] + d["test_rows"], "days")' >&2

echo "== the sample as Parquet (typed columns), written by Spark" >&2
nice -n 10 "$VENV/bin/python" - "$ROOT/data/raw/ventes_ecommerce.csv" "$WORK/sample.parquet" 2> parquet.err <<'PY' \
  || { cat parquet.err >&2; exit 1; }
import sys
from pyspark.sql import SparkSession
spark = SparkSession.builder.master("local[2]").config("spark.ui.showConsoleProgress", "false").getOrCreate()
spark.read.option("header", True).option("inferSchema", True).csv(sys.argv[1]).write.parquet(sys.argv[2])
spark.stop()
PY
nice -n 10 "$VENV/bin/python" "$ROOT/scripts/spark/daily_features.py" --master "$MASTER" --input "$WORK/sample.parquet" \
  --output "$WORK/spark_parquet" 2> spark_parquet.err || { cat spark_parquet.err >&2; exit 1; }
verdict=$("$VENV/bin/python" "$ROOT/scripts/spark/compare_tables.py" "$WORK/etl_sample.csv" "$WORK/spark_parquet") \
  || { echo "parquet: $verdict" >&2; exit 1; }
echo "   parquet: $verdict" >&2
PARQUET="$verdict"

echo "== generating $ROWS rows" >&2
"$FORECAST" generate --rows "$ROWS" --output "$WORK/big.csv" > /dev/null 2>&1
compare "big" "$WORK/big.csv" file

echo
echo "forecast etl vs Spark $SPARK_VERSION local mode ($MASTER, under nice, JVM start included); $(nproc) cores shared"
printf '%-7s %11s %10s %9s %7s  %s\n' input rows etl_s spark_s ratio tables
for row in "${ROWS_OUT[@]}"; do
  IFS='|' read -r name rows ours spark verdict <<< "$row"
  ratio=$(awk -v o="$ours" -v s="$spark" 'BEGIN { printf "%.0fx", s / (o > 0 ? o : 0.1) }')
  printf '%-7s %11s %10s %9s %7s  %s\n' "$name" "$rows" "$ours" "$spark" "$ratio" "$verdict"
done
echo "the sample as Parquet (not timed): $PARQUET"
