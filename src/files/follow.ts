import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { LogKind } from '../decoders/event';
import type { ParseOptions } from '../session/session';
import { readCheckpoint, writeCheckpoint, type Checkpoint, type Position, type RotatedPosition } from './checkpoint';
import { DEFAULT_CHUNK_SIZE, readHead } from '../io/compression';
import { fingerprint } from '../io/fingerprint';
import { sleep } from '../core/sleep';
import type { CheckpointLostEvent, FollowEvent, TruncatedEvent } from './follow-events';
import { closeRest, LIST_TRIES, locate, modifiedSince, openGenerations, pause, type FileIdentity, type GenerationSet } from './generations';
import { FileTail, lastLineEnd, openFile, type StartAt } from './tail';

export interface FollowOptions<L extends LogKind> extends ParseOptions<L> {
  /**
   * The checkpoint file: read at the start to resume, written (atomically) by `batch.commit()` —
   * and, when there is none yet, at once with the starting position in the file to follow.
   * Without it nothing is stored and every start obeys `from`.
   */
  checkpoint?: string;
  /** Without a checkpoint: read the live file from its start, or only what is written from now on (default `'end'`). */
  from?: 'start' | 'end';
  /** Stops following: the iterator returns (at once when it is waiting for lines). */
  signal?: AbortSignal;
  /** How often (ms) to look for new lines, a rotation, a truncation or a file that does not exist yet (default 200). */
  pollInterval?: number;
  /**
   * Called each time the follower has read all there is (or the file does not exist yet) and
   * waits for more: until its next batch, nothing older than what it gave is still to come.
   */
  onIdle?: () => void;
  /** Most lines per batch (default 1000). Nothing is read ahead of the batch being made but one read chunk. */
  batchSize?: number;
  /** Bytes read at a time (default 64 KiB). */
  chunkSize?: number;
  /**
   * How long (ms) a rotated file is still read after the path names a new file (default 5000):
   * a writer reopens, but may still write its last lines through the old descriptor (one thread
   * after another switches). fluentd's in_tail calls it `rotate_wait`. 0: not at all.
   */
  rotateWait?: number;
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
const DEFAULT_ROTATE_WAIT = 5000;
/** How many finished files a follower remembers (so that a lost listing never queues them again). */
const REMEMBERED = 16;
const ZERO: StartAt = { offset: 0, line: 0, fingerprint: null };

/**
 * Follows a live log the way `tail -F` does, as an async iterable of batches, resuming after a
 * restart from a checkpoint that is written only when a batch is committed.
 *
 * - Rotation: when the path names another file (ec_rotate renamed it and Momentum reopened),
 *   the old file is read to its end, then the new one from its start; the old one is still read
 *   for `rotateWait` (through the descriptor still open, even if it was renamed, compressed and
 *   unlinked meanwhile), because a writer may write its last lines to it after the reopen. Its
 *   late lines go out before the new file's lines read after them (a writer that switched wrote
 *   them first). While the path does not exist (renamed, not reopened yet) the old file is read.
 *   The checkpoint holds the position in every file still read, so a restart inside the wait
 *   reads the rotated file's tail before going on with the new one.
 * - Truncation (the file shrank below what was read, or its first line changed): a `truncated`
 *   event, then the file from 0.
 * - A partial last line is held until its newline arrives; a file that does not exist yet is
 *   waited for.
 * - Restart: the checkpoint's files are found again by device + inode while they exist
 *   uncompressed, else by fingerprint among the rotated generations (also once compressed to
 *   `.1.bz2`: decompressed, the committed bytes skipped); then the newer generations and the live
 *   file follow. A file found holding less than had been read from it (lines written late to a
 *   file that was compressed and unlinked while no follower held it) gives a `gap` event.
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

/** A rotated file still read for lines written late through the writer's old descriptor. */
interface Watched<L extends LogKind> {
  tail: FileTail<L>;
  /** Until when (ms since the epoch). */
  until: number;
}

class Follower<L extends LogKind> {
  private readonly path: string;
  private readonly kind: LogKind;
  private readonly batchSize: number;
  private readonly poll: number;
  private readonly rotateWait: number;
  private readonly queue: FileTail<L>[] = []; // files already opened, to read next, oldest first (the live one last)
  private cur: FileTail<L> | null = null;
  /** Rotated files read for late lines, oldest first; all older than `cur`. */
  private readonly watched: Watched<L>[] = [];
  /** The position after the last line delivered (in a batch made) from each open file. */
  private readonly delivered = new Map<FileTail<L>, Position>();
  /** The files read to their end in this run (the last few): never queued again. */
  private readonly done: FileIdentity[] = [];
  private seq = 0;
  private committed = 0;
  /** A checkpoint exists (read at the start, or written by anchor()). */
  private anchored = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    path: string,
    private readonly opts: FollowOptions<L>,
  ) {
    this.path = resolve(path);
    this.kind = typeof opts.log === 'string' ? opts.log : opts.log.log;
    this.batchSize = opts.batchSize ?? DEFAULT_BATCH;
    this.poll = opts.pollInterval ?? DEFAULT_POLL;
    this.rotateWait = opts.rotateWait ?? DEFAULT_ROTATE_WAIT;
    if (!(this.batchSize >= 1)) throw new RangeError('ecelog: batchSize must be at least 1');
    if (!(this.rotateWait >= 0)) throw new RangeError('ecelog: rotateWait must be 0 or more (ms)');
  }

  async *run(): AsyncGenerator<FollowBatch<L>> {
    const signal = this.opts.signal;
    const ck = this.opts.checkpoint ? await readCheckpoint(this.opts.checkpoint) : null;
    if (ck && resolve(ck.path) !== this.path) {
      throw new Error(`ecelog: checkpoint ${this.opts.checkpoint} belongs to ${ck.path}, not ${this.path}`);
    }
    for (const notice of ck ? await this.resume(ck) : await this.startFresh()) yield notice;
    this.anchored = ck !== null;
    await this.anchor();
    while (!signal?.aborted) {
      // Late lines of rotated files first: they were written before anything still to come.
      const late = await this.lateLines();
      if (late) {
        yield late;
        continue;
      }
      if (this.cur === null) {
        this.cur = this.queue.shift() ?? (await this.openLive());
        if (this.cur === null) {
          this.opts.onIdle?.();
          await sleep(this.poll, signal);
          continue;
        }
        await this.anchor();
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
        const at = cur.position();
        // A writer that switched files wrote the rotated file's last lines before these: once
        // these were read, whatever it still holds of them can be read too, and goes out first.
        for (let b = await this.lateLines(); b; b = await this.lateLines()) yield b;
        yield this.batch(events, cur, at);
        continue;
      }
      // At the end of what is written. A newer file exists? Then this one is rotated: it is
      // watched for late lines (a compressed one does not grow: it is finished at once).
      if (this.queue.length > 0 || (await this.replaced(cur))) {
        if (this.queue.length === 0) await this.queueSuccessors(cur);
        this.cur = null;
        this.watched.push({ tail: cur, until: cur.compressed ? 0 : Date.now() + this.rotateWait });
        continue;
      }
      this.opts.onIdle?.();
      await sleep(this.watched.length > 0 ? Math.min(this.poll, DEFAULT_POLL) : this.poll, signal);
    }
  }

  /**
   * The next batch of late lines of a watched file (oldest first), or null. A file whose wait is
   * over is finished (its last line even without newline) and closed.
   */
  private async lateLines(): Promise<FollowBatch<L> | null> {
    for (let i = 0; i < this.watched.length; i++) {
      const { tail, until } = this.watched[i]!;
      const events = await tail.next(this.batchSize);
      if (events.length > 0) return this.batch(events, tail, tail.position());
      if (Date.now() < until) continue;
      const last = await tail.finish();
      this.watched.splice(i, 1);
      this.delivered.delete(tail);
      this.remember(tail);
      await tail.close();
      if (last.length > 0) return this.batch(last);
      i--;
    }
    return null;
  }

  private remember(tail: FileTail<L>): void {
    this.done.push(tail.identity());
    if (this.done.length > REMEMBERED) this.done.shift();
  }

  /**
   * A batch; `tail` and `at`: the file its lines came from and the position after them. Its
   * checkpoint holds the position after the last line delivered from every open file.
   */
  private batch(events: FollowEvent<L>[], tail?: FileTail<L>, at?: Position): FollowBatch<L> {
    if (tail) this.delivered.set(tail, at ?? tail.position());
    const seq = ++this.seq;
    const checkpoint = this.snapshot();
    return { events, checkpoint, commit: () => this.commit(seq, checkpoint) };
  }

  /** The checkpoint now: the newest file delivered from, and the watched ones before it. */
  private snapshot(): Checkpoint | null {
    const open = [...this.watched.map((w) => w.tail), ...(this.cur ? [this.cur] : []), ...this.queue];
    const known = open.filter((t) => this.delivered.has(t));
    const last = known.pop();
    if (last === undefined) return null;
    const rotated: RotatedPosition[] = [];
    for (const w of this.watched) {
      if (known.includes(w.tail)) rotated.push({ ...this.delivered.get(w.tail)!, until: w.until });
    }
    return { version: 2, path: this.path, log: this.kind, ...this.delivered.get(last)!, rotated, time: Date.now() };
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
    return file ? new FileTail(file, this.opts, this.kind, ZERO) : null;
  }

  /**
   * Without a checkpoint yet, one is written as soon as there is a file to point into (its
   * starting position: nothing delivered yet), so that a follower killed before its first commit
   * finds that file again after a rotation rather than starting over at the new live file.
   */
  private async anchor(): Promise<void> {
    const file = this.opts.checkpoint;
    if (this.anchored || !file || this.cur === null) return;
    this.anchored = true;
    if (!this.delivered.has(this.cur)) this.delivered.set(this.cur, this.cur.position());
    const ck = this.snapshot();
    if (ck) await writeCheckpoint(file, ck);
  }

  /** No checkpoint: the live file from its start, or from the end of its last complete line. */
  private async startFresh(): Promise<FollowBatch<L>[]> {
    const file = await openFile(this.path);
    if (file === null) return [];
    const plain = file.compression === null;
    const start =
      this.opts.from === 'start' || !plain
        ? { offset: 0, line: 0 }
        : await lastLineEnd(file.handle, this.opts.chunkSize ?? DEFAULT_CHUNK_SIZE);
    this.cur = new FileTail(file, this.opts, this.kind, {
      ...start,
      fingerprint: plain ? fingerprint(await readHead(file.handle), false) : null,
    });
    return [];
  }

  /**
   * Finds the checkpoint's file again and queues it (at the checkpoint) and every newer file;
   * finds its rotated files again and watches them from their positions (their late lines, if
   * any came while no follower ran, are read before anything newer).
   */
  private async resume(ck: Checkpoint): Promise<FollowBatch<L>[]> {
    const set = await openGenerations(this.path);
    const notices: FollowBatch<L>[] = [];
    const gone: Position[] = [];
    try {
      const { found, changed } = await locate(set, ck.file, async (f, i) => {
        const size = Number((await f.handle.stat()).size);
        const fp = fingerprint(await readHead(f.handle), set.gens[i]!.generation > 0);
        return size >= ck.offset && (ck.file.fingerprint === null ? ck.offset === 0 || fp === null : fp === ck.file.fingerprint);
      });
      if (found >= 0) {
        const tail = this.take(set, found, { offset: ck.offset, line: ck.line, fingerprint: ck.file.fingerprint, known: ck.file.size });
        this.delivered.set(tail!, tail!.position());
      }
      for (const r of ck.rotated) {
        const at = await locate(set, r.file, () => Promise.resolve(true));
        const f = at.found >= 0 ? set.opened[at.found] : null;
        if (!f) {
          gone.push(r);
          continue;
        }
        set.opened[at.found] = null;
        const tail = new FileTail(f, this.opts, this.kind, {
          offset: r.offset,
          line: r.line,
          fingerprint: r.file.fingerprint,
          known: r.file.size,
        });
        this.watched.push({ tail, until: f.compression === null ? r.until : 0 });
        this.delivered.set(tail, tail.position());
      }
      // (Made once every file found is in place: their checkpoints must hold them all.)
      for (const r of gone) notices.push(this.batch([this.lost(r)]));
      if (found >= 0) return notices;
      // Not found. Rotated files modified after the checkpoint hold the lines written since.
      const newer = await modifiedSince(set, ck.time);
      const live = set.opened.length - 1;
      if (changed === live && set.gens[live]?.generation === 0 && newer.length === 0) {
        // Our inode, still live, but shorter or rewritten, and no rotation since: truncated while we were down.
        const size = Number((await set.opened[live]!.handle.stat()).size);
        const tail = this.take(set, live, ZERO)!;
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
        return [...notices, this.batch([ev], tail)];
      }
      // Lost (rotated out of the kept generations, deleted, or its inode reused): what changed since, from the start.
      this.take(set, -1, null, newer);
      return [...notices, this.batch([this.lost(ck)])];
    } finally {
      await closeRest(set);
    }
  }

  /** The `checkpoint_lost` event of a position whose file is found no more. */
  private lost(at: Position): CheckpointLostEvent {
    return {
      type: 'checkpoint_lost',
      record: null,
      log: this.kind,
      line: at.line,
      offset: at.offset,
      fingerprint: at.file.fingerprint,
      id: `${at.file.fingerprint ?? `inode-${at.file.dev}-${at.file.ino}`}:lost`,
      file: at.file.path,
    };
  }

  /**
   * A file is done (a newer one exists) and nothing is queued: the files after it, found by
   * listing its generations — so a file rotated twice while a batch waited for the consumer is
   * not skipped. Located by device + inode, else by fingerprint (compressed since), listing again
   * a few times if a rename or compression was under way; if it is gone, the files modified
   * since it was last written, except those already read.
   */
  private async queueSuccessors(done: FileTail<L>): Promise<void> {
    const id = done.identity();
    for (let attempt = 1; ; attempt++) {
      const set = await openGenerations(this.path);
      try {
        const { found } = await locate(set, id, () => Promise.resolve(true));
        if (found >= 0) {
          this.take(set, found + 1, ZERO);
          return;
        }
        if (attempt === LIST_TRIES) {
          const mtime = Number((await done.file.handle.stat()).mtimeMs);
          const read = [id, ...this.done, ...this.watched.map((w) => w.tail.identity())];
          this.take(set, -1, null, await modifiedSince(set, mtime, read));
          return;
        }
      } finally {
        await closeRest(set);
      }
      await pause(attempt);
    }
  }

  /**
   * Queues generations: from index `from` on (the first at `start`), or the `picked` ones and
   * the live file. The queued files are taken out of the set (so not closed with it). Returns
   * the first one queued.
   */
  private take(set: GenerationSet, from: number, start: StartAt | null, picked: number[] = []): FileTail<L> | undefined {
    const indexes = from >= 0 ? set.opened.map((_, i) => i).filter((i) => i >= from) : [...picked, set.opened.length - 1];
    let first: FileTail<L> | undefined;
    for (const i of indexes) {
      const f = set.opened[i];
      if (!f || (from < 0 && i === set.opened.length - 1 && set.gens[i]!.generation !== 0 && !picked.includes(i))) continue;
      set.opened[i] = null;
      const tail = new FileTail(f, this.opts, this.kind, i === from && start ? start : ZERO);
      first ??= tail;
      this.queue.push(tail);
    }
    return first;
  }

  async close(): Promise<void> {
    const tails = [...this.watched.map((w) => w.tail), ...this.queue, ...(this.cur ? [this.cur] : [])];
    this.watched.length = 0;
    this.queue.length = 0;
    this.cur = null;
    for (const t of tails) await t.close();
  }
}
