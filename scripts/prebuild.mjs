#!/usr/bin/env node
// One prebuild of the addon: prebuildify (Node-API, stripped) into prebuilds/linux-<arch>/, for
// this machine's architecture or cross-compiled for another one with Debian's cross toolchain.
//   node scripts/prebuild.mjs                 this machine (npm run prebuild)
//   node scripts/prebuild.mjs --arch arm64    aarch64-linux-gnu-g++ (npm run prebuild:arm64)
// The addon needs no -march beyond each architecture's baseline: SSE2 is baseline on x64 (AVX2 and
// AVX-512 are chosen at run time), NEON is baseline on arm64.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { arch as hostArch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The GNU triplet of each Linux target this script can build, and its Debian cross-compiler package. */
export const LINUX_TARGETS = {
  x64: { triplet: 'x86_64-linux-gnu', debian: 'g++-x86-64-linux-gnu' },
  arm64: { triplet: 'aarch64-linux-gnu', debian: 'g++-aarch64-linux-gnu' },
};

function onPath(cmd) {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** The environment that makes node-gyp compile, link and strip for `arch` (empty for a native build). */
export function crossEnv(arch) {
  if (arch === hostArch()) return {};
  const target = LINUX_TARGETS[arch];
  if (platform() !== 'linux' || target === undefined) {
    throw new Error(`prebuild: cannot cross-compile for ${platform()}-${arch} here (Linux x64/arm64 only)`);
  }
  const tool = (name) => `${target.triplet}-${name}`;
  if (!onPath(tool('g++'))) {
    throw new Error(`prebuild: ${tool('g++')} not found; install Debian's ${target.debian} (apt-get install ${target.debian})`);
  }
  return {
    CC: tool('gcc'),
    CXX: tool('g++'),
    LINK: tool('g++'),
    AR: tool('ar'),
    PREBUILD_STRIP_BIN: tool('strip'),
  };
}

/**
 * node-gyp as `npm run` gives it (npm's bundled one, and its nodedir: this Node's own headers, so
 * nothing is downloaded) also when this script is run directly.
 */
function nodeGypEnv() {
  const prefix = dirname(dirname(process.execPath));
  const env = {};
  if (!process.env.npm_config_node_gyp) {
    const bundled = join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    if (existsSync(bundled)) env.PREBUILD_NODE_GYP = bundled;
  } else env.PREBUILD_NODE_GYP = process.env.npm_config_node_gyp;
  if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node_api.h'))) env.npm_config_nodedir = prefix;
  return env;
}

/** The files node-gyp builds from (those `npm pack` ships), in a temporary directory. */
function stageSources() {
  const stage = mkdtempSync(join(tmpdir(), 'ecelog-prebuild-'));
  for (const f of ['package.json', 'binding.gyp', 'native/binding.cc', 'native/scanner.h', 'native/file_lock.h', 'native/scan_loop.inc']) {
    mkdirSync(dirname(join(stage, f)), { recursive: true });
    cpSync(join(ROOT, f), join(stage, f));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(stage, 'node_modules'), 'dir');
  return stage;
}

/**
 * Runs prebuildify for `arch`; returns the path of the .node file it made in prebuilds/. It builds
 * in a temporary copy of the sources, so the checkout's own build/ (node-gyp's or cmake-js's) is
 * left as it was.
 */
export function prebuild(arch = hostArch()) {
  const env = { ...process.env, ...nodeGypEnv(), ...crossEnv(arch) };
  const stage = stageSources();
  const args = [
    join(ROOT, 'node_modules', 'prebuildify', 'bin.js'),
    '--napi',
    '--strip',
    '--arch',
    arch,
    '--target',
    process.versions.node,
  ];
  // glibc in the name: a musl build (Alpine) would sit beside it as ecelog.musl.node.
  if (platform() === 'linux') args.push('--tag-libc');
  args.push('--cwd', stage, '--out', ROOT);
  if (env.PREBUILD_STRIP_BIN) args.push('--strip-bin', env.PREBUILD_STRIP_BIN);
  try {
    const r = spawnSync(process.execPath, args, { cwd: stage, env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`prebuild: prebuildify for ${arch} failed (exit ${r.status ?? r.signal})`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const dir = join(ROOT, 'prebuilds', `${platform()}-${arch}`);
  const file = readdirSync(dir).find((f) => f.endsWith('.node'));
  if (file === undefined) throw new Error(`prebuild: no .node file in ${dir}`);
  return join(dir, file);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { arch: { type: 'string', default: hostArch() } } });
  try {
    console.log(`prebuild: ${prebuild(values.arch)}`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
