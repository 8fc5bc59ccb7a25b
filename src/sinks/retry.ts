import { sleep } from '../core/sleep';

export interface RetryOptions {
  /** Stops waiting (the last error is thrown then). */
  readonly signal?: AbortSignal;
  /** Attempts before giving up (default: no limit). */
  readonly attempts?: number;
  /** The first wait (ms, default 500), doubled after each failure up to `maxDelay` (default 30 000). */
  readonly delay?: number;
  readonly maxDelay?: number;
  /** Failures no retry can mend (a refused password, say): thrown at once. */
  readonly fatal?: (err: unknown) => boolean;
  /** Told of each failure that will be retried, and the wait before the next attempt. */
  readonly onRetry?: (err: unknown, waitMs: number) => void;
}

/** `fn`, tried again after a failure, with exponential backoff and jitter (±25%). */
export async function withRetries<T>(fn: () => Promise<T>, o: RetryOptions = {}): Promise<T> {
  let delay = o.delay ?? 500;
  const aborted = (): boolean => o.signal?.aborted === true;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (aborted() || attempt >= (o.attempts ?? Infinity) || o.fatal?.(err) === true) throw err;
      const wait = Math.round(delay * (0.75 + Math.random() * 0.5));
      o.onRetry?.(err, wait);
      await sleep(wait, o.signal);
      if (aborted()) throw err;
      delay = Math.min(delay * 2, o.maxDelay ?? 30_000);
    }
  }
}
