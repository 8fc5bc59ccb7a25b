import { ProxyAgent, request, type Dispatcher } from 'undici';

/**
 * Sends one gzip-compressed NDJSON batch to the SparkPost Ingest API (sparkpost-events.md §1),
 * retrying what may pass (network errors, timeouts, 5xx, 429, 408, a 2xx without a batch id)
 * with exponential backoff and full jitter. Other 4xx answers are final: IngestRejectedError.
 * Asks the Events API for the outcome of accepted batches (`batchStatus`). Goes through the proxy
 * HTTPS_PROXY (HTTP_PROXY for an http:// URL) names unless NO_PROXY exempts the host. No error
 * message or retry reason ever holds the API key.
 */

export const INGEST_PATH = '/api/v1/ingest/events';
/** Where the Events API lists ingest batch outcomes (`?batch_ids=<id>,<id>…`). */
export const BATCH_STATUS_PATH = '/api/v1/events/ingest';
const API_BASE = '/api/v1';

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
  /** Without one, a proxy from `env` (HTTPS_PROXY …) or undici's global dispatcher. */
  dispatcher?: Dispatcher;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY (or their lower-case forms) are read (default process.env). */
  env?: NodeJS.ProcessEnv;
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

const URL_FORMS =
  "SparkPost's host (https://api.sparkpost.com, EU https://api.eu.sparkpost.com), its API base (…/api/v1) or the endpoint (…/api/v1/ingest/events)";
const STATUS_OFF = 'or turn the batch status checks off (batchStatus: false, --no-batch-status)';

/**
 * The API refused the client itself, not a batch: the key (401, 403) or the URL (404), for the
 * Ingest API (`api` 'ingest') or, asked for batch outcomes, the Events API (`api` 'events').
 * Retrying cannot help and rejecting the batch would drop good data: the batch stays where it is
 * and the caller stops (the agent exits with code 2, its spool kept for after the fix).
 */
export class IngestConfigError extends Error {
  override name = 'IngestConfigError';
  constructor(
    readonly status: number,
    /** The first 500 characters of the answer, key redacted. */
    readonly body: string,
    url: string,
    readonly api: 'ingest' | 'events' = 'ingest',
  ) {
    const answer = body ? `; the answer: ${body.slice(0, 200)}` : '';
    super(
      api === 'ingest'
        ? status === 404
          ? `ecelog: no Ingest API at ${url} (HTTP 404): give ${URL_FORMS}`
          : `ecelog: the Ingest API refused the API key (HTTP ${status}): it needs the permission "Incoming Events: Write"${answer}`
        : status === 404
          ? `ecelog: no Events API at ${url} (HTTP 404) to ask for batch status: give ${URL_FORMS}, ${STATUS_OFF}`
          : `ecelog: the Events API refused the API key (HTTP ${status}) when asked for batch status: grant the key "Events Search: Read-only" too, ${STATUS_OFF}${answer}`,
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
 * The API base (`…/api/v1`) of what users give: SparkPost's host (`https://api.sparkpost.com`),
 * its API base as SparkPost documents it (`https://api.sparkpost.com/api/v1`), or the Ingest
 * endpoint itself; with or without a trailing slash.
 */
function apiBase(url: string): string {
  const base = url.replace(/\/+$/, '');
  if (base.endsWith(INGEST_PATH)) return base.slice(0, -INGEST_PATH.length + API_BASE.length);
  return base.endsWith(API_BASE) ? base : `${base}${API_BASE}`;
}

/** The Ingest endpoint for any of the URL forms `apiBase` takes. */
export function ingestUrl(url: string): string {
  return `${apiBase(url)}${INGEST_PATH.slice(API_BASE.length)}`;
}

/** The Events API's ingest batch list (batch status) for any of the URL forms `apiBase` takes. */
export function batchStatusUrl(url: string): string {
  return `${apiBase(url)}${BATCH_STATUS_PATH.slice(API_BASE.length)}`;
}

function isHttpUrl(text: string): boolean {
  return URL.canParse(text) && /^https?:$/.test(new URL(text).protocol);
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

/** An HTTP answer, or why there was none (network error, timeout). */
type Exchange =
  { kind: 'answer'; status: number; headers: Dispatcher.ResponseData['headers']; text: string } | { kind: 'retry'; reason: string };

/** One ingest batch's outcome as the Events API reports it (fields absent when the answer lacks them). */
export interface BatchStatus {
  batchId: string;
  /** `type`: 'success', 'error', or 'unknown' for anything else. */
  type: 'success' | 'error' | 'unknown';
  /** `error_type`, e.g. 'system', 'validation', 'decompression'. */
  errorType?: string;
  retryable?: boolean;
  succeeded?: number;
  failed?: number;
  duplicates?: number;
  /** Where SparkPost lists the batch's failed events. */
  href?: string;
}

/** The statuses the Events API reported (batches it does not list are still being processed), or a transient failure. */
export type BatchStatusAnswer =
  { kind: 'ok'; statuses: Map<string, BatchStatus> } | { kind: 'retry'; reason: string; retryAfterMs?: number };

const BODY_LIMIT = 64 * 1024;
const REASON_LIMIT = 200;

export class IngestClient {
  readonly url: string;
  /** The Events API's ingest batch list, for `batchStatus`. */
  readonly statusUrl: string;
  private readonly headers: Record<string, string>;
  private readonly statusHeaders: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxAttempts: number;
  private readonly random: () => number;
  private readonly dispatcher: Dispatcher | undefined;
  /** A proxy agent of this client's own (closed by `close`), not one given. */
  private readonly ownDispatcher: Dispatcher | undefined;

  constructor(private readonly options: IngestClientOptions) {
    if (!options.apiKey) throw new Error('ecelog: the Ingest client needs an API key');
    this.url = ingestUrl(options.url);
    this.statusUrl = batchStatusUrl(options.url);
    const parsed = isHttpUrl(this.url) ? new URL(this.url) : null;
    if (!parsed) {
      throw new Error(`ecelog: ${redact(options.url, options.apiKey)} is not an http(s) URL`);
    }
    const common = { authorization: options.apiKey, 'user-agent': `ecelog/${packageVersion()}` };
    this.headers = { ...common, 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' };
    this.statusHeaders = { ...common, accept: 'application/json' };
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.minBackoffMs = options.minBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? Infinity;
    this.random = options.random ?? Math.random;
    if (!options.dispatcher) {
      const proxy = proxyFor(parsed, options.env ?? process.env);
      // Not quoted: a proxy URL may hold a password.
      if (proxy && !isHttpUrl(proxy)) {
        throw new Error(`ecelog: the proxy for ${parsed.protocol} URLs (HTTPS_PROXY, HTTP_PROXY) is not an http(s) URL`);
      }
      this.ownDispatcher = proxy ? new ProxyAgent({ uri: proxy }) : undefined;
    }
    this.dispatcher = options.dispatcher ?? this.ownDispatcher;
  }

  /** Sends one batch (a gzip of NDJSON lines) until the API acknowledges it with a batch id. */
  async send(body: Buffer, call: SendOptions = {}): Promise<SendResult> {
    const signals = this.signalsOf(call.signal);
    for (let attempt = 1; ; attempt++) {
      if (signals.some((s) => s.aborted)) throw abortError();
      const outcome = await this.attempt(body, signals);
      if (outcome.kind === 'ok') return { batchId: outcome.batchId, attempts: attempt, status: outcome.status };
      if (outcome.kind === 'reject') throw new IngestRejectedError(outcome.status, this.clean(outcome.body, 500), attempt);
      if (outcome.kind === 'config') throw new IngestConfigError(outcome.status, this.clean(outcome.body, 500), this.clean(this.url));
      const reason = this.clean(outcome.reason);
      if (attempt >= this.maxAttempts) throw new IngestGaveUpError(attempt, reason);
      const delayMs = this.backoff(attempt, outcome.retryAfterMs);
      const info = { attempt, delayMs, reason };
      this.options.onRetry?.(info);
      call.onRetry?.(info);
      await sleep(delayMs, signals);
    }
  }

  /**
   * Asks the Events API once for the outcome of the batches `ids` (GET …/events/ingest?batch_ids=…).
   * A transient failure (network, timeout, 5xx, 429, another 4xx, an answer that is not the
   * expected JSON) is returned for the caller to retry; 401, 403 and 404 throw IngestConfigError.
   */
  async batchStatus(ids: readonly string[], call: { signal?: AbortSignal } = {}): Promise<BatchStatusAnswer> {
    const url = `${this.statusUrl}?batch_ids=${ids.map(encodeURIComponent).join(',')}`;
    const answer = await this.exchange('GET', url, this.statusHeaders, undefined, this.signalsOf(call.signal));
    if (answer.kind === 'retry') return { kind: 'retry', reason: this.clean(answer.reason) };
    const { status, headers, text } = answer;
    if (status === 401 || status === 403 || status === 404) {
      throw new IngestConfigError(status, this.clean(text, 500), this.clean(this.statusUrl), 'events');
    }
    if (status >= 200 && status < 300) {
      const statuses = parseBatchStatuses(text);
      return statuses ? { kind: 'ok', statuses } : { kind: 'retry', reason: `HTTP ${status}: not a batch status answer` };
    }
    return { kind: 'retry', reason: `HTTP ${status}`, ...retryAfter(status, headers) };
  }

  /** The wait before retry number `attempt` (1 = after the first failure): Retry-After capped at the maximum backoff, else jittered backoff. */
  backoff(attempt: number, retryAfterMs?: number): number {
    return retryAfterMs !== undefined
      ? Math.min(retryAfterMs, this.maxBackoffMs)
      : backoffDelay(attempt, this.minBackoffMs, this.maxBackoffMs, this.random);
  }

  /** Closes the proxy agent this client made for itself (a dispatcher given in the options is left alone). */
  async close(): Promise<void> {
    await this.ownDispatcher?.close();
  }

  private signalsOf(signal: AbortSignal | undefined): AbortSignal[] {
    return [this.options.signal, signal].filter((s): s is AbortSignal => s !== undefined);
  }

  private async attempt(body: Buffer, signals: AbortSignal[]): Promise<Outcome> {
    const answer = await this.exchange('POST', this.url, this.headers, body, signals);
    return answer.kind === 'retry' ? answer : classify(answer.status, answer.headers, answer.text);
  }

  /** One request with the timeout: the answer, or a retry reason when none came; throws AbortError when a signal aborts. */
  private async exchange(
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string>,
    body: Buffer | undefined,
    signals: AbortSignal[],
  ): Promise<Exchange> {
    const ctl = new AbortController();
    const unlink = linkAbort(signals, ctl);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, this.timeoutMs);
    try {
      const res = await request(url, { method, headers, body, signal: ctl.signal, dispatcher: this.dispatcher });
      const text = await readLimited(res.body);
      return { kind: 'answer', status: res.statusCode, headers: res.headers, text };
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
  return { kind: 'retry', reason: `HTTP ${status}`, ...retryAfter(status, headers) };
}

/** `{ retryAfterMs }` from the Retry-After of a 429 or 503, else `{}`. */
function retryAfter(status: number, headers: Dispatcher.ResponseData['headers']): { retryAfterMs?: number } {
  if (status !== 429 && status !== 503) return {};
  const header = headers['retry-after'];
  const retryAfterMs = parseRetryAfter(Array.isArray(header) ? header[0] : header);
  return retryAfterMs === undefined ? {} : { retryAfterMs };
}

/**
 * The batch statuses of an Events API answer, `{"results":[{"batch_id":…,"type":…},…]}`, by batch
 * id; null when the answer is not that shape. Lenient: numbers may come as strings, unknown
 * fields are ignored, a result without a batch id is skipped. When a batch is listed more than
 * once, a success wins (SparkPost may have retried it itself), else the last one listed.
 */
export function parseBatchStatuses(text: string): Map<string, BatchStatus> | null {
  let results: unknown;
  try {
    results = (JSON.parse(text) as { results?: unknown } | null)?.results;
  } catch {
    return null;
  }
  if (!Array.isArray(results)) return null;
  const out = new Map<string, BatchStatus>();
  for (const r of results as unknown[]) {
    if (typeof r !== 'object' || r === null) continue;
    const f = r as Record<string, unknown>;
    const batchId = typeof f.batch_id === 'string' ? f.batch_id : undefined;
    if (!batchId || out.get(batchId)?.type === 'success') continue;
    const type = f.type === 'success' || f.type === 'error' ? f.type : 'unknown';
    const status: BatchStatus = { batchId, type };
    if (typeof f.error_type === 'string') status.errorType = f.error_type;
    if (typeof f.retryable === 'boolean' || f.retryable === 'true' || f.retryable === 'false')
      status.retryable = String(f.retryable) === 'true';
    const counts = { succeeded: f.number_succeeded, failed: f.number_failed, duplicates: f.number_duplicates };
    for (const [key, value] of Object.entries(counts)) {
      const n = count(value);
      if (n !== undefined) status[key as 'succeeded' | 'failed' | 'duplicates'] = n;
    }
    if (typeof f.href === 'string') status.href = f.href;
    out.set(batchId, status);
  }
  return out;
}

/** A count given as a number or a decimal string; undefined otherwise. */
function count(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

/**
 * The proxy URL for requests to `target`: https_proxy / HTTPS_PROXY for https (http_proxy /
 * HTTP_PROXY for http), the lower-case form first, as curl reads them; none when NO_PROXY
 * (no_proxy) is `*` or lists the host — exactly, as a domain suffix (`.example.com`,
 * `*.example.com` or `example.com` for its subdomains), with an optional `:port`.
 */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv): string | undefined {
  const scheme = target.protocol === 'https:' ? 'https' : 'http';
  const proxy = env[`${scheme}_proxy`] || env[`${scheme.toUpperCase()}_PROXY`];
  if (!proxy) return undefined;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = Number(target.port) || (scheme === 'https' ? 443 : 80);
  for (const entry of (env.no_proxy ?? env.NO_PROXY ?? '').split(/[,\s]+/)) {
    if (entry === '*') return undefined;
    const m = /^(.+?)(?::(\d+))?$/.exec(entry.toLowerCase());
    if (!m || (m[2] !== undefined && Number(m[2]) !== port)) continue;
    const name = m[1]!.replace(/^\*/, '').replace(/^\[|\]$/g, '');
    const domain = name.replace(/^\./, '');
    if (host === domain || host.endsWith(`.${domain}`)) return undefined;
  }
  return proxy;
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
