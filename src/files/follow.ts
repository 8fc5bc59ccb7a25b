import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { LogKind } from '../decoders/event';
import type { ParseOptions } from '../session/session';
import { readCheckpoint, writeCheckpoint, type Checkpoint } from './checkpoint';
import { contentChunks, DEFAULT_CHUNK_SIZE, HEAD_BYTES, readHead } from '../io/compression';
import { fingerprint, HeadCollector } from '../io/fingerprint';
import type { CheckpointLostEvent, FollowEvent, TruncatedEvent } from './follow-events';
import { listGenerations, type Generation } from './rotated';
import { FileTail, lastLineEnd, openFile, type OpenedFile, type StartAt } from './tail';

export interface FollowOptions<L extends LogKind> extends ParseOptions<L> {
  /**
   * The checkpoint file: read at the start to resume, written (atomically) by `batch.commit()`.
   * Without it nothing is stored and every start obeys `from`.
   */
  checkpoint?: string;
  /** Without a checkpoint: read the live file from its start, or only what is written from now on (default `'end'`). */
  from?: 'start' | 'end';
  /** Stops following: the iterator returns (at once when it is waiting for lines). */
  signal?: AbortSignal;
  /** How often (ms) to look for new lines, a rotation, a truncation or a file that does not exist yet (default 200). */
  pollInterval?: number;
  /** Most lines per batch (default 1000). Nothing is read ahead of the batch being made but one read chunk. */
  batchSize?: number;
  /** Bytes read at a time (default 64 KiB). */
  chunkSize?: number;
}

/** A batch of events. Process them, then `commit()`: only then is the position after them stored. */
export interface FollowBatch<L extends LogKind> {
  readonly events: FollowEvent<L>[];
  /** What `commit()` stores (null: nothing, e.g. for a batch holding only a `checkpoint_lost` event). */
  readonly checkpoint: Checkpoint | null;
  /**
   * Stores the position after this batch (and so after every batch before it) in the checkpoint
   * file, atomically. Committing a batch older than one already committed does nothing.
   */
  commit(): Promise<void>;
}

const DEFAULT_POLL = 200;
const DEFAULT_BATCH = 1000;
/** Slack (ms) when comparing file modification times with a checkpoint's time. */
const MTIME_SLACK = 2000;

/**
 * Follows a live log the way `tail -F` does, as an async iterable of batches, resuming after a
 * restart from a checkpoint that is written only when a batch is committed.
 *
 * - Rotation: when the path names another file (ec_rotate renamed it and Momentum reopened),
 *   the old file is read to its end first — through the descriptor still open, even if it was
 *   renamed, compressed and unlinked meanwhile — then the new one from its start. While the path
 *   does not exist (renamed, not reopened yet) the old file is still read.
 * - Truncation (the file shrank below what was read, or its first line changed): a `truncated`
 *   event, then the file from 0.
 * - A partial last line is held until its newline arrives; a file that does not exist yet is
 *   waited for.
 * - Restart: the checkpoint's file is found again by device + inode while it exists uncompressed,
 *   else by its fingerprint among the rotated generations (also once compressed to `.1.bz2`:
 *   it is decompressed and the committed bytes skipped); then the newer generations and the
 *   live file follow.
 * - Every event carries `id` (`<fingerprint>:<offset>`), the same on every run: a sink that
 *   deduplicates on it gets exactly-once; without it, the only repeats after a crash are the
 *   events of the batches not yet committed.
 * - Backpressure: nothing is read while a batch waits to be taken; memory stays flat.
 */
export async function* follow<L extends LogKind>(path: string, options: FollowOptions<L>): AsyncGenerator<FollowBatch<L>> {
  const follower = new Follower(path, options);
  try {
    yield* follower.run();
  } finally {
    await follower.close();
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((done) => {
    if (signal?.aborted) return done();
    const finish = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      done();
    };
    const timer = setTimeout(finish, ms);
    signal?.addEventListener('abort', finish, { once: true });
  });
}

class Follower<L extends LogKind> {
  private readonly path: string;
  private readonly kind: LogKind;
  private readonly batchSize: number;
  private readonly poll: number;
  private readonly queue: FileTail<L>[] = []; // files already opened, to read next, oldest first (the live one last)
  private cur: FileTail<L> | null = null;
  private seq = 0;
  private committed = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    path: string,
    private readonly opts: FollowOptions<L>,
  ) {
    this.path = resolve(path);
    this.kind = typeof opts.log === 'string' ? opts.log : opts.log.log;
    this.batchSize = opts.batchSize ?? DEFAULT_BATCH;
    this.poll = opts.pollInterval ?? DEFAULT_POLL;
    if (!(this.batchSize >= 1)) throw new RangeError('ecelog: batchSize must be at least 1');
  }

  async *run(): AsyncGenerator<FollowBatch<L>> {
    const signal = this.opts.signal;
    const ck = this.opts.checkpoint ? await readCheckpoint(this.opts.checkpoint) : null;
    if (ck && resolve(ck.path) !== this.path) {
      throw new Error(`ecelog: checkpoint ${this.opts.checkpoint} belongs to ${ck.path}, not ${this.path}`);
    }
    const notice = ck ? await this.resume(ck) : await this.startFresh();
    if (notice) yield notice;
    while (!signal?.aborted) {
      if (this.cur === null) {
        this.cur = this.queue.shift() ?? (await this.openLive());
        if (this.cur === null) {
          await sleep(this.poll, signal);
          continue;
        }
      }
      const cur = this.cur;
      if (cur.atEnd) {
        // Before reading what came since the end was reached: did the file shrink, or was it
        // rewritten in place (its first line changed)?
        const cut = await cur.truncation();
        if (cut) {
          yield this.batch([cut], cur);
          continue;
        }
      }
      const events = await cur.next(this.batchSize);
      if (events.length > 0) {
        yield this.batch(events, cur);
        continue;
      }
      // At the end of what is written.
      if (this.queue.length > 0 || (await this.replaced(cur))) {
        // A newer file exists, so nothing more comes to this one: drain it, then go on.
        for (let more = await cur.next(this.batchSize); more.length > 0; more = await cur.next(this.batchSize)) {
          yield this.batch(more, cur);
        }
        const last = await cur.finish();
        if (last.length > 0) yield this.batch(last, cur);
        if (this.queue.length === 0) await this.queueSuccessors(cur);
        this.cur = null;
        await cur.close();
        continue;
      }
      await sleep(this.poll, signal);
    }
  }

  private batch(events: FollowEvent<L>[], tail: FileTail<L> | null): FollowBatch<L> {
    const seq = ++this.seq;
    const checkpoint = tail ? tail.checkpoint(this.path, this.kind) : null;
    return { events, checkpoint, commit: () => this.commit(seq, checkpoint) };
  }

  private commit(seq: number, ck: Checkpoint | null): Promise<void> {
    const file = this.opts.checkpoint;
    if (!file || ck === null) return Promise.resolve();
    const write = this.writing.then(async () => {
      if (seq <= this.committed) return;
      await writeCheckpoint(file, ck);
      this.committed = seq;
    });
    this.writing = write.catch(() => undefined);
    return write;
  }

  /** True when the path now names another file than `tail`'s (it was rotated and reopened). */
  private async replaced(tail: FileTail<L>): Promise<boolean> {
    try {
      const st = await stat(this.path, { bigint: true });
      return st.dev !== tail.file.dev || st.ino !== tail.file.ino;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false; // renamed, not reopened yet
      throw err;
    }
  }

  private async openLive(): Promise<FileTail<L> | null> {
    const file = await openFile(this.path);
    return file ? new FileTail(file, this.opts, this.kind, { offset: 0, line: 0, fingerprint: null }) : null;
  }

  /** No checkpoint: the live file from its start, or from the end of its last complete line. */
  private async startFresh(): Promise<null> {
    if (this.opts.from !== 'start') {
      const file = await openFile(this.path);
      if (file) {
        const end =
          file.compression === null ? await lastLineEnd(file.handle, this.opts.chunkSize ?? DEFAULT_CHUNK_SIZE) : { offset: 0, line: 0 };
        this.cur = new FileTail(file, this.opts, this.kind, { ...end, fingerprint: null });
      }
    }
    return null;
  }

  /** Finds the checkpoint's file again and queues it (at the checkpoint) and every newer file. */
  private async resume(ck: Checkpoint): Promise<FollowBatch<L> | null> {
    const set = await openGenerations(this.path);
    try {
      const { found, changed } = await locate(set, ck.file, async (f, i) => {
        const size = Number((await f.handle.stat()).size);
        const fp = fingerprint(await readHead(f.handle), set.gens[i]!.generation > 0);
        return size >= ck.offset && (ck.file.fingerprint === null ? ck.offset === 0 || fp === null : fp === ck.file.fingerprint);
      });
      if (found >= 0) {
        this.take(set, found, { offset: ck.offset, line: ck.line, fingerprint: ck.file.fingerprint });
        return null;
      }
      // Not found. Rotated files modified after the checkpoint hold the lines written since.
      const newer = await modifiedSince(set, ck.time);
      const live = set.opened.length - 1;
      if (changed === live && set.gens[live]?.generation === 0 && newer.length === 0) {
        // Our inode, still live, but shorter or rewritten, and no rotation since: truncated while we were down.
        const size = Number((await set.opened[live]!.handle.stat()).size);
        this.take(set, live, { offset: 0, line: 0, fingerprint: null });
        const ev: TruncatedEvent = {
          type: 'truncated',
          record: null,
          log: this.kind,
          line: ck.line,
          offset: ck.offset,
          size,
          id: `${ck.file.fingerprint ?? `inode-${ck.file.dev}-${ck.file.ino}`}:truncated`,
          file: ck.file.path,
        };
        return this.batch([ev], this.queue[0]!);
      }
      // Lost (rotated out of the kept generations, deleted, or its inode reused): what changed since, from the start.
      this.take(set, -1, null, newer);
      const lost: CheckpointLostEvent = {
        type: 'checkpoint_lost',
        record: null,
        log: this.kind,
        line: ck.line,
        offset: ck.offset,
        fingerprint: ck.file.fingerprint,
        id: `${ck.file.fingerprint ?? `inode-${ck.file.dev}-${ck.file.ino}`}:lost`,
        file: ck.file.path,
      };
      return this.batch([lost], null);
    } finally {
      await closeRest(set);
    }
  }

  /**
   * A file is done (a newer one exists) and nothing is queued: the files after it, found by
   * listing its generations — so a file rotated twice while a batch waited for the consumer is
   * not skipped. Located by device + inode, else by fingerprint (compressed since); if it is
   * gone, the files modified since it was last written.
   */
  private async queueSuccessors(done: FileTail<L>): Promise<void> {
    const set = await openGenerations(this.path);
    try {
      const id = { dev: String(done.file.dev), ino: String(done.file.ino), fingerprint: done.fingerprint };
      const { found } = await locate(set, id, () => Promise.resolve(true));
      if (found >= 0) return this.take(set, found + 1, { offset: 0, line: 0, fingerprint: null });
      const mtime = Number((await done.file.handle.stat()).mtimeMs);
      this.take(set, -1, null, await modifiedSince(set, mtime));
    } finally {
      await closeRest(set);
    }
  }

  /**
   * Queues generations: from index `from` on (the first at `start`), or the `picked` ones and
   * the live file. The queued files are taken out of the set (so not closed with it).
   */
  private take(set: GenerationSet, from: number, start: StartAt | null, picked: number[] = []): void {
    const zero: StartAt = { offset: 0, line: 0, fingerprint: null };
    const indexes = from >= 0 ? set.opened.map((_, i) => i).filter((i) => i >= from) : [...picked, set.opened.length - 1];
    for (const i of indexes) {
      const f = set.opened[i];
      if (!f || (from < 0 && i === set.opened.length - 1 && set.gens[i]!.generation !== 0 && !picked.includes(i))) continue;
      set.opened[i] = null;
      this.queue.push(new FileTail(f, this.opts, this.kind, i === from && start ? start : zero));
    }
  }

  async close(): Promise<void> {
    const tails = [...this.queue, ...(this.cur ? [this.cur] : [])];
    this.queue.length = 0;
    this.cur = null;
    for (const t of tails) await t.close();
  }
}

/** The fingerprint of a file's content (decompressed if needed). */
async function fingerprintOf(f: OpenedFile, final: boolean): Promise<string | null> {
  if (f.compression === null) return fingerprint(await readHead(f.handle), final);
  const head = new HeadCollector();
  let seen = 0;
  for await (const piece of contentChunks(f.handle, f.compression, f.path, { chunkSize: HEAD_BYTES })) {
    head.add(piece);
    seen += piece.length;
    if (seen >= HEAD_BYTES) break;
  }
  return fingerprint(head.head, true);
}

/** The generations of a path (oldest first, the live file last), each opened (null: gone meanwhile). */
interface GenerationSet {
  gens: Generation[];
  opened: Array<OpenedFile | null>;
}

/**
 * A listed generation that is gone by the time it is opened was renamed or compressed in between
 * (bzip2 removes `mainlog.ec.1` once `mainlog.ec.1.bz2` is whole): the listing is taken again, so
 * that the file is found under its new name. After a few tries the set is used as it is.
 */
const LIST_TRIES = 5;

async function openGenerations(path: string): Promise<GenerationSet> {
  for (let attempt = 1; ; attempt++) {
    const gens = await listGenerations(path);
    const opened: Array<OpenedFile | null> = [];
    try {
      for (const g of gens) opened.push(await openFile(g.path));
    } catch (err) {
      await closeRest({ gens, opened });
      throw err;
    }
    if (attempt === LIST_TRIES || !opened.includes(null)) return { gens, opened };
    await closeRest({ gens, opened });
    await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
  }
}

async function closeRest(set: GenerationSet): Promise<void> {
  for (const f of set.opened) if (f) await f.handle.close();
}

/**
 * Where a file is in a generation set: by device + inode while it is uncompressed (and
 * `accept` agrees that the content is still the same), else by fingerprint (renamed, or
 * compressed since). `changed`: an inode match that `accept` refused.
 */
async function locate(
  set: GenerationSet,
  id: { dev: string; ino: string; fingerprint: string | null },
  accept: (f: OpenedFile, i: number) => Promise<boolean>,
): Promise<{ found: number; changed: number }> {
  let changed = -1;
  for (let i = 0; i < set.opened.length; i++) {
    const f = set.opened[i];
    if (!f || f.compression !== null || String(f.dev) !== id.dev || String(f.ino) !== id.ino) continue;
    if (await accept(f, i)) return { found: i, changed };
    changed = i;
  }
  if (id.fingerprint !== null) {
    for (let i = 0; i < set.opened.length; i++) {
      const f = set.opened[i];
      if (f && (await fingerprintOf(f, set.gens[i]!.generation > 0)) === id.fingerprint) return { found: i, changed };
    }
  }
  return { found: -1, changed };
}

/**
 * Indexes of the rotated generations modified at or after `time` (ms; with slack for coarse file
 * times: a repeat is better than a loss).
 */
async function modifiedSince(set: GenerationSet, time: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < set.opened.length; i++) {
    const f = set.opened[i];
    if (f && set.gens[i]!.generation > 0 && Number((await f.handle.stat()).mtimeMs) >= time - MTIME_SLACK) out.push(i);
  }
  return out;
}
