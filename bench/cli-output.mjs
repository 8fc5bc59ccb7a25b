#!/usr/bin/env node
// `ecelog parse` output (NDJSON, JSON, CSV, TSV) against the in-process parser, on one log file.
//
// Each round, for each backend: `for (const ev of parse(buf))` (full events: the reference), then
// the same events written by the CLI's EventWriter into a stream that drops the bytes (in-process
// serialization), then the CLI itself in a child process with stdout on /dev/null, once per
// format. Every figure is a ratio of MB/s of input against the reference of the same round and
// backend; the median over the rounds is printed. The in-process NDJSON is checked against
// safeJson(ev) per event once, on the first 2 MB.
//
//   node bench/cli-output.mjs [--size 100M | --file PATH] [--log mainlog] [--rounds 3]
//                             [--formats ndjson,csv,tsv,json] [--no-cli]
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { ensureData, parseSize } from './generate.mjs';
import { positiveInt, readOptions } from './args.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const opts = {
  size: '100M',
  log: 'mainlog',
  rounds: 3,
  formats: 'ndjson,csv,tsv,json',
  ...readOptions(process.argv.slice(2), {
    size: { type: 'string' },
    file: { type: 'string', convert: (v) => resolve(v) },
    log: { type: 'string' },
    rounds: { type: 'string', convert: positiveInt('rounds') },
    formats: { type: 'string' },
    'no-cli': { type: 'boolean', key: 'noCli' },
  }),
};
const formats = opts.formats.split(',').map((f) => f.trim());
const file = opts.file ?? (await ensureData(parseSize(opts.size), { quiet: true }))[opts.log === 'bouncelog' ? 'bouncelog' : 'mainlog'];

const { parse, scanners } = require(join(root, 'dist', 'index.js'));
const { EventWriter, safeJson } = require(join(root, 'dist', 'cli', 'writers.js'));
const backends = scanners.native ? ['native', 'js'] : ['js'];
const buf = readFileSync(file);
const mb = buf.length / 1e6;
const BATCH = 512;

/** A stream that takes every chunk at once and keeps nothing (counts the bytes). */
function nullStream() {
  const s = new Writable({
    write(chunk, _enc, cb) {
      s.bytes += chunk.length;
      cb();
    },
  });
  s.bytes = 0;
  return s;
}

function seconds(f) {
  const t0 = performance.now();
  const r = f();
  return [(performance.now() - t0) / 1000, r];
}

async function secondsAsync(f) {
  const t0 = performance.now();
  const r = await f();
  return [(performance.now() - t0) / 1000, r];
}

function reference(backend) {
  return seconds(() => {
    let n = 0;
    for (const ev of parse(buf, { log: opts.log, backend })) n += ev.line;
    return n;
  });
}

/** The events of `buf` through EventWriter (batches as the CLI has them). */
async function inProcess(backend, format) {
  return secondsAsync(async () => {
    const out = nullStream();
    const w = new EventWriter(format, null, out);
    let batch = [];
    for (const ev of parse(buf, { log: opts.log, backend })) {
      batch.push(ev);
      if (batch.length === BATCH) {
        await w.writeBatch(batch);
        batch = [];
      }
    }
    await w.writeBatch(batch);
    await w.end();
    return out.bytes;
  });
}

/** What NDJSON cost before: safeJson per event, joined. */
function oldNdjson(backend) {
  return seconds(() => {
    let n = 0;
    let parts = [];
    for (const ev of parse(buf, { log: opts.log, backend })) {
      parts.push(`${safeJson(ev)}\n`);
      if (parts.length === BATCH) {
        n += Buffer.byteLength(parts.join(''));
        parts = [];
      }
    }
    return n + Buffer.byteLength(parts.join(''));
  });
}

function cli(backend, format) {
  const fd = openSync('/dev/null', 'w');
  try {
    const env = { ...process.env };
    if (backend === 'js') env.ECELOG_FORCE_JS = '1';
    else delete env.ECELOG_FORCE_JS;
    return seconds(() =>
      execFileSync(process.execPath, [join(root, 'bin', 'ecelog.js'), 'parse', '--log', opts.log, '--format', format, file], {
        stdio: ['ignore', fd, 'ignore'],
        env,
      }),
    );
  } finally {
    closeSync(fd);
  }
}

async function check(backend) {
  const small = buf.subarray(0, Math.min(buf.length, 2e6));
  const end = small.lastIndexOf(10) + 1;
  const part = small.subarray(0, end);
  const chunks = [];
  const out = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  const w = new EventWriter('ndjson', null, out);
  const events = [...parse(part, { log: opts.log, backend })];
  await w.writeBatch(events);
  await w.end();
  const expected = events.map((ev) => `${safeJson(ev)}\n`).join('');
  if (Buffer.concat(chunks).toString('utf8') !== expected) throw new Error(`NDJSON differs from safeJson (${backend})`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

console.log(`node ${process.version}, ${cpus()[0]?.model.trim()} × ${cpus().length}`);
console.log(`input: ${file.replace(`${root}/`, '')} — ${mb.toFixed(1)} MB, --log ${opts.log}, ${opts.rounds} rounds`);
for (const b of backends) await check(b);

const rows = new Map(); // label -> ratios
const add = (label, ratio, mbps) => {
  if (!rows.has(label)) rows.set(label, { ratios: [], mbps: [] });
  rows.get(label).ratios.push(ratio);
  rows.get(label).mbps.push(mbps);
};
for (let r = 0; r < opts.rounds; r++) {
  for (const b of backends) {
    reference(b); // warm-up
    const [ref] = reference(b);
    const refMbps = mb / ref;
    add(`${b} parse(buf) full events`, 1, refMbps);
    const [old] = oldNdjson(b);
    add(`${b} in-process safeJson + join (before)`, ref / old, mb / old);
    for (const f of formats) {
      const [t] = await inProcess(b, f);
      add(`${b} in-process EventWriter ${f}`, ref / t, mb / t);
    }
    if (!opts.noCli) {
      for (const f of formats) {
        const [t] = cli(b, f);
        add(`${b} ecelog parse --format ${f} > /dev/null`, ref / t, mb / t);
      }
    }
  }
}
const width = Math.max(...[...rows.keys()].map((k) => k.length));
console.log(`${'workload'.padEnd(width)}  MB/s (median)  ratio to parse(buf) (median, range)`);
for (const [label, { ratios, mbps }] of rows) {
  const lo = Math.min(...ratios).toFixed(2);
  const hi = Math.max(...ratios).toFixed(2);
  console.log(`${label.padEnd(width)}  ${median(mbps).toFixed(0).padStart(13)}  ${median(ratios).toFixed(2)}x (${lo}–${hi})`);
}
