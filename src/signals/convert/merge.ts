import type { EcelogEvent } from '../../decoders/index';
import { timeOf } from './fields';

/**
 * Merges event streams (one per log file) into one in timestamp order: a k-way merge on
 * `timestamp_us`, ties in source order (so a mainlog `P` comes before the bouncelog `B` of the
 * same second when mainlog is given first). Each source is assumed to be in order already
 * (within a file, time runs forward apart from logger-thread jitter, which is kept as it is).
 * Events without a timestamp (malformed lines, follow notices) are passed on as soon as they are
 * read. Holds one event per source.
 */
export async function* mergeByTime(...sources: AsyncIterable<EcelogEvent>[]): AsyncGenerator<EcelogEvent> {
  const iterators = sources.map((s) => s[Symbol.asyncIterator]());
  const heads: (EcelogEvent | undefined)[] = [];
  const untimed: EcelogEvent[] = [];
  const pull = async (i: number): Promise<void> => {
    for (;;) {
      const r = await iterators[i]!.next();
      if (r.done === true) {
        heads[i] = undefined;
        return;
      }
      if (timeOf(r.value) === undefined) {
        untimed.push(r.value);
        continue;
      }
      heads[i] = r.value;
      return;
    }
  };
  try {
    for (let i = 0; i < iterators.length; i++) await pull(i);
    for (;;) {
      while (untimed.length > 0) yield untimed.shift()!;
      let best = -1;
      let bestTime = Infinity;
      for (let i = 0; i < heads.length; i++) {
        const head = heads[i];
        if (head === undefined) continue;
        const t = timeOf(head)!;
        if (best < 0 || t < bestTime) {
          best = i;
          bestTime = t;
        }
      }
      if (best < 0) return;
      yield heads[best]!;
      await pull(best);
    }
  } finally {
    await Promise.all(iterators.map(async (it) => void (await it.return?.())));
  }
}
