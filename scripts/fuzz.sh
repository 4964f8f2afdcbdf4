#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser that takes outside bytes (issue 11 §1).
#
#   scripts/fuzz.sh [SECONDS] [HARNESS...]     SECONDS per harness (default 60); all harnesses by default
#
# How it builds: each library module is compiled with the toolchain's libFuzzer and
# AddressSanitizer instrumentation (`swiftc -sanitize=fuzzer,address`) into a static library under
# .build-fuzz/ (gitignored), with -enable-testing so the harnesses can `@testable import` the
# internal parsers (FieldParsers, CSVHeader, ...). SwiftPM is not used: `swift build
# -sanitize=fuzzer` would also link the `forecast` executable and the test bundle against
# libFuzzer's `main`. Modules are built -O: overflow and bounds traps stay on, and libFuzzer
# gets ~10x the executions of a debug build.
#
# The harnesses (scripts/fuzz/*.swift) each check their own invariants (round trips, finite
# numbers, counts that add up) with `expect`, so a broken invariant is reported as a crash like
# a memory error. Corpora start from the seeds of scripts/fuzz/seeds.sh (the tests' inputs) and
# grow under scripts/.bench/fuzz/ (gitignored). A crash leaves its input in
# scripts/.bench/fuzz/crashes/<harness>/: each one becomes a regression test and a fix.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${1:-60}
shift || true
ALL=(http_request json_body csv_etl csv_fields prediction_log explanations_log model_file)
if [[ $# -gt 0 ]]; then HARNESSES=("$@"); else HARNESSES=("${ALL[@]}"); fi
BUILD=.build-fuzz/fuzz
WORK=scripts/.bench/fuzz
mkdir -p "$BUILD" "$WORK"

FLAGS=(-O -sanitize=fuzzer,address -parse-as-library -swift-version 6 -enable-upcoming-feature ExistentialAny
       -I "$BUILD" -L "$BUILD" -module-cache-path "$BUILD/cache")

# build_module NAME: Sources/NAME/*.swift → $BUILD/libNAME.a + NAME.swiftmodule, rebuilt when a source is newer.
build_module() {
    local name=$1 library="$BUILD/lib$1.a"
    if [[ -f $library ]] && [[ -z $(find "Sources/$name" -name '*.swift' -newer "$library") ]]; then return; fi
    echo "fuzz: building module $name" >&2
    nice -n 10 swiftc "${FLAGS[@]}" -enable-testing -module-name "$name" -emit-module \
        -emit-module-path "$BUILD/$name.swiftmodule" -emit-library -static -o "$library" Sources/"$name"/*.swift
}

# The modules each harness links, dependents first.
modules_of() {
    case $1 in
        http_request) echo HTTPCore ByteWriting ;;
        json_body) echo ForecastService ModelRegistry ForecastData Forest HTTPCore ByteWriting ;;
        csv_etl | csv_fields) echo ForecastData ByteWriting ;;
        prediction_log | explanations_log) echo Monitoring ModelRegistry Drift Charts ForecastData Forest ByteWriting ;;
        model_file) echo ModelRegistry ForecastData Forest ByteWriting ;;
        *) echo "fuzz: unknown harness $1 (known: ${ALL[*]})" >&2; exit 2 ;;
    esac
}

# build_harness NAME: scripts/fuzz/NAME.swift linked with its modules.
build_harness() {
    local name=$1 binary="$BUILD/$1" newer=0 module libraries=()
    for module in $(modules_of "$name"); do
        [[ $BUILD/lib$module.a -nt $binary ]] && newer=1
        libraries+=("-l$module")
    done
    [[ scripts/fuzz/$name.swift -nt $binary || scripts/fuzz/Expect.swift -nt $binary ]] && newer=1
    [[ -f $binary && $newer == 0 ]] && return
    echo "fuzz: building harness $name" >&2
    # ld.gold warns that it cannot export the sanitizer's local symbols: noise, filtered.
    nice -n 10 swiftc "${FLAGS[@]}" -module-name "fuzz_$name" "scripts/fuzz/$name.swift" scripts/fuzz/Expect.swift \
        "${libraries[@]}" -o "$binary" 2> >(grep -v 'Cannot export local symbol' >&2)
}

# Dependencies first (a module's interface must exist before its dependents compile).
for module in ByteWriting Forest ForecastData HTTPCore ModelRegistry ForecastService; do build_module "$module"; done
# The log readers of plot, drift and accuracy live in Monitoring (and its dependencies).
if [[ -d Sources/Monitoring ]]; then for module in Charts Drift Monitoring; do build_module "$module"; done; fi
for name in "${HARNESSES[@]}"; do build_harness "$name"; done
# Seeds are written afresh for each run, into a directory of its own: two runs side by side
# (one stream of harnesses per core) must not delete each other's seeds.
SEEDS=$(mktemp -d "$WORK/seeds.XXXXXX")
trap 'rm -rf "$SEEDS"' EXIT
scripts/fuzz/seeds.sh "$SEEDS" "$BUILD/model_file"

printf '%-16s %8s %12s %8s %8s %8s %8s\n' harness seconds runs exec/s cov ft crashes
total_crashes=0
for name in "${HARNESSES[@]}"; do
    corpus="$WORK/corpus/$name" crashes="$WORK/crashes/$name" log="$WORK/$name.log"
    mkdir -p "$corpus" "$crashes"
    set +e
    # The Swift runtime's own crash backtracer trips ASan; libFuzzer prints the stack instead.
    # -max_len 64 KiB: these parsers see whole bodies and files, not just short lines.
    SWIFT_BACKTRACE=enable=no nice -n 10 "$BUILD/$name" "$corpus" "$SEEDS/$name" \
        -max_total_time="$SECONDS_EACH" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$crashes/" >"$log" 2>&1
    status=$?
    set -e
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    last=$(grep -E '^#[0-9]+.*cov:' "$log" | tail -1 || true)
    cov=$(grep -o 'cov: [0-9]*' <<<"$last" | grep -o '[0-9]*' || true)
    ft=$(grep -o 'ft: [0-9]*' <<<"$last" | grep -o '[0-9]*' || true)
    found=$(find "$crashes" -type f | wc -l)
    [[ $status != 0 && $found == 0 ]] && found=1  # stopped on something that left no file: still a failure
    total_crashes=$((total_crashes + found))
    printf '%-16s %8s %12s %8s %8s %8s %8s\n' "$name" "$SECONDS_EACH" "${runs:-0}" "${speed:-0}" "${cov:-0}" "${ft:-0}" "$found"
done
echo "crashes: $total_crashes (inputs under $WORK/crashes/, logs in $WORK/<harness>.log)"
[[ $total_crashes == 0 ]]
