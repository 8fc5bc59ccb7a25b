import type { LogKind } from '../decoders/event';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../io/atomic';
import { orNull } from '../io/missing';
import { jlogBatches, type ReadBatch } from './batches';
import type { JlogEvent } from './events';
import { JlogError } from './errors';
import { compareIds, formatId, readMetastore, type JlogId, type Metastore } from './format';
import { openJlog, type JlogReadOptions } from './open';
import type { JlogMessage } from './payloads';
import { beginning, ending } from './positions';
import { addSubscriber, deletePassed, readSubscriber, writeSubscriber } from './subscribers';

export interface FollowJlogOptions<L extends LogKind> extends JlogReadOptions<L> {
  /**
   * Subscriber mode: read from this subscriber's checkpoint; `commit()` writes it (under the
   * fcntl lock, as the reference library does) and deletes the segments no subscriber needs any
   * more. A missing subscriber is added at `from` if `from` is given, else it is an error.
   */
  subscriber?: string;
  /**
   * Peek mode: ecelog's own checkpoint file (JSON, written atomically by `commit()`), outside the
   * jlog; nothing is ever written into the jlog. Without `subscriber` and `checkpoint` the position
   * is kept in memory only.
   */
  checkpoint?: string;
  /**
   * Where to start without a checkpoint: every record on disk, only new ones (default `'end'`), or
   * after a given record. A subscriber that does not exist is added at `'begin'` or `'end'`.
   */
  from?: 'begin' | 'end' | JlogId;
  /** Stops following: the iterator returns. */
  signal?: AbortSignal;
  /** How often (ms) to look for new records (default 200). */
  pollInterval?: number;
  /** Called each time all there is was read, before waiting for more (as follow's). */
  onIdle?: () => void;
}

/** A batch of a followed jlog. Process it, then `commit()`. */
export interface JlogBatch<T> {
  readonly events: T[];
  /** The last record the batch holds (what `commit()` stores), as the jlog prints ids: `%08x:%08x`. */
  readonly checkpoint: string;
  /** Stores the position after this batch. Committing a batch older than one committed does nothing. */
  commit(): Promise<void>;
}

/** ecelog's checkpoint of a jlog read in peek mode. */
interface PeekCheckpoint {
  jlog: string;
  log: number;
  marker: number;
}

async function readPeek(path: string): Promise<JlogId | null> {
  const text = await orNull(readFile(path, 'utf8'));
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as PeekCheckpoint;
    if (Number.isInteger(v.log) && Number.isInteger(v.marker) && v.log >= 0 && v.marker >= 0) return { log: v.log, marker: v.marker };
  } catch {
    // reported below
  }
  throw new JlogError('JLOG_BAD_CHECKPOINT', `${path}: not an ecelog jlog checkpoint`);
}

/**
 * Follows a jlog as a subscriber (the Momentum way) or a peeker, as an async iterable of batches
 * that are committed after processing, like `follow()` for files: a restart resumes after the last
 * committed batch, every event carries a stable `id`, and the only repeats after a crash are the
 * events of batches not committed.
 */
export function followJlog(dir: string, options: FollowJlogOptions<LogKind> & { log: 'raw' }): AsyncGenerator<JlogBatch<JlogMessage>>;
export function followJlog<L extends LogKind>(dir: string, options?: FollowJlogOptions<L>): AsyncGenerator<JlogBatch<JlogEvent<L>>>;
export async function* followJlog(dir: string, options: FollowJlogOptions<LogKind> = {}): AsyncGenerator<JlogBatch<unknown>> {
  if (options.subscriber !== undefined && options.checkpoint !== undefined)
    throw new TypeError('ecelog: followJlog takes a subscriber or a checkpoint, not both');
  const opened = await openJlog(dir);
  const meta = opened.meta;
  const store = await positionStore(dir, options, meta);
  let committed = store.start;
  let writing: Promise<void> = Promise.resolve();
  const commitTo = (to: JlogId): Promise<void> => {
    writing = writing.then(async () => {
      if (compareIds(to, committed) <= 0) return;
      const from = committed;
      await store.write(to);
      committed = to;
      if (options.subscriber !== undefined && to.log > from.log) await deletePassed(dir, from.log, to.log, await readMetastore(dir));
    });
    return writing;
  };
  const batches = jlogBatches(
    dir,
    store.start,
    options,
    { untilIdle: false, signal: options.signal, poll: options.pollInterval ?? 200, onIdle: options.onIdle },
    opened,
  );
  for await (const b of batches as AsyncGenerator<ReadBatch<unknown>>) {
    const to = b.position;
    yield { events: b.items, checkpoint: formatId(to), commit: () => commitTo(to) };
  }
  await writing;
}

interface PositionStore {
  start: JlogId;
  write(id: JlogId): Promise<void>;
}

async function positionStore(dir: string, options: FollowJlogOptions<LogKind>, meta: Metastore): Promise<PositionStore> {
  const from = options.from;
  const fresh = async (): Promise<JlogId> =>
    typeof from === 'object' ? { ...from } : from === 'begin' ? beginning(dir) : ending(dir, meta);
  const { subscriber, checkpoint } = options;
  if (subscriber !== undefined) {
    let start = await readSubscriber(dir, subscriber, meta);
    if (start === null) {
      if (from !== 'begin' && from !== 'end')
        throw new JlogError('JLOG_NO_SUBSCRIBER', `${dir}: no subscriber "${subscriber}" (add it, or give from: 'begin' | 'end')`);
      start = await addSubscriber(dir, subscriber, from, meta);
    }
    return { start, write: (id) => writeSubscriber(dir, subscriber, id, meta) };
  }
  if (checkpoint !== undefined) {
    const write = (id: JlogId): Promise<void> =>
      writeFileAtomic(checkpoint, JSON.stringify({ jlog: dir, log: id.log, marker: id.marker }) + '\n');
    let start = await readPeek(checkpoint);
    if (start === null) {
      start = await fresh();
      await write(start); // a restart before the first commit starts here, not at a later end
    }
    return { start, write };
  }
  return { start: await fresh(), write: () => Promise.resolve() };
}
