#!/usr/bin/env bash
# valgrind memcheck over the native tests, a second opinion next to ASan (scripts/sanitize.sh):
#  1. the C++ tests native/test_scanner.cc and native/test_file_lock.cc built plain (no
#     sanitizer, -O2 -g) into build-valgrind/ (test_file_lock's forked children run under
#     memcheck too);
#  2. `node native/smoke.js` against the addon, also built by cmake-js into build-valgrind/
#     (ECELOG_ADDON points smoke.js at it; build/ is never touched).
# --error-exitcode=1: any memcheck error (invalid read/write, uninitialised value, bad free)
# fails. Leaks: the C++ tests must have none (definite or indirect). node keeps some memory at
# exit by design (thread stacks/TLS of its inspector and platform threads: "possibly lost"), so
# under node only `definite` leaks count and only those are shown. No suppression file is
# needed: node 20 gives no memcheck errors on this run (checked with valgrind 3.19). Valgrind does
# not emulate AVX-512 and hides it from CPUID, so the avx512 flavour is not run here (ASan is).
#   scripts/valgrind.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=${VALGRIND_BUILD:-build-valgrind}
vg=(valgrind --error-exitcode=1 --leak-check=full --track-origins=yes --num-callers=30 -q)

t0=$SECONDS
# 1. the C++ tests
cmake -S native -B "$out/plain" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
for t in test_scanner test_file_lock; do
  cmake --build "$out/plain" --target "$t" -j 2 >/dev/null
  echo "== valgrind $t"
  "${vg[@]}" --errors-for-leak-kinds=definite,indirect "$out/plain/$t"
  echo "$t: clean ($((SECONDS - t0))s)"
done

# 2. the addon under node (slow: node's JIT under memcheck)
t1=$SECONDS
npx cmake-js rebuild -d native --out "$out/addon" --CDCMAKE_BUILD_TYPE=RelWithDebInfo >"$out/addon-build.log" 2>&1 \
  || { tail -40 "$out/addon-build.log"; exit 1; }
echo "== valgrind node native/smoke.js"
ECELOG_ADDON="$out/addon/Release/ecelog.node" "${vg[@]}" \
  --show-leak-kinds=definite --errors-for-leak-kinds=definite \
  node native/smoke.js
echo "smoke.js under valgrind: clean ($((SECONDS - t1))s)"
