import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { Batcher, type Batch } from '../src/signals/transport/batcher';
import type { SparkPostEvent } from '../src/signals/convert/types';
import { testEvent } from './ingest-server';

/** Batcher: gzip NDJSON batches for the Ingest API, closed by size and age, never above maxBytes. */

const NOW = 1_700_000_000_000;
const ev = (n: number, extra: Record<string, string> = {}): SparkPostEvent => testEvent(n, NOW / 1000 - 60, extra);
const lines = (b: Batch): string[] => gunzipSync(b.body).toString('utf8').split('\n').slice(0, -1);
const ids = (batches: Batch[]): string[] =>
  batches.flatMap((b) => lines(b).map((l) => (JSON.parse(l) as SparkPostEvent).msys.message_event.event_id));
/** Random base64: gzip gains almost nothing on it. */
const noise = (bytes: number): string => randomBytes(bytes).toString('base64');

describe('Batcher', () => {
  test('a batch is the gzip of one {"msys":…} line per event, each ending in a newline', () => {
    const b = new Batcher({ now: () => NOW });
    const events = [ev(1), ev(2, { subject: 'héllo "quoted"\nline' }), ev(3)];
    for (const e of events) expect(b.add(e)).toEqual([]);
    expect(b.pending).toBe(3);
    const [batch, ...rest] = b.take();
    expect(rest).toEqual([]);
    const text = gunzipSync(batch!.body).toString('utf8');
    expect(text).toBe(events.map((e) => `${JSON.stringify(e)}\n`).join(''));
    expect(batch!.events).toBe(3);
    expect(batch!.rawBytes).toBe(Buffer.byteLength(text));
    expect(b.pending).toBe(0);
    expect(b.stats).toEqual({ events: 3, batches: 1, dropped_old: 0, dropped_too_large: 0 });
  });

  test('take() on an empty batcher returns nothing', () => {
    const b = new Batcher();
    expect(b.take()).toEqual([]);
    expect(b.stats.batches).toBe(0);
  });

  test('a batch is closed when the next event would pass maxRawBytes', () => {
    const size = Buffer.byteLength(`${JSON.stringify(ev(100))}\n`);
    const b = new Batcher({ maxRawBytes: size * 3 + 10, now: () => NOW });
    const closed: Batch[] = [];
    for (let n = 100; n < 110; n++) closed.push(...b.add(ev(n)));
    expect(closed.map((c) => c.events)).toEqual([3, 3, 3]);
    expect(b.pending).toBe(1);
    closed.push(...b.take());
    expect(ids(closed)).toEqual(Array.from({ length: 10 }, (_, i) => String(100 + i)));
    for (const c of closed) expect(c.rawBytes).toBeLessThanOrEqual(size * 3 + 10);
  });

  test('reaching maxRawBytes exactly closes the batch at once', () => {
    const size = Buffer.byteLength(`${JSON.stringify(ev(100))}\n`);
    const b = new Batcher({ maxRawBytes: size * 2, now: () => NOW });
    expect(b.add(ev(100))).toEqual([]);
    expect(b.add(ev(101)).map((c) => c.events)).toEqual([2]);
    expect(b.pending).toBe(0);
  });

  test('due() once the open batch is maxAgeMs old, counted from its first event', () => {
    let now = NOW;
    const b = new Batcher({ maxAgeMs: 1000, now: () => now });
    expect(b.due()).toBe(false);
    now += 5000;
    expect(b.due()).toBe(false); // empty: never due
    b.add(ev(1));
    now += 600;
    b.add(ev(2));
    expect(b.due()).toBe(false);
    now += 399;
    expect(b.due()).toBe(false);
    now += 1;
    expect(b.due()).toBe(true);
    expect(b.take()[0]!.events).toBe(2);
    expect(b.due()).toBe(false);
    b.add(ev(3));
    now += 999;
    expect(b.due()).toBe(false);
  });

  test('events older than maxEventAge are dropped and counted; 0 = no limit', () => {
    const b = new Batcher({ maxEventAge: 3600, now: () => NOW });
    b.add(testEvent(1, NOW / 1000 - 3599));
    b.add(testEvent(2, NOW / 1000 - 3601));
    b.add(testEvent(3, 86_400));
    b.add(testEvent(4, NOW / 1000 + 10));
    expect(b.stats.dropped_old).toBe(2);
    expect(ids(b.take())).toEqual(['1', '4']);

    const d = new Batcher({ now: () => NOW });
    d.add(testEvent(5, NOW / 1000 - 86_401));
    d.add(testEvent(6, NOW / 1000 - 86_399));
    expect(d.stats.dropped_old).toBe(1);

    const all = new Batcher({ maxEventAge: 0, now: () => NOW });
    all.add(testEvent(7, 1));
    expect(all.stats.dropped_old).toBe(0);
    expect(ids(all.take())).toEqual(['7']);
  });

  test('a batch compressing above maxBytes is split, every part within it, no event lost or repeated', () => {
    const maxBytes = 20_000;
    const b = new Batcher({ maxBytes, now: () => NOW });
    for (let n = 0; n < 60; n++) b.add(ev(n, { subject: noise(1500 + ((n * 37) % 900)) }));
    const batches = b.take();
    expect(batches.length).toBeGreaterThan(4);
    for (const batch of batches) expect(batch.body.length).toBeLessThanOrEqual(maxBytes);
    expect(ids(batches)).toEqual(Array.from({ length: 60 }, (_, i) => String(i)));
    expect(batches.reduce((s, x) => s + x.events, 0)).toBe(60);
    expect(b.stats).toMatchObject({ events: 60, batches: batches.length, dropped_too_large: 0 });
  });

  test("the default limits: 5 MiB uncompressed (SparkPost's feeder), the Ingest API's 5 MB compressed", () => {
    const b = new Batcher({ now: () => NOW });
    const batches: Batch[] = [];
    for (let n = 0; n < 70; n++) batches.push(...b.add(ev(n, { subject: noise(75_000) }))); // ≈ 7 MB of base64
    batches.push(...b.take());
    expect(batches.length).toBeGreaterThanOrEqual(2);
    for (const batch of batches) expect(batch.rawBytes).toBeLessThanOrEqual(5 * 2 ** 20);
    expect(ids(batches)).toEqual(Array.from({ length: 70 }, (_, i) => String(i)));
    // Without the uncompressed cap, batches are still halved until they compress to 5 MB or less.
    const loose = new Batcher({ now: () => NOW, maxRawBytes: 64 << 20 });
    for (let n = 0; n < 70; n++) loose.add(ev(n, { subject: noise(75_000) }));
    const halves = loose.take();
    expect(halves.length).toBeGreaterThanOrEqual(2);
    for (const batch of halves) expect(batch.body.length).toBeLessThanOrEqual(5_000_000);
    expect(ids(halves)).toEqual(Array.from({ length: 70 }, (_, i) => String(i)));
  });

  test('a single event larger than maxBytes compressed is dropped and counted', () => {
    const b = new Batcher({ maxBytes: 2000, now: () => NOW });
    b.add(ev(1));
    b.add(ev(2, { subject: noise(5000) }));
    b.add(ev(3));
    const batches = b.take();
    expect(ids(batches)).toEqual(['1', '3']);
    expect(b.stats).toMatchObject({ events: 2, dropped_too_large: 1 });
    const alone = new Batcher({ maxBytes: 2000, now: () => NOW });
    alone.add(ev(4, { subject: noise(5000) }));
    expect(alone.take()).toEqual([]);
    expect(alone.stats).toMatchObject({ events: 0, batches: 0, dropped_too_large: 1 });
  });
});
