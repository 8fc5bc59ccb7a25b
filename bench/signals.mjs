#!/usr/bin/env node
// Throughput of the Signals path on generated mainlog + bouncelog (dist/ build):
//   parse    reference: parse(buf) full events of each file, already in memory (read untimed)
//   read     files → events (eventBatchesWithIds merged by time: what `ecelog signals` reads)
//   convert  + SignalsConverter (joins, P/B pairing) → SparkPost events
//   batch    + Batcher (NDJSON + gzip, 5 MB batches)
// Each stage runs --runs times (default 5) over the whole input, in this process, each time right
// after a parse(buf) run; each line shows the median, and the median ratio of the stage's source
// events/s to that of the parse(buf) run before it.
//
//   node bench/signals.mjs [--size 100M] [--runs 5]
import { createRequire } from 'node:module';
import { readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureData, parseSize } from './generate.mjs';
import { positiveInt, readOptions } from './args.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { backend, parse } = require(join(root, 'dist', 'index.js'));
const { SignalsConverter, mergeBatchesByTime } = require(join(root, 'dist', 'signals', 'convert', 'index.js'));
const { Batcher, eventBatchesWithIds } = require(join(root, 'dist', 'signals', 'agent', 'index.js'));

const opts = {
  size: '100M',
  runs: 5,
  ...readOptions(process.argv.slice(2), { size: { type: 'string' }, runs: { type: 'string', convert: positiveInt('runs') } }),
};
const data = await ensureData(parseSize(opts.size), { quiet: true });
const files = [
  { path: data.mainlog, log: 'mainlog' },
  { path: data.bouncelog, log: 'bouncelog' },
];
const bytes = files.reduce((n, f) => n + statSync(f.path).size, 0);

/** parse(buf) of each file, read into memory first (untimed). */
function parseStage() {
  const bufs = files.map((f) => readFileSync(f.path));
  const t0 = performance.now();
  let events = 0;
  for (let i = 0; i < files.length; i++) for (const _ of parse(bufs[i], { log: files[i].log })) events++;
  return { seconds: (performance.now() - t0) / 1000, events, out: 0, gz: 0 };
}

async function stage(name) {
  if (name === 'parse') return parseStage();
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
  for await (const batch of mergeBatchesByTime(...files.map((f) => eventBatchesWithIds(f.path)))) {
    events += batch.length;
    if (conv !== null) for (const ev of batch) sink(conv.push(ev));
  }
  if (conv !== null) sink(conv.flush());
  if (batcher !== null) for (const b of batcher.take()) gz += b.body.length;
  return { seconds: (performance.now() - t0) / 1000, events, out, gz };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

console.log(`node ${process.version}, ${cpus()[0]?.model.trim()} × ${cpus().length}, backend ${backend}`);
console.log(`input: ${files.map((f) => f.path.replace(`${root}/`, '')).join(' + ')} — ${(bytes / 1e6).toFixed(1)} MB`);
const names = ['read', 'convert', 'batch'];
// Each stage right after a parse(buf) run: the ratio of the pair is what a noisy machine leaves comparable.
const results = Object.fromEntries(['parse', ...names].map((n) => [n, []]));
const ratios = Object.fromEntries(names.map((n) => [n, []]));
const rateOf = (res) => res.events / res.seconds;
for (let r = 0; r < opts.runs; r++) {
  for (const name of names) {
    const ref = parseStage();
    const res = await stage(name);
    results.parse.push(ref);
    results[name].push(res);
    ratios[name].push(rateOf(res) / rateOf(ref));
  }
}

console.log(`median of ${opts.runs} runs; each stage run right after a parse(buf) run, "vs parse" the median of those pairs' ratios`);
console.log('stage    source events/s  SparkPost events/s     MB/s  vs parse  (events in → out, gzip MB)');
for (const name of ['parse', ...names]) {
  const seconds = median(results[name].map((res) => res.seconds));
  const last = results[name].at(-1);
  const rate = (n) => Math.round(n / seconds).toLocaleString('en-US');
  const ratio = name === 'parse' ? 1 : median(ratios[name]);
  console.log(
    `${name.padEnd(8)} ${rate(last.events).padStart(15)}  ${(last.out ? rate(last.out) : '').padStart(18)}  ${(bytes / 1e6 / seconds).toFixed(1).padStart(7)}  ` +
      `${ratio.toFixed(2).padStart(7)}x  (${last.events.toLocaleString('en-US')} → ${last.out.toLocaleString('en-US')}${last.gz ? `, ${(last.gz / 1e6).toFixed(1)} MB` : ''})`,
  );
}
