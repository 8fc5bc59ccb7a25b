#!/usr/bin/env node
// `ecelog stats` on one thread against every core (worker threads), on a generated mainlog:
// alternating pairs of runs (--threads 1, then --threads N), each a child process running the
// CLI (dist/ build), so that a noisy moment hits both sides of a pair. Prints each pair's times and
// ratio and the median ratio, and checks that both sides reported the same event counts.
//
//   node bench/stats.mjs [--size 1G] [--pairs 4] [--threads N (default: every core)]
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureData, parseSize } from './generate.mjs';
import { positiveInt, readOptions } from './args.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const opts = {
  size: '1G',
  pairs: 4,
  threads: availableParallelism(),
  ...readOptions(process.argv.slice(2), {
    size: { type: 'string' },
    pairs: { type: 'string', convert: positiveInt('pairs') },
    threads: { type: 'string', convert: positiveInt('threads') },
  }),
};
const { mainlog } = await ensureData(parseSize(opts.size), { quiet: true });

/** One CLI run: seconds, and the report's counts (the queue-time sample may differ between runs). */
function run(threads) {
  const t0 = performance.now();
  const out = execFileSync(
    process.execPath,
    [join(root, 'bin', 'ecelog.js'), 'stats', '--json', '--log', 'mainlog', '--threads', String(threads), mainlog],
    {
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  const r = JSON.parse(out.toString());
  return { seconds, counts: JSON.stringify([r.events, r.by_type, r.malformed, r.domains, r.bindings, r.failure_responses]) };
}

const mb = statSync(mainlog).size / 1e6;
console.log(`node ${process.version}, ${cpus()[0]?.model.trim()} × ${cpus().length}`);
console.log(
  `input: ${mainlog.replace(`${root}/`, '')} — ${mb.toFixed(1)} MB; ${opts.pairs} pairs: --threads 1, then --threads ${opts.threads}`,
);
const ratios = [];
for (let p = 1; p <= opts.pairs; p++) {
  const one = run(1);
  const all = run(opts.threads);
  if (one.counts !== all.counts) {
    console.error('bench:stats: the two runs reported different counts');
    process.exit(1);
  }
  ratios.push(one.seconds / all.seconds);
  console.log(
    `pair ${p}: 1 thread ${one.seconds.toFixed(2)} s (${(mb / one.seconds).toFixed(0)} MB/s), ${opts.threads} threads ${all.seconds.toFixed(2)} s (${(mb / all.seconds).toFixed(0)} MB/s): ${ratios.at(-1).toFixed(2)}x`,
  );
}
const sorted = [...ratios].sort((a, b) => a - b);
const median = sorted.length % 2 ? sorted[sorted.length >> 1] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
console.log(`ratio: median ${median.toFixed(2)}x, range ${sorted[0].toFixed(2)}x–${sorted.at(-1).toFixed(2)}x`);
