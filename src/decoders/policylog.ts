import { parseDecimal, type Cursor } from '../core/cursor';
import type { EventBase, MalformedEvent } from './event';
import { checkLine, eventMaker, finish, malformed, Stamp, type DecodeOptions, type FieldOrder, type LogFormat } from './log-format';
import { closingQuote, colonTimestamp, nextSpace, QUOTE, shown, skipSpaces, SPACE, splitHostPort, unquote, type HostPort } from './tokens';

/**
 * The reception timing log (Momentum 4.2+: the reception_timing and reception_timing_logger
 * modules write through chunk_logger, whose destination the manual's example names
 * `/var/log/ecelerity/policylog.cl`). One line per reception, rejection or unexpected disconnect
 * of a message (per recipient):
 *
 * `<epoch>: received after 0.040929 s (scanned in 0.000519 s) size=1005 src=127.0.0.1:37656
 * dst=127.0.0.1:8710 pathway=default ID=00/00-10012-D88AED05 batch-ID=00/00-10012-D88AED05
 * Message-ID=""`, and for `rejected` and `unexpected disconnect` a trailing `phase=4 (awaiting
 * mailfrom)`: the SMTP reception state (manual table 71.1) and its description.
 *
 * Lenient where the manual is silent: `key=value` fields in any order, runs of spaces, `phase`
 * optional; a key the manual does not show is kept in `extra`; `size=0???` (written before a
 * body was read) is a null size; IDs are kept as logged; a quoted value ends at the first quote
 * followed by a space or the line's end. Every other field is required: a line
 * without one is malformed, as is a line that is not a timing record (chunk_logger also writes
 * what Lua scripts log into its file).
 */

/** How the SMTP transaction ended: `received`, `rejected`, or `unexpected disconnect` as logged. */
export type ReceptionOutcome = 'received' | 'rejected' | 'unexpected_disconnect';

/** One reception timing record. */
export interface ReceptionTimingEvent extends EventBase {
  type: 'reception_timing';
  record: null;
  log: 'policylog';
  timestamp: number;
  timestamp_us: number;
  outcome: ReceptionOutcome;
  /** `after … s`: seconds from MAIL FROM until the `250 OK` could be sent (or the rejection, or the disconnect). */
  duration_s: number;
  /** `scanned in … s`: seconds from the end of the body (CRLF "." CRLF) until then: the data-phase policy. */
  scan_duration_s: number;
  /** `size`, bytes; null for `0???` (no body read yet). */
  size: number | null;
  /** `src`, the client: split on the last colon, brackets of `[v6]:port` removed. */
  remote_ip: string;
  remote_port: number;
  /** `dst`, the listener. */
  local_ip: string;
  local_port: number;
  pathway: string;
  /** `ID`: one per recipient. */
  message_id: string;
  /** `batch-ID`: the same for every recipient of a message. */
  batch_id: string;
  /** `Message-ID`, the header (the `cl_MID` message context variable a policy script sets); `''` when not set. */
  message_id_header: string;
  /** `phase`: the SMTP reception state of a rejection or disconnect; null when absent. */
  phase: number | null;
  /** The state's description in parentheses after it (`awaiting mailfrom`); null when absent. */
  phase_text: string | null;
  /** `key=value` fields the manual does not show, by key; null when there are none. */
  extra: Record<string, string> | null;
}

export type PolicylogEvent = ReceptionTimingEvent | MalformedEvent;

const LOG = 'policylog';

/** The LogFormat of the reception timing log: one event per line. */
export const policylog: LogFormat<'policylog'> = {
  log: LOG,
  create: (opts) => {
    const s = new Scratch();
    return { line: (c) => decodeTimingLine(c, opts, s), end: () => null };
  },
};

/** A reception timing's fields in the order the events hold them (also the CLI's columns). */
export const TIMING_FIELDS = {
  outcome: true,
  duration_s: true,
  scan_duration_s: true,
  size: true,
  remote_ip: true,
  remote_port: true,
  local_ip: true,
  local_port: true,
  pathway: true,
  message_id: true,
  batch_id: true,
  message_id_header: true,
  phase: true,
  phase_text: true,
  extra: true,
} as const satisfies FieldOrder<ReceptionTimingEvent>;
const makeTiming = eventMaker<ReceptionTimingEvent>('reception_timing', null, LOG, TIMING_FIELDS);

/** What the functions below hand each other while one line is read. Each decoder owns one. */
class Scratch {
  readonly time = new Stamp();
  /** The end of the last word or value read. */
  end = 0;
  /** The last number read by `seconds`. */
  value = 0;
  outcome: ReceptionOutcome = 'received';
  duration = 0;
  scan = 0;
  /** The line's `key=value` fields, as read by `readFields`. */
  readonly fields = new Map<string, string>();
  /** The parenthesized text after `phase=`, or null. */
  phaseText: string | null = null;
}

const OPEN = 0x28; // (
const CLOSE = 0x29; // )
const EQUALS = 0x3d;

/** The fields every record has, as logged (phase is optional). */
const REQUIRED = ['size', 'src', 'dst', 'pathway', 'ID', 'batch-ID', 'Message-ID'];
const KNOWN: ReadonlySet<string> = new Set([...REQUIRED, 'phase']);

/** Whether the bytes `[a, e)` are the ASCII `text`. */
function isText(buf: Uint8Array, a: number, e: number, text: string): boolean {
  if (e - a !== text.length) return false;
  for (let i = 0; i < text.length; i++) if (buf[a + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Reads the word at or after `p` (its end into `s.end`); whether it is `expected`. */
function word(c: Cursor, p: number, expected: string, s: Scratch): boolean {
  const a = skipSpaces(c.buf, p, c.stop);
  s.end = nextSpace(c.buf, a, c.stop);
  return isText(c.buf, a, s.end, expected);
}

/** Reads `<number> <unit>` at or after `p` into `s.value` (the end into `s.end`); returns why it cannot, or null. */
function seconds(c: Cursor, p: number, name: string, unit: string, s: Scratch): string | null {
  const a = skipSpaces(c.buf, p, c.stop);
  if (a >= c.stop) return `missing ${name}`;
  const e = nextSpace(c.buf, a, c.stop);
  const v = parseDecimal(c.buf, a, e);
  if (!(v >= 0)) return `${name} ${shown(c.text(a, e))} is not a number`;
  s.value = v;
  return word(c, e, unit, s) ? null : `expected ${shown(unit)} after the ${name}`;
}

/** Reads `<outcome> after <n> s (scanned in <n> s)` from `p` into `s`; returns why it cannot, or null. */
function readHead(c: Cursor, p: number, s: Scratch): string | null {
  if (word(c, p, 'received', s)) s.outcome = 'received';
  else if (word(c, p, 'rejected', s)) s.outcome = 'rejected';
  else if (word(c, p, 'unexpected', s) && word(c, s.end, 'disconnect', s)) s.outcome = 'unexpected_disconnect';
  else {
    const found = shown(c.text(skipSpaces(c.buf, p, c.stop), c.stop));
    return `not a reception timing record: expected "received", "rejected" or "unexpected disconnect", found ${found}`;
  }
  if (!word(c, s.end, 'after', s)) return `expected "after" after "${s.outcome.replace('_', ' ')}"`;
  const why = seconds(c, s.end, 'duration', 's', s);
  if (why !== null) return why;
  s.duration = s.value;
  if (!word(c, s.end, '(scanned', s) || !word(c, s.end, 'in', s)) return 'expected "(scanned in" after the duration';
  const bad = seconds(c, s.end, 'scan duration', 's)', s);
  s.scan = s.value;
  return bad;
}

/** Reads the `key=value` fields from `p` to the end of the line into `s.fields` and `s.phaseText`; returns why it cannot, or null. */
function readFields(c: Cursor, p: number, s: Scratch): string | null {
  const buf = c.buf;
  const stop = c.stop;
  s.fields.clear();
  s.phaseText = null;
  for (let k = skipSpaces(buf, p, stop); k < stop; k = skipSpaces(buf, k, stop)) {
    const eq = keyEnd(buf, k, stop);
    if (eq < 0) return `expected key=value, found ${shown(c.text(k, nextSpace(buf, k, stop)))}`;
    const key = c.text(k, eq);
    let v = eq + 1;
    let value: string;
    if (v < stop && buf[v] === QUOTE) {
      const close = closingQuoteAtSpace(buf, v + 1, stop);
      if (close < 0) return `${key}: no closing quote`;
      value = unquote(c, v + 1, close);
      v = close + 1;
    } else {
      const e = nextSpace(buf, v, stop);
      value = c.text(v, e);
      v = e;
    }
    if (v < stop && buf[v] !== SPACE) return `${key}: unexpected ${shown(c.text(v, nextSpace(buf, v, stop)))} after the value`;
    if (s.fields.has(key)) return `${key} appears twice`;
    s.fields.set(key, value);
    k = v;
    const q = skipSpaces(buf, k, stop);
    if (key === 'phase' && q < stop && buf[q] === OPEN) {
      const close = buf.indexOf(CLOSE, q + 1);
      if (close < 0 || close >= stop) return 'phase: no ")" after its description';
      s.phaseText = c.text(q + 1, close);
      k = close + 1;
    }
  }
  for (const key of REQUIRED) if (!s.fields.has(key)) return `missing ${key}=`;
  return null;
}

/** The `ip:port` of field `key`, or why it is not one. */
function address(fields: ReadonlyMap<string, string>, key: string): HostPort | string {
  const text = fields.get(key)!;
  return splitHostPort(text) ?? `${key} ${shown(text)} is not ip:port`;
}

function decodeTimingLine(c: Cursor, opts: DecodeOptions, s: Scratch): PolicylogEvent {
  const bad = checkLine(c, LOG, opts);
  if (bad !== null) return bad;
  const start = colonTimestamp(c, s.time);
  if (typeof start === 'string') return malformed(c, LOG, null, start, opts);
  const why = readHead(c, start, s) ?? readFields(c, s.end, s);
  if (why !== null) return malformed(c, LOG, null, why, opts);

  const fields = s.fields;
  const sizeText = fields.get('size')!;
  const size = /^[0-9]+$/.test(sizeText) ? Number(sizeText) : /^[0-9]+\?\?\?$/.test(sizeText) ? null : undefined;
  if (size === undefined) return malformed(c, LOG, null, `size ${shown(sizeText)} is not a number of bytes`, opts);
  const src = address(fields, 'src');
  if (typeof src === 'string') return malformed(c, LOG, null, src, opts);
  const dst = address(fields, 'dst');
  if (typeof dst === 'string') return malformed(c, LOG, null, dst, opts);
  const phase = fields.get('phase');
  if (phase !== undefined && !/^[0-9]+$/.test(phase)) return malformed(c, LOG, null, `phase ${shown(phase)} is not a number`, opts);
  let extra: Record<string, string> | null = null;
  for (const [key, value] of fields) if (!KNOWN.has(key)) (extra ??= Object.create(null) as Record<string, string>)[key] = value;

  const ev = makeTiming(c.line, c.base + c.start, s.time.seconds, s.time.micros, {
    outcome: s.outcome,
    duration_s: s.duration,
    scan_duration_s: s.scan,
    size,
    remote_ip: src.ip,
    remote_port: src.port,
    local_ip: dst.ip,
    local_port: dst.port,
    pathway: fields.get('pathway')!,
    message_id: fields.get('ID')!,
    batch_id: fields.get('batch-ID')!,
    message_id_header: fields.get('Message-ID')!,
    phase: phase === undefined ? null : Number(phase),
    phase_text: s.phaseText,
    extra,
  });
  return finish(ev, c, opts);
}

/**
 * The quote that closes a value opened before `from`: the first one (not escaped by a backslash)
 * followed by a space or the line's end, so that a quote inside a Message-ID written without an
 * escape (the manual does not say how one is written) stays in the value; else the first one
 * (the caller reports what follows it); -1 when there is none.
 */
function closingQuoteAtSpace(buf: Uint8Array, from: number, stop: number): number {
  const first = closingQuote(buf, from, stop);
  for (let q = first; q >= 0; q = closingQuote(buf, q + 1, stop)) {
    if (q + 1 === stop || buf[q + 1] === SPACE) return q;
  }
  return first;
}

/** At `p`, a key `[A-Za-z][A-Za-z0-9_-]*` followed by `=`: the index of the `=`, else -1. */
function keyEnd(buf: Uint8Array, p: number, stop: number): number {
  if (p >= stop || !isLetter(buf[p]!)) return -1;
  for (let i = p + 1; i < stop; i++) {
    const b = buf[i]!;
    if (b === EQUALS) return i;
    if (!(isLetter(b) || (b >= 0x30 && b <= 0x39) || b === 0x5f || b === 0x2d)) return -1;
  }
  return -1;
}

function isLetter(b: number): boolean {
  const lower = b | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}
