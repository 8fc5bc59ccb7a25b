#!/usr/bin/env node
// Loading events into the SQL engines against the parser, in process, on a generated mainlog (and
// its bouncelog): the reference is `parse(buf)` (full events, the file read into a Buffer untimed,
// after an untimed warm-up pass); loading is the same parse, each event given its id, appended
// to DuckDB through `ecelog sql`'s sink and committed (the staged rows moved into the tables,
// leaving out ids already there), in memory and in a database file (--db). Then DuckDB copies the
// rows it holds (CREATE TABLE AS SELECT): the rate at which DuckDB itself stores these rows, the
// ceiling of any loader. Prints each round's events/s, the ratios to parse and the median ratios. With --clickhouse URL (http://user:password@127.0.0.1:8123/db) the same events
// are shipped to a running ClickHouse by `ecelog ship`'s sink, and measured likewise.
//
//   node bench/sql.mjs [--size 100M] [--rounds 3] [--clickhouse URL]
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** Every batch given to `add`, then `end()`: the events and their rate. */
async function load(add, end) {
  const t0 = process.hrtime.bigint();
  let events = 0;
  for (const b of batches()) {
    await add(b);
    events += b.length;
  }
  await end();
  return { events, perSecond: events / (Number(process.hrtime.bigint() - t0) / 1e9) };
}

/**
 * Loads every event into DuckDB (in memory, or with `file` a database file as `--db` keeps, whose
 * loads go through staging tables). In memory, the rows loaded are then copied by DuckDB itself
 * (CREATE TABLE ... AS SELECT from each table): the rate of DuckDB storing these rows with no
 * loader at all, the ceiling of any loader.
 */
async function duckdbRate(file) {
  if (file !== undefined) rmSync(file, { force: true });
  const sink = await DuckdbSink.open(file ?? null, tables, 'bench');
  try {
    const { events: n, perSecond } = await load(
      (b) => sink.append(b),
      () => sink.commit(),
    );
    const stored = (await sink.query('SELECT count(*) FROM events')).rows[0][0];
    if (stored !== n) throw new Error(`DuckDB holds ${stored} events of ${n}`);
    if (file !== undefined) return { events: n, perSecond };
    const filled = (await sink.query('SELECT table_name FROM duckdb_tables() WHERE estimated_size > 0')).rows.map((r) => r[0]);
    const c0 = process.hrtime.bigint();
    for (const t of filled) await sink.query(`CREATE TABLE "copy_${t}" AS SELECT * FROM "${t}"`);
    const copyPerSecond = n / (Number(process.hrtime.bigint() - c0) / 1e9);
    return { events: n, perSecond, copyPerSecond };
  } finally {
    sink.close();
    if (file !== undefined) rmSync(file, { force: true });
    if (file !== undefined) rmSync(`${file}.wal`, { force: true });
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
    return await load(
      (b) => sink.add(b),
      () => sink.flush(),
    );
  } finally {
    await sink.close();
  }
}

parseRate(); // warm-up
const sides = [
  ['duckdb', () => duckdbRate()],
  ['duckdb --db', () => duckdbRate(join(tmpdir(), `ecelog-bench-${process.pid}.duckdb`))],
];
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
    if (r.copyPerSecond !== undefined) {
      (ratios['duckdb copying its own rows'] ??= []).push(r.copyPerSecond / ref.perSecond);
      parts.push(`duckdb copying its own rows ${fmt(r.copyPerSecond)} (${(r.copyPerSecond / ref.perSecond).toFixed(2)}x)`);
    }
  }
  console.log(parts.join(', '));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, r] of Object.entries(ratios)) console.log(`${name}: median rate / parse ${median(r).toFixed(2)}x (load target >= 0.3x)`);
