// Guards throughput: runs the benchmark on small data (--quick) and compares each ratio with
// bench/baseline.json. A ratio that falls by more than the tolerance fails the check (exit 1).
// Ratios, not MB/s: each is measured within one process run, so a busy machine moves both sides.
//   node bench/check.mjs                 compare (CI)
//   node bench/check.mjs --update        measure and write bench/baseline.json (deliberately)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const baselinePath = join(here, 'baseline.json');
const update = process.argv.includes('--update');
// A ratio may fall to this fraction of its baseline before the check fails: loose, so a noisy
// shared machine never fails it, while a real regression (a path 2.5x slower) does.
const TOLERANCE = 0.4;

/** The ratios of one benchmark run (a child process; its table goes to our output). */
function run(args) {
  const dir = mkdtempSync(join(tmpdir(), 'ecelog-bench-'));
  try {
    const out = join(dir, 'bench.json');
    execFileSync(process.execPath, [join(here, 'run.mjs'), ...args, '--json', out], { stdio: ['ignore', 'inherit', 'inherit'] });
    return JSON.parse(readFileSync(out, 'utf8')).ratios;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One measurement: the quick run (8 MiB) for the library's paths, and a 32 MiB run for the
 * command line, whose process startup would weigh too much in 8 MiB.
 */
function measure() {
  return {
    ...run(['--quick']),
    ...run(['--quick', '--size', '32M', '--only', 'events/native,cli/parse-ndjson/native,cli/parse-csv/native,cli/stats-1/native']),
  };
}

// The ratios guarded: each a comparison the project promises (see README, Benchmarks).
const GUARDED = [
  'native scan / TS scan',
  'cursor native / readline+split',
  'full events native / readline+split',
  'full events TS / readline+split',
  'parseFile native / readline+split',
  'parseFile native / parse(buf)',
  'parseFile TS / parse(buf)',
  'parseFileBatches native / parse(buf)',
  'parseStreamBatches native / parse(buf)',
  'follow native / parse(buf)',
  'follow TS / parse(buf)',
  'cli/parse-ndjson native / parse(buf)',
  'cli/parse-csv native / parse(buf)',
  'cli/stats-1 native / parse(buf)',
];

// --update keeps the lowest of three runs, so the baseline is one a noisy machine still reaches.
const runs = update ? [measure(), measure(), measure()] : [measure()];
const ratios = Object.fromEntries(
  GUARDED.filter((name) => runs.every((r) => r[name] !== undefined)).map((name) => [name, Math.min(...runs.map((r) => r[name]))]),
);

if (update) {
  const baseline = {
    note: 'node bench/check.mjs --update: the lowest of three measurements (bench/run.mjs --quick, and --size 32M for the CLI rows); each ratio is measured within one run',
    machine: `${process.version}, ${(await import('node:os')).cpus()[0]?.model ?? 'unknown cpu'}`,
    ratios,
  };
  writeFileSync(baselinePath, `${JSON.stringify(baseline, null, 2)}\n`);
  console.log(`bench:check: wrote ${baselinePath}`);
  process.exit(0);
}

const baseline = JSON.parse(readFileSync(baselinePath, 'utf8')).ratios;
let failed = 0;
for (const [name, base] of Object.entries(baseline)) {
  const now = ratios[name];
  if (now === undefined) {
    // The native rows are absent where the addon did not load (ECELOG_FORCE_JS=1).
    console.log(`bench:check: ${name}: not measured in this run`);
    continue;
  }
  const ok = now >= base * TOLERANCE;
  if (!ok) failed++;
  console.log(
    `bench:check: ${ok ? 'ok  ' : 'FELL'} ${name}: ${now.toFixed(2)} (baseline ${base.toFixed(2)}, floor ${(base * TOLERANCE).toFixed(2)})`,
  );
}
console.log(failed === 0 ? 'bench:check: all ratios within tolerance' : `bench:check: ${failed} ratio(s) fell below the floor`);
process.exit(failed === 0 ? 0 : 1);
