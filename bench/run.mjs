#!/usr/bin/env node
// ecelog benchmark runner.
//
//   node bench/run.mjs [--size 100M] [--file PATH] [--json out.json] [--quick]
//                      [--samples N] [--runs N] [--only a,b] [--chunk-size 64K] [--progress]
//
// In-memory workloads (the file is read into one Buffer first; reading is not timed) are run with
// benchmark.js in this process. File workloads (readline + split, parseFile) are async: each runs
// in a fresh child process, one warm-up and then N timed runs (performance.now()), with the peak
// RSS growth of every timed run read from /proc/self/status (VmHWM, reset before each run).
// All figures are from the MEDIAN sample. See bench/README.md.

import { fork } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ensureData, parseSize, sizeLabel } from './generate.mjs';
import { positiveInt, readOptions } from './args.mjs';
import { fileWorkloads, loadLib, makeCursorDomains, makeEvents, makeScan, root, splitInMemory } from './workloads.mjs';

const require = createRequire(import.meta.url);
const self = fileURLToPath(import.meta.url);

const USAGE = `usage: node bench/run.mjs [options]
  --size N        generated mainlog size (default 100M; binary units: 8M, 1G)
  --file PATH     benchmark this mainlog file instead of generated data
  --json PATH     write the results as JSON
  --quick         small data (8M) and few samples: a CI smoke run
  --samples N     minimum benchmark.js samples per in-memory workload
  --runs N        timed runs per file workload (after one warm-up)
  --log KIND      the log kind of the file (default mainlog; e.g. bouncelog with the generated one)
  --bouncelog     benchmark the generated bouncelog (mixed bounce records) of --size instead
  --only LIST     comma-separated workload ids or prefixes (scan,reference,cursor,events,parseFile,
                  parseFileBatches,parseStreamBatches,follow,cli)
  --chunk-size N  parseFile chunkSize (default: the library's, 64K)
  --progress      progress lines on stderr (default: only when stderr is a terminal)`;

// ---------------------------------------------------------------------------------------------
// Small helpers

function parseArgs(argv) {
  const o = readOptions(argv, {
    size: { type: 'string', convert: parseSize },
    file: { type: 'string', convert: (v) => resolve(v) },
    json: { type: 'string', convert: (v) => resolve(v) },
    quick: { type: 'boolean' },
    samples: { type: 'string', convert: positiveInt('samples') },
    runs: { type: 'string', convert: positiveInt('runs') },
    only: {
      type: 'string',
      convert: (v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
    },
    'chunk-size': { type: 'string', convert: parseSize, key: 'chunkSize' },
    log: { type: 'string' },
    bouncelog: { type: 'boolean' },
    progress: { type: 'boolean' },
    child: { type: 'string', convert: (v) => JSON.parse(v) },
    help: { type: 'boolean', short: 'h' },
  });
  if (o.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    size: null,
    file: null,
    json: null,
    quick: false,
    samples: null,
    runs: null,
    only: null,
    chunkSize: null,
    log: null,
    bouncelog: false,
    progress: null,
    child: null,
    ...o,
  };
}

/** gc() without --expose-gc on the command line. */
function getGc() {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc');
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// Two-sided 95% t critical values by degrees of freedom (as benchmark.js computes its rme).
const T95 = [
  NaN,
  12.706,
  4.303,
  3.182,
  2.776,
  2.571,
  2.447,
  2.365,
  2.306,
  2.262,
  2.228,
  2.201,
  2.179,
  2.16,
  2.145,
  2.131,
  2.12,
  2.11,
  2.101,
  2.093,
  2.086,
];
function rme(xs) {
  const n = xs.length;
  if (n < 2) return 0;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  return (((sd / Math.sqrt(n)) * (T95[n - 1] ?? 1.96)) / mean) * 100;
}

const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const fmt1 = (n) => n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const mib = (bytes) => `${fmt1(bytes / 2 ** 20)} MiB`;
function fmtRate(perSec) {
  if (perSec >= 1e9) return `${(perSec / 1e9).toFixed(2)} G`;
  if (perSec >= 1e6) return `${(perSec / 1e6).toFixed(2)} M`;
  if (perSec >= 1e3) return `${(perSec / 1e3).toFixed(1)} k`;
  return perSec.toFixed(0);
}
const fmtRatio = (r) => (r === null || !Number.isFinite(r) ? 'n/a' : r >= 10 ? `${r.toFixed(1)}x` : `${r.toFixed(2)}x`);

/** Whether a TS source is newer than the compiled dist/ (a stale build would be benchmarked). */
function staleSources() {
  const built = join(root, 'dist', 'index.js');
  if (!existsSync(built)) return null;
  const t = statSync(built).mtimeMs;
  const stale = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && statSync(p).mtimeMs > t) stale.push(relative(root, p));
    }
  };
  if (existsSync(join(root, 'src'))) walk(join(root, 'src'));
  return stale;
}

/**
 * Runs `fn` under benchmark.js. Deferred mode even for sync work: the timer starts right before the
 * call and stops in resolve(), one call per sample (sync mode makes an untimed pre-test call before
 * every sample, doubling the run time of workloads that take 100 ms to a second).
 */
function benchmark(Benchmark, name, fn, cfg) {
  return new Promise((ok, ko) => {
    let sink = null;
    const bench = new Benchmark(
      name,
      (deferred) => {
        sink = fn();
        deferred.resolve();
      },
      {
        defer: true,
        minSamples: cfg.minSamples,
        maxTime: cfg.maxTime,
        initCount: 1,
        onError: (event) => ko(event.target.error ?? new Error(`${name}: benchmark.js error`)),
        onComplete: () => (bench.error ? ko(bench.error) : ok({ bench, sink })),
      },
    );
    bench.run();
  });
}

/**
 * Copies dist/ and the native addon to bench/data/.lib-<pid>/ (gitignored) and points loadLib() and
 * the child processes there: others may rebuild dist/ or the addon while a run is going on, and a
 * run must measure one build. Removed when the process exits.
 */
function snapshotLib() {
  const dir = join(root, 'bench', 'data', `.lib-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));
  cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
  const release = join(root, 'build', 'Release');
  if (existsSync(release)) {
    mkdirSync(join(dir, 'build', 'Release'), { recursive: true });
    for (const f of readdirSync(release)) if (f.endsWith('.node')) cpSync(join(release, f), join(dir, 'build', 'Release', f));
  }
  if (existsSync(join(root, 'prebuilds'))) cpSync(join(root, 'prebuilds'), join(dir, 'prebuilds'), { recursive: true });
  cpSync(join(root, 'bin'), join(dir, 'bin'), { recursive: true });
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  process.env.ECELOG_BENCH_LIB = dir;
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Child process: one async file workload, a warm-up and N timed runs, peak RSS per run.

function procStatusKiB(field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'latin1'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Resets VmHWM to the current RSS (Linux >= 4.0); false where that is not possible. */
function resetPeak() {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

async function child({ workload, path, warmup, runs, chunkSize }) {
  process.on('disconnect', () => process.exit(2)); // the parent went away
  loadLib();
  const fn = fileWorkloads[workload];
  if (!fn) throw new Error(`unknown file workload ${workload}`);
  let result;
  for (let i = 0; i < warmup; i++) result = await fn(path, chunkSize);
  const times = [];
  const peaks = [];
  let method = null;
  for (let i = 0; i < runs; i++) {
    // No gc() before a run: a forced full collection shrinks the young generation, and the run
    // that follows pays ~30% more in scavenges until it grows again (a file workload measured
    // 410 MB/s after gc(), 580 without) — the in-memory workloads are not collected either.
    const hwm = resetPeak() && procStatusKiB('VmHWM') !== null;
    const before = process.memoryUsage.rss();
    // Fallback where VmHWM cannot be reset: sample RSS (the loop is async, timers do fire).
    let sampled = before;
    const timer = hwm
      ? null
      : setInterval(() => {
          sampled = Math.max(sampled, process.memoryUsage.rss());
        }, 5);
    const t0 = performance.now();
    result = await fn(path, chunkSize);
    const ms = performance.now() - t0;
    if (timer) clearInterval(timer);
    const peak = hwm ? procStatusKiB('VmHWM') : Math.max(sampled, process.memoryUsage.rss());
    method = hwm ? 'VmHWM' : 'rss-sampled';
    times.push(ms / 1e3);
    peaks.push(Math.max(0, peak - before));
  }
  reply({ ok: true, times, peaks, method, result });
}

/** Sends the child's answer and exits once it is delivered. */
function reply(msg) {
  process.removeAllListeners('disconnect');
  process.send(msg, () => process.exit(0));
}

function runChild(spec, timeoutMs) {
  return new Promise((ok) => {
    const cp = fork(self, ['--child', JSON.stringify(spec)], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let msg = null;
    const timer = setTimeout(() => {
      msg = { ok: false, error: `timed out after ${timeoutMs / 1e3} s` };
      cp.kill('SIGKILL');
    }, timeoutMs);
    cp.on('message', (m) => {
      msg = m;
    });
    cp.on('error', (err) => {
      msg = { ok: false, error: err.message };
    });
    cp.on('exit', (code, signal) => {
      clearTimeout(timer);
      ok(msg ?? { ok: false, error: `child exited with ${signal ?? code}` });
    });
  });
}

/**
 * Runs bin/ecelog.js (of the snapshot) with `w.cli`, output to /dev/null, `warmup` + `runs` times;
 * the wall time of each run and the largest peak RSS (GNU time's %M, where /usr/bin/time exists).
 */
async function runCli(w, warmup, runs, timeoutMs) {
  const { spawn } = await import('node:child_process');
  const { openSync, closeSync } = await import('node:fs');
  const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const env = { ...process.env };
  if (w.backend === 'js') env.ECELOG_FORCE_JS = '1';
  else delete env.ECELOG_FORCE_JS;
  const argv = [join(process.env.ECELOG_BENCH_LIB, 'bin', 'ecelog.js'), ...w.cli];
  const once = () =>
    new Promise((ok) => {
      const devnull = openSync('/dev/null', 'w');
      const t0 = performance.now();
      const cp = time
        ? spawn(time, ['-f', 'maxrss=%M', process.execPath, ...argv], { env, stdio: ['ignore', devnull, 'pipe'] })
        : spawn(process.execPath, argv, { env, stdio: ['ignore', devnull, 'pipe'] });
      closeSync(devnull);
      let err = '';
      cp.stderr.on('data', (d) => (err += d));
      const timer = setTimeout(() => cp.kill('SIGKILL'), timeoutMs);
      cp.on('close', (code, signal) => {
        clearTimeout(timer);
        const seconds = (performance.now() - t0) / 1e3;
        const m = /maxrss=(\d+)/.exec(err);
        ok(
          code === 0
            ? { seconds, peak: m ? Number(m[1]) * 1024 : undefined }
            : { error: `exit ${signal ?? code}: ${err.trim().slice(-300)}` },
        );
      });
    });
  const times = [];
  let peak;
  for (let i = 0; i < warmup + runs; i++) {
    const r = await once();
    if (r.error) return { ok: false, error: r.error };
    if (i < warmup) continue;
    times.push(r.seconds);
    if (r.peak !== undefined) peak = Math.max(peak ?? 0, r.peak);
  }
  return { ok: true, times, peak };
}

// ---------------------------------------------------------------------------------------------
// Main process

async function main(args) {
  const quick = args.quick;
  const cfg = {
    minSamples: args.samples ?? (quick ? 3 : 10),
    maxTime: quick ? 0.2 : 1.5, // benchmark.js maxTime: keeps sampling fast workloads for about 2-3x this
    warmup: 1, // calls before benchmark.js starts (JIT), also the correctness check
    fileWarmup: quick ? 2 : 1,
    fileRuns: args.runs ?? (quick ? 5 : 7),
  };
  const progress = args.progress ?? process.stderr.isTTY;
  const say = progress ? (msg) => process.stderr.write(`${msg}\n`) : () => {};
  const selected = (id) => !args.only || args.only.some((p) => id.startsWith(p));

  const stale = staleSources();
  if (stale === null) throw new Error('dist/ is missing: build it first (npx tsc -p tsconfig.build.json)');
  if (stale.length)
    process.stderr.write(`warning: dist/ is older than ${stale.join(', ')} — rebuild with npx tsc -p tsconfig.build.json\n`);

  snapshotLib();
  const lib = loadLib();
  const Benchmark = require('benchmark');
  const gc = getGc();

  // Data.
  let file = args.file;
  if (!file) {
    const size = args.size ?? (quick ? 8 * 2 ** 20 : 100 * 2 ** 20);
    say(`data: ${sizeLabel(size)} mainlog (generated on demand, cached in bench/data)`);
    const data = await ensureData(size, { quiet: true });
    file = args.bouncelog ? data.bouncelog : data.mainlog;
  }
  // The kind decoded by every workload (the file workloads' child processes inherit it).
  const log = args.log ?? (args.bouncelog ? 'bouncelog' : 'mainlog');
  process.env.ECELOG_BENCH_LOG = log;
  const buf = readFileSync(file);
  if (buf.length > 0x7fffffff) throw new Error('the file must be smaller than 2 GiB (scanner offsets are 31-bit)');
  const bytes = buf.length;

  const haveNative = lib.scanners.native !== null;
  const backends = haveNative ? ['native', 'js'] : ['js'];
  const problems = []; // wrong answers: the run fails
  const warnings = [];

  // In-memory workloads; `unit` is what the per-second figure counts.
  const inMemory = [];
  for (const b of backends) inMemory.push({ id: `scan/${b}`, workload: 'scan', backend: b, unit: 'lines', fn: makeScan(lib.scanners[b]) });
  inMemory.push({ id: 'reference/split-inmem', workload: 'reference: in-memory split', backend: '-', unit: 'lines', fn: splitInMemory });
  for (const b of backends)
    inMemory.push({
      id: `cursor/${b}`,
      workload: 'cursor: count deliveries by domain',
      backend: b,
      unit: 'lines',
      fn: makeCursorDomains(lib.scanners[b]),
    });
  if (haveNative)
    inMemory.push({
      id: 'cursor-str/native',
      workload: 'cursor: the same with str() for key()',
      backend: 'native',
      unit: 'lines',
      fn: makeCursorDomains(lib.scanners.native, 'str'),
    });
  for (const b of backends)
    inMemory.push({ id: `events/${b}`, workload: 'full events: parse(buf)', backend: b, unit: 'events', fn: makeEvents(b) });

  const fileRuns = [
    { id: 'reference/readline', workload: "reference: readline + split('@')", backend: '-', unit: 'lines', child: 'readline' },
  ];
  const fileKinds = [
    ['parseFile', 'parseFile (async, file)'],
    ['parseFileBatches', 'parseFileBatches (async, file)'],
    ['parseStreamBatches', 'parseStreamBatches (fs stream)'],
    ['follow', 'follow from start, catching up'],
  ];
  for (const [kind, workload] of fileKinds)
    for (const b of backends) fileRuns.push({ id: `${kind}/${b}`, workload, backend: b, unit: 'events', child: `${kind}-${b}` });
  // The command line, as operators run it: bin/ecelog.js in a child process, output to /dev/null.
  const cliRuns = [];
  const cores = os.availableParallelism();
  const cliKinds = [
    ['parse-ndjson', 'CLI: ecelog parse (NDJSON)', ['parse']],
    ['parse-csv', 'CLI: ecelog parse --format csv', ['parse', '--format', 'csv']],
    ['parse-tsv', 'CLI: ecelog parse --format tsv', ['parse', '--format', 'tsv']],
    ['stats-1', 'CLI: ecelog stats --threads 1', ['stats', '--threads', '1']],
    [`stats-${cores}`, `CLI: ecelog stats --threads ${cores}`, ['stats', '--threads', String(cores)]],
  ];
  for (const [kind, workload, argv] of cliKinds)
    for (const b of backends)
      cliRuns.push({ id: `cli/${kind}/${b}`, workload, backend: b, unit: 'events', cli: [...argv, '--log', log, file] });

  const results = [];
  const todo = [...inMemory, ...fileRuns, ...cliRuns].filter((w) => selected(w.id));
  let step = 0;

  // Line count for the header: the scanner's count (cheap), whatever --only says.
  const lines = makeScan(lib.scanners[haveNative ? 'native' : 'js'])(buf).lines;

  for (const w of todo.filter((x) => x.fn)) {
    step++;
    say(`[${step}/${todo.length}] ${w.id} ...`);
    gc();
    let result;
    for (let i = 0; i < cfg.warmup; i++) result = w.fn(buf);
    const { bench, sink } = await benchmark(Benchmark, w.id, () => w.fn(buf), cfg);
    if (sink === null) throw new Error(`${w.id}: benchmark.js did not run the workload`);
    const sample = bench.stats.sample;
    const sec = median(sample);
    results.push({
      ...w,
      fn: undefined,
      method: 'benchmark.js',
      samples: sample.length,
      seconds: sec,
      min: Math.min(...sample),
      rme: bench.stats.rme,
      result,
    });
    say(`    ${fmt1(bytes / sec / 1e6)} MB/s, ${sample.length} samples`);
  }
  gc();

  const timeoutMs = Math.max(120e3, (bytes / 2 ** 20) * 2e3 * (cfg.fileRuns + cfg.fileWarmup));
  // The timed workloads outside this process: a child process running a file workload, or the CLI.
  for (const w of todo.filter((x) => x.child || x.cli)) {
    step++;
    say(`[${step}/${todo.length}] ${w.id} (${w.cli ? 'bin/ecelog.js' : 'child process'}) ...`);
    const r = w.cli
      ? await runCli(w, cfg.fileWarmup, cfg.fileRuns, timeoutMs)
      : await runChild(
          { workload: w.child, path: file, warmup: cfg.fileWarmup, runs: cfg.fileRuns, chunkSize: args.chunkSize ?? undefined },
          timeoutMs,
        );
    if (!r.ok) {
      problems.push(`${w.id}: ${r.error}`);
      continue;
    }
    const sec = median(r.times);
    results.push({
      ...w,
      method: w.cli ? 'child process' : 'manual',
      samples: r.times.length,
      seconds: sec,
      min: Math.min(...r.times),
      rme: rme(r.times),
      // the CLI's: the process's total (null where GNU time is missing); a file workload's: growth
      peakRss: w.cli ? r.peak : Math.max(...r.peaks),
      peakRssMethod: w.cli ? 'total' : r.method,
      result: w.cli ? null : r.result, // the CLI's output goes to /dev/null: counted as the file's lines
    });
    say(`    ${fmt1(bytes / sec / 1e6)} MB/s`);
  }

  // Correctness: every backend and every method must agree on what it counted.
  const by = Object.fromEntries(results.map((r) => [r.id, r]));
  const same = (what, a, b) => {
    if (!by[a] || !by[b]) return;
    const x = JSON.stringify(what(by[a].result));
    const y = JSON.stringify(what(by[b].result));
    if (x !== y) problems.push(`${a} and ${b} disagree: ${x} vs ${y}`);
  };
  const mapOf = (r) => [...r.map].sort((p, q) => (p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : 0));
  same((r) => r, 'scan/native', 'scan/js');
  same((r) => [r.lines, mapOf(r)], 'cursor/native', 'cursor/js');
  same((r) => [r.lines, mapOf(r)], 'cursor/native', 'cursor-str/native');
  same((r) => r, 'events/native', 'events/js');
  same((r) => r, 'parseFile/native', 'parseFile/js');
  same((r) => r, 'events/native', 'parseFile/native');
  same((r) => r, 'events/js', 'parseFile/js');
  same((r) => r, 'reference/split-inmem', 'reference/readline');
  for (const w of fileRuns) if (w.id.startsWith('p') || w.id.startsWith('f')) same((r) => r, `events/${w.backend}`, w.id);
  for (const r of results) {
    if (r.result === null) continue;
    const n = r.unit === 'events' ? r.result.events : r.result.lines;
    if (n !== lines) warnings.push(`${r.id} counted ${n} ${r.unit}, the scanner ${lines} lines`);
  }
  const cur = by['cursor/native'] ?? by['cursor/js'];
  const ref = by['reference/split-inmem'] ?? by['reference/readline'];
  if (cur && ref) {
    const d = [...cur.result.map.values()].reduce((a, b) => a + b, 0);
    if (d !== ref.result.deliveries) warnings.push(`cursor found ${d} deliveries, split('@') ${ref.result.deliveries}`);
  }
  const evr = by['events/native'] ?? by['events/js'];
  if (evr && evr.result.malformed > 0) warnings.push(`${evr.result.malformed} malformed events`);

  // Throughput and ratios (all from median times).
  for (const r of results) {
    const n = r.result === null ? lines : r.unit === 'events' ? r.result.events : r.result.lines;
    r.mbPerSec = bytes / r.seconds / 1e6;
    r.perSec = n / r.seconds;
  }
  const tput = (id) => by[id]?.mbPerSec ?? null;
  const ratio = (a, b) => (tput(a) !== null && tput(b) !== null ? tput(a) / tput(b) : null);
  const ratios = [
    ['native scan / TS scan', ratio('scan/native', 'scan/js')],
    ['cursor native / readline+split', ratio('cursor/native', 'reference/readline')],
    ['cursor native str() / readline+split', ratio('cursor-str/native', 'reference/readline')],
    ['cursor TS / readline+split', ratio('cursor/js', 'reference/readline')],
    ['full events native / readline+split', ratio('events/native', 'reference/readline')],
    ['full events TS / readline+split', ratio('events/js', 'reference/readline')],
    ['parseFile native / readline+split', ratio('parseFile/native', 'reference/readline')],
    ['parseFile TS / readline+split', ratio('parseFile/js', 'reference/readline')],
    ['cursor native / in-memory split', ratio('cursor/native', 'reference/split-inmem')],
    ['full events native / in-memory split', ratio('events/native', 'reference/split-inmem')],
    ['full events TS / in-memory split', ratio('events/js', 'reference/split-inmem')],
    ['full events native / TS', ratio('events/native', 'events/js')],
    ['parseFile native / TS', ratio('parseFile/native', 'parseFile/js')],
    // Each path users take, against parse(buf) full events of the same backend in the same run.
    ...[...fileRuns, ...cliRuns].flatMap((w) => {
      const name = w.id.slice(0, w.id.lastIndexOf('/'));
      return [[`${name} ${w.backend === 'js' ? 'TS' : w.backend} / parse(buf)`, ratio(w.id, `events/${w.backend}`)]];
    }),
    [`stats ${cores} threads / 1 thread native`, ratio(`cli/stats-${cores}/native`, 'cli/stats-1/native')],
    [`stats ${cores} threads / 1 thread TS`, ratio(`cli/stats-${cores}/js`, 'cli/stats-1/js')],
  ].filter(([, r]) => r !== null);

  // Report.
  const cpus = os.cpus();
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.arch()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    native: haveNative ? lib.nativeInfo : null,
    distBuilt: statSync(join(process.env.ECELOG_BENCH_LIB, 'dist', 'index.js')).mtime.toISOString(),
    file: relative(process.cwd(), file) || file,
    bytes,
    lines,
    events: evr?.result.events ?? null,
    quick,
    config: cfg,
  };
  const out = [];
  out.push(`ecelog benchmark — node ${meta.node} (V8 ${meta.v8}), ${meta.platform}`);
  out.push(`cpu: ${meta.cpu} × ${meta.cores}`);
  out.push(
    `library: dist/ built ${meta.distBuilt} (copied at start); native addon: ${haveNative ? `loaded (simd: ${lib.nativeInfo.simd}, ${lib.nativeInfo.buildSystem})` : 'NOT loaded — native rows skipped'}`,
  );
  out.push(
    `file: ${meta.file} — ${fmtInt(bytes)} bytes (${mib(bytes)}), ${fmtInt(lines)} lines${meta.events !== null ? `, ${fmtInt(meta.events)} events` : ''}`,
  );
  out.push(
    `timing: median; in-memory = benchmark.js in this process (≥${cfg.minSamples} samples, read not timed); ` +
      `file = child process per workload, ${cfg.fileWarmup} warm-up + ${cfg.fileRuns} runs (page cache warm). MB = 10^6 bytes`,
  );
  out.push('');
  const rl = tput('reference/readline');
  const im = tput('reference/split-inmem');
  const head = ['workload', 'backend', 'MB/s', 'per second', '±rme', 'n', 'vs readline', 'vs in-mem split', 'peak RSS + (= total)'];
  const rows = results.map((r) => [
    r.workload,
    r.backend,
    fmt1(r.mbPerSec),
    `${fmtRate(r.perSec)} ${r.unit}/s`,
    `${r.rme.toFixed(1)}%`,
    String(r.samples),
    rl ? fmtRatio(r.mbPerSec / rl) : 'n/a',
    im ? fmtRatio(r.mbPerSec / im) : 'n/a',
    r.peakRss !== undefined ? `${r.peakRssMethod === 'total' ? '= ' : ''}${mib(r.peakRss)}` : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const left = new Set([0, 1]);
  const line = (cells) =>
    cells
      .map((c, i) => (left.has(i) ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  out.push(line(head));
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) out.push(line(row));
  out.push('');
  out.push('ratios (throughput):');
  const rw = Math.max(...ratios.map(([name]) => name.length));
  for (const [name, r] of ratios) out.push(`  ${name.padEnd(rw)}  ${fmtRatio(r).padStart(7)}`);
  for (const w of warnings) out.push(`warning: ${w}`);
  for (const p of problems) out.push(`ERROR: ${p}`);
  console.log(out.join('\n'));

  if (args.json) {
    const json = {
      meta,
      results: results.map((r) => ({
        id: r.id,
        workload: r.workload,
        backend: r.backend,
        unit: r.unit,
        method: r.method,
        samples: r.samples,
        medianSeconds: r.seconds,
        minSeconds: r.min,
        rme: r.rme,
        mbPerSec: r.mbPerSec,
        perSec: r.perSec,
        ...(r.peakRss !== undefined ? { peakRssGrowthBytes: r.peakRss, peakRssMethod: r.peakRssMethod } : {}),
      })),
      ratios: Object.fromEntries(ratios),
      warnings,
      errors: problems,
    };
    writeFileSync(args.json, `${JSON.stringify(json, null, 2)}\n`);
  }
  if (problems.length) process.exitCode = 1;
}

let args = { child: null };
try {
  args = parseArgs(process.argv.slice(2));
  if (args.child) await child(args.child);
  else await main(args);
} catch (err) {
  if (args.child && process.send) reply({ ok: false, error: err.stack ?? String(err) });
  else {
    console.error(`bench: ${err.message}`);
    process.exitCode = 1;
  }
}
