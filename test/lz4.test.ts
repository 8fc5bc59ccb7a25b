// LZ4 raw blocks (src/io/lz4.ts): jlog's LZ4 records from the shared fixture and from the reference
// library (jlog-ref, liblz4's compressor), valid blocks built from random sequences and by a small
// compressor below, hostile blocks with exact error offsets, and random bytes that must never make
// the decoder throw anything but Lz4DataError or write outside its output.
// ECELOG_FUZZ_RUNS=N runs the hostile-input property N times (docs/jlog-lz4.md).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { CompressedDataError } from '../src/io/bzip2';
import { Lz4DataError, decodeLz4Block, lz4Payload } from '../src/io/lz4';
import { SHARED } from './fixtures/jlog';

const FUZZ_RUNS = Number(process.env.ECELOG_FUZZ_RUNS ?? 3000);
const RUNS = Number(process.env.ECELOG_FC_RUNS ?? 300);

const JLOG_REF = join(SHARED, 'tools', 'jlog-ref');
const LZ4_MAGIC = 0x15106a01;

interface JlogRecord {
  mlen: number;
  body: Uint8Array;
}

/** Every record of a compressed jlog, segment by segment in order (spec/jlog-format.md §4.2). */
function jlogRecords(dir: string): JlogRecord[] {
  const records: JlogRecord[] = [];
  const segments = readdirSync(dir)
    .filter((name) => /^[0-9a-f]{8}$/.test(name))
    .sort();
  for (const name of segments) {
    const seg = readFileSync(join(dir, name));
    let off = 0;
    while (off < seg.length) {
      expect(seg.readUInt32LE(off), `${name}@${off}: magic`).toBe(LZ4_MAGIC);
      const mlen = seg.readUInt32LE(off + 12);
      const clen = seg.readUInt32LE(off + 16);
      expect(off + 20 + clen, `${name}@${off}: record within segment`).toBeLessThanOrEqual(seg.length);
      records.push({ mlen, body: seg.subarray(off + 20, off + 20 + clen) });
      off += 20 + clen;
    }
  }
  return records;
}

/** A line for `jlog-ref write`: its unescaping turns this back into `bytes`. */
function escapeLine(bytes: Uint8Array): Buffer {
  const out: number[] = [];
  for (const b of bytes) {
    if (b === 0x5c) out.push(0x5c, 0x5c);
    else if (b === 0x0a) out.push(0x5c, 0x6e);
    else if (b === 0x00) out.push(0x5c, 0x30);
    else out.push(b);
  }
  out.push(0x0a);
  return Buffer.from(out);
}

/** Deterministic bytes (xorshift32). */
function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

// ---- test-only encoders -------------------------------------------------------------------------

function pushLength(out: number[], n: number): void {
  while (n >= 255) {
    out.push(255);
    n -= 255;
  }
  out.push(n);
}

interface Sequence {
  literals: Uint8Array;
  /** Absent in the last sequence. */
  match?: { offset: number; length: number };
}

/** A block from explicit sequences (any shape, the end-of-block habits of real encoders not kept). */
function encodeSequences(seqs: readonly Sequence[]): Uint8Array {
  const out: number[] = [];
  for (const { literals, match } of seqs) {
    const lit = literals.length;
    const ml = match === undefined ? 0 : match.length - 4;
    out.push((Math.min(lit, 15) << 4) | Math.min(ml, 15));
    if (lit >= 15) pushLength(out, lit - 15);
    for (const b of literals) out.push(b);
    if (match === undefined) break;
    out.push(match.offset & 0xff, match.offset >>> 8);
    if (ml >= 15) pushLength(out, ml - 15);
  }
  return Uint8Array.from(out);
}

/** What the sequences decode to, byte by byte, the obvious way. */
function expand(seqs: readonly Sequence[]): Uint8Array {
  const out: number[] = [];
  for (const { literals, match } of seqs) {
    for (const b of literals) out.push(b);
    if (match === undefined) break;
    for (let i = 0; i < match.length; i++) out.push(out[out.length - match.offset]!);
  }
  return Uint8Array.from(out);
}

/** A greedy LZ4 compressor (one hash slot per 4-byte prefix) that keeps the end-of-block rules. */
function compress(src: Uint8Array): Uint8Array {
  const seqs: Sequence[] = [];
  const table = new Map<number, number>();
  const key = (i: number): number => src[i]! | (src[i + 1]! << 8) | (src[i + 2]! << 16) | (src[i + 3]! << 24);
  let anchor = 0;
  let i = 0;
  const lastMatchStart = src.length - 12;
  while (i < lastMatchStart) {
    const k = key(i);
    const cand = table.get(k);
    table.set(k, i);
    if (cand !== undefined && i - cand <= 65535 && key(cand) === k) {
      let len = 4;
      while (i + len < src.length - 5 && src[cand + len] === src[i + len]) len++;
      seqs.push({ literals: src.subarray(anchor, i), match: { offset: i - cand, length: len } });
      i += len;
      anchor = i;
    } else {
      i++;
    }
  }
  seqs.push({ literals: src.subarray(anchor) });
  return encodeSequences(seqs);
}

// ---- arbitraries --------------------------------------------------------------------------------

const literalBytes = fc.oneof(
  fc.uint8Array({ maxLength: 20 }),
  fc.uint8Array({ minLength: 14, maxLength: 16 }),
  fc.uint8Array({ minLength: 265, maxLength: 530 }),
);
const matchLength = fc.oneof(fc.integer({ min: 4, max: 40 }), fc.integer({ min: 260, max: 2000 }));
const matchOffset = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 65535 }));

/** Sequences whose matches all point inside the output decoded so far. */
const sequences = fc
  .array(fc.record({ literals: literalBytes, offset: matchOffset, length: matchLength }), { maxLength: 12 })
  .chain((raw) =>
    literalBytes.map((last) => {
      const seqs: Sequence[] = [];
      let produced = 0;
      for (const { literals, offset, length } of raw) {
        produced += literals.length;
        if (produced === 0) continue;
        const usable = 1 + ((offset - 1) % Math.min(produced, 65535));
        seqs.push({ literals, match: { offset: usable, length } });
        produced += length;
      }
      seqs.push({ literals: last });
      return seqs;
    }),
  );

/** Data with repeats at every distance: random pieces, runs and copies of earlier pieces. */
const compressible = fc
  .array(
    fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.record({ byte: fc.integer({ min: 0, max: 255 }), n: fc.integer({ min: 1, max: 3000 }) }),
      fc.record({ pattern: fc.uint8Array({ minLength: 1, maxLength: 7 }), n: fc.integer({ min: 1, max: 500 }) }),
      fc.nat(),
    ),
    { maxLength: 20 },
  )
  .map((parts) => {
    const pieces: Uint8Array[] = [];
    for (const p of parts) {
      if (p instanceof Uint8Array) pieces.push(p);
      else if (typeof p === 'number') pieces.push(pieces.length > 0 ? pieces[p % pieces.length]! : new Uint8Array(0));
      else if ('byte' in p) pieces.push(new Uint8Array(p.n).fill(p.byte));
      else {
        const piece = new Uint8Array(p.pattern.length * p.n);
        for (let i = 0; i < p.n; i++) piece.set(p.pattern, i * p.pattern.length);
        pieces.push(piece);
      }
    }
    return Uint8Array.from(Buffer.concat(pieces));
  });

/** Decodes into a view of a larger buffer and checks that nothing beyond the view was touched. */
function decodeGuarded(src: Uint8Array, dstLength: number): { written: number } | { error: unknown } {
  const GUARD = 64;
  const whole = new Uint8Array(dstLength + 2 * GUARD).fill(0xa5);
  const dst = whole.subarray(GUARD, GUARD + dstLength);
  let result: { written: number } | { error: unknown };
  try {
    result = { written: decodeLz4Block(src, dst) };
  } catch (error) {
    result = { error };
  }
  for (let i = 0; i < GUARD; i++) {
    if (whole[i] !== 0xa5 || whole[GUARD + dstLength + i] !== 0xa5) throw new Error('wrote outside dst');
  }
  return result;
}

function expectLz4Error(fn: () => unknown, offset: number, message?: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(Lz4DataError);
  expect((caught as Lz4DataError).offset).toBe(offset);
  if (message !== undefined) expect((caught as Lz4DataError).message).toMatch(message);
}

// ---- tests --------------------------------------------------------------------------------------

describe('jlog LZ4 records', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ecelog-lz4-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  test('the eventlog-lz4 fixture decodes to the reference reader payloads, in order', () => {
    const dir = join(SHARED, 'fixtures', 'jlog', 'eventlog-lz4');
    const expected = readFileSync(`${dir}.expected.jsonl`, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => Buffer.from(JSON.parse(line) as string, 'latin1'));
    const records = jlogRecords(dir);
    expect(records.length).toBe(expected.length);
    expect(records.length).toBeGreaterThan(50);
    // Really compressed: the decoder is what turns them into the payloads.
    expect(records.every((r) => r.body.length < r.mlen)).toBe(true);
    const scratch = new Uint8Array(1 << 16);
    records.forEach((r, i) => {
      const dst = new Uint8Array(r.mlen);
      expect(decodeLz4Block(r.body, dst)).toBe(r.mlen);
      expect(Buffer.from(dst).equals(expected[i]!), `record ${i}`).toBe(true);
      const payload = lz4Payload(r.body, r.mlen, scratch);
      expect(payload.buffer).toBe(scratch.buffer);
      expect(Buffer.from(payload).equals(expected[i]!), `record ${i} via lz4Payload`).toBe(true);
    });
  });

  test('what the reference library compresses decodes to what was written', () => {
    const text = Buffer.from(readFileSync(join(SHARED, 'fixtures', 'jlog', 'eventlog-lz4.expected.jsonl'), 'utf8'));
    const mixed = new Uint8Array(1 << 20);
    for (let off = 0, i = 0; off < mixed.length; i++) {
      const piece = i % 3 === 0 ? randomBytes(700 + (i % 300), i) : text.subarray((i * 977) % 40000, ((i * 977) % 40000) + 3000);
      const n = Math.min(piece.length, mixed.length - off);
      mixed.set(piece.subarray(0, n), off);
      off += n;
    }
    const payloads: Uint8Array[] = [
      new Uint8Array(0),
      Buffer.from('x'),
      Buffer.from('a'.repeat(100_000)), // offset-1 overlapping match, long length extension
      Buffer.from('ab'.repeat(50_000)), // offset 2
      Buffer.from('abc'.repeat(10_000) + 'tail!'),
      Buffer.from('0123456789abcdef'.repeat(3) + 'x'.repeat(19) + 'y'.repeat(18)), // lengths at 15/19
      ...[14, 15, 16, 269, 270, 271, 524, 525, 526, 5000].map((n) => randomBytes(n, n)), // literal extensions
      Buffer.concat([randomBytes(300, 7), randomBytes(300, 7), randomBytes(300, 8)]), // 300-byte match after 300 literals
      text.subarray(0, 20_000),
      mixed, // 1 MiB: offsets up to 65535, every copy path
    ];
    const dir = join(tmp, 'interop');
    execFileSync(JLOG_REF, ['init', dir, '--lz4', '--unit-limit', String(64 << 20), '--subscriber', 'r']);
    execFileSync(JLOG_REF, ['write', dir], { input: Buffer.concat(payloads.map(escapeLine)) });
    const records = jlogRecords(dir);
    expect(records.length).toBe(payloads.length);
    records.forEach((r, i) => {
      expect(r.mlen, `record ${i}: mlen`).toBe(payloads[i]!.length);
      const dst = new Uint8Array(r.mlen);
      expect(decodeLz4Block(r.body, dst), `record ${i}`).toBe(r.mlen);
      expect(Buffer.from(dst).equals(payloads[i]!), `record ${i}`).toBe(true);
      expect(Buffer.from(lz4Payload(r.body, r.mlen)).equals(payloads[i]!), `record ${i} via lz4Payload`).toBe(true);
    });
    // The runs really were matches, the random bytes really literals.
    expect(records[2]!.body.length).toBeLessThan(1000);
    expect(records[3]!.body.length).toBeLessThan(1000);
    expect(records[15]!.body.length).toBeGreaterThan(5000);
    // And the reference reader returns the same payloads.
    const read = execFileSync(JLOG_REF, ['read', dir, 'r'], { encoding: 'utf8', maxBuffer: 64 << 20 })
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => Buffer.from(JSON.parse(line) as string, 'latin1'));
    expect(read.length).toBe(payloads.length);
    read.forEach((bytes, i) => expect(bytes.equals(payloads[i]!), `jlog-ref read ${i}`).toBe(true));
  });
});

describe('decodeLz4Block on valid blocks', () => {
  test('random sequences, overlapping matches included, decode to their expansion', () => {
    fc.assert(
      fc.property(sequences, fc.nat(40), (seqs, slack) => {
        const block = encodeSequences(seqs);
        const want = expand(seqs);
        const dst = new Uint8Array(want.length + slack);
        expect(decodeLz4Block(block, dst)).toBe(want.length);
        expect(Buffer.from(dst.subarray(0, want.length)).equals(want)).toBe(true);
        expect(Buffer.from(lz4Payload(block, want.length)).equals(want)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  test('round trip through a compressor, random and repetitive data', () => {
    fc.assert(
      fc.property(fc.oneof(compressible, fc.uint8Array({ maxLength: 3000 })), (data) => {
        const block = compress(data);
        const dst = new Uint8Array(data.length);
        expect(decodeLz4Block(block, dst)).toBe(data.length);
        expect(Buffer.from(dst).equals(data)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  test('copies at the wide-copy threshold and past it, for every small offset', () => {
    for (let offset = 1; offset <= 40; offset++) {
      for (const length of [4, 31, 32, 33, offset, offset + 1, 2 * offset + 3, 1000]) {
        if (length < 4) continue;
        const seqs: Sequence[] = [{ literals: randomBytes(offset, offset), match: { offset, length } }, { literals: Buffer.from('end!!') }];
        const want = expand(seqs);
        const dst = new Uint8Array(want.length);
        expect(decodeLz4Block(encodeSequences(seqs), dst)).toBe(want.length);
        expect(Buffer.from(dst).equals(want), `offset ${offset} length ${length}`).toBe(true);
      }
    }
  });

  test('lenient on the end-of-block habits: a short final sequence, a late match, a lone zero token', () => {
    const block = encodeSequences([{ literals: Buffer.from('ab'), match: { offset: 2, length: 6 } }, { literals: new Uint8Array(0) }]);
    const dst = new Uint8Array(8);
    expect(decodeLz4Block(block, dst)).toBe(8);
    expect(Buffer.from(dst).toString()).toBe('abababab');
    expect(decodeLz4Block(Uint8Array.of(0), new Uint8Array(0))).toBe(0);
  });
});

describe('decodeLz4Block on hostile blocks: exact error offsets', () => {
  const lit = (s: string): number[] => [...Buffer.from(s)];
  const dec =
    (bytes: number[], dstLength = 64) =>
    () =>
      decodeLz4Block(Uint8Array.from(bytes), new Uint8Array(dstLength));

  test('truncated input points at the end of the block', () => {
    expectLz4Error(dec([]), 0, /empty block/);
    expectLz4Error(dec([0xf0]), 1, /inside a literal length/);
    expectLz4Error(dec([0xf0, 255, 255, 255]), 4, /inside a literal length/);
    expectLz4Error(dec([0x10, ...lit('a'), 1]), 3, /inside a match offset/);
    expectLz4Error(dec([0x1f, ...lit('a'), 1, 0, 255, 255]), 6, /inside a match length/);
    expectLz4Error(dec([0x10, ...lit('a'), 1, 0]), 4, /after a match/);
  });

  test('a huge declared length is checked against what is there before any copy', () => {
    const chain = new Array<number>(10_000).fill(255);
    // 15 + 255 * 10,000 + 3 literals declared, 5 present.
    expectLz4Error(dec([0xf0, ...chain, 3, ...lit('hello')], 1 << 24), 0, /literals run past the end/);
    // 19 + 255 * 10,000 match bytes into a 64-byte output.
    expectLz4Error(dec([0x1f, ...lit('a'), 1, 0, ...chain, 0, 0x00]), 0, /match overflows the 64-byte output/);
    // Truncated in the middle of the chain.
    expectLz4Error(dec([0x1f, ...lit('a'), 1, 0, ...chain]), 4 + chain.length, /inside a match length/);
  });

  test('offsets of 0 and before the start of the output point at the offset', () => {
    expectLz4Error(dec([0x10, ...lit('a'), 0, 0, 0x00]), 2, /match offset 0/);
    expectLz4Error(dec([0x00, 1, 0, 0x00]), 1, /before the start/);
    expectLz4Error(dec([0x20, ...lit('ab'), 3, 0, 0x00]), 3, /before the start/);
    expectLz4Error(dec([0x20, ...lit('ab'), 0xff, 0xff, 0x00]), 3, /offset 65535/);
    // Past the first sequence the limit is what was written so far: 2 literals + 4 match bytes.
    expectLz4Error(dec([0x20, ...lit('ab'), 2, 0, 0x00, 7, 0, 0x00]), 6, /before the start of the output \(6 bytes\)/);
  });

  test('a destination too small points at the sequence that overflows it', () => {
    expectLz4Error(dec([0x50, ...lit('hello')], 4), 0, /5 literals overflow the 4-byte output/);
    expectLz4Error(dec([0x10, ...lit('a'), 1, 0, 0x00], 4), 0, /4-byte match overflows/);
    expectLz4Error(dec([0x10, ...lit('a'), 1, 0, 0x30, ...lit('xyz')], 5), 4, /3 literals overflow the 5-byte output/);
    expect(decodeLz4Block(Uint8Array.from([0x10, ...lit('a'), 1, 0, 0x30, ...lit('xyz')]), new Uint8Array(8))).toBe(8);
  });

  test('Lz4DataError is a CompressedDataError', () => {
    let caught: unknown;
    try {
      decodeLz4Block(Uint8Array.of(0x10), new Uint8Array(4));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CompressedDataError);
    expect((caught as Error).name).toBe('Lz4DataError');
    expect((caught as Error).message).toBe('ecelog: LZ4 block: 1 literals run past the end of the block (input byte 0)');
  });

  test(`random and mutated blocks: only Lz4DataError, nothing written outside dst (${FUZZ_RUNS} runs)`, () => {
    const mutated = fc
      .tuple(sequences, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.nat())
      .map(([seqs, flips, cut]) => {
        const block = encodeSequences(seqs);
        for (const [at, byte] of flips) if (block.length > 0) block[at % block.length] = byte;
        return {
          block: block.subarray(0, block.length - (cut % 3 === 0 ? cut % Math.max(block.length, 1) : 0)),
          size: expand(seqs).length,
        };
      });
    const input = fc.oneof(
      fc.record({ block: fc.uint8Array({ maxLength: 400 }), size: fc.nat(4000) }),
      mutated,
      mutated.chain(({ block, size }) => fc.record({ block: fc.constant(block), size: fc.nat(size + 8) })),
    );
    fc.assert(
      fc.property(input, ({ block, size }) => {
        const result = decodeGuarded(block, size);
        if ('error' in result) {
          expect(result.error).toBeInstanceOf(Lz4DataError);
          const offset = (result.error as Lz4DataError).offset;
          expect(offset >= 0 && offset <= block.length).toBe(true);
        } else {
          expect(result.written >= 0 && result.written <= size).toBe(true);
        }
        try {
          const payload = lz4Payload(block, size);
          expect(payload.length).toBe(size);
        } catch (err) {
          expect(err).toBeInstanceOf(Lz4DataError);
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe('lz4Payload', () => {
  test('the null provider: mlen bytes stored as they are come back as they are', () => {
    const text = Buffer.from('{"msys":{"message_event":{"type":"delivery"}}}');
    expect(lz4Payload(text, text.length)).toBe(text);
    // Decodes, but to a different length (3 bytes from 4): raw.
    const short = Buffer.from('0abc');
    expect(lz4Payload(short, 4)).toBe(short);
    expect(lz4Payload(new Uint8Array(0), 0).length).toBe(0);
  });

  test('a block exactly as long as its output is decoded, not taken as raw', () => {
    const block = Uint8Array.from([0x10, 0x61, 1, 0, 0x00]);
    const payload = lz4Payload(block, 5);
    expect(payload).not.toBe(block);
    expect(Buffer.from(payload).toString()).toBe('aaaaa');
  });

  test('a block that decodes to a length other than mlen is an error', () => {
    const block = Uint8Array.from([0x30, ...Buffer.from('abc')]);
    expectLz4Error(() => lz4Payload(block, 5), 4, /decodes to 3 bytes, the record says 5/);
    expectLz4Error(() => lz4Payload(block, 2), 0, /3 literals overflow the 2-byte output/);
  });

  test('an mlen no block of this size can reach is refused before allocating', () => {
    expectLz4Error(() => lz4Payload(Uint8Array.of(0x00), 0xffffffff), 1, /1 bytes cannot decode to 4294967295 bytes/);
    // The most a block can expand: a long offset-1 run.
    const run = new Uint8Array(255 * 1000).fill(7);
    const block = compress(run);
    expect(lz4Payload(block, run.length).length).toBe(run.length);
    expect(run.length / block.length).toBeLessThan(255);
    expect(() => lz4Payload(Uint8Array.of(0), -1)).toThrow(RangeError);
  });

  test('a scratch buffer large enough is reused; a small one is not', () => {
    const block = compress(Buffer.from('abcd'.repeat(100)));
    const scratch = new Uint8Array(1000);
    const a = lz4Payload(block, 400, scratch);
    expect(a.buffer).toBe(scratch.buffer);
    expect(a.length).toBe(400);
    const b = lz4Payload(block, 400, new Uint8Array(399));
    expect(b.length).toBe(400);
    expect(Buffer.from(b).toString()).toBe('abcd'.repeat(100));
  });
});
