import { gunzipSync, gzipSync } from 'node:zlib';
import { BatchStatusPoller, type BatchStatusCounters, type BatchStatusOptions } from './batch-status';
import { IngestRejectedError, type IngestClient } from './ingest-client';
import { spooledAt, spooledEvents, type Spool } from './spool';
import { Wakeup } from './wakeup';

/**
 * Sends what the spool queues, oldest first, one batch at a time. A batch leaves the queue only
 * once the API answered 2xx with a batch id (then it waits in `sent/` for SparkPost's outcome,
 * see BatchStatusPoller, or is removed when batch status checks are off) or refused it for good
 * (then it is moved to `rejected/`). Transient errors are retried by the client, so the loop
 * waits on the oldest batch rather than skipping it. With a spool cap, the oldest queued batches
 * beyond it are deleted and counted.
 */

export interface UploaderOptions extends BatchStatusOptions {
  /** Stops `run` (the batch in flight stays spooled). */
  signal?: AbortSignal;
  onSent?: (name: string, batchId: string, events?: number) => void;
  onRejected?: (name: string, err: IngestRejectedError) => void;
  /**
   * Keep each acknowledged batch until SparkPost reports its outcome (default true; the API key
   * then needs "Events Search: Read-only" too). false: a batch is removed at its 2xx, and those
   * already in sent/ are left there for a run with the checks on.
   */
  batchStatus?: boolean;
  /** Queued bytes at most (default 0: no cap); over it the oldest queued batches are deleted (`dropped_batches`). */
  maxSpoolBytes?: number;
  /** Age (ms since spooled) of a queued batch at most (default 0: no cap); older ones are deleted. */
  maxSpoolAgeMs?: number;
}

export interface UploaderStats extends BatchStatusCounters {
  /** 2xx answers with a batch id (a batch sent again counts again), and their events. */
  batches_sent: number;
  events_sent: number;
  /** Attempts that failed and were retried. */
  retries: number;
  /** Batches the API refused at once (a 4xx), moved to rejected/. */
  rejected: number;
  /** Batches the API found too large (413), spooled again as two halves. */
  split: number;
  /** The reason of the latest failure; null again after the next success. */
  last_error: string | null;
  /** Batches in sent/, awaiting their outcome. */
  awaiting_status: number;
  /** Batches (and their events) deleted by the spool cap. */
  dropped_batches: number;
  dropped_events: number;
  /** ms epoch of the latest 2xx, or null. */
  last_success_at: number | null;
  /** Age (ms) of the oldest queued batch, or null when the queue is empty. */
  oldest_unsent_ms: number | null;
  /** Age (ms since spooled) of the oldest batch awaiting its outcome, or null. */
  oldest_awaiting_ms: number | null;
}

type Counters = Omit<UploaderStats, 'awaiting_status' | 'oldest_unsent_ms' | 'oldest_awaiting_ms'>;
type Waiter = { resolve: () => void; reject: (err: unknown) => void };

export class Uploader {
  private readonly counters: Counters = {
    batches_sent: 0,
    events_sent: 0,
    retries: 0,
    rejected: 0,
    split: 0,
    last_error: null,
    confirmed: 0,
    events_confirmed: 0,
    resent: 0,
    rejected_after_accept: 0,
    failed_events: 0,
    unconfirmed: 0,
    status_retries: 0,
    dropped_batches: 0,
    dropped_events: 0,
    last_success_at: null,
  };
  private readonly wakeup = new Wakeup();
  private readonly poller: BatchStatusPoller | null;
  private readonly now: () => number;
  private kicked = false;
  private idle = false;
  private stopped = false;
  private failure: { err: unknown } | null = null;
  private drains: Waiter[] = [];
  /** The batch being sent: the spool cap leaves it alone. */
  private inFlight: string | null = null;
  /** The spool cap's runs, one after another. */
  private trimming: Promise<void> = Promise.resolve();

  constructor(
    private readonly spool: Spool,
    private readonly client: IngestClient,
    private readonly options: UploaderOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.poller =
      options.batchStatus === false
        ? null
        : new BatchStatusPoller(
            spool,
            client,
            {
              counters: this.counters,
              requeued: () => this.kick(),
              changed: () => this.settleIfDone(),
              urgent: () => this.drains.length > 0,
            },
            options,
          );
  }

  get stats(): UploaderStats {
    const now = this.now();
    const age = (name: string | undefined): number | null => (name === undefined ? null : Math.max(0, now - spooledAt(name)));
    return {
      ...this.counters,
      awaiting_status: this.spool.awaiting,
      oldest_unsent_ms: age(this.spool.oldestQueued()),
      oldest_awaiting_ms: age(this.spool.oldestAwaiting()),
    };
  }

  /**
   * Sends every queued batch and follows the outcome of those sent, waiting for `kick()` when
   * there is nothing to do, until the signal aborts (resolves) or a batch cannot be handled or
   * the API refuses the configuration (rejects).
   */
  async run(): Promise<void> {
    const ctl = new AbortController();
    const outer = this.options.signal;
    const stop = (): void => ctl.abort();
    outer?.addEventListener('abort', stop, { once: true });
    if (outer?.aborted) ctl.abort();
    const fail = (err: unknown): void => {
      if (ctl.signal.aborted && (err as Error).name === 'AbortError') return;
      if (this.failure === null) {
        this.counters.last_error = (err as Error).message;
        this.failure = { err };
      }
      ctl.abort();
    };
    await Promise.all([this.sendLoop(ctl.signal).catch(fail), this.poller?.run(ctl.signal).catch(fail)]);
    outer?.removeEventListener('abort', stop);
    this.stopped = true;
    if (this.failure !== null) {
      this.settleDrains(this.failure.err);
      throw this.failure.err;
    }
    this.settleDrains(this.empty() ? null : stoppedError());
  }

  /** A batch was spooled: send it, and apply the spool cap. */
  kick(): void {
    this.kicked = true;
    this.wakeup.wake();
    if (this.options.maxSpoolBytes || this.options.maxSpoolAgeMs) {
      this.trim().catch((err: Error) => (this.counters.last_error = `spool cap: ${err.message}`));
    }
  }

  /** Resolves when the queue and sent/ are empty (every batch sent and its outcome known); rejects when the run failed or stopped first. */
  drain(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.err);
    if ((this.idle || this.stopped) && !this.kicked && this.empty()) return Promise.resolve();
    if (this.stopped) return Promise.reject(stoppedError());
    return new Promise((resolve, reject) => {
      this.drains.push({ resolve, reject });
      this.poller?.hurry();
    });
  }

  /**
   * Applies the spool cap now (it is applied at each kick and before each send): deletes the
   * oldest queued batches while the queue is over `maxSpoolBytes` or they are older than
   * `maxSpoolAgeMs`, never the batch being sent.
   */
  trim(): Promise<void> {
    const { maxSpoolBytes = 0, maxSpoolAgeMs = 0 } = this.options;
    const over = (name: string): boolean =>
      (maxSpoolBytes > 0 && this.spool.bytes > maxSpoolBytes) || (maxSpoolAgeMs > 0 && this.now() - spooledAt(name) > maxSpoolAgeMs);
    this.trimming = this.trimming.catch(ignore).then(async () => {
      const oldest = this.spool.oldestQueued();
      if (oldest === undefined || !over(oldest)) return; // the usual case, without sorting the queue
      for (const name of this.spool.queued()) {
        if (!over(name)) break;
        if (name === this.inFlight) continue;
        await this.spool.remove(name);
        this.counters.dropped_batches++;
        this.counters.dropped_events += spooledEvents(name);
      }
    });
    return this.trimming;
  }

  private async sendLoop(signal: AbortSignal): Promise<void> {
    try {
      while (!signal.aborted) {
        this.kicked = false;
        const names = await this.spool.list();
        if (names.length > 0) {
          for (const name of names) {
            if (signal.aborted) break;
            if (this.options.maxSpoolBytes || this.options.maxSpoolAgeMs) await this.trim();
            await this.upload(name, signal);
          }
        } else if (!this.kicked) {
          this.idle = true;
          this.settleIfDone();
          await this.wakeup.wait(signal);
          this.idle = false;
        }
      }
    } catch (err) {
      if (!(signal.aborted && (err as Error).name === 'AbortError')) throw err;
    }
  }

  private async upload(name: string, signal: AbortSignal): Promise<void> {
    this.inFlight = name;
    try {
      const body = await this.spool.read(name).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return null; // removed meanwhile (the spool cap, someone else)
        throw err;
      });
      if (body !== null) await this.sendOne(name, body, signal);
    } finally {
      this.inFlight = null;
    }
  }

  private async sendOne(name: string, body: Buffer, signal: AbortSignal): Promise<void> {
    try {
      const { batchId } = await this.client.send(body, {
        signal,
        onRetry: ({ reason }) => {
          this.counters.retries++;
          this.counters.last_error = reason;
        },
      });
      const at = this.now();
      if (this.poller) await this.spool.markSent(name, batchId, at);
      else await this.spool.remove(name);
      const events = spooledEvents(name);
      this.counters.batches_sent++;
      this.counters.events_sent += events;
      this.counters.last_success_at = at;
      this.counters.last_error = null;
      this.poller?.hurry();
      this.options.onSent?.(name, batchId, events);
    } catch (err) {
      if (!(err instanceof IngestRejectedError)) throw err;
      if (err.status === 413 && (await this.split(name, body))) return;
      await this.spool.reject(name, `HTTP ${err.status}: ${err.body}`);
      this.counters.rejected++;
      this.counters.last_error = err.message;
      this.options.onRejected?.(name, err);
    }
  }

  /**
   * A batch too large for the API (413): its halves are spooled in its place (sent after what is
   * spooled already; Ingest drops any event it got twice), never the data rejected for its size.
   * False for a batch of one event, which cannot be split.
   */
  private async split(name: string, body: Buffer): Promise<boolean> {
    const text = gunzipSync(body).toString('utf8');
    const lines = text.split('\n').filter((l) => l !== '');
    if (lines.length < 2) return false;
    const half = lines.length >> 1;
    for (const part of [lines.slice(0, half), lines.slice(half)]) {
      const raw = Buffer.from(part.join('\n') + '\n', 'utf8');
      await this.spool.write({ body: gzipSync(raw), events: part.length, rawBytes: raw.length });
    }
    await this.spool.remove(name);
    this.counters.split++;
    return true;
  }

  /** Nothing queued, and nothing awaiting its outcome (with the checks off, batches in sent/ wait for a run with them on). */
  private empty(): boolean {
    return this.spool.depth === 0 && (this.poller === null || this.spool.awaiting === 0);
  }

  /** Resolves the drains once nothing is queued, being sent or awaiting its outcome. */
  private settleIfDone(): void {
    if (this.idle && !this.kicked && this.empty()) this.settleDrains(null);
  }

  /** Resolves (err null) or rejects every pending drain. */
  private settleDrains(err: unknown): void {
    const waiting = this.drains;
    this.drains = [];
    for (const w of waiting) {
      if (err === null) w.resolve();
      else w.reject(err);
    }
  }
}

function ignore(): void {}

function stoppedError(): Error {
  const err = new Error('ecelog: the uploader stopped before the spool was empty');
  err.name = 'AbortError';
  return err;
}
