import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { INFO_LENGTH, Session, parse, scanners, type EcelogEvent, type LogKind, type ScanFunction } from '../src/index';
import { BACKENDS } from './backends';
import { SPEC } from './fixtures';

/**
 * Differential properties: the native and TS scanners give identical output on any bytes, and
 * events do not depend on the backend nor on where chunk boundaries fall.
 */

const SAMPLE = {
  mainlog: readFileSync(join(__dirname, '..', 'sample', 'mainlog.ec')),
  bouncelog: readFileSync(join(__dirname, '..', 'sample', 'bouncelog.ec')),
};
const SEED_LINES = [...Object.values(SPEC), ...SAMPLE.mainlog.toString('latin1').split('\n').slice(0, 200)];

/** Bytes biased towards the delimiters and the bytes that matter (quotes, CR, NUL, high bytes). */
const interesting = fc.oneof(
  fc.constantFrom(0x40, 0x0a, 0x0d, 0x22, 0x5c, 0x00, 0x80, 0xff, 0xc3, 0xa9, 0x2e, 0x30, 0x35, 0x4d, 0x44, 0x52),
  fc.integer({ min: 0, max: 255 }),
);
const randomBytes = fc.uint8Array({ maxLength: 600 }).chain((plain) =>
  fc.array(interesting, { maxLength: 600 }).map((extra) => {
    const out = new Uint8Array(plain.length + extra.length);
    out.set(plain);
    out.set(extra, plain.length);
    return out;
  }),
);

/** Real log lines with mutations: bytes replaced, inserted, deleted, lines spliced. */
const mutatedLog = fc
  .tuple(
    fc.array(fc.constantFrom(...SEED_LINES), { minLength: 1, maxLength: 12 }),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 3 }), interesting), { maxLength: 10 }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([lines, edits, eol, trailing]) => {
    const bytes = [...Buffer.from(lines.join(eol) + (trailing ? eol : ''), 'latin1')];
    for (const [at, op, b] of edits) {
      const i = bytes.length === 0 ? 0 : at % bytes.length;
      if (op === 0) bytes[i] = b;
      else if (op === 1) bytes.splice(i, 0, b);
      else if (op === 2) bytes.splice(i, 1);
      else bytes.splice(i, 0, 0x40, 0x40);
    }
    return Uint8Array.from(bytes);
  });

const anyInput = fc.oneof(mutatedLog, randomBytes);

function scanAll(scan: ScanFunction, buf: Uint8Array, start: number, end: number, cap: number) {
  const out = new Uint32Array(cap);
  const info = new Uint32Array(INFO_LENGTH);
  const calls: number[][] = [];
  let from = start;
  for (let guard = 0; guard <= end - start + 1; guard++) {
    const n = scan(buf, from, end, out, info);
    calls.push([...out.subarray(0, n), ...info]);
    if (info[2] === end) break;
    from = info[2]!;
  }
  return calls;
}

function chunkedEvents(buf: Uint8Array, cuts: number[], log: LogKind, backend: 'native' | 'js', max?: number): EcelogEvent[] {
  const session = new Session({ log, backend, rawBytes: true, maxLineLength: max });
  const events: EcelogEvent[] = [];
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  const drain = () => {
    for (let b = session.read(); b !== null; b = session.read()) events.push(...b);
  };
  for (const p of [...points, buf.length]) {
    session.write(buf.subarray(from, p));
    drain();
    from = p;
  }
  session.end();
  drain();
  return events;
}

const RUNS = Number(process.env.ECELOG_FC_RUNS ?? 300);

describe('differential', () => {
  // Defined only where the addon loaded (under ECELOG_FORCE_JS=1 there is nothing to compare).
  if (scanners.native) test('native and TS scanners: identical entries and info, any range and capacity', () => {
    fc.assert(
      fc.property(anyInput, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 70 }), (buf, a, b, cap) => {
        const x = a % (buf.length + 1);
        const y = b % (buf.length + 1);
        const [start, end] = x <= y ? [x, y] : [y, x];
        expect(scanAll(scanners.native!, buf, start, end, cap)).toEqual(scanAll(scanners.js, buf, start, end, cap));
      }),
      { numRuns: RUNS * 3 },
    );
  });

  test.each(['mainlog', 'bouncelog'] as const)('%s: events identical across backends and chunkings', (log) => {
    fc.assert(
      fc.property(anyInput, fc.array(fc.nat(), { maxLength: 8 }), fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }), (buf, cuts, max) => {
        const reference = [...parse(buf, { log, backend: 'js', rawBytes: true, maxLineLength: max })];
        for (const backend of BACKENDS) {
          expect(chunkedEvents(buf, cuts, log, backend, max)).toEqual(reference);
          expect([...parse(buf, { log, backend, rawBytes: true, maxLineLength: max })]).toEqual(reference);
        }
        // Nothing is dropped: one event per line.
        const lines = buf.length === 0 ? 0 : Buffer.from(buf).toString('latin1').split('\n').length - (buf[buf.length - 1] === 10 ? 1 : 0);
        expect(reference).toHaveLength(lines);
      }),
      { numRuns: RUNS },
    );
  });

  test.each(['mainlog', 'bouncelog'] as const)('%s sample: 1-byte and random chunkings equal the whole', (log) => {
    const whole = [...parse(SAMPLE[log], { log, backend: 'js' })];
    expect(whole.filter((e) => e.type === 'malformed')).toEqual([]);
    for (const backend of BACKENDS) {
      const session = new Session({ log, backend });
      const got: EcelogEvent[] = [];
      const drain = () => {
        for (let b = session.read(); b !== null; b = session.read()) got.push(...b);
      };
      for (let i = 0; i < SAMPLE[log].length; i++) {
        session.write(SAMPLE[log].subarray(i, i + 1));
        drain();
      }
      session.end();
      drain();
      expect(got).toEqual(whole);
    }
  });
});
