#!/usr/bin/env node
// Throughput of the Signals path on generated mainlog + bouncelog (dist/ build):
//   read   files → events (eventsWithIds, merged by time: what `ecelog signals` reads)
//   convert  + SignalsConverter (joins, P/B pairing) → SparkPost events
//   batch    + Batcher (NDJSON + gzip, 5 MB batches)
// Each stage is timed over the whole input, best of --runs (default 3), in this process.
//
//   node bench/signals.mjs [--size 100M] [--runs 3]
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureData, parseSize } from './generate.mjs';
import { positiveInt, readOptions } from './args.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { backend } = require(join(root, 'dist', 'index.js'));
const { SignalsConverter, mergeByTime } = require(join(root, 'dist', 'signals', 'convert', 'index.js'));
const { Batcher, eventsWithIds } = require(join(root, 'dist', 'signals', 'agent', 'index.js'));

const opts = {
  size: '100M',
  runs: 3,
  ...readOptions(process.argv.slice(2), { size: { type: 'string' }, runs: { type: 'string', convert: positiveInt('runs') } }),
};
const data = await ensureData(parseSize(opts.size), { quiet: true });
const files = [data.mainlog, data.bouncelog];
const bytes = files.reduce((n, f) => n + statSync(f).size, 0);

async function stage(name) {
  const conv = name === 'read' ? null : new SignalsConverter();
  const batcher = name === 'batch' ? new Batcher({ maxEventAge: 0 }) : null;
  let events = 0;
  let out = 0;
  let gz = 0;
  const sink = (evs) => {
    out += evs.length;
    if (batcher !== null) for (const e of evs) for (const b of batcher.add(e)) gz += b.body.length;
  };
  const t0 = performance.now();
  for await (const ev of mergeByTime(...files.map((f) => eventsWithIds(f)))) {
    events++;
    if (conv !== null) sink(conv.push(ev));
  }
  if (conv !== null) sink(conv.flush());
  if (batcher !== null) for (const b of batcher.take()) gz += b.body.length;
  return { seconds: (performance.now() - t0) / 1000, events, out, gz };
}

console.log(`node ${process.version}, ${cpus()[0]?.model.trim()} × ${cpus().length}, backend ${backend}`);
console.log(`input: ${files.map((f) => f.replace(`${root}/`, '')).join(' + ')} — ${(bytes / 1e6).toFixed(1)} MB`);
console.log('stage    source events/s  SparkPost events/s     MB/s  (events in → out, gzip MB)');
for (const name of ['read', 'convert', 'batch']) {
  let best = null;
  for (let r = 0; r < opts.runs; r++) {
    const res = await stage(name);
    if (best === null || res.seconds < best.seconds) best = res;
  }
  const rate = (n) => Math.round(n / best.seconds).toLocaleString('en-US');
  console.log(
    `${name.padEnd(8)} ${rate(best.events).padStart(15)}  ${(name === 'read' ? '' : rate(best.out)).padStart(18)}  ${(bytes / 1e6 / best.seconds).toFixed(1).padStart(7)}  ` +
      `(${best.events.toLocaleString('en-US')} → ${best.out.toLocaleString('en-US')}${best.gz ? `, ${(best.gz / 1e6).toFixed(1)} MB` : ''})`,
  );
}
