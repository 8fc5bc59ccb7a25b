import type { EcelogEvent } from '../../decoders/index';
import { timeOf } from '../convert/fields';
import type { Source, SourceBatch } from './sources';

/**
 * A follower's batch (`source` is its index), or a tick (`source` -1) when none came for a while.
 * `horizon`: the log time (µs) every follower still reading has read up to — followers that have
 * read all there is (idle) do not count (Infinity when none is reading). An event older than it
 * cannot meet a partner from another log any more, whatever the wall clock says: when the logs
 * are read from behind (after a restart, a backlog), the wall clock is hours ahead of them.
 */
export type Step = ({ source: number; batch: SourceBatch } | { source: -1; batch: null }) & { horizon: number };

/** How long a batch waits for a follower that is behind it in log time and still reading (ms). */
const WAIT_BEHIND_MS = 25;

/**
 * Batches from several followers, plus a tick (`{source: -1}`) whenever none came for `tickMs`.
 * One `next()` per follower is in flight at a time, so each keeps its backpressure. Of the
 * batches ready, the one that starts earliest in log time goes first, and it waits a moment for
 * a follower whose last batch ended before it (that follower is probably reading its next one):
 * followers catching up on a backlog stay close in log time, so a mainlog `P` and its bouncelog
 * `B` are read seconds apart, not minutes. A follower with nothing new is not waited for longer.
 */
export async function* interleave(sources: Source[], tickMs: number, signal: AbortSignal): AsyncGenerator<Step> {
  type Got = IteratorResult<SourceBatch>;
  const ready = new Map<number, Got>();
  const inFlight = new Map<number, Promise<void>>();
  const last = sources.map(() => -Infinity); // log time (µs) at the end of each follower's last batch
  const ended = sources.map(() => false);
  const horizon = (): number => {
    let h = Infinity;
    // A batch ready but not taken yet holds the follower back: it is busy, whatever it does now.
    for (let i = 0; i < sources.length; i++) if (!ended[i]! && (ready.has(i) || !sources[i]!.idle())) h = Math.min(h, last[i]!);
    return h;
  };
  const pull = (i: number): void => {
    inFlight.set(
      i,
      sources[i]!.batches.next().then((r) => {
        inFlight.delete(i);
        ready.set(i, r);
      }),
    );
  };
  const wait = async (ms: number): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((done) => (timer = setTimeout(() => done(true), ms)));
    const timedOut = await Promise.race([...inFlight.values(), timeout]);
    clearTimeout(timer);
    return timedOut === true;
  };
  sources.forEach((_, i) => pull(i));
  while ((inFlight.size > 0 || ready.size > 0) && !signal.aborted) {
    if (ready.size === 0 && (await wait(tickMs)) && ready.size === 0) {
      yield { source: -1, batch: null, horizon: horizon() };
      continue;
    }
    let pick = earliest(ready);
    const start = startOf(ready.get(pick)!);
    if ([...inFlight.keys()].some((j) => last[j]! < start)) {
      await wait(WAIT_BEHIND_MS);
      pick = earliest(ready);
    }
    const got = ready.get(pick)!;
    ready.delete(pick);
    if (got.done === true) {
      ended[pick] = true;
      continue;
    }
    last[pick] = endOf(got.value, last[pick]!);
    pull(pick);
    yield { source: pick, batch: got.value, horizon: horizon() };
  }
}

/** The ready result that starts earliest in log time (ended followers first; ties: the first follower). */
function earliest(ready: Map<number, IteratorResult<SourceBatch>>): number {
  let pick = -1;
  let first = Infinity;
  for (const [i, r] of ready) {
    const t = startOf(r);
    if (pick < 0 || t < first || (t === first && i < pick)) {
      pick = i;
      first = t;
    }
  }
  return pick;
}

function startOf(r: IteratorResult<SourceBatch>): number {
  if (r.done === true) return -Infinity;
  for (const ev of r.value.events) {
    const t = timeOf(ev as EcelogEvent);
    if (t !== undefined) return t;
  }
  return -Infinity;
}

function endOf(batch: SourceBatch, before: number): number {
  for (let i = batch.events.length - 1; i >= 0; i--) {
    const t = timeOf(batch.events[i] as EcelogEvent);
    if (t !== undefined) return t;
  }
  return before;
}
