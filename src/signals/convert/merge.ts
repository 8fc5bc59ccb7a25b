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

/** Events of one source handed out by mergeBatchesByTime (its events, the next to take, its head's time). */
interface Lane {
  it: AsyncIterator<EcelogEvent[]>;
  batch: EcelogEvent[];
  pos: number;
  /** Time of `batch[pos]` (a timed event) while the lane is open. */
  time: number;
  open: boolean;
}

/** Events handed out per merged batch at most (more only when a source's untimed events come in a run). */
const MERGED_BATCH = 512;

/**
 * mergeByTime over sources of event batches (e.g. parseFileBatches): the same events in the same
 * order, handed out in batches, with one await per source batch rather than one per event.
 */
export async function* mergeBatchesByTime(...sources: AsyncIterable<EcelogEvent[]>[]): AsyncGenerator<EcelogEvent[]> {
  const lanes: Lane[] = sources.map((s) => ({ it: s[Symbol.asyncIterator](), batch: [], pos: 0, time: 0, open: true }));
  let out: EcelogEvent[] = [];
  /** Moves `lane` to its next timed event (untimed ones go out as they are read); false when its batch ran out. */
  const settle = (lane: Lane): boolean => {
    const batch = lane.batch;
    for (let p = lane.pos; p < batch.length; p++) {
      const t = timeOf(batch[p]!);
      if (t === undefined) {
        out.push(batch[p]!);
        continue;
      }
      lane.pos = p;
      lane.time = t;
      return true;
    }
    return false;
  };
  const advance = async (lane: Lane): Promise<void> => {
    while (!settle(lane)) {
      const r = await lane.it.next();
      if (r.done === true) {
        lane.open = false;
        lane.batch = [];
        return;
      }
      lane.batch = r.value;
      lane.pos = 0;
    }
  };
  try {
    for (const lane of lanes) await advance(lane);
    for (;;) {
      let best: Lane | undefined;
      let bi = -1;
      for (let i = 0; i < lanes.length; i++) {
        const lane = lanes[i]!;
        if (lane.open && (best === undefined || lane.time < best.time)) {
          best = lane;
          bi = i;
        }
      }
      if (best === undefined) break;
      // best stays first while its time is below every earlier lane's and not above any later one's (ties: source order)
      let below = Infinity;
      let upTo = Infinity;
      for (let i = 0; i < lanes.length; i++) {
        const lane = lanes[i]!;
        if (!lane.open || i === bi) continue;
        if (i < bi) below = Math.min(below, lane.time);
        else upTo = Math.min(upTo, lane.time);
      }
      const batch = best.batch;
      let p = best.pos;
      out.push(batch[p++]!);
      for (; p < batch.length; p++) {
        const ev = batch[p]!;
        const t = timeOf(ev);
        if (t === undefined) {
          out.push(ev);
          continue;
        }
        if (t >= below || t > upTo) break;
        out.push(ev);
      }
      best.pos = p;
      if (!settle(best)) await advance(best);
      if (out.length >= MERGED_BATCH) {
        yield out;
        out = [];
      }
    }
    if (out.length > 0) yield out;
  } finally {
    await Promise.all(lanes.map(async (lane) => void (await lane.it.return?.())));
  }
}
