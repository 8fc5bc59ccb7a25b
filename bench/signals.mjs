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
//
// --live: the agent (runAgent, in this process) following mainlog + bouncelog that a child process
// appends to at --rate source events/s (default 1000) for --seconds (default 20); the child also
// answers the agent's uploads. Reports this process's CPU time (process.cpuUsage) per second of
// traffic after a 3 s warm-up, and per 1000 events/s. Batches take events of any age (the
// generated lines are old) and close every 5 s (so that their gzip and upload fall in the window).
//
//   node bench/signals.mjs --live [--size 30M] [--rate 1000] [--seconds 20]
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureData, parseSize } from './generate.mjs';
import { positiveInt, readOptions } from './args.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { backend, parse } = require(join(root, 'dist', 'index.js'));
const { SignalsConverter, mergeBatchesByTime } = require(join(root, 'dist', 'signals', 'convert', 'index.js'));
const { Batcher, eventBatchesWithIds, runAgent } = require(join(root, 'dist', 'signals', 'agent', 'index.js'));

const opts = {
  size: '100M',
  runs: 5,
  live: false,
  rate: 1000,
  seconds: 20,
  ...readOptions(process.argv.slice(2), {
    size: { type: 'string' },
    runs: { type: 'string', convert: positiveInt('runs') },
    live: { type: 'boolean' },
    rate: { type: 'string', convert: positiveInt('rate') },
    seconds: { type: 'string', convert: positiveInt('seconds') },
  }),
};
if (opts.live && !process.argv.includes('--size')) opts.size = '30M';
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
// The child of --live: appends the lines of argv[2..3] (mainlog, bouncelog) to argv[4..5] at argv[6]
// lines/s (each file its share), every 50 ms; serves the Ingest API on a free port (printed).
const WRITER = `
const { readFileSync, appendFileSync, writeFileSync } = require('node:fs');
const http = require('node:http');
const [src1, src2, dst1, dst2, rate] = process.argv.slice(1);
const lines = [src1, src2].map((f) => readFileSync(f, 'latin1').split('\\n').filter((l) => l !== ''));
const total = lines[0].length + lines[1].length;
const dst = [dst1, dst2];
dst.forEach((f) => writeFileSync(f, ''));
let id = 0;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ results: { id: 'b' + id++ } })); });
});
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port));
const t0 = Date.now();
const done = [0, 0];
setInterval(() => {
  const due = ((Date.now() - t0) / 1000) * Number(rate);
  for (let i = 0; i < 2; i++) {
    const want = Math.min(lines[i].length, Math.floor((due * lines[i].length) / total));
    if (want > done[i]) appendFileSync(dst[i], lines[i].slice(done[i], want).join('\\n') + '\\n', 'latin1');
    done[i] = want;
  }
}, 50);
`;

if (opts.live) {
  const dir = mkdtempSync(join(tmpdir(), 'ecelog-live-'));
  const logs = ['mainlog', 'bouncelog'].map((log) => ({ path: join(dir, `${log}.ec`), log, checkpoint: join(dir, `${log}.ck`) }));
  const child = spawn(process.execPath, ['-e', WRITER, files[0].path, files[1].path, logs[0].path, logs[1].path, String(opts.rate)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((done) => child.stdout.once('data', (d) => done(String(d).trim())));
  const stop = new AbortController();
  const agent = runAgent({
    files: logs,
    url,
    apiKey: 'bench-key-0123456789',
    spool: join(dir, 'spool'),
    from: 'start',
    batch: { maxEventAge: 0, maxAgeMs: 5000 },
    signal: stop.signal,
    statusInterval: 3_600_000,
  });
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  await sleep(3000);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(opts.seconds * 1000);
  const cpu = process.cpuUsage(cpu0);
  const seconds = (performance.now() - t0) / 1000;
  stop.abort();
  const stats = await agent;
  child.kill();
  rmSync(dir, { recursive: true, force: true });
  const msPerSecond = (cpu.user + cpu.system) / 1000 / seconds;
  console.log(
    `live: ${opts.rate} source events/s for ${seconds.toFixed(1)} s (after 3 s): agent CPU ${msPerSecond.toFixed(1)} ms per second ` +
      `(user ${(cpu.user / 1000 / seconds).toFixed(1)}, system ${(cpu.system / 1000 / seconds).toFixed(1)}), ` +
      `${(msPerSecond / (opts.rate / 1000)).toFixed(1)} ms per second per 1000 events/s; ` +
      `${stats.events} events read, ${stats.converted} converted, ${stats.events_sent} sent in ${stats.batches_sent} batches`,
  );
  process.exit(0);
}

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
