#!/usr/bin/env node
// The cost of loading the package entry (dist/ build), against loading the native addon alone:
// each program runs in a fresh child `node`, timing its require() with process.hrtime.bigint() and
// counting the modules it left in require.cache (and those of undici). The programs run in turns
// (a, b, c, d, e, a, b, ...), --runs times each after one untimed warm-up round, so that a noisy
// moment hits every side. Prints the median time and the module count of each, and its ratio of
// medians against (a).
//
//   (a) require('node-gyp-build')(ROOT)          the addon alone
//   (b) require('dist/index.js')                 the parser entry, "ecelog"
//   (c) require('dist/files/index.js')           "ecelog/files"
//   (d) require('dist/signals/convert/index.js') "ecelog/signals"
//   (e) require('dist/signals/agent/index.js')   "ecelog/signals/agent"
//
// Then whole processes, as a shell runs them (wall time from spawn to exit, in turns likewise):
//
//   (p) node -e "require('node-gyp-build')(ROOT)"   node and the addon, nothing else
//   (q) node bin/ecelog.js --help
//   (r) node bin/ecelog.js parse FILE               FILE: a one-line mainlog (detected), to /dev/null
//
// Fails (exit 1) when (b)'s ratio exceeds --max-ratio, when (b) loaded any undici module, or when
// (q) or (r) takes more than --max-ratio times (p).
//
//   node bench/startup.mjs [--runs 15] [--max-ratio 1.5]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nonNegative, positiveInt, readOptions } from './args.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const opts = {
  runs: 15,
  maxRatio: 1.5,
  ...readOptions(process.argv.slice(2), {
    runs: { type: 'string', convert: positiveInt('runs') },
    'max-ratio': { type: 'string', convert: nonNegative('max-ratio'), key: 'maxRatio' },
  }),
};

const entry = (rel) => join(root, 'dist', ...rel.split('/'));
const programs = [
  { id: 'a', what: 'addon alone (node-gyp-build)', load: `require('node-gyp-build')(${JSON.stringify(root)})` },
  { id: 'b', what: 'dist/index.js', load: `require(${JSON.stringify(entry('index.js'))})` },
  { id: 'c', what: 'dist/files/index.js', load: `require(${JSON.stringify(entry('files/index.js'))})` },
  { id: 'd', what: 'dist/signals/convert/index.js', load: `require(${JSON.stringify(entry('signals/convert/index.js'))})` },
  { id: 'e', what: 'dist/signals/agent/index.js', load: `require(${JSON.stringify(entry('signals/agent/index.js'))})` },
];
for (const rel of ['index.js', 'files/index.js', 'signals/convert/index.js', 'signals/agent/index.js']) {
  if (!existsSync(entry(rel))) {
    console.error(`bench:startup: dist/${rel} is missing; build first: npm run -s build:ts`);
    process.exit(1);
  }
}

// The child: nothing but the require() between the two clock readings.
const child = (load) => `'use strict';
const t0 = process.hrtime.bigint();
${load};
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const keys = Object.keys(require.cache).map((k) => k.split('\\\\').join('/'));
process.stdout.write(JSON.stringify({ ms, modules: keys.length, undici: keys.filter((k) => k.includes('/node_modules/undici/')).length }));`;

// Neither switch may change what loads (ECELOG_FORCE_JS=1 would skip the addon in (b)..(e)).
const env = { ...process.env };
delete env.ECELOG_FORCE_JS;
delete env.ECELOG_SIMD;

function run(p) {
  const out = execFileSync(process.execPath, ['-e', child(p.load)], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.toString());
}

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

console.log(`node ${process.version}, ${cpus()[0]?.model.trim()} × ${cpus().length}`);
console.log(`${opts.runs} runs of each program in turns (after 1 untimed warm-up round), each in a fresh child process`);
for (const p of programs) run(p); // warm-up: page cache, compile cache
const samples = new Map(programs.map((p) => [p.id, []]));
for (let r = 0; r < opts.runs; r++) for (const p of programs) samples.get(p.id).push(run(p));

const rows = programs.map((p) => {
  const s = samples.get(p.id);
  const ms = s.map((x) => x.ms);
  return {
    ...p,
    median: median(ms),
    min: Math.min(...ms),
    max: Math.max(...ms),
    modules: median(s.map((x) => x.modules)),
    undici: Math.max(...s.map((x) => x.undici)),
  };
});
const base = rows[0].median;
console.log('');
console.log('program                               median ms   min–max ms  modules  undici  ratio vs (a)');
for (const r of rows) {
  console.log(
    `(${r.id}) ${r.what.padEnd(33)} ${r.median.toFixed(2).padStart(9)}  ${`${r.min.toFixed(1)}–${r.max.toFixed(1)}`.padStart(11)}  ${String(r.modules).padStart(7)}  ${String(r.undici).padStart(6)}  ${(r.median / base).toFixed(2).padStart(10)}x`,
  );
}

// Whole processes.
const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { spawnSync } = await import('node:child_process');
const tmp = mkdtempSync(join(tmpdir(), 'ecelog-startup-'));
const oneLine = join(tmp, 'mainlog.ec');
writeFileSync(
  oneLine,
  '1064871280@20/00-25593-945A87F3@00/00-03736-F4101B54@00/00-04532-A3456B54@D@postalengine.com@266@group-a@binding-a@0@0.393@10.0.0.1\n',
);
const bin = join(root, 'bin', 'ecelog.js');
const processes = [
  { id: 'p', what: 'node + the addon', argv: ['-e', `require('node-gyp-build')(${JSON.stringify(root)})`] },
  { id: 'q', what: 'ecelog --help', argv: [bin, '--help'] },
  { id: 'r', what: 'ecelog parse (one-line file)', argv: [bin, 'parse', oneLine] },
];
const wall = (p) => {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, p.argv, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${p.what}: exit ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
for (const p of processes) wall(p);
const walls = new Map(processes.map((p) => [p.id, []]));
for (let r = 0; r < opts.runs; r++) for (const p of processes) walls.get(p.id).push(wall(p));
rmSync(tmp, { recursive: true, force: true });
const pBase = median(walls.get('p'));
console.log('');
console.log('whole process (wall, spawn to exit)     median ms   min–max ms  ratio vs (p)');
for (const p of processes) {
  const ms = walls.get(p.id);
  p.ratio = median(ms) / pBase;
  console.log(
    `(${p.id}) ${p.what.padEnd(33)} ${median(ms).toFixed(1).padStart(9)}  ${`${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)}`.padStart(11)}  ${p.ratio.toFixed(2).padStart(10)}x`,
  );
}

const b = rows[1];
const ratio = b.median / base;
const failures = [];
if (ratio > opts.maxRatio)
  failures.push(`(b) ${b.what} takes ${ratio.toFixed(2)}x the addon alone (median), over --max-ratio ${opts.maxRatio}`);
if (b.undici > 0) failures.push(`(b) ${b.what} loaded ${b.undici} undici module(s)`);
for (const p of processes.slice(1))
  if (p.ratio > opts.maxRatio)
    failures.push(`(${p.id}) ${p.what} takes ${p.ratio.toFixed(2)}x node + the addon, over --max-ratio ${opts.maxRatio}`);
console.log('');
console.log(`(b)/(a): ${ratio.toFixed(2)}x (max ${opts.maxRatio}); undici modules loaded by (b): ${b.undici}`);
if (failures.length > 0) {
  for (const f of failures) console.error(`bench:startup: ${f}`);
  process.exit(1);
}
console.log('ok');
