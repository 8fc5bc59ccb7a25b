import fc from 'fast-check';
import { expect } from 'vitest';
import { Session, parse, type EcelogEvent, type LogFormat, type LogKind } from '../src/index';
import { BACKENDS } from './backends';
import type { Backend } from '../src/index';

/**
 * The differential property every decoder must satisfy: on random and mutated input, in random
 * chunkings, the events are identical on both backends and equal to the whole-buffer parse, and
 * no line is dropped (every line is an event, or part of a multi-line entry when `multiLine`, or
 * has one event or more when `manyPerLine`).
 */

export const RUNS = Number(process.env.ECELOG_FC_RUNS ?? 300);

/** Bytes biased towards the delimiters and the bytes that matter (quotes, CR, NUL, high bytes). */
export const interesting = fc.oneof(
  fc.constantFrom(
    0x40,
    0x0a,
    0x0d,
    0x22,
    0x5c,
    0x00,
    0x80,
    0xff,
    0xc3,
    0xa9,
    0x2e,
    0x30,
    0x35,
    0x4d,
    0x44,
    0x52,
    0x3a,
    0x20,
    0x3d,
    0x5b,
    0x5d,
    0x2c,
  ),
  fc.integer({ min: 0, max: 255 }),
);

export const randomBytes = fc.uint8Array({ maxLength: 600 }).chain((plain) =>
  fc.array(interesting, { maxLength: 600 }).map((extra) => {
    const out = new Uint8Array(plain.length + extra.length);
    out.set(plain);
    out.set(extra, plain.length);
    return out;
  }),
);

/** Real log lines with mutations: bytes replaced, inserted, deleted, delimiters doubled. */
export function mutatedLines(seedLines: readonly string[]): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(
      fc.array(fc.constantFrom(...seedLines), { minLength: 1, maxLength: 12 }),
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
}

/** Events of `buf` written in pieces cut at `cuts`. */
export function chunkedEvents(buf: Uint8Array, cuts: number[], log: LogKind | LogFormat, backend: Backend, max?: number): EcelogEvent[] {
  const session = new Session({ log, backend, rawBytes: true, maxLineLength: max });
  const events: EcelogEvent[] = [];
  const drain = () => {
    for (let b = session.read(); b !== null; b = session.read()) events.push(...b);
  };
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const p of [...points, buf.length]) {
    session.write(buf.subarray(from, p));
    drain();
    from = p;
  }
  session.end();
  drain();
  return events;
}

function lineCount(buf: Uint8Array): number {
  if (buf.length === 0) return 0;
  let n = 1;
  for (let i = 0; i < buf.length; i++) if (buf[i] === 10) n++;
  return buf[buf.length - 1] === 10 ? n - 1 : n;
}

/** Runs the differential property for one log kind (or format) over random and mutated input. */
export function checkDecoderProperty(
  log: LogKind | LogFormat,
  seedLines: readonly string[],
  options: { multiLine?: boolean; manyPerLine?: boolean; runs?: number } = {},
): void {
  fc.assert(
    fc.property(
      fc.oneof(mutatedLines(seedLines), randomBytes),
      fc.array(fc.nat(), { maxLength: 8 }),
      fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
      (buf, cuts, max) => {
        const reference = [...parse(buf, { log, backend: 'js', rawBytes: true, maxLineLength: max })];
        for (const backend of BACKENDS) {
          expect(chunkedEvents(buf, cuts, log, backend, max)).toEqual(reference);
          expect([...parse(buf, { log, backend, rawBytes: true, maxLineLength: max })]).toEqual(reference);
        }
        const lines = lineCount(buf);
        if (options.manyPerLine) expect([...new Set(reference.map((e) => e.line))]).toEqual(Array.from({ length: lines }, (_, i) => i + 1));
        else if (options.multiLine) expect(reference.length).toBeLessThanOrEqual(lines);
        else expect(reference).toHaveLength(lines);
      },
    ),
    { numRuns: options.runs ?? RUNS },
  );
}
