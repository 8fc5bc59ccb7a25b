#!/usr/bin/env node
// Loading events into the SQL engines against the parser, in process, on a generated mainlog (and
// its bouncelog): the reference is `parse(buf)` (full events, the file read into a Buffer untimed,
// after an untimed warm-up pass); loading is the same parse, each event given its id, appended
// to DuckDB through `ecelog sql`'s sink and committed (the staged rows moved into the tables,
// leaving out ids already there). Prints each round's events/s, the ratio load / parse and the
// median ratio. With --clickhouse URL (http://user:password@127.0.0.1:8123/db) the same events
// are shipped to a running ClickHouse by `ecelog ship`'s sink, and measured likewise.
//
//   node bench/sql.mjs [--size 100M] [--rounds 3] [--clickhouse URL]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureData, parseSize } from './generate.mjs';
import { positiveInt, readOptions } from './args.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const opts = {
  size: '100M',
  rounds: 3,
  clickhouse: undefined,
  ...readOptions(process.argv.slice(2), {
    size: { type: 'string' },
    rounds: { type: 'string', convert: positiveInt('rounds') },
    clickhouse: { type: 'string' },
  }),
};
const require = createRequire(import.meta.url);
const dist = (p) => require(join(root, 'dist', p));
const { parse } = dist('index.js');
const { eventTables } = dist('sinks/schema.js');
const { DuckdbSink } = dist('sinks/duckdb-sink.js');
const { kindTypesAndFields } = dist('cli/columns.js');

const files = await ensureData(parseSize(opts.size), { quiet: true });
const inputs = [files.mainlog, files.bouncelog].map((path) => ({ path, buf: readFileSync(path) }));
const tables = eventTables(kindTypesAndFields());
const BATCH = 4096;

/** Every input's events in batches, each event with an id and file as `ecelog sql` gives them. */
function* batches() {
  for (const { path, buf } of inputs) {
    let batch = [];
    for (const ev of parse(buf)) {
      ev.id = `bench:${path}:${ev.offset}`;
      ev.file = path;
      batch.push(ev);
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
}

function parseRate() {
  const t0 = process.hrtime.bigint();
  let n = 0;
  for (const { buf } of inputs) for (const _ of parse(buf)) n++;
  return { events: n, perSecond: n / (Number(process.hrtime.bigint() - t0) / 1e9) };
}

async function duckdbRate() {
  const sink = await DuckdbSink.open(null, tables, 'bench');
  try {
    const t0 = process.hrtime.bigint();
    let n = 0;
    for (const b of batches()) {
      await sink.append(b);
      n += b.length;
    }
    await sink.commit();
    const perSecond = n / (Number(process.hrtime.bigint() - t0) / 1e9);
    const stored = (await sink.query('SELECT count(*) FROM events')).rows[0][0];
    if (stored !== n) throw new Error(`DuckDB holds ${stored} events of ${n}`);
    return { events: n, perSecond };
  } finally {
    sink.close();
  }
}

async function clickhouseRate(given) {
  const { ClickhouseSink } = dist('sinks/clickhouse-sink.js');
  const url = new URL(given);
  const target = {
    url: `${url.protocol}//${url.host}`,
    database: url.pathname.replace(/^\//, '') || 'ecelog_bench',
    username: decodeURIComponent(url.username) || 'default',
    password: decodeURIComponent(url.password),
  };
  const sink = await ClickhouseSink.open(target, tables, 'bench', { truncate: true });
  try {
    const t0 = process.hrtime.bigint();
    let n = 0;
    for (const b of batches()) {
      await sink.add(b);
      n += b.length;
    }
    await sink.flush();
    const perSecond = n / (Number(process.hrtime.bigint() - t0) / 1e9);
    return { events: n, perSecond };
  } finally {
    await sink.close();
  }
}

parseRate(); // warm-up
const sides = [['duckdb', duckdbRate]];
if (opts.clickhouse !== undefined) sides.push(['clickhouse', () => clickhouseRate(opts.clickhouse)]);
console.log(`sql load vs parse(buf), ${inputs.map((i) => `${i.path} (${(i.buf.length / 1e6).toFixed(0)} MB)`).join(' + ')}`);
const ratios = Object.fromEntries(sides.map(([name]) => [name, []]));
const fmt = (r) => `${(r / 1e3).toFixed(0)} k events/s`;
for (let round = 1; round <= opts.rounds; round++) {
  const ref = parseRate();
  const parts = [`round ${round}: parse ${fmt(ref.perSecond)}`];
  for (const [name, rate] of sides) {
    const r = await rate();
    if (r.events !== ref.events) throw new Error(`${name} loaded ${r.events} events, parse gave ${ref.events}`);
    ratios[name].push(r.perSecond / ref.perSecond);
    parts.push(`${name} ${fmt(r.perSecond)} (${(r.perSecond / ref.perSecond).toFixed(2)}x)`);
  }
  console.log(parts.join(', '));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name] of sides) console.log(`${name}: median load / parse ${median(ratios[name]).toFixed(2)}x (target >= 0.3x)`);
