import { describe, expect, test } from 'vitest';
import { FLAG_NON_ASCII, FLAG_NUL, NEWLINE_BIT, type ScanFunction } from '../src/index';
import { SCANNERS } from './backends';

const NL = NEWLINE_BIT;

function run(scan: ScanFunction, bytes: Uint8Array, start = 0, end = bytes.length, cap = 64) {
  const out = new Uint32Array(cap);
  const info = new Uint32Array(4);
  const n = scan(bytes, start, end, out, info);
  return { n, entries: [...out.subarray(0, n)], info: [...info] };
}

describe.each(SCANNERS)('scanner contract, %s', (_name, scan) => {
  test('offsets of @ and of \\n (with the newline bit), in order', () => {
    const r = run(scan, Buffer.from('ab@c\n@\r\nx'));
    expect(r.n).toBe(4);
    expect(r.entries).toEqual([2, (4 | NL) >>> 0, 5, (7 | NL) >>> 0]);
    expect(r.info).toEqual([4, 2, 9, 0]);
  });

  test('offsets are absolute indexes into the buffer, within [start, end)', () => {
    const r = run(scan, Buffer.from('@@@\n@@@\n'), 2, 6);
    expect(r.entries).toEqual([2, (3 | NL) >>> 0, 4, 5]);
    expect(r.info).toEqual([4, 1, 6, 0]);
  });

  test('respects the byteOffset of a view', () => {
    const big = Buffer.from('xx@\nyy@zz\n');
    const view = big.subarray(4); // 'yy@zz\n'
    expect(run(scan, view).entries).toEqual([2, (5 | NL) >>> 0]);
  });

  test('a full output array: stops, and says where to resume', () => {
    const bytes = Buffer.from('a@b@c\nd@e\n');
    const first = run(scan, bytes, 0, bytes.length, 3);
    expect(first.entries).toEqual([1, 3, (5 | NL) >>> 0]);
    expect(first.info).toEqual([3, 1, 6, 0]);
    const second = run(scan, bytes, first.info[2], bytes.length, 3);
    expect(second.entries).toEqual([7, (9 | NL) >>> 0]);
    expect(second.info).toEqual([2, 1, 10, 0]);
  });

  test('flags: non-ASCII and NUL, only within [start, next)', () => {
    expect(run(scan, Buffer.from([0x41, 0x40, 0xc3, 0xa9, 0x0a])).info).toEqual([2, 1, 5, FLAG_NON_ASCII]);
    expect(run(scan, Buffer.from([0x41, 0x00, 0x40])).info).toEqual([1, 0, 3, FLAG_NUL]);
    expect(run(scan, Buffer.from([0x00, 0xff])).info).toEqual([0, 0, 2, FLAG_NUL | FLAG_NON_ASCII]);
    // Stopped early at the first entry: the bytes after `next` do not count.
    expect(run(scan, Buffer.from([0x40, 0x00, 0xff]), 0, 3, 1).info).toEqual([1, 0, 1, 0]);
  });

  test('empty range', () => {
    expect(run(scan, Buffer.from('a@b'), 1, 1)).toEqual({ n: 0, entries: [], info: [0, 0, 1, 0] });
  });

  test('long inputs cross every SIMD block boundary', () => {
    for (let len = 0; len < 300; len++) {
      const bytes = Buffer.alloc(len, 0x61);
      const want: number[] = [];
      for (let i = 0; i < len; i++) {
        if (i % 7 === 3) {
          bytes[i] = 0x40;
          want.push(i);
        } else if (i % 13 === 12) {
          bytes[i] = 0x0a;
          want.push((i | NL) >>> 0);
        }
      }
      expect(run(scan, bytes, 0, len, 512).entries).toEqual(want);
    }
  });

  test('bad arguments throw the same errors as the contract says', () => {
    const out = new Uint32Array(4);
    const info = new Uint32Array(4);
    const buf = Buffer.from('a@b');
    expect(() => scan('a@b' as unknown as Uint8Array, 0, 3, out, info)).toThrow(new TypeError('scan: buf must be a Uint8Array'));
    expect(() => scan(buf, 0, 3, new Int32Array(4) as unknown as Uint32Array, info)).toThrow(
      new TypeError('scan: out must be a Uint32Array'),
    );
    expect(() => scan(buf, 0, 3, out, new Uint32Array(3))).toThrow(new TypeError('scan: info must be a Uint32Array of length >= 4'));
    expect(() => scan(buf, 0, 4, out, info)).toThrow(new RangeError('scan: need 0 <= start <= end <= buf.length'));
    expect(() => scan(buf, 2, 1, out, info)).toThrow(RangeError);
    expect(() => scan(buf, -1, 1, out, info)).toThrow(RangeError);
    expect(() => scan(buf, 0.5, 1, out, info)).toThrow(RangeError);
    expect(() => scan(buf, 0, 3, new Uint32Array(0), info)).toThrow(new RangeError('scan: out must not be empty'));
  });
});
