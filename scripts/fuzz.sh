#!/usr/bin/env bash
# libFuzzer run of native/fuzz/fuzz_scan (every SIMD flavour vs scan_scalar() vs a brute-force reading of
# the bytes, under ASan + UBSan). Builds with clang into build-fuzz/ (never touches build/), runs
# for SECONDS (default 60) on a copy of the committed seed corpus (native/fuzz/corpus/), prints
# libFuzzer's final stats. Exit status: non-zero on a crash / broken invariant / sanitizer report
# (the reproducer is written to build-fuzz/crash-*; rerun: build-fuzz/fuzz/fuzz_scan FILE).
#   scripts/fuzz.sh [SECONDS]          e.g. scripts/fuzz.sh 600 for a long local run
# Env: FUZZ_JOBS=N runs N workers in parallel (default 1); FUZZ_BUILD=dir overrides build-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
out=${FUZZ_BUILD:-build-fuzz}
jobs=${FUZZ_JOBS:-1}

CXX=${CXX:-clang++}
"$CXX" --version | head -1
CXX=$CXX cmake -S native -B "$out" -DECELOG_FUZZ=ON -DECELOG_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$out" --target fuzz_scan -j 2 >/dev/null
bin="$out/fuzz/fuzz_scan"

corpus="$out/corpus"           # a working copy: libFuzzer adds to it, the committed seeds stay small
mkdir -p "$corpus"
cp -n native/fuzz/corpus/* "$corpus"/
log="$out/fuzz.log"
echo "fuzz_scan: ${secs}s, $(ls "$corpus" | wc -l) inputs in $corpus, log $log"

status=0
if [ "$jobs" -gt 1 ]; then
  "$bin" -max_total_time="$secs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$out/" -jobs="$jobs" -workers="$jobs" "$corpus" >"$log" 2>&1 || status=$?
  cat fuzz-*.log >>"$log" 2>/dev/null && rm -f fuzz-*.log
else
  "$bin" -max_total_time="$secs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$out/" "$corpus" >"$log" 2>&1 || status=$?
fi

# The last status line (#N DONE/pulse cov: ft: corp: exec/s) and the final stats.
grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE).*cov:' "$log" | tail -1 || true
grep -E '^(Done [0-9]+ runs|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)' "$log" || true
if [ "$status" -ne 0 ] || grep -qE 'ERROR: (AddressSanitizer|libFuzzer)|runtime error:|==ERROR' "$log"; then
  echo "fuzz_scan FAILED (exit $status); see $log and $out/crash-* / leak-* / timeout-*" >&2
  grep -E 'ERROR|runtime error|SUMMARY|Test unit written' "$log" >&2 || true
  exit 1
fi
echo "fuzz_scan: no crash in ${secs}s"
