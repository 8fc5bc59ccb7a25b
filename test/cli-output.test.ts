import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { LOG_KINDS, parse, type EcelogEvent } from '../src/index';
import { generate } from '../src/generator/generate';
import { fieldValue } from '../src/cli/filters';
import { EventWriter, type OutputFormat } from '../src/cli/writers';
import { columnPlan } from '../src/cli/columns';
import { CHUNK_SIZE } from '../src/cli/byte-sink';
import { BACKENDS } from './backends';
import { RUNS, mutatedLines, randomBytes } from './property';
import { SPEC } from './fixtures';

/**
 * `ecelog parse` output is byte-identical to what the straightforward writer gives: each event's
 * JSON.stringify with DEL/C1 escaped, and spreadsheet-safe cells. The reference below is that
 * writer, kept here as it was (string building, one event at a time).
 */

const C1 = /[\u007f-\u009f]/g;
function refJson(value: unknown): string {
  return JSON.stringify(value).replace(C1, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
function refSafeCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : typeof v === 'bigint' ? v.toString() : '';
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
function refCsvCell(v: unknown): string {
  const s = refSafeCell(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function refTsvCell(v: unknown): string {
  return refSafeCell(v).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}
function refPick(ev: object, fields: readonly string[] | null): object {
  if (fields === null) return ev;
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = fieldValue(ev, f) ?? null;
  return out;
}

/**
 * The whole output of the reference writer; CSV/TSV columns are `fields`, else `columns` (those of
 * the kinds read, as `ecelog parse` has them), else the keys of the first 1000 events.
 */
function reference(format: OutputFormat, fields: readonly string[] | null, events: readonly object[], columns?: readonly string[]): string {
  if (format === 'ndjson') return events.map((ev) => `${refJson(refPick(ev, fields))}\n`).join('');
  if (format === 'json') {
    return events.length === 0 ? '[]\n' : `[\n${events.map((ev) => refJson(refPick(ev, fields))).join(',\n')}\n]\n`;
  }
  if (events.length === 0) return '';
  let cols: string[];
  if (fields !== null) cols = [...fields];
  else if (columns !== undefined) cols = [...columns];
  else {
    const seen = new Set<string>();
    for (const ev of events.slice(0, 1000)) for (const k of Object.keys(ev)) if (k !== 'bytes') seen.add(k);
    cols = [...seen];
  }
  const cell = format === 'csv' ? refCsvCell : refTsvCell;
  const sep = format === 'csv' ? ',' : '\t';
  const row = (cells: string[]) => `${cells.join(sep)}\n`;
  return row(cols.map(cell)) + events.map((ev) => row(cols.map((c) => cell(fieldValue(ev, c))))).join('');
}

/** A stream that keeps every chunk; with `slow`, write() asks for backpressure and drains later. */
function collector(slow = false) {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    highWaterMark: slow ? 1 : 16384,
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      if (slow) setImmediate(cb);
      else cb();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

/** The writer's output for `events` given in batches cut at `cuts`. */
async function written(
  format: OutputFormat,
  fields: readonly string[] | null,
  events: readonly object[],
  cuts: readonly number[] = [],
  slow = false,
): Promise<Buffer> {
  const out = collector(slow);
  const w = new EventWriter(format, fields, out.stream);
  const points = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const p of [...points, events.length]) {
    await w.writeBatch(events.slice(from, p) as EcelogEvent[]);
    from = p;
  }
  await w.end();
  return out.bytes();
}

const FORMATS: OutputFormat[] = ['ndjson', 'json', 'csv', 'tsv'];

/** Asserts every format (all fields, and --fields) equals the reference, byte for byte. */
async function expectSameOutput(events: readonly object[], cuts: readonly number[] = [], fields: readonly string[] | null = null) {
  for (const format of FORMATS) {
    for (const f of fields === null ? [null] : [null, fields]) {
      const got = await written(format, f, events, cuts);
      // latin1 shows every byte as one character: a readable diff of the exact bytes.
      expect(got.toString('latin1')).toBe(Buffer.from(reference(format, f, events), 'utf8').toString('latin1'));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile values

const SPECIAL = [
  '"',
  '\\',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u001b',
  '\u001f',
  ' ',
  '\u007f',
  '\u0080',
  '\u009b',
  '\u009f',
  '\u00a0',
  'é',
  '\u2028',
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  '=',
  '+',
  '-',
  '@',
  ',',
  '/',
  'a',
  '0',
];

const hostileString = fc
  .array(
    fc.oneof(
      fc.constantFrom(...SPECIAL),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const hostileNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(
    0,
    -0,
    NaN,
    Infinity,
    -Infinity,
    2 ** 31,
    -(2 ** 31),
    2 ** 31 - 1,
    2 ** 53 - 1,
    2 ** 53,
    1e21,
    1e-7,
    0.1,
    1717221600000000,
  ),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: 0 }),
);

const scalar = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null), fc.constant(undefined));

const hostileValue = fc.oneof(
  { weight: 8, arbitrary: scalar },
  { weight: 1, arbitrary: fc.dictionary(hostileString, scalar, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant(new Date(0)) },
  { weight: 1, arbitrary: fc.constant(() => 1) },
);

const hostileKey = fc.oneof(
  fc.constantFrom('type', 'record', 'line', 'offset', 'bytes', 'headers', 'a.b', '1', '01', 'toString', '__proto__', 'constructor'),
  hostileString,
);

/** An own enumerable data property, whatever the key (`__proto__` included). */
function put(o: Record<string, unknown>, k: string, v: unknown) {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/**
 * Events built from a few key lists (so shapes repeat and compiled writers are reused, with
 * values of changing types), some with keys in another order or missing.
 */
const hostileEvents = fc
  .tuple(
    fc.array(fc.uniqueArray(hostileKey, { maxLength: 8 }), { minLength: 1, maxLength: 3 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('a', 'b', undefined), fc.array(hostileValue, { maxLength: 9 }), fc.boolean()), {
      maxLength: 40,
    }),
  )
  .map(([shapes, specs]) =>
    specs.map(([s, type, values, reversed]) => {
      const keys = shapes[s % shapes.length]!;
      const ev: Record<string, unknown> = {};
      if (type !== undefined) put(ev, 'type', type);
      const order = reversed ? [...keys].reverse() : keys;
      order.forEach((k, i) => put(ev, k, values[i % Math.max(values.length, 1)]));
      return ev;
    }),
  );

describe('output writers against the reference', () => {
  test('hostile events: keys, strings (controls, C1, lone surrogates, quotes), numbers, nesting, toJSON', async () => {
    await fc.assert(
      fc.asyncProperty(hostileEvents, fc.array(fc.nat(), { maxLength: 4 }), async (events, cuts) => {
        await expectSameOutput(events, cuts, ['type', 'a.b', '1', 'missing', 'toString']);
      }),
      { numRuns: RUNS },
    );
  });

  test('inherited enumerable keys, prototype-less objects, an own __proto__', async () => {
    const proto = { inherited: 'x' };
    const withProto = Object.assign(Object.create(proto) as Record<string, unknown>, { type: 'a', own: 1 });
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { type: 'a', own: 2 });
    const own: Record<string, unknown> = { type: 'a' };
    put(own, '__proto__', 'p');
    put(own, 'own', 3);
    await expectSameOutput([{ type: 'a', own: 0 }, withProto, bare, own, withProto, { own: 4, type: 'a' }]);
  });

  test('fields longer than a chunk, and output across many chunks', async () => {
    const big = 'x'.repeat(CHUNK_SIZE + 17);
    const events = [
      { type: 'a', s: big, n: 1 },
      { type: 'a', s: `\u009b${big}"`, n: 2 },
      { type: 'a', s: `=${'é'.repeat(CHUNK_SIZE / 2)}`, n: 3 },
      ...Array.from({ length: 4000 }, (_, i) => ({
        type: 'b',
        s: `${i}`.repeat(200),
        n: i % 3 === 0 ? i / 7 : i % 3 === 1 ? i : -i * 1e9,
      })),
    ];
    await expectSameOutput(events, [1, 2, 3, 1000]);
  });

  test('CSV/TSV columns: the keys of the first 1000 events; later keys are left out', async () => {
    const events = [...Array.from({ length: 1000 }, (_, i) => ({ type: 'a', [`k${i % 3}`]: i })), { type: 'b', late: 'x', k1: '-1' }];
    await expectSameOutput(events, [700, 1003]);
    await expectSameOutput(events);
  });

  test('backpressure: every batch waits for drain, and nothing is lost or reordered', async () => {
    const events = Array.from({ length: 20000 }, (_, i) => ({ type: 'a', i, s: 'y'.repeat(i % 300) }));
    for (const format of FORMATS) {
      const got = await written(format, null, events, [5000, 10000, 15000], true);
      expect(got.toString('latin1')).toBe(reference(format, null, events));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Parsed events, every log kind, both backends

const SEED_LINES = (() => {
  const out = new Set<string>(Object.values(SPEC));
  for (const l of generate({ seed: 3, messages: 40, fbl: 0.3, rejections: 0.5, quoted: 0.3, legacy: 0.2, backlog: 5 })) out.add(l.text);
  return [...out];
})();

describe.each(BACKENDS)('parsed events (%s backend)', (backend) => {
  test.each(LOG_KINDS)('%s: random and mutated lines', async (log) => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedLines(SEED_LINES), randomBytes), fc.array(fc.nat(), { maxLength: 3 }), async (buf, cuts) => {
        const events = [...parse(buf, { log, backend })];
        await expectSameOutput(events, cuts, ['type', 'response', 'headers.X-Job', 'timestamp']);
      }),
      { numRuns: Math.ceil(RUNS / 5) },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The command

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ecelog.js');
const dir = mkdtempSync(join(tmpdir(), 'ecelog-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(BACKENDS)('ecelog parse (%s backend)', (backend) => {
  const lines = [...generate({ seed: 9, messages: 400, quoted: 0.2 })].filter((l) => l.log === 'mainlog').map((l) => l.text);
  lines.push(
    SPEC.mainlogP.replace('552 No such account', '552 \u009b2J\u007f "quoted" \\ back, =cmd\tx'),
    SPEC.mainlogT.replace('421 no adequate servers', '=HYPERLINK("http://x")'),
    SPEC.mainlogR.replace('@bob@', '@"b@b"@'),
    'not a line',
    '\u00ff\u00fe binary',
  );
  const text = `${lines.join('\n')}\n`;
  const file = join(dir, `hostile-${backend}.ec`);
  writeFileSync(file, text, 'latin1');
  const events = [...parse(Buffer.from(text, 'latin1'), { log: 'mainlog', backend })];
  const env = { ...process.env };
  if (backend === 'js') env.ECELOG_FORCE_JS = '1';
  else delete env.ECELOG_FORCE_JS;

  test.each([
    ['ndjson', null],
    ['json', null],
    ['csv', null],
    ['tsv', null],
    ['ndjson', ['type', 'response', 'rcpt_localpart']],
    ['csv', ['type', 'response', 'rcpt_localpart']],
  ] as Array<[OutputFormat, string[] | null]>)('--format %s --fields %s: line by line as the reference', (format, fields) => {
    const args = ['parse', '--log', 'mainlog', '--format', format, ...(fields ? ['--fields', fields.join(',')] : []), file];
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env });
    expect(r.status).toBe(0);
    const want = Buffer.from(reference(format, fields, events, columnPlan([{ kind: 'mainlog', jlog: false }]).columns), 'utf8')
      .toString('latin1')
      .split('\n');
    expect(r.stdout.toString('latin1').split('\n')).toEqual(want);
    expect(want.length).toBeGreaterThan(lines.length);
  });
});
