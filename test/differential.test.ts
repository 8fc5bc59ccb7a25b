import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { INFO_LENGTH, Session, nativeFlavours, parse, scanners, type EcelogEvent, type ScanFunction } from '../src/index';
import { RUNS, checkDecoderProperty, mutatedLines, randomBytes } from './property';
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

const anyInput = fc.oneof(mutatedLines(SEED_LINES), randomBytes);

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

describe('differential', () => {
  // One test per native flavour this CPU runs (none under ECELOG_FORCE_JS=1: nothing to compare).
  for (const [name, native] of Object.entries(nativeFlavours)) {
    test(`native ${name} and TS scanners: identical entries and info, any range and capacity`, () => {
      fc.assert(
        fc.property(anyInput, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 200 }), (buf, a, b, cap) => {
          const x = a % (buf.length + 1);
          const y = b % (buf.length + 1);
          const [start, end] = x <= y ? [x, y] : [y, x];
          expect(scanAll(native, buf, start, end, cap)).toEqual(scanAll(scanners.js, buf, start, end, cap));
        }),
        { numRuns: RUNS * 3 },
      );
    });
  }

  test.each(['mainlog', 'bouncelog'] as const)('%s: events identical across backends and chunkings', (log) => {
    checkDecoderProperty(log, SEED_LINES);
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
