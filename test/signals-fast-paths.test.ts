import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { EcelogEvent } from '../src/index';
import { derivedMessageId, eventId, mergeBatchesByTime, mergeByTime } from '../src/signals/convert/index';
import { makeEvent, ORDER, type Slots } from '../src/signals/convert/fields';
import { RUNS } from './property';

/**
 * The converter's fast paths against plain restatements of what they replace: merging batches
 * against mergeByTime (one event at a time), event IDs against a hash with a Hash object, and the
 * compiled event makers against the rule they follow (ORDER, unknown values left out).
 */

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** A source: events with a few distinct times (ties across sources), some untimed, cut into batches (some empty). */
const source = (index: number) =>
  fc
    .array(
      fc.record({
        time: fc.option(fc.integer({ min: 0, max: 12 }), { freq: 5 }),
        cut: fc.integer({ min: 0, max: 5 }),
      }),
      { maxLength: 40 },
    )
    .map((items) => {
      const events: EcelogEvent[] = [];
      const batches: EcelogEvent[][] = [[]];
      let t = 0;
      items.forEach((item, i) => {
        t += item.time ?? 0;
        const ev = { type: 'heartbeat', log: 'mainlog', offset: i, source: index } as unknown as EcelogEvent & { timestamp_us?: number };
        if (item.time !== null) ev.timestamp_us = t;
        events.push(ev);
        batches.at(-1)!.push(ev);
        if (item.cut === 0) batches.push([]);
        if (item.cut === 1) batches.push([], []);
      });
      return { events, batches };
    });

describe('mergeBatchesByTime', () => {
  test('the events of mergeByTime, in its order (ties in source order, untimed as read)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => source(i)))),
        async (sources) => {
          const want = await collect(mergeByTime(...sources.map((s) => each(s.events))));
          const got = (await collect(mergeBatchesByTime(...sources.map((s) => each(s.batches))))).flat();
          expect(got).toHaveLength(want.length);
          got.forEach((ev, i) => expect(ev).toBe(want[i]));
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('stops its sources when stopped early', async () => {
    let closed = 0;
    async function* source(): AsyncGenerator<EcelogEvent[]> {
      try {
        for (let t = 0; ; t++) yield [{ type: 'heartbeat', timestamp_us: t } as unknown as EcelogEvent];
      } finally {
        closed++;
      }
    }
    for await (const batch of mergeBatchesByTime(source(), source())) if (batch.length > 0) break;
    expect(closed).toBe(2);
  });
});

describe('event IDs', () => {
  test('the first 63 bits of the SHA-256 of the length-prefixed parts, in decimal', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 3 }), (parts) => {
        const text = parts.map((p) => `${Buffer.byteLength(p)}:${p}`).join('');
        const digest = createHash('sha256').update(text, 'utf8').digest();
        expect(eventId(...parts)).toBe((digest.readBigUInt64BE(0) & 0x7fff_ffff_ffff_ffffn).toString());
        expect(derivedMessageId(...parts)).toBe(digest.toString('hex', 0, 10));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('makeEvent', () => {
  const value = fc.oneof(fc.constantFrom(undefined, null, '', 'x', '0'), fc.string({ maxLength: 3 }));
  test('the header, then the known values in ORDER (msg_from "" kept), then the header table fields', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: ORDER.length + 2, maxLength: ORDER.length + 2 }), (values) => {
        const s: Slots = [...values];
        const extra = ['job_a', 'job_b'];
        const e = makeEvent('delivery', '1', '2', 'M', s, extra);
        const want: [string, unknown][] = [
          ['type', 'delivery'],
          ['event_id', '1'],
          ['timestamp', '2'],
          ['message_id', 'M'],
        ];
        [...ORDER, ...extra].forEach((key, i) => {
          const v = values[i];
          if (v !== undefined && v !== null && (v !== '' || key === 'msg_from')) want.push([key, v]);
        });
        expect(Object.entries(e)).toEqual(want);
      }),
      { numRuns: RUNS },
    );
  });
});
