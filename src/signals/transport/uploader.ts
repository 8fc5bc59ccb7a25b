import { gunzipSync, gzipSync } from 'node:zlib';
import { IngestRejectedError, type IngestClient } from './ingest-client';
import { spooledEvents, type Spool } from './spool';

/**
 * Sends what the spool holds, oldest first, one batch at a time. A batch leaves the spool only
 * once the API answered 2xx with a batch id (then it is removed) or refused it for good (then it
 * is moved to `rejected/`). Transient errors are retried by the client, so the loop waits on the
 * oldest batch rather than skipping it.
 */

export interface UploaderOptions {
  /** Stops `run` (the batch in flight stays spooled). */
  signal?: AbortSignal;
  onSent?: (name: string, batchId: string, events?: number) => void;
  onRejected?: (name: string, err: IngestRejectedError) => void;
}

export interface UploaderStats {
  batches_sent: number;
  events_sent: number;
  /** Attempts that failed and were retried. */
  retries: number;
  rejected: number;
  /** Batches the API found too large (413), spooled again as two halves. */
  split: number;
  /** The reason of the latest failed attempt (cleared by nothing: it is the latest seen). */
  last_error: string | null;
}

type Waiter = { resolve: () => void; reject: (err: unknown) => void };

export class Uploader {
  readonly stats: UploaderStats = { batches_sent: 0, events_sent: 0, retries: 0, rejected: 0, split: 0, last_error: null };
  private kicked = false;
  private wake: (() => void) | null = null;
  private idle = false;
  private stopped = false;
  private failure: { err: unknown } | null = null;
  private drains: Waiter[] = [];

  constructor(
    private readonly spool: Spool,
    private readonly client: IngestClient,
    private readonly options: UploaderOptions = {},
  ) {}

  /** Sends every spooled batch, then waits for `kick()`, until the signal aborts (resolves) or a batch cannot be handled (rejects). */
  async run(): Promise<void> {
    const signal = this.options.signal;
    try {
      while (!signal?.aborted) {
        this.kicked = false;
        const names = await this.spool.list();
        if (names.length > 0) {
          for (const name of names) {
            if (signal?.aborted) break;
            await this.upload(name);
          }
        } else if (!this.kicked) {
          await this.waitForKick();
        }
      }
    } catch (err) {
      if (!(signal?.aborted && (err as Error).name === 'AbortError')) {
        this.stats.last_error = (err as Error).message;
        this.failure = { err };
        this.settleDrains(err);
        throw err;
      }
    } finally {
      this.stopped = true;
    }
    this.settleDrains(this.spool.depth === 0 ? null : stoppedError());
  }

  /** A batch was spooled. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** Resolves when the spool is empty; rejects when the run loop failed or stopped first. */
  drain(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.err);
    if ((this.idle || this.stopped) && !this.kicked && this.spool.depth === 0) return Promise.resolve();
    if (this.stopped) return Promise.reject(stoppedError());
    return new Promise((resolve, reject) => this.drains.push({ resolve, reject }));
  }

  private async upload(name: string): Promise<void> {
    const body = await this.spool.read(name).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null; // removed by someone else meanwhile
      throw err;
    });
    if (body === null) return;
    try {
      const { batchId } = await this.client.send(body, {
        signal: this.options.signal,
        onRetry: ({ reason }) => {
          this.stats.retries++;
          this.stats.last_error = reason;
        },
      });
      await this.spool.remove(name);
      const events = spooledEvents(name);
      this.stats.batches_sent++;
      this.stats.events_sent += events;
      this.options.onSent?.(name, batchId, events);
    } catch (err) {
      if (!(err instanceof IngestRejectedError)) throw err;
      if (err.status === 413 && (await this.split(name, body))) return;
      await this.spool.reject(name, `HTTP ${err.status}: ${err.body}`);
      this.stats.rejected++;
      this.stats.last_error = err.message;
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
    this.stats.split++;
    return true;
  }

  /** Waits for a kick or the abort, resolving pending drains first (the spool is empty). */
  private async waitForKick(): Promise<void> {
    this.idle = true;
    this.settleDrains(null);
    const signal = this.options.signal;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.wake = null;
        signal?.removeEventListener('abort', done);
        resolve();
      };
      this.wake = done;
      signal?.addEventListener('abort', done, { once: true });
      if (signal?.aborted) done();
    });
    this.idle = false;
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

function stoppedError(): Error {
  const err = new Error('ecelog: the uploader stopped before the spool was empty');
  err.name = 'AbortError';
  return err;
}
