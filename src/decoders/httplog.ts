import { parseDecimal, parseUint, type Cursor } from '../core/cursor';
import type { EventBase, MalformedEvent } from './event';
import { checkLine, eventMaker, finish, malformed, Stamp, type DecodeOptions, type LogFormat } from './log-format';
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
  create: (opts) => {
    const s = new Scratch();
    return { line: (c) => decodeHttpLine(c, opts, s), end: () => null };
  },
};

/** What the functions below hand each other while one line is read. Each decoder owns one. */
class Scratch {
  readonly time = new Stamp();
  /** The end of the last token read by `token`. */
  tokenEnd = 0;
  /** The parts of the request line, set by `splitRequest`. */
  method: string | null = null;
  path: string | null = null;
  protocol: string | null = null;
}

const makeRequest = eventMaker<HttpRequestEvent>('http_request', null, LOG, {
  remote_ip: true,
  remote_port: true,
  local_ip: true,
  local_port: true,
  request: true,
  method: true,
  path: true,
  protocol: true,
  status: true,
  response_bytes: true,
  duration_ms: true,
});

/** Reads the space-separated token at `p` (its end into `s.tokenEnd`); returns the reason the line is malformed if it is missing. */
function token(c: Cursor, p: number, name: string, s: Scratch): string | null {
  s.tokenEnd = nextSpace(c.buf, p, c.stop);
  return p < c.stop ? null : `missing ${name}`;
}

function address(c: Cursor, p: number, name: string, s: Scratch): HostPort | string {
  const why = token(c, p, name, s);
  if (why !== null) return why;
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

  const q = skipSpaces(buf, s.tokenEnd, stop);
  if (q >= stop) return malformed(c, LOG, null, 'missing request line', opts);
  if (buf[q] !== QUOTE) {
    return malformed(c, LOG, null, `request line does not start with a quote: ${shown(c.text(q, nextSpace(buf, q, stop)))}`, opts);
  }
  const close = closingQuote(buf, q + 1, stop);
  if (close < 0) return malformed(c, LOG, null, 'request line has no closing quote', opts);
  if (close + 1 < stop && buf[close + 1] !== SPACE) return malformed(c, LOG, null, 'no space after the request line', opts);
  const request = c.text(q + 1, close);

  const numbers = [0, 0, 0];
  let p = close + 1;
  for (let i = 0; i < 3; i++) {
    p = skipSpaces(buf, p, stop);
    const why = token(c, p, NUMBERS[i]!, s);
    if (why !== null) return malformed(c, LOG, null, why, opts);
    const e = s.tokenEnd;
    const v = i < 2 ? parseUint(buf, p, e) : parseDecimal(buf, p, e);
    if (!(v >= 0)) return malformed(c, LOG, null, `${NUMBERS[i]} ${shown(c.text(p, e))} is not ${i < 2 ? 'an integer' : 'a number'}`, opts);
    numbers[i] = v;
    p = e;
  }
  p = skipSpaces(buf, p, stop);
  if (p < stop) return malformed(c, LOG, null, `unexpected text after the duration: ${shown(c.text(p, stop))}`, opts);

  splitRequest(request, s);
  const ev = makeRequest(c.line, c.base + c.start, timestamp, timestampUs, {
    remote_ip: remote.ip,
    remote_port: remote.port,
    local_ip: local.ip,
    local_port: local.port,
    request,
    method: s.method,
    path: s.path,
    protocol: s.protocol,
    status: numbers[0]!,
    response_bytes: numbers[1]!,
    duration_ms: numbers[2]!,
  });
  return finish(ev, c, opts);
}

/** Splits a request line into `s.method`, `s.path` and `s.protocol` (see the module comment). */
function splitRequest(request: string, s: Scratch): void {
  const line = request.replace(/^ +| +$/g, '');
  const sp = line.indexOf(' ');
  s.method = line.length === 0 ? null : sp < 0 ? line : line.slice(0, sp);
  s.path = null;
  s.protocol = null;
  if (sp < 0) return;
  const rest = line.slice(sp + 1).replace(/^ +/, '');
  const last = rest.lastIndexOf(' ');
  if (rest.startsWith('HTTP/', last + 1)) {
    s.protocol = rest.slice(last + 1);
    if (last >= 0) s.path = rest.slice(0, last).replace(/ +$/, '');
  } else {
    s.path = rest;
  }
}
