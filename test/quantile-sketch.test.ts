import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { EcelogEvent } from '../src/index';
import { QuantileSketch, RELATIVE_ERROR, bucketOf } from '../src/cli/quantile-sketch';
import { Stats } from '../src/cli/stats';
import { RUNS } from './property';

const QS = [0, 0.01, 0.25, 0.5, 0.9, 0.99, 0.999, 1];

/** The exact q-quantile by nearest rank: the value of rank ceil(q * n) (at least 1) in sorted order. */
function exact(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1]!;
}

function sketchOf(values: Iterable<number>): QuantileSketch {
  const s = new QuantileSketch();
  for (const v of values) s.add(v);
  return s;
}

/** Within the stated error of `want` (a hair of floating-point slack at bucket edges). */
function expectWithin(got: number, want: number): void {
  expect(Math.abs(got - want), `${got} against ${want}`).toBeLessThanOrEqual(RELATIVE_ERROR * want * (1 + 1e-12));
}

/** Queue-time-like values: zeros, milliseconds, seconds, days, and arbitrary doubles. */
const value = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 999 }).map((ms) => ms / 1000),
  fc.integer({ min: 1, max: 400_000 }),
  fc.double({ min: 1e-300, max: 1e300, noNaN: true }),
);

describe('QuantileSketch', () => {
  test('every quantile is within the stated relative error of the exact one, inside [min, max]', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), (values) => {
        const s = sketchOf(values);
        const sorted = [...values].sort((a, b) => a - b);
        expect(s.count).toBe(values.length);
        expect(s.largest).toBe(sorted[sorted.length - 1]);
        for (const q of QS) {
          const got = s.quantile(q);
          expectWithin(got, exact(sorted, q));
          expect(got).toBeGreaterThanOrEqual(sorted[0]!);
          expect(got).toBeLessThanOrEqual(sorted[sorted.length - 1]!);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('merged parts give the quantiles of the whole, whatever the split; structured clones merge too', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), fc.array(fc.nat(), { maxLength: 5 }), (values, cutsAt) => {
        const cuts = [...new Set(cutsAt.map((c) => c % (values.length + 1)))].sort((a, b) => a - b);
        const bounds = [0, ...cuts, values.length];
        const merged = new QuantileSketch();
        for (let i = 0; i + 1 < bounds.length; i++)
          merged.merge(QuantileSketch.revive(structuredClone(sketchOf(values.slice(bounds[i], bounds[i + 1])))));
        const whole = sketchOf(values);
        expect(merged.count).toBe(whole.count);
        expect(merged.largest).toBe(whole.largest);
        for (const q of QS) expect(merged.quantile(q)).toBe(whole.quantile(q));
      }),
      { numRuns: RUNS },
    );
  });

  test('empty: NaN; the extremes of doubles; infinity counts as the largest', () => {
    expect(new QuantileSketch().quantile(0.5)).toBeNaN();
    const tiny = Number.MIN_VALUE;
    const huge = Number.MAX_VALUE;
    const s = sketchOf([tiny, huge]);
    expect([s.quantile(0), s.quantile(1)]).toEqual([tiny, huge]);
    expect(sketchOf([1, 2, Infinity]).quantile(1)).toBe(Infinity);
    // Every positive double falls in a bucket of a bounded range.
    expect(bucketOf(huge) - bucketOf(tiny)).toBeLessThan(150_000);
  });
});

describe('Stats: queue-time percentiles of parts merged', () => {
  /** A mainlog delivery with what the queue-time percentiles read. */
  const delivery = (queue_time: number) =>
    ({ log: 'mainlog', type: 'delivery', timestamp: 1, domain: 'd', queue_time }) as unknown as EcelogEvent;

  test('beyond 100,000 deliveries, slices in time order merged: the report of the whole, within the error', () => {
    // Queue times that grow along the log (a backlog building up): each slice sees other values.
    const n = 240_000;
    const times = Array.from({ length: n }, (_, i) => Math.round((i / n) ** 3 * 1e6) / 100 + ((i * 7919) % 1000) / 1000);
    const whole = new Stats();
    for (const t of times) whole.add(delivery(t));
    const merged = new Stats();
    for (let k = 0; k < 4; k++) {
      const part = new Stats();
      for (const t of times.slice((k * n) / 4, ((k + 1) * n) / 4)) part.add(delivery(t));
      merged.merge(Stats.revive(structuredClone(part)));
    }
    const q = merged.report().queue_time!;
    expect(q).toEqual(whole.report().queue_time);
    const sorted = [...times].sort((a, b) => a - b);
    expect([q.count, q.max]).toEqual([n, sorted[n - 1]]);
    expectWithin(q.p50, exact(sorted, 0.5));
    expectWithin(q.p90, exact(sorted, 0.9));
    expectWithin(q.p99, exact(sorted, 0.99));
  });
});
