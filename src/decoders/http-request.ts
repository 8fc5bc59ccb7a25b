import { parseDecimal, parseUint, type Cursor } from '../core/cursor';
import { closingQuote, nextSpace, QUOTE, shown, skipSpaces, SPACE } from './tokens';

/**
 * What the logs of HTTP requests share: httplog's lines and the paniclog lines Momentum writes
 * with `log_requests_to_paniclog` both end with `"<request line>" <status> <bytes> <milliseconds>`.
 *
 * The request line is kept as logged in `request` (escapes such as `\"` included) and split
 * leniently: `method` is its first word; `protocol` its last word when that starts with `HTTP/`
 * (and is not the first); `path` everything between, inner spaces included. Missing parts are null.
 */

/**
 * The parts of a request record read by `readRequestTail`, named as the events name them, so that
 * an event maker can read them from it. Each decoder owns one and reuses it.
 */
export class RequestParts {
  /** The request line between the quotes, as logged. */
  request = '';
  method: string | null = null;
  path: string | null = null;
  protocol: string | null = null;
  status = 0;
  response_bytes = 0;
  /** Milliseconds. */
  duration_ms = 0;
}

/** The request fields in the order the events hold them (an `eventMaker` field order). */
export const REQUEST_FIELDS = {
  request: true,
  method: true,
  path: true,
  protocol: true,
  status: true,
  response_bytes: true,
  duration_ms: true,
} as const;

/** The three numbers after the request line, as malformed reasons name them. */
const NUMBERS = ['status', 'response bytes', 'duration'];

/**
 * Reads `"<request line>" <status> <bytes> <duration>` from `q` to the end of the cursor's line
 * (runs of spaces are tolerated) into `out`. Returns null, or the reason the text is not one.
 */
export function readRequestTail(c: Cursor, q: number, out: RequestParts): string | null {
  const buf = c.buf;
  const stop = c.stop;
  if (q >= stop) return 'missing request line';
  if (buf[q] !== QUOTE) return `request line does not start with a quote: ${shown(c.text(q, nextSpace(buf, q, stop)))}`;
  const close = closingQuote(buf, q + 1, stop);
  if (close < 0) return 'request line has no closing quote';
  if (close + 1 < stop && buf[close + 1] !== SPACE) return 'no space after the request line';

  let p = close + 1;
  let status = 0;
  let bytes = 0;
  let duration = 0;
  for (let i = 0; i < 3; i++) {
    p = skipSpaces(buf, p, stop);
    if (p >= stop) return `missing ${NUMBERS[i]}`;
    const e = nextSpace(buf, p, stop);
    const v = i < 2 ? parseUint(buf, p, e) : parseDecimal(buf, p, e);
    if (!(v >= 0)) return `${NUMBERS[i]} ${shown(c.text(p, e))} is not ${i < 2 ? 'an integer' : 'a number'}`;
    if (i === 0) status = v;
    else if (i === 1) bytes = v;
    else duration = v;
    p = e;
  }
  p = skipSpaces(buf, p, stop);
  if (p < stop) return `unexpected text after the duration: ${shown(c.text(p, stop))}`;

  out.request = c.text(q + 1, close);
  out.status = status;
  out.response_bytes = bytes;
  out.duration_ms = duration;
  splitRequest(out);
  return null;
}

/** Splits `out.request` into `out.method`, `out.path` and `out.protocol` (see the module comment). */
function splitRequest(out: RequestParts): void {
  const line = out.request.replace(/^ +| +$/g, '');
  const sp = line.indexOf(' ');
  out.method = line.length === 0 ? null : sp < 0 ? line : line.slice(0, sp);
  out.path = null;
  out.protocol = null;
  if (sp < 0) return;
  const rest = line.slice(sp + 1).replace(/^ +/, '');
  const last = rest.lastIndexOf(' ');
  if (rest.startsWith('HTTP/', last + 1)) {
    out.protocol = rest.slice(last + 1);
    if (last >= 0) out.path = rest.slice(0, last).replace(/ +$/, '');
  } else {
    out.path = rest;
  }
}
