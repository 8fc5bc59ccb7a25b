import { parseDecimal, parseUint, type Cursor } from '../core/cursor';
import type { EventBase, MalformedEvent } from './event';
import { checkLine, finish, malformed, stamp, type DecodeOptions, type LogFormat } from './log-format';
import { closingQuote, leadingTimestamp, nextSpace, QUOTE, shown, skipSpaces, SPACE, splitHostPort, type HostPort } from './tokens';

/**
 * httplog (http_logger, spec §7): `<epoch> <remote ip:port> <local ip:port> "<request line>"
 * <status> <bytes> <milliseconds>`, space separated (runs of spaces are tolerated).
 *
 * The request line is kept as logged in `request` (escapes such as `\"` included) and split
 * leniently: `method` is its first word; `protocol` its last word when that starts with `HTTP/`
 * (and is not the first); `path` everything between, inner spaces included. Missing parts are null.
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
/** The three numbers after the request line, as malformed reasons name them. */
const NUMBERS = ['status', 'response bytes', 'duration'];

/** The LogFormat of httplog: one event per line. */
export const httplog: LogFormat<'httplog'> = {
  log: LOG,
  create: (opts) => ({ line: (c) => decodeHttpLine(c, opts), end: () => null }),
};

/** The end of the last token read by `token`. */
let tokenEnd = 0;

/** Reads the space-separated token at `p` (its end into `tokenEnd`); returns the reason the line is malformed if it is missing. */
function token(c: Cursor, p: number, name: string): string | null {
  tokenEnd = nextSpace(c.buf, p, c.stop);
  return p < c.stop ? null : `missing ${name}`;
}

function address(c: Cursor, p: number, name: string): HostPort | string {
  const why = token(c, p, name);
  if (why !== null) return why;
  const text = c.text(p, tokenEnd);
  return splitHostPort(text) ?? `${name} ${shown(text)} is not ip:port`;
}

function decodeHttpLine(c: Cursor, opts: DecodeOptions): HttplogEvent {
  const bad = checkLine(c, LOG, opts);
  if (bad !== null) return bad;
  const buf = c.buf;
  const stop = c.stop;
  const end = leadingTimestamp(c, SPACE);
  if (typeof end === 'string') return malformed(c, LOG, null, end, opts);
  const timestamp = stamp.seconds;
  const timestamp_us = stamp.micros;

  const remote = address(c, skipSpaces(buf, end, stop), 'remote address');
  if (typeof remote === 'string') return malformed(c, LOG, null, remote, opts);
  const local = address(c, skipSpaces(buf, tokenEnd, stop), 'local address');
  if (typeof local === 'string') return malformed(c, LOG, null, local, opts);

  const q = skipSpaces(buf, tokenEnd, stop);
  if (q >= stop) return malformed(c, LOG, null, 'missing request line', opts);
  if (buf[q] !== QUOTE) return malformed(c, LOG, null, `request line does not start with a quote: ${shown(c.text(q, nextSpace(buf, q, stop)))}`, opts);
  const close = closingQuote(buf, q + 1, stop);
  if (close < 0) return malformed(c, LOG, null, 'request line has no closing quote', opts);
  if (close + 1 < stop && buf[close + 1] !== SPACE) return malformed(c, LOG, null, 'no space after the request line', opts);
  const request = c.text(q + 1, close);

  const numbers = [0, 0, 0];
  let p = close + 1;
  for (let i = 0; i < 3; i++) {
    p = skipSpaces(buf, p, stop);
    const why = token(c, p, NUMBERS[i]!);
    if (why !== null) return malformed(c, LOG, null, why, opts);
    const v = i < 2 ? parseUint(buf, p, tokenEnd) : parseDecimal(buf, p, tokenEnd);
    if (!(v >= 0)) return malformed(c, LOG, null, `${NUMBERS[i]} ${shown(c.text(p, tokenEnd))} is not ${i < 2 ? 'an integer' : 'a number'}`, opts);
    numbers[i] = v;
    p = tokenEnd;
  }
  p = skipSpaces(buf, p, stop);
  if (p < stop) return malformed(c, LOG, null, `unexpected text after the duration: ${shown(c.text(p, stop))}`, opts);

  splitRequest(request);
  const ev: HttpRequestEvent = {
    type: 'http_request',
    record: null,
    log: LOG,
    line: c.line,
    offset: c.base + c.start,
    timestamp,
    timestamp_us,
    remote_ip: remote.ip,
    remote_port: remote.port,
    local_ip: local.ip,
    local_port: local.port,
    request,
    method: parts.method,
    path: parts.path,
    protocol: parts.protocol,
    status: numbers[0]!,
    response_bytes: numbers[1]!,
    duration_ms: numbers[2]!,
  };
  return finish(ev, c, opts);
}

const parts = { method: null as string | null, path: null as string | null, protocol: null as string | null };

/** Splits a request line into `parts` (see the module comment). */
function splitRequest(request: string): void {
  const line = request.replace(/^ +| +$/g, '');
  const sp = line.indexOf(' ');
  parts.method = line.length === 0 ? null : sp < 0 ? line : line.slice(0, sp);
  parts.path = null;
  parts.protocol = null;
  if (sp < 0) return;
  const rest = line.slice(sp + 1).replace(/^ +/, '');
  const last = rest.lastIndexOf(' ');
  if (rest.startsWith('HTTP/', last + 1)) {
    parts.protocol = rest.slice(last + 1);
    if (last >= 0) parts.path = rest.slice(0, last).replace(/ +$/, '');
  } else {
    parts.path = rest;
  }
}
