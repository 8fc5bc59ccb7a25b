import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { Cursor, parse, parseFile, parseFileBatches, parseStream, parseStreamBatches, scanners, type EcelogEvent } from '../src/index';
import { BACKENDS } from './backends';
import { keyHash } from '../src/core/cursor';
import { SPEC } from './fixtures';
import type { Backend } from '../src/index';
const ROOT = join(__dirname, '..');

const TEXT = [
  SPEC.mainlogR,
  SPEC.mainlogD,
  SPEC.mainlogT.replace('servers', 'servers <a@b.example>'),
  'garbage line',
  SPEC.heartbeatM1,
  `${SPEC.mainlogP}\r`,
  '',
  SPEC.mainlogD22,
].join('\n');

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const x of it) all.push(x);
  return all;
}

function chunked(buf: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return Readable.from(parts);
}

const dir = mkdtempSync(join(tmpdir(), 'ecelog-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(BACKENDS)('iterators, %s backend', (backend) => {
  test('a log name that is only a name of Object.prototype is an unknown kind', () => {
    for (const log of ['toString', 'constructor', '__proto__']) {
      expect(() => [...parse(Buffer.from(`${SPEC.mainlogD}\n`), { log: log as 'mainlog', backend })]).toThrow(
        new RegExp(`^ecelog: unknown log kind "${log}"`),
      );
    }
  });

  const whole = [...parse(Buffer.from(TEXT), { log: 'mainlog', backend })];

  test('the reference: every line, a last line without newline included', () => {
    expect(whole.map((e) => e.type)).toEqual([
      'reception',
      'delivery',
      'transient_failure',
      'malformed',
      'heartbeat',
      'permanent_failure',
      'malformed',
      'delivery',
    ]);
    expect(whole.map((e) => e.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  test.each([1, 2, 3, 7, 64, 1000])('parseStream with %i-byte chunks gives the same events', async (size) => {
    const evs = await collect(parseStream(chunked(Buffer.from(TEXT), size), { log: 'mainlog', backend }));
    expect(evs).toEqual(whole);
  });

  test('parseStream accepts string chunks', async () => {
    const evs = await collect(parseStream(Readable.from([TEXT.slice(0, 100), TEXT.slice(100)]), { log: 'mainlog', backend }));
    expect(evs).toEqual(whole);
  });

  test('parseFile reads a file in small chunks and gives the same events', async () => {
    const path = join(dir, `mainlog-${backend}.ec`);
    writeFileSync(path, TEXT);
    expect(await collect(parseFile(path, { log: 'mainlog', backend, chunkSize: 17 }))).toEqual(whole);
    expect(await collect(parseFile(path, { log: 'mainlog', backend }))).toEqual(whole);
  });

  test('overlong lines on a stream are skipped with bounded memory and reported exactly', async () => {
    const long = 'x'.repeat(5000);
    const text = `${SPEC.mainlogR}\n${long}\r\n${SPEC.mainlogD}\n${long}`;
    const opts = { log: 'mainlog' as const, backend, maxLineLength: 1000 };
    const sync = [...parse(Buffer.from(text), opts)];
    expect(sync.map((e) => e.type)).toEqual(['reception', 'malformed', 'delivery', 'malformed']);
    expect(sync[1]).toMatchObject({ line: 2, offset: SPEC.mainlogR.length + 1, reason: 'line of 5000 bytes exceeds maxLineLength (1000)' });
    expect(sync[3]).toMatchObject({ line: 4, reason: 'line of 5000 bytes exceeds maxLineLength (1000)' });
    for (const size of [1, 100, 999, 4096]) {
      expect(await collect(parseStream(chunked(Buffer.from(text), size), opts))).toEqual(sync);
    }
  });

  test('many lines across many scanner windows', () => {
    const lines = Array.from({ length: 20000 }, (_, i) => SPEC.mainlogD.replace('@266@', `@${i}@`));
    const evs = [...parse(Buffer.from(lines.join('\n')), { log: 'mainlog', backend })];
    expect(evs).toHaveLength(20000);
    expect(evs.every((e, i) => e.type === 'delivery' && e.size === i && e.line === i + 1)).toBe(true);
  });

  test('a line with more @ than the cursor window holds', () => {
    const line = `1064869327@a@b@c@T@d@0@g@b@1@0@1.5@ip@${'@'.repeat(200000)}`;
    const [ev] = [...parse(Buffer.from(`${line}\n`), { log: 'mainlog', backend })];
    expect(ev).toMatchObject({ type: 'transient_failure', response: '@'.repeat(200000) });
  });
});

describe.each(BACKENDS)('cursor, %s backend', (backend) => {
  test('record letter and fields on demand, no event objects', () => {
    const c = new Cursor(scanners[backend]!);
    const buf = Buffer.from(`${SPEC.mainlogR}\n${SPEC.mainlogD}\r\n${SPEC.mainlogT}`);
    c.reset(buf, 0, buf.length, 0, 0, true);
    const seen: Array<[number, number, string, number]> = [];
    while (c.next()) seen.push([c.line, c.offset, c.str(4), c.rawFields]);
    expect(seen).toEqual([
      [1, 0, 'R', 14],
      [2, SPEC.mainlogR.length + 1, 'D', 12],
      [3, SPEC.mainlogR.length + SPEC.mainlogD.length + 3, 'T', 14],
    ]);
  });

  test('numbers and bytes without strings; not final leaves the partial line', () => {
    const c = new Cursor(scanners[backend]!);
    const buf = Buffer.from(`${SPEC.mainlogD}\n${SPEC.mainlogD.slice(0, 30)}`);
    c.reset(buf, 0, buf.length, 1000, 41, false);
    expect(c.next()).toBe(true);
    expect([c.line, c.offset, c.int(6), c.dec(10), c.bytes(5).toString()]).toEqual([42, 1000, 266, 0.393, 'postalengine.com']);
    expect(c.int(5)).toBe(-1);
    expect(c.isChar(4, 0x44)).toBe(true);
    expect(c.next()).toBe(false);
    expect(c.rest).toBe(SPEC.mainlogD.length + 1);
  });

  test('strings are the same whether windows are decoded whole or field by field (few strings a line)', () => {
    // Reading one field of every 8th line makes the cursor decode field by field (fewer strings
    // than lines in a window); reading every field switches it back to whole windows. Every
    // string must equal the event's, in both modes and across the switches.
    const buf = readFileSync(join(ROOT, 'sample/mainlog.ec'));
    const events = [...parse(buf, { log: 'mainlog', backend })].filter((e) => e.type === 'delivery');
    const c = new Cursor(scanners[backend]!, 64); // small windows: many switches
    c.reset(buf, 0, buf.length, 0, 0, true);
    const got: string[][] = [];
    let n = 0;
    while (c.next()) {
      if (!c.isChar(4, 0x44)) continue;
      const sparse = Math.floor(n++ / 40) % 2 === 0;
      got.push(sparse ? [c.str(5)] : [c.str(5), c.str(1), c.str(7), c.str(8)]);
    }
    expect(got).toEqual(
      events.map((e, i) => (Math.floor(i / 40) % 2 === 0 ? [e.domain] : [e.domain, e.message_id, e.binding_group, e.binding])),
    );
    expect(got.length).toBeGreaterThan(100);
  });

  test('key(i) equals str(i) on every field of every line, with values that repeat, evict and collide', () => {
    const sample = readFileSync(join(ROOT, 'sample/mainlog.ec'));
    // Past the cache: 10,000 distinct values (evictions) read twice; non-ASCII lines; fields
    // longer than the cached 64 bytes; empty fields.
    const distinct = Array.from({ length: 10000 }, (_, i) => `1@v${i}.example@\n`).join('');
    const odd = ['1@caf\u00e9@x@\n', `1@${'a'.repeat(64)}@${'b'.repeat(65)}@\n`, '1@@@\n', '1@\u00e9\u00e9@@\n'].join('');
    const buf = Buffer.concat([sample, Buffer.from(distinct + distinct + odd + odd), sample]);
    const c = new Cursor(scanners[backend]!, 64);
    c.reset(buf, 0, buf.length, 0, 0, true);
    const keys: string[] = [];
    const strs: string[] = [];
    while (c.next()) {
      for (let i = 0; i < c.rawFields; i++) {
        keys.push(c.key(i));
        strs.push(c.str(i));
      }
    }
    expect(keys).toEqual(strs);
    expect(strs).toContain('caf\u00e9');
    expect(strs).toContain('b'.repeat(65));
    expect(new Set(strs).size).toBeGreaterThan(10000);
  });

  test('key(i): two values with the same hash are told apart', () => {
    // Birthday search for two 5-letter values with one 32-bit key hash: ~2^16 tries.
    const seen = new Map<number, string>();
    let pair: [string, string] | null = null;
    for (let n = 0; pair === null; n++) {
      const v = n.toString(36).padStart(5, '0');
      const h = keyHash(Buffer.from(v), 0, 5);
      const other = seen.get(h);
      if (other !== undefined) pair = [other, v];
      else seen.set(h, v);
    }
    const [a, b] = pair;
    expect(a).not.toBe(b);
    const buf = Buffer.from(`1@${a}\n1@${b}\n1@${a}\n1@${a}\n1@${b}\n`);
    const c = new Cursor(scanners[backend]!);
    c.reset(buf, 0, buf.length, 0, 0, true);
    const got: string[] = [];
    while (c.next()) got.push(c.key(1));
    expect(got).toEqual([a, b, a, a, b]);
  });

  test('key(i) of logical fields: quotes and free text', () => {
    const c = new Cursor(scanners[backend]!);
    const buf = Buffer.from('1@"a@b"@c@free @ text\n1@"a@b"@c@free @ text\n');
    c.reset(buf, 0, buf.length, 0, 0, true);
    const got: string[][] = [];
    while (c.next()) {
      c.resolve({ fields: 4, freeText: true, quoted: 2, ints: 1, decimals: 0 });
      got.push([c.key(1), c.key(3)]);
    }
    expect(got).toEqual([
      ['"a@b"', 'free @ text'],
      ['"a@b"', 'free @ text'],
    ]);
  });

  test('resolve: logical fields honour quotes and free text', () => {
    const c = new Cursor(scanners[backend]!);
    const buf = Buffer.from('1@"a@b"@c@free @ text');
    c.reset(buf, 0, buf.length, 0, 0, true);
    c.next();
    expect(c.rawFields).toBe(6);
    expect(c.resolve({ fields: 4, freeText: true, quoted: 2, ints: 1, decimals: 0 })).toBe(true);
    expect([c.str(0), c.str(1), c.str(2), c.str(3)]).toEqual(['1', '"a@b"', 'c', 'free @ text']);
    expect(c.resolve({ fields: 4, freeText: false, quoted: 2, ints: 0, decimals: 0 })).toBe(false);
    expect(c.fields).toBe(4 + 1);
  });
});

if (BACKENDS.length === 2)
  test('events of both backends are identical on the same input', () => {
    const evs = (b: Backend): EcelogEvent[] => [...parse(Buffer.from(TEXT), { log: 'mainlog', backend: b })];
    expect(evs('native')).toEqual(evs('js'));
  });

describe.each(BACKENDS)('maxLineLength boundary, %s backend', (backend) => {
  test('a CRLF line exactly maxLineLength long is not overlong, however it is chunked', async () => {
    const text = Buffer.from('\x08T\x00\x00\r\n');
    const opts = { log: 'mainlog' as const, backend, maxLineLength: 4 };
    const sync = [...parse(text, opts)];
    expect(sync).toMatchObject([{ type: 'malformed', reason: 'NUL byte at column 3' }]);
    for (const size of [1, 2, 5]) expect(await collect(parseStream(chunked(text, size), opts))).toEqual(sync);
  });
});

describe.each(BACKENDS)('batch iterators, %s backend', (backend) => {
  test('parseFileBatches and parseStreamBatches: arrays whose concatenation is the events; early return closes the file', async () => {
    const path = join(dir, `batches-${backend}.ec`);
    const lines = Array.from({ length: 5000 }, (_, i) => SPEC.mainlogD.replace('@266@', `@${i}@`));
    writeFileSync(path, `${lines.join('\n')}\n`);
    const events = await collect(parseFile(path, { log: 'mainlog', backend }));
    const batches = await collect(parseFileBatches(path, { log: 'mainlog', backend }));
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.every((b) => b.length > 0 && b.length <= 512)).toBe(true);
    expect(batches.flat()).toEqual(events);
    const fromStream = await collect(parseStreamBatches(chunked(Buffer.from(`${lines.join('\n')}\n`), 4096), { log: 'mainlog', backend }));
    expect(fromStream.flat()).toEqual(events);
    // Leaving a for-await early returns the iterator (and the file is closed).
    let n = 0;
    for await (const ev of parseFile(path, { log: 'mainlog', backend })) if (++n === 3 || ev.type !== 'delivery') break;
    expect(n).toBe(3);
  });
});

describe.each(BACKENDS)('parseFile reading into reused buffers, %s backend', (backend) => {
  // The reader fills a ring of three buffers: whatever the chunk size, however lines straddle
  // pieces (longer than a piece, CRLF cut in two, multi-line paniclog entries held across
  // pieces), the events are those of the whole buffer.
  const pieces = fc.constantFrom(
    SPEC.mainlogD,
    `${SPEC.mainlogR}\r`,
    SPEC.mainlogT,
    '1064869327:core: panic',
    '  continued line of the entry',
    '',
    'x'.repeat(700),
  );
  test('equals parse(buf) for any chunk size, mainlog and paniclog', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(pieces, { maxLength: 60 }),
        fc.integer({ min: 1, max: 900 }),
        fc.boolean(),
        async (lines, chunkSize, eol) => {
          const buf = Buffer.from(lines.join('\n') + (eol ? '\n' : ''));
          const path = join(dir, `ring-${backend}-${run++}.ec`);
          writeFileSync(path, buf);
          for (const log of ['mainlog', 'paniclog'] as const) {
            const whole = [...parse(buf, { log, backend })];
            expect(await collect(parseFile(path, { log, backend, chunkSize }))).toEqual(whole);
            expect((await collect(parseFileBatches(path, { log, backend, chunkSize, maxLineLength: 500 }))).flat()).toEqual([
              ...parse(buf, { log, backend, maxLineLength: 500 }),
            ]);
          }
          rmSync(path);
        },
      ),
      { numRuns: 60 },
    );
  });
});
