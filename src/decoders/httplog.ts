import type { Cursor } from '../core/cursor';
import type { EventBase, MalformedEvent } from './event';
import { readRequestTail, REQUEST_FIELDS, RequestParts } from './http-request';
import { checkLine, eventMaker, finish, malformed, Stamp, type DecodeOptions, type FieldOrder, type LogFormat } from './log-format';
import { leadingTimestamp, nextSpace, shown, skipSpaces, SPACE, splitHostPort, type HostPort } from './tokens';

/**
 * httplog (http_logger, spec §7): `<epoch> <remote ip:port> <local ip:port> "<request line>"
 * <status> <bytes> <milliseconds>`, space separated (runs of spaces are tolerated). The request line
 * and the numbers after it are read as the paniclog's request lines are (http-request.ts).
 */

/** One HTTP API request. */
export interface HttpRequestEvent extends EventBase {
  type: 'http_request';
  record: null;
  log: 'httplog';
  timestamp: number;
  timestamp_us: number;
  /** Split on the last colon; brackets of `[v6]:port` removed. */
  remote_ip: string;
  remote_port: number;
  /** `*` when the listener is bound to any address. */
  local_ip: string;
  local_port: number;
  /** The request line between the quotes, as logged. */
  request: string;
  /** First word of the request line; null when it is empty. */
  method: string | null;
  path: string | null;
  /** Last word of the request line when it starts with `HTTP/`, else null. */
  protocol: string | null;
  status: number;
  /**
   * Response size in bytes (the spec's "bytes"; named so because `bytes` is every event's copy of
   * its line with the `rawBytes` option).
   */
  response_bytes: number;
  /** Duration in milliseconds (`1045.000`). */
  duration_ms: number;
}

export type HttplogEvent = HttpRequestEvent | MalformedEvent;

const LOG = 'httplog';

/** The LogFormat of httplog: one event per line. */
export const httplog: LogFormat<'httplog'> = {
  log: LOG,
  create: (opts) => {
    const s = new Scratch();
    return { line: (c) => decodeHttpLine(c, opts, s), end: () => null };
  },
};

/** What the functions below hand each other while one line is read. Each decoder owns one. */
class Scratch {
  readonly time = new Stamp();
  /** The end of the last address read by `address`. */
  tokenEnd = 0;
  /** The event's fields as they are read: the body `makeRequest` reads them from. */
  readonly body = new RequestBody();
}

class RequestBody extends RequestParts {
  remote_ip = '';
  remote_port = 0;
  local_ip = '';
  local_port = 0;
}

/** An HTTP request's fields in the order the events hold them (also the CLI's columns). */
export const HTTP_REQUEST_FIELDS = {
  remote_ip: true,
  remote_port: true,
  local_ip: true,
  local_port: true,
  ...REQUEST_FIELDS,
} as const satisfies FieldOrder<HttpRequestEvent>;
const makeRequest = eventMaker<HttpRequestEvent>('http_request', null, LOG, HTTP_REQUEST_FIELDS);

/** Reads the `ip:port` token at `p` (its end into `s.tokenEnd`); returns the reason the line is malformed if it is not one. */
function address(c: Cursor, p: number, name: string, s: Scratch): HostPort | string {
  s.tokenEnd = nextSpace(c.buf, p, c.stop);
  if (p >= c.stop) return `missing ${name}`;
  const text = c.text(p, s.tokenEnd);
  return splitHostPort(text) ?? `${name} ${shown(text)} is not ip:port`;
}

function decodeHttpLine(c: Cursor, opts: DecodeOptions, s: Scratch): HttplogEvent {
  const bad = checkLine(c, LOG, opts);
  if (bad !== null) return bad;
  const buf = c.buf;
  const stop = c.stop;
  const end = leadingTimestamp(c, SPACE, s.time);
  if (typeof end === 'string') return malformed(c, LOG, null, end, opts);
  const timestamp = s.time.seconds;
  const timestampUs = s.time.micros;

  const remote = address(c, skipSpaces(buf, end, stop), 'remote address', s);
  if (typeof remote === 'string') return malformed(c, LOG, null, remote, opts);
  const local = address(c, skipSpaces(buf, s.tokenEnd, stop), 'local address', s);
  if (typeof local === 'string') return malformed(c, LOG, null, local, opts);

  const b = s.body;
  const why = readRequestTail(c, skipSpaces(buf, s.tokenEnd, stop), b);
  if (why !== null) return malformed(c, LOG, null, why, opts);
  b.remote_ip = remote.ip;
  b.remote_port = remote.port;
  b.local_ip = local.ip;
  b.local_port = local.port;
  return finish(makeRequest(c.line, c.base + c.start, timestamp, timestampUs, b), c, opts);
}
