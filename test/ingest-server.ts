import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { SparkPostEvent } from '../src/signals/convert/types';

/**
 * A stand-in for the SparkPost Ingest API (sparkpost-events.md §1) on 127.0.0.1: it checks every
 * request against the protocol (violations go to `errors` and get a 400), injects faults chosen
 * per request, and keeps the events of the batches whose outcome is success. It answers the
 * Events API's batch status list (`GET /api/v1/events/ingest?batch_ids=…`) for the batches it
 * accepted, as SparkPost reports ingest batches: `type` success or error, `error_type`,
 * `retryable`, `number_succeeded` / `number_failed` / `number_duplicates`, `href`.
 */

/**
 * What the server does with an Ingest request: answer normally, answer with a status, hang, cut
 * the connection, or 200 without a batch id; or accept it (200 with an id) and report later
 * (batch status) a retryable "system" error, a validation error, a success with the last event
 * failed, or nothing until `releasePending()` (or the `pendingFor` status requests).
 */
export type Fault =
  | 'ok'
  | 500
  | 503
  | 429
  | 'timeout'
  | 'reset'
  | 'no-id'
  | 400
  | 'accept-then-fail-system'
  | 'accept-then-fail-validation'
  | 'accept-partial'
  | 'status-pending';

/** What the server does with a batch status request: answer, a status, an answer that is not JSON, or hang. */
export type StatusFault = 'ok' | 401 | 403 | 404 | 500 | 503 | 'garbage' | 'timeout';

export interface IngestServerOptions {
  apiKey?: string;
  faults?: (requestIndex: number) => Fault;
  /** Faults of the batch status requests (counted apart from the Ingest requests). */
  statusFaults?: (statusRequestIndex: number) => StatusFault;
  /** A 'status-pending' batch's outcome is listed from its `pendingFor`+1-th status request on (default never, until `releasePending()`). */
  pendingFor?: number;
  /** Retry-After header value sent with 429 and 503. */
  retryAfter?: string;
}

/** A batch the server accepted, as its status will be reported. */
export interface AcceptedBatch {
  /** The message events of its lines. */
  events: Record<string, unknown>[];
  fault: Fault;
  /** Status requests that asked for it. */
  asked: number;
  /** Its status, fixed when it is first reported. */
  status?: Record<string, unknown>;
}

export interface IngestServer {
  /** Base URL (the client appends /api/v1/ingest/events). */
  url: string;
  requests: number;
  /** Injected faults by name ('500', 'timeout', …); 'ok' answers are not counted. */
  faultsInjected: Record<string, number>;
  /** The message_event of every accepted event, by event_id. */
  events: Map<string, Record<string, unknown>>;
  /** Events of every batch answered 200 with an id, duplicates and later failures counted. */
  received: number;
  /** Events of successful batches whose event_id was in `events` already (SparkPost drops them). */
  duplicates: number;
  /** Requests answered 413: more than 5 MiB uncompressed. */
  tooLarge: number;
  /** Batches accepted (200 with a batch id). */
  accepted: number;
  /** The accepted batches by batch id. */
  batches: Map<string, AcceptedBatch>;
  /** Batch status requests, and the batch ids they asked about (with repeats). */
  statusRequests: number;
  statusAsked: number;
  /** Protocol violations. */
  errors: string[];
  /** Request headers of the latest request. */
  lastHeaders: IncomingMessage['headers'];
  setFaults(fn: (requestIndex: number) => Fault): void;
  setStatusFaults(fn: (statusRequestIndex: number) => StatusFault): void;
  /** From now on the outcome of 'status-pending' batches is listed. */
  releasePending(): void;
  close(): Promise<void>;
}

const PATH = '/api/v1/ingest/events';
const STATUS_PATH = '/api/v1/events/ingest';
const MAX_BYTES = 5_000_000;
const REQUIRED = ['event_id', 'message_id', 'type', 'timestamp'];

export async function startIngestServer(options: IngestServerOptions = {}): Promise<IngestServer> {
  const apiKey = options.apiKey ?? 'test-api-key';
  let faults = options.faults ?? ((): Fault => 'ok');
  let statusFaults = options.statusFaults ?? ((): StatusFault => 'ok');
  let released = false;
  const state: IngestServer = {
    url: '',
    requests: 0,
    faultsInjected: {},
    events: new Map(),
    received: 0,
    duplicates: 0,
    tooLarge: 0,
    accepted: 0,
    batches: new Map(),
    statusRequests: 0,
    statusAsked: 0,
    errors: [],
    lastHeaders: {},
    setFaults: (fn) => {
      faults = fn;
    },
    setStatusFaults: (fn) => {
      statusFaults = fn;
    },
    releasePending: () => {
      released = true;
    },
    close: () => close(),
  };

  /** Keeps a successful batch's events (all but `failed` of the last ones); returns the duplicates among them. */
  const keep = (events: Record<string, unknown>[], failed = 0): number => {
    let dups = 0;
    for (const ev of events.slice(0, events.length - failed)) {
      if (state.events.has(ev.event_id as string)) dups++;
      else state.events.set(ev.event_id as string, ev);
    }
    state.duplicates += dups;
    return dups;
  };

  /** The status of batch `id`, as SparkPost lists it; undefined while it is pending. */
  const statusOf = (id: string, b: AcceptedBatch): Record<string, unknown> | undefined => {
    b.asked++;
    if (b.status) return b.status;
    const n = b.events.length;
    const base = { batch_id: id, timestamp: new Date().toISOString() };
    const href = `${state.url}${PATH}/failures/${id}`;
    if (b.fault === 'status-pending') {
      if (!released && b.asked <= (options.pendingFor ?? Infinity)) return undefined;
      const dups = keep(b.events);
      b.status = { ...base, type: 'success', number_succeeded: n - dups, number_failed: 0, number_duplicates: dups };
    } else if (b.fault === 'accept-then-fail-system') {
      b.status = { ...base, type: 'error', error_type: 'system', retryable: true, number_succeeded: 0, number_failed: n, href };
    } else if (b.fault === 'accept-then-fail-validation') {
      b.status = { ...base, type: 'error', error_type: 'validation', retryable: false, number_succeeded: 0, number_failed: n, href };
    } else {
      const dups = keep(b.events, 1);
      b.status = { ...base, type: 'success', number_succeeded: n - 1 - dups, number_failed: 1, number_duplicates: dups, href };
    }
    return b.status;
  };

  const handleStatus = (req: IncomingMessage, res: ServerResponse): void => {
    const fault = statusFaults(state.statusRequests++);
    if (fault === 'timeout') return;
    if (fault === 'garbage') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
    if (fault !== 'ok') return answer(res, fault, { errors: [{ message: `injected ${fault}` }] });
    const ids = new URL(req.url!, 'http://x').searchParams.get('batch_ids');
    const violation =
      req.headers.authorization !== apiKey ? 'status: wrong or missing Authorization' : !ids ? 'status: no batch_ids' : null;
    if (violation) {
      state.errors.push(violation);
      return answer(res, 400, { errors: [{ message: violation }] });
    }
    const results: Record<string, unknown>[] = [];
    for (const id of ids!.split(',')) {
      state.statusAsked++;
      const b = state.batches.get(id);
      const status = b && statusOf(id, b);
      if (status) results.push(status);
    }
    answer(res, 200, { results, links: [] });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method === 'GET' && req.url?.split('?')[0] === STATUS_PATH) return handleStatus(req, res);
    const fault = faults(state.requests++);
    state.lastHeaders = req.headers;
    if (fault !== 'ok') state.faultsInjected[String(fault)] = (state.faultsInjected[String(fault)] ?? 0) + 1;
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    const body = await readBody(req);
    // As SparkPost answers a path it does not serve (e.g. /api/v1/api/v1/ingest/events).
    if (req.url !== PATH) return answer(res, 404, { errors: [{ message: `no route ${req.url}` }] });
    const lines: Record<string, unknown>[] = [];
    // As SparkPost's Ingest answers a body over 5 MiB uncompressed (its own feeder's cap).
    const raw = req.url === PATH && body.length <= MAX_BYTES ? gunzipOrNull(body) : null;
    if (raw !== null && raw.length > MAX_RAW_BYTES) {
      state.tooLarge++;
      return answer(res, 413, { errors: [{ message: 'request entity too large' }] });
    }
    const violation = checkRequest(req, body, apiKey, lines);
    if (violation) {
      state.errors.push(violation);
      return answer(res, 400, { errors: [{ message: violation }] });
    }
    if (fault === 'timeout') return; // never answered
    if (fault === 'no-id') return answer(res, 200, { results: {} });
    if (typeof fault === 'number') {
      const headers: Record<string, string> = {};
      if ((fault === 429 || fault === 503) && options.retryAfter) headers['retry-after'] = options.retryAfter;
      return answer(res, fault, { errors: [{ message: `injected ${fault}` }] }, headers);
    }
    const id = randomUUID();
    const batch: AcceptedBatch = { events: lines, fault, asked: 0 };
    state.batches.set(id, batch);
    // A batch that simply succeeds is final at once (its status listed as soon as asked for).
    if (fault === 'ok') {
      const dups = keep(lines);
      batch.status = {
        batch_id: id,
        timestamp: new Date().toISOString(),
        type: 'success',
        number_succeeded: lines.length - dups,
        number_failed: 0,
        number_duplicates: dups,
      };
    }
    state.received += lines.length;
    state.accepted++;
    answer(res, 200, { results: { id } });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      state.errors.push(`server: ${err.message}`);
      res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function close(): Promise<void> {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  }
  return state;
}

function answer(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(json));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** The first protocol violation of a request, or null; fills `events` with its message events. */
function checkRequest(req: IncomingMessage, body: Buffer, apiKey: string, events: Record<string, unknown>[]): string | null {
  if (req.method !== 'POST') return `method ${req.method}`;
  if (req.url !== PATH) return `path ${req.url}`;
  if (req.headers.authorization !== apiKey) return 'wrong or missing Authorization';
  if (req.headers['content-encoding'] !== 'gzip') return `content-encoding ${req.headers['content-encoding']}`;
  if (req.headers['content-type'] !== 'application/x-ndjson') return `content-type ${req.headers['content-type']}`;
  if (body.length > MAX_BYTES) return `body of ${body.length} bytes`;
  let text: string;
  try {
    text = gunzipSync(body).toString('utf8');
  } catch {
    return 'body is not gzip';
  }
  if (!text.endsWith('\n')) return 'body does not end with a newline';
  const lines = text.slice(0, -1).split('\n');
  for (const [i, line] of lines.entries()) {
    const problem = checkLine(line, events);
    if (problem) return `line ${i + 1}: ${problem}`;
  }
  return null;
}

/** Envelopes Ingest takes besides message_event (engagement, generation, unsubscribes), with what their events need. */
const OTHER_ENVELOPES = ['track_event', 'gen_event', 'unsubscribe_event'];
const OTHER_REQUIRED = ['event_id', 'type', 'timestamp'];

function checkLine(line: string, events: Record<string, unknown>[]): string | null {
  let obj: { msys?: Record<string, Record<string, unknown>> };
  try {
    obj = JSON.parse(line) as typeof obj;
  } catch {
    return 'not JSON';
  }
  const msys = obj?.msys;
  const envelopes = typeof msys === 'object' && msys !== null ? Object.keys(msys) : [];
  const env = envelopes[0];
  const ev = env === undefined ? undefined : msys![env];
  if (envelopes.length !== 1 || (env !== 'message_event' && !OTHER_ENVELOPES.includes(env!)) || typeof ev !== 'object' || ev === null)
    return 'not {"msys":{"message_event|track_event|gen_event|unsubscribe_event":{…}}}';
  for (const f of env === 'message_event' ? REQUIRED : OTHER_REQUIRED) if (typeof ev[f] !== 'string') return `${f} missing or not a string`;
  const id = ev.event_id as string;
  if (!/^\d+$/.test(id) || BigInt(id) >= 2n ** 63n) return `event_id ${id} not in 0..2^63-1`;
  if (env === 'message_event' && typeof ev.recv_method !== 'string' && typeof ev.delv_method !== 'string')
    return 'neither recv_method nor delv_method';
  events.push(ev);
  return null;
}

/** A valid Ingest event numbered `n` (event_id = n), stamped `ts` (Unix seconds, default now), with `extra` fields. */
export function testEvent(n: number, ts: number = Date.now() / 1000, extra: Record<string, string> = {}): SparkPostEvent {
  return {
    msys: {
      message_event: {
        type: 'delivery',
        event_id: String(n),
        timestamp: String(ts),
        message_id: `msg-${n}`,
        delv_method: 'esmtp',
        rcpt_to: `user${n}@example.com`,
        ...extra,
      },
    },
  };
}

const MAX_RAW_BYTES = 5 * 1024 * 1024;

function gunzipOrNull(body: Buffer): Buffer | null {
  try {
    return gunzipSync(body);
  } catch {
    return null;
  }
}
