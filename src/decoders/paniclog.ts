import { isUtf8 } from 'node:buffer';
import type { Cursor } from '../core/cursor';
import type { EventBase, MalformedEvent } from './event';
import { readRequestTail, REQUEST_FIELDS, RequestParts } from './http-request';
import {
  checkLine,
  DEFAULT_MAX_LINE_LENGTH,
  eventMaker,
  malformed,
  parseTimestamp,
  Stamp,
  type DecodeOptions,
  type HeldEntry,
  type LineDecoder,
  type LogFormat,
} from './log-format';
import { COLON, nextSpace, skipDigits, skipSpaces, SPACE, splitAddress, type Address } from './tokens';

/**
 * paniclog (ec_logger, spec §7): `<epoch>:<text>`, the text usually `module: …`. A line that does
 * not start with a timestamp and `:` continues the entry before it (multi-line messages, e.g. Lua
 * stack traces and dumps), so the decoder holds an entry until the next one starts or the input
 * ends.
 *
 * An entry starts with 9 to 11 digits (seconds) or 15 to 17 (microseconds) and `:`; any other line,
 * `12: in function …` included, is a continuation, as is an empty line inside an entry. An entry's
 * text (its lines joined with `\n`) is kept up to `maxLineLength` bytes: past that, continuation
 * lines still belong to the entry (`end_line`) but their text is dropped and `truncated` is true.
 * Lines that are malformed on their own (overlong, NUL bytes) are reported where they occur and
 * neither end nor join the entry being held.
 *
 * With `log_requests_to_paniclog`, the HTTP listener writes one entry per request:
 * `<epoch>:<ip> "<request line>" <status> <bytes> <milliseconds>` (4.x manual) or with `<ip>:<port>`
 * (3.x manual). An entry whose first line is exactly that also carries the request's fields, read
 * as httplog reads them (http-request.ts); its `message` stays the text as logged. A line that
 * only looks like one (a field missing, a number that is not one) is an ordinary entry.
 */

/** One paniclog entry: its first line and any continuation lines. */
export interface PanicEvent extends EventBase {
  type: 'panic';
  record: null;
  log: 'paniclog';
  timestamp: number;
  timestamp_us: number;
  /** The entry's last line (equal to `line` for a one-line entry). */
  end_line: number;
  /** `datasource` of `datasource: failed to prepare` (a word of `A-Z a-z 0-9 _ . -` then `: `), else null. */
  module: string | null;
  /** The text after the module prefix, continuation lines joined with `\n`. */
  message: string;
  /** The entry was longer than `maxLineLength` bytes: its text (and `bytes`) stop there. */
  truncated: boolean;
  // An HTTP request logged with `log_requests_to_paniclog`: these fields are present only then.
  /** The client's address (brackets of `[v6]` removed). */
  remote_ip?: string;
  /** Null when the address has no port (4.x writes none; an unbracketed IPv6 address is kept whole). */
  remote_port?: number | null;
  /** The request line between the quotes, as logged; split into `method`, `path`, `protocol` as httplog does. */
  request?: string;
  method?: string | null;
  path?: string | null;
  protocol?: string | null;
  status?: number;
  /** Response size in bytes (as httplog's `response_bytes`). */
  response_bytes?: number;
  /** Milliseconds (`5.000`). */
  duration_ms?: number;
}

/** The fields only an HTTP request entry has. */
type RequestKey = 'remote_ip' | 'remote_port' | 'request' | 'method' | 'path' | 'protocol' | 'status' | 'response_bytes' | 'duration_ms';

export type PaniclogEvent = PanicEvent | MalformedEvent;

const LOG = 'paniclog';
const NEWLINE = Buffer.from('\n');

/** The LogFormat of paniclog: multi-line entries, one event per entry. */
export const paniclog: LogFormat<'paniclog'> = {
  catchAll: true,
  log: LOG,
  create: (opts) => new PanicDecoder(opts),
};

const ENTRY = { end_line: true, module: true, message: true, truncated: true } as const;
const makePanic = eventMaker<Omit<PanicEvent, RequestKey>>('panic', null, LOG, ENTRY);
const makeRequestPanic = eventMaker<PanicEvent>('panic', null, LOG, { ...ENTRY, remote_ip: true, remote_port: true, ...REQUEST_FIELDS });

/** Holds the entry being read until the next one starts (or the input ends). */
class PanicDecoder implements LineDecoder {
  private readonly opts: DecodeOptions;
  private readonly max: number;
  private readonly time = new Stamp();
  private holding = false;
  private first = 0;
  private offset = 0;
  private timestamp = 0;
  private timestampUs = 0;
  private last = 0;
  private module: string | null = null;
  private parts: string[] = [];
  private chunks: Buffer[] = []; // line copies, only with rawBytes
  private size = 0; // bytes of the entry's text so far (lines joined with `\n`)
  private truncated = false;
  private invalid = false;
  /** The first line's HTTP request, or null. */
  private address: Address | null = null;
  private readonly request = new RequestParts();

  constructor(opts: DecodeOptions) {
    this.opts = opts;
    this.max = opts.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  }

  line(c: Cursor): PaniclogEvent | null {
    if (this.holding && c.stop === c.start) {
      this.append(c); // a blank line inside an entry
      return null;
    }
    const bad = checkLine(c, LOG, this.opts);
    if (bad !== null) return bad;
    const colon = entryStart(c.buf, c.start, c.stop);
    if (colon < 0) {
      if (!this.holding) {
        return malformed(c, LOG, null, 'continuation line before any entry (an entry starts with "<timestamp>:")', this.opts);
      }
      this.append(c);
      return null;
    }
    const done = this.holding ? this.emit() : null;
    this.begin(c, colon);
    return done;
  }

  held(): HeldEntry | null {
    return this.holding ? { line: this.first, offset: this.offset } : null;
  }

  end(): PaniclogEvent | null {
    return this.holding ? this.emit() : null;
  }

  private begin(c: Cursor, colon: number): void {
    parseTimestamp(c, c.start, colon, this.time); // entryStart checked the digits
    const buf = c.buf;
    const stop = c.stop;
    const p = skipSpaces(buf, colon + 1, stop);
    const word = moduleEnd(buf, p, stop);
    this.holding = true;
    this.first = c.line;
    this.last = c.line;
    this.offset = c.base + c.start;
    this.timestamp = this.time.seconds;
    this.timestampUs = this.time.micros;
    this.module = word < 0 ? null : c.text(p, word);
    this.address = word < 0 ? requestAt(c, p, this.request) : null;
    this.parts.push(word < 0 ? c.text(p, stop) : c.text(Math.min(word + 2, stop), stop));
    this.size = stop - c.start;
    this.truncated = false;
    this.invalid = !c.lineIsAscii() && !isUtf8(c.lineBytes());
    if (this.opts.rawBytes) this.chunks.push(Buffer.from(c.lineBytes()));
  }

  /** Adds a continuation line, or as much of it as fits in `maxLineLength` (cut between characters). */
  private append(c: Cursor): void {
    this.last = c.line;
    if (this.truncated) return;
    const bytes = c.lineBytes();
    let keep = bytes.length;
    if (this.size + 1 + keep > this.max) {
      this.truncated = true;
      keep = charBoundary(bytes, this.max - this.size - 1);
      if (keep <= 0) return;
    }
    const kept = bytes.subarray(0, keep);
    this.parts.push(c.text(c.start, c.start + keep));
    this.size += 1 + keep;
    if (!this.invalid && !c.lineIsAscii()) this.invalid = !isUtf8(kept);
    if (this.opts.rawBytes) this.chunks.push(NEWLINE, Buffer.from(kept));
  }

  private emit(): PanicEvent {
    const parts = this.parts;
    const entry = {
      end_line: this.last,
      module: this.module,
      message: parts.length === 1 ? parts[0]! : parts.join('\n'),
      truncated: this.truncated,
    };
    const a = this.address;
    const ev: PanicEvent =
      a === null
        ? makePanic(this.first, this.offset, this.timestamp, this.timestampUs, entry)
        : makeRequestPanic(this.first, this.offset, this.timestamp, this.timestampUs, {
            ...entry,
            ...this.request,
            remote_ip: a.ip,
            remote_port: a.port,
          });
    if (this.invalid) ev.invalid_utf8 = true;
    if (this.opts.rawBytes) ev.bytes = new Uint8Array(Buffer.concat(this.chunks));
    this.holding = false;
    this.parts = [];
    this.chunks = [];
    return ev;
  }
}

/** If the line starts an entry (a timestamp of 9–11 or 15–17 digits, then `:`): the index of that `:`, else -1. */
function entryStart(buf: Uint8Array, start: number, stop: number): number {
  const d = skipDigits(buf, start, stop);
  const n = d - start;
  return ((n >= 9 && n <= 11) || (n >= 15 && n <= 17)) && d < stop && buf[d] === COLON ? d : -1;
}

/**
 * At `p`, the rest of the line is an HTTP request (`<ip> "<request line>" <status> <bytes> <ms>`,
 * the address with or without its port): its address, the rest read into `out`; else null.
 */
function requestAt(c: Cursor, p: number, out: RequestParts): Address | null {
  const stop = c.stop;
  const a = nextSpace(c.buf, p, stop);
  if (a === p || a >= stop) return null;
  const address = splitAddress(c.text(p, a));
  return address !== null && readRequestTail(c, skipSpaces(c.buf, a, stop), out) === null ? address : null;
}

/** At `p`, a module name `[A-Za-z0-9_.-]+` followed by `:` and a space or the line's end: the index of the `:`, else -1. */
function moduleEnd(buf: Uint8Array, p: number, stop: number): number {
  let i = p;
  for (; i < stop; i++) {
    const b = buf[i]!;
    const word = (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x5f || b === 0x2e || b === 0x2d;
    if (!word) break;
  }
  if (i === p || i >= stop || buf[i] !== COLON) return -1;
  return i + 1 === stop || buf[i + 1] === SPACE ? i : -1;
}

/** The largest length <= n that does not cut a UTF-8 sequence of `bytes` (at most 3 bytes back). */
function charBoundary(bytes: Uint8Array, n: number): number {
  let k = n;
  while (k > 0 && k > n - 3 && (bytes[k]! & 0xc0) === 0x80) k--;
  return k;
}
