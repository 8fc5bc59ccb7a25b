import { request, type Dispatcher } from 'undici';

/**
 * Sends one gzip-compressed NDJSON batch to the SparkPost Ingest API (sparkpost-events.md §1),
 * retrying what may pass (network errors, timeouts, 5xx, 429, 401/403, a 2xx without a batch id)
 * with exponential backoff and full jitter. Other 4xx answers are final: IngestRejectedError.
 * No error message or retry reason ever holds the API key.
 */

export const INGEST_PATH = '/api/v1/ingest/events';

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface IngestClientOptions {
  /** Base URL (e.g. https://api.sparkpost.com), or the full Ingest URL. */
  url: string;
  apiKey: string;
  /** Per attempt, request, headers and body. */
  timeoutMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Default Infinity: transient errors are never given up on. */
  maxAttempts?: number;
  signal?: AbortSignal;
  onRetry?: (info: RetryInfo) => void;
  dispatcher?: Dispatcher;
  /** [0, 1) source for the jitter (tests). */
  random?: () => number;
}

/** Per-call additions to the client's options. */
export interface SendOptions {
  signal?: AbortSignal;
  onRetry?: (info: RetryInfo) => void;
}

export interface SendResult {
  batchId: string;
  attempts: number;
  status: number;
}

/** The API refused the batch for good (a 4xx other than 401, 403, 408, 429). */
export class IngestRejectedError extends Error {
  override name = 'IngestRejectedError';
  constructor(
    readonly status: number,
    /** The first 500 characters of the answer, key redacted. */
    readonly body: string,
    readonly attempts: number,
  ) {
    super(`ecelog: the Ingest API rejected the batch: HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`);
  }
}

/**
 * The API refused the client itself, not a batch: the key (401, 403) or the URL (404). Retrying
 * cannot help and rejecting the batch would drop good data: the batch stays where it is and the
 * caller stops (the agent exits with code 2, its spool kept for after the fix).
 */
export class IngestConfigError extends Error {
  override name = 'IngestConfigError';
  constructor(
    readonly status: number,
    /** The first 500 characters of the answer, key redacted. */
    readonly body: string,
    url: string,
  ) {
    super(
      status === 404
        ? `ecelog: no Ingest API at ${url} (HTTP 404): give SparkPost's host (https://api.sparkpost.com, EU https://api.eu.sparkpost.com), its API base (…/api/v1) or the endpoint (…/api/v1/ingest/events)`
        : `ecelog: the Ingest API refused the API key (HTTP ${status}): it needs the permission "Incoming Events: Write"${body ? `; the answer: ${body.slice(0, 200)}` : ''}`,
    );
  }
}

/** `maxAttempts` attempts all failed on transient errors. */
export class IngestGaveUpError extends Error {
  override name = 'IngestGaveUpError';
  constructor(
    readonly attempts: number,
    readonly reason: string,
  ) {
    super(`ecelog: gave up sending a batch after ${attempts} attempts: ${reason}`);
  }
}

/**
 * The Ingest endpoint for what users give: SparkPost's host (`https://api.sparkpost.com`), its API
 * base as SparkPost documents it (`https://api.sparkpost.com/api/v1`), or the endpoint itself;
 * with or without a trailing slash.
 */
export function ingestUrl(url: string): string {
  const base = url.replace(/\/+$/, '');
  if (base.endsWith(INGEST_PATH)) return base;
  const api = '/api/v1';
  return base.endsWith(api) ? `${base}${INGEST_PATH.slice(api.length)}` : `${base}${INGEST_PATH}`;
}

/** `text` with every occurrence of `secret` replaced. */
export function redact(text: string, secret: string): string {
  return secret ? text.split(secret).join('[redacted]') : text;
}

type Outcome =
  | { kind: 'ok'; batchId: string; status: number }
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  | { kind: 'reject'; status: number; body: string }
  | { kind: 'config'; status: number; body: string };

const BODY_LIMIT = 64 * 1024;
const REASON_LIMIT = 200;

export class IngestClient {
  readonly url: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxAttempts: number;
  private readonly random: () => number;

  constructor(private readonly options: IngestClientOptions) {
    if (!options.apiKey) throw new Error('ecelog: the Ingest client needs an API key');
    this.url = ingestUrl(options.url);
    if (!/^https?:$/.test(URL.canParse(this.url) ? new URL(this.url).protocol : '')) {
      throw new Error(`ecelog: ${redact(options.url, options.apiKey)} is not an http(s) URL`);
    }
    this.headers = {
      authorization: options.apiKey,
      'content-type': 'application/x-ndjson',
      'content-encoding': 'gzip',
      'user-agent': `ecelog/${packageVersion()}`,
    };
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.minBackoffMs = options.minBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? Infinity;
    this.random = options.random ?? Math.random;
  }

  /** Sends one batch (a gzip of NDJSON lines) until the API acknowledges it with a batch id. */
  async send(body: Buffer, call: SendOptions = {}): Promise<SendResult> {
    const signals = [this.options.signal, call.signal].filter((s): s is AbortSignal => s !== undefined);
    for (let attempt = 1; ; attempt++) {
      if (signals.some((s) => s.aborted)) throw abortError();
      const outcome = await this.attempt(body, signals);
      if (outcome.kind === 'ok') return { batchId: outcome.batchId, attempts: attempt, status: outcome.status };
      if (outcome.kind === 'reject') throw new IngestRejectedError(outcome.status, this.clean(outcome.body, 500), attempt);
      if (outcome.kind === 'config') throw new IngestConfigError(outcome.status, this.clean(outcome.body, 500), this.clean(this.url));
      const reason = this.clean(outcome.reason);
      if (attempt >= this.maxAttempts) throw new IngestGaveUpError(attempt, reason);
      const delayMs =
        outcome.retryAfterMs !== undefined
          ? Math.min(outcome.retryAfterMs, this.maxBackoffMs)
          : backoffDelay(attempt, this.minBackoffMs, this.maxBackoffMs, this.random);
      const info = { attempt, delayMs, reason };
      this.options.onRetry?.(info);
      call.onRetry?.(info);
      await sleep(delayMs, signals);
    }
  }

  private async attempt(body: Buffer, signals: AbortSignal[]): Promise<Outcome> {
    const ctl = new AbortController();
    const unlink = linkAbort(signals, ctl);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, this.timeoutMs);
    try {
      const res = await request(this.url, {
        method: 'POST',
        headers: this.headers,
        body,
        signal: ctl.signal,
        dispatcher: this.options.dispatcher,
      });
      const text = await readLimited(res.body);
      return classify(res.statusCode, res.headers, text);
    } catch (err) {
      if (timedOut) return { kind: 'retry', reason: 'timeout' };
      if (ctl.signal.aborted) throw abortError();
      const e = err as NodeJS.ErrnoException;
      return { kind: 'retry', reason: [e.code, e.message].filter(Boolean).join(': ') || 'network error' };
    } finally {
      clearTimeout(timer);
      unlink();
    }
  }

  private clean(text: string, limit = REASON_LIMIT): string {
    return redact(text, this.options.apiKey).slice(0, limit);
  }
}

/** What an answer means for the batch. */
function classify(status: number, headers: Dispatcher.ResponseData['headers'], text: string): Outcome {
  if (status >= 200 && status < 300) {
    const batchId = batchIdOf(text);
    return batchId ? { kind: 'ok', batchId, status } : { kind: 'retry', reason: `HTTP ${status} without results.id` };
  }
  if (status === 401 || status === 403 || status === 404) return { kind: 'config', status, body: text };
  if (status >= 400 && status < 500 && ![408, 429].includes(status)) {
    return { kind: 'reject', status, body: text };
  }
  const reason = `HTTP ${status}`;
  if (status !== 429 && status !== 503) return { kind: 'retry', reason };
  const header = headers['retry-after'];
  const retryAfterMs = parseRetryAfter(Array.isArray(header) ? header[0] : header);
  return retryAfterMs === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, retryAfterMs };
}

function batchIdOf(text: string): string | undefined {
  try {
    const id = (JSON.parse(text) as { results?: { id?: unknown } } | null)?.results?.id;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The answer's text, at most BODY_LIMIT bytes of it (the rest is read and dropped). */
async function readLimited(body: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size < BODY_LIMIT) parts.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(parts).subarray(0, BODY_LIMIT).toString('utf8');
}

/** Exponential backoff with full jitter: uniform in [0, min(max, min * 2^(attempt-1))). */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(attempt - 1, 52));
  return Math.floor(random() * ceiling);
}

/** Retry-After (delta seconds or an HTTP date) in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** An error named AbortError, as fetch and undici throw. */
export function abortError(): Error {
  const err = new Error('ecelog: the operation was aborted');
  err.name = 'AbortError';
  return err;
}

/** Aborts `ctl` when any of `signals` aborts; returns the unlinking function. */
export function linkAbort(signals: AbortSignal[], ctl: AbortController): () => void {
  const abort = (): void => ctl.abort();
  for (const s of signals) {
    if (s.aborted) ctl.abort();
    else s.addEventListener('abort', abort, { once: true });
  }
  return () => signals.forEach((s) => s.removeEventListener('abort', abort));
}

/** Waits `ms`; rejects with an AbortError as soon as one of `signals` aborts. */
export function sleep(ms: number, signals: AbortSignal[]): Promise<void> {
  const ctl = new AbortController();
  const unlink = linkAbort(signals, ctl);
  return new Promise<void>((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      unlink();
      if (ctl.signal.aborted) reject(abortError());
      else resolve();
    };
    const timer = setTimeout(done, ms);
    ctl.signal.addEventListener('abort', done, { once: true });
    if (ctl.signal.aborted) done();
  });
}

function packageVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../../package.json') as { version: string }).version;
}
