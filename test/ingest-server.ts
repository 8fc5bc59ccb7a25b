import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { SparkPostEvent } from '../src/signals/convert/types';

/**
 * A stand-in for the SparkPost Ingest API (sparkpost-events.md §1) on 127.0.0.1: it checks every
 * request against the protocol (violations go to `errors` and get a 400), injects faults chosen
 * per request, and keeps the events of the batches it accepted.
 */

/** What the server does with a request: answer normally, answer with a status, hang, cut the connection, or 200 without a batch id. */
export type Fault = 'ok' | 500 | 503 | 429 | 'timeout' | 'reset' | 'no-id' | 400;

export interface IngestServerOptions {
  apiKey?: string;
  faults?: (requestIndex: number) => Fault;
  /** Retry-After header value sent with 429 and 503. */
  retryAfter?: string;
}

export interface IngestServer {
  /** Base URL (the client appends /api/v1/ingest/events). */
  url: string;
  requests: number;
  /** Injected faults by name ('500', 'timeout', …); 'ok' answers are not counted. */
  faultsInjected: Record<string, number>;
  /** The message_event of every accepted event, by event_id. */
  events: Map<string, Record<string, unknown>>;
  /** Events accepted, duplicates counted. */
  received: number;
  /** Requests answered 413: more than 5 MiB uncompressed. */
  tooLarge: number;
  /** Batches accepted (200 with a batch id). */
  accepted: number;
  /** Protocol violations. */
  errors: string[];
  /** Request headers of the latest request. */
  lastHeaders: IncomingMessage['headers'];
  setFaults(fn: (requestIndex: number) => Fault): void;
  close(): Promise<void>;
}

const PATH = '/api/v1/ingest/events';
const MAX_BYTES = 5_000_000;
const REQUIRED = ['event_id', 'message_id', 'type', 'timestamp'];

export async function startIngestServer(options: IngestServerOptions = {}): Promise<IngestServer> {
  const apiKey = options.apiKey ?? 'test-api-key';
  let faults = options.faults ?? ((): Fault => 'ok');
  const state: IngestServer = {
    url: '',
    requests: 0,
    faultsInjected: {},
    events: new Map(),
    received: 0,
    tooLarge: 0,
    accepted: 0,
    errors: [],
    lastHeaders: {},
    setFaults: (fn) => {
      faults = fn;
    },
    close: () => close(),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
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
    if (fault !== 'ok') {
      const headers: Record<string, string> = {};
      if ((fault === 429 || fault === 503) && options.retryAfter) headers['retry-after'] = options.retryAfter;
      return answer(res, fault, { errors: [{ message: `injected ${fault}` }] }, headers);
    }
    for (const ev of lines) state.events.set(ev.event_id as string, ev);
    state.received += lines.length;
    state.accepted++;
    answer(res, 200, { results: { id: randomUUID() } });
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

function checkLine(line: string, events: Record<string, unknown>[]): string | null {
  let obj: { msys?: { message_event?: Record<string, unknown> } };
  try {
    obj = JSON.parse(line) as typeof obj;
  } catch {
    return 'not JSON';
  }
  const ev = obj?.msys?.message_event;
  if (typeof ev !== 'object' || ev === null) return 'not {"msys":{"message_event":{…}}}';
  for (const f of REQUIRED) if (typeof ev[f] !== 'string') return `${f} missing or not a string`;
  const id = ev.event_id as string;
  if (!/^\d+$/.test(id) || BigInt(id) >= 2n ** 63n) return `event_id ${id} not in 0..2^63-1`;
  if (typeof ev.recv_method !== 'string' && typeof ev.delv_method !== 'string') return 'neither recv_method nor delv_method';
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
