import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { addSubscriber, followJlog, readMetastore, readSubscriber, removeSubscriber } from '../src/jlog/index';
import { JLOG_REF, JLOG_REF_12, jlogRef, refJlog } from './fixtures/jlog';

/** Interoperability with the reference library (jlog 2.6.0 and 1.2.2 behind ../shared/tools). */

const messages = (n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => `message-${from + i}-${'abcdefghij'.repeat(3)}`);
const segments = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => /^[0-9a-f]{8}$/.test(f))
    .sort();

/**
 * Reads as `subscriber` with followJlog, committing batch after batch (of at most `batchSize`; a
 * batch also ends with its segment) until at least `count` messages; returns their payloads.
 */
async function consume(dir: string, subscriber: string, count: number, batchSize = 7): Promise<string[]> {
  const ac = new AbortController();
  const got: string[] = [];
  if (count === 0) ac.abort();
  for await (const b of followJlog(dir, { log: 'raw', subscriber, batchSize, signal: ac.signal, pollInterval: 5 })) {
    got.push(...b.events.map((m) => m.payload.toString()));
    await b.commit();
    if (got.length >= count) ac.abort();
  }
  return got;
}

/** What `jlog-ref read` returns (as JSON strings, one a line) for a subscriber, committing it. */
function refRead(dir: string, subscriber: string, tool = JLOG_REF): string[] {
  return jlogRef(['read', dir, subscriber], undefined, tool)
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as string);
}

describe.each([
  ['jlog 2.6.0', JLOG_REF, false],
  ['jlog 1.2.2 (legacy format)', JLOG_REF_12, true],
] as const)('subscribers, with %s', (_name, tool, legacy) => {
  test('a checkpoint ecelog commits is the one the reference reads, and its reader goes on right after it', async () => {
    const all = messages(40);
    const dir = refJlog(all, { unitLimit: 300, subscribers: ['ecelog'], legacy });
    const meta = await readMetastore(dir);
    expect(meta.legacy).toBe(legacy);
    const first = await consume(dir, 'ecelog', 21);
    expect(first.length).toBeGreaterThanOrEqual(21);
    expect(first.length).toBeLessThan(40);
    expect(first).toEqual(all.slice(0, first.length));
    const cp = await readSubscriber(dir, 'ecelog', meta);
    expect(jlogRef(['checkpoint', dir, 'ecelog'], undefined, tool).trim()).toBe(`${cp!.log.toString(16).padStart(8, '0')} ${cp!.marker}`);
    expect(refRead(dir, 'ecelog', tool)).toEqual(all.slice(first.length));
  });

  test('and the other way round: ecelog goes on right after what the reference reader committed', async () => {
    const all = messages(30);
    const dir = refJlog(all, { unitLimit: 250, subscribers: ['ecelog'], legacy });
    expect(jlogRef(['read', dir, 'ecelog', '--max', '11'], undefined, tool).trim().split('\n').length).toBe(11);
    expect(await consume(dir, 'ecelog', 19)).toEqual(all.slice(11));
    expect(jlogRef(['read', dir, 'ecelog'], undefined, tool)).toBe('');
  });

  test('segments every subscriber has passed are deleted; none another still needs', async () => {
    const all = messages(60);
    const dir = refJlog(all, { unitLimit: 300, subscribers: ['ecelog', 'other'], legacy });
    const before = segments(dir);
    expect(before.length).toBeGreaterThan(5);
    await consume(dir, 'ecelog', 60);
    expect(segments(dir)).toEqual(before); // "other" still needs them all
    // the reference reader of "other" passes them too: the reference deletes what both have passed
    expect(refRead(dir, 'other', tool)).toEqual(all);
    const left = segments(dir);
    expect(left.length).toBeLessThan(before.length);
    expect(left).toContain(before[before.length - 1]); // never the writer's segment
    // ecelog as the last to pass: it deletes them (and their .idx) itself
    const dir2 = refJlog(all, { unitLimit: 300, subscribers: ['ecelog', 'other'], legacy });
    expect(refRead(dir2, 'other', tool)).toEqual(all);
    const pinned = segments(dir2);
    await consume(dir2, 'ecelog', 60);
    expect(segments(dir2).length).toBeLessThan(pinned.length);
    const meta = await readMetastore(dir2);
    const lowest = Math.min((await readSubscriber(dir2, 'ecelog', meta))!.log, (await readSubscriber(dir2, 'other', meta))!.log);
    expect(lowest).toBeGreaterThan(0);
    for (const s of pinned) {
      const kept = parseInt(s, 16) >= lowest;
      expect(existsSync(join(dir2, s))).toBe(kept);
      if (!kept) expect(existsSync(join(dir2, s + '.idx'))).toBe(false);
    }
  });

  test('subscribers ecelog adds are where the reference adds them (begin, end); remove deletes only the checkpoint', async () => {
    const dir = refJlog(messages(25), { unitLimit: 300, legacy });
    const meta = await readMetastore(dir);
    await addSubscriber(dir, 'e-begin', 'begin', meta);
    await addSubscriber(dir, 'e-end', 'end', meta);
    jlogRef(['add-subscriber', dir, 'r-begin', 'begin'], undefined, tool);
    jlogRef(['add-subscriber', dir, 'r-end', 'end'], undefined, tool);
    const cp = (name: string) => jlogRef(['checkpoint', dir, name], undefined, tool).trim();
    expect(cp('e-begin')).toBe(cp('r-begin'));
    expect(cp('e-end')).toBe(cp('r-end'));
    expect(jlogRef(['subscribers', dir], undefined, tool).trim().split('\n').sort()).toEqual(['e-begin', 'e-end', 'r-begin', 'r-end']);
    await expect(addSubscriber(dir, 'e-end', 'end', meta)).rejects.toMatchObject({ code: 'JLOG_SUBSCRIBER_EXISTS' });
    const segs = segments(dir);
    expect(await removeSubscriber(dir, 'e-begin')).toBe(true);
    expect(await removeSubscriber(dir, 'e-begin')).toBe(false);
    expect(segments(dir)).toEqual(segs);
    // new messages reach a subscriber added at the end, and only they
    jlogRef(['write', dir], 'late-1\nlate-2\n', tool);
    expect(refRead(dir, 'e-end', tool)).toEqual(['late-1', 'late-2']);
  });

  test('a missing subscriber is an error unless `from` says where to add it', async () => {
    const dir = refJlog(messages(5), { legacy });
    await expect(followJlog(dir, { log: 'raw', subscriber: 'nobody' }).next()).rejects.toMatchObject({ code: 'JLOG_NO_SUBSCRIBER' });
    await expect(consume(dir, 'new-one', 1)).rejects.toMatchObject({ code: 'JLOG_NO_SUBSCRIBER' });
    const ac = new AbortController();
    for await (const b of followJlog(dir, { log: 'raw', subscriber: 'new-one', from: 'begin', signal: ac.signal })) {
      expect(b.events.length).toBe(5);
      ac.abort();
    }
    expect(jlogRef(['checkpoint', dir, 'new-one'], undefined, tool).trim()).toBe('00000000 0');
  });
});
