import { isAscii, isUtf8 } from 'node:buffer';
import { parseUint, type Cursor } from '../core/cursor';
import type { DecodedEvent, LogKind, MalformedEvent } from './event';
import { compileMaker, headerProperties } from './builder';

/**
 * What every decoder shares: the interface a log kind implements, the checks every line goes
 * through (empty, overlong, NUL bytes), timestamps, and the finishing touches of an event.
 */

export interface DecodeOptions {
  /** Attach a copy of each line's bytes as `bytes`. */
  rawBytes?: boolean;
  /** Longer lines become `malformed` events. */
  maxLineLength?: number;
}

/** Decodes the lines of one input, in order. Made per input: it may hold state between lines. */
export interface LineDecoder {
  /** The event of the cursor's current line, or null when the line was absorbed (a continuation). */
  line(c: Cursor): DecodedEvent | null;
  /**
   * For a kind whose line may hold several events (an eventlog line holding a JSON array): after
   * `line()` returned an event, the line's next one, or null when it has no more. The Session
   * takes them all before it moves to the next line. Decoders of one event a line leave it out.
   */
  more?(): DecodedEvent | null;
  /** At the end of input: an event still held, if any. */
  end(): DecodedEvent | null;
  /**
   * Where the entry the decoder holds began (its first line's number and byte offset), or null.
   * A checkpoint must not point past it, or a restart would lose the entry's earlier lines.
   * Decoders that never hold lines need not implement it.
   */
  held?(): HeldEntry | null;
}

/** The first line of an entry a decoder still holds. */
export interface HeldEntry {
  line: number;
  offset: number;
}

/** A log kind: its name and how to make a decoder for one input. Pass one as `log` to any iterator. */
export interface LogFormat<K extends LogKind = LogKind> {
  readonly log: K;
  create(opts: DecodeOptions): LineDecoder;
  /**
   * The kind accepts almost any text (paniclog: `<epoch>:` then anything), so detection picks it
   * only when no more specific kind fits the same lines (and says so in its note).
   */
  readonly catchAll?: boolean;
}

/** The bytes of a malformed line kept in `raw` (the whole line is in `bytes` with `rawBytes`). */
export const MAX_RAW_TEXT = 64 * 1024;
export const DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

/** A `malformed` event for the cursor's current line. */
export function malformed(c: Cursor, log: LogKind, record: string | null, reason: string, opts: DecodeOptions): MalformedEvent {
  return malformedEvent(log, c.line, c.base + c.start, record, reason, c.lineBytes(), opts);
}

/**
 * A `malformed` event from its facts; `bytes` are the line's bytes, or only its first part when
 * `whole` is false (an overlong line): then whether it is valid UTF-8 is not known, and
 * `invalid_utf8` is not set (a character may have been cut at the end of the part).
 */
export function malformedEvent(
  log: LogKind,
  line: number,
  offset: number,
  record: string | null,
  reason: string,
  bytes: Buffer,
  opts: DecodeOptions,
  whole = true,
): MalformedEvent {
  const ev = makeMalformed(record, log, line, offset, reason, bytes.toString('utf8', 0, Math.min(bytes.length, MAX_RAW_TEXT)));
  if (whole && !isAscii(bytes) && !isUtf8(bytes)) ev.invalid_utf8 = true;
  if (opts.rawBytes) ev.bytes = new Uint8Array(bytes);
  return ev;
}

/** A malformed event's object: the header without a time (builder.ts), then `reason` and `raw`. */
type MakeMalformed = (record: string | null, log: LogKind, line: number, offset: number, reason: string, raw: string) => MalformedEvent;
const makeMalformed = compileMaker<MakeMalformed>(
  ['record', 'log', 'line', 'offset', 'reason', 'raw'],
  [
    ...headerProperties({ type: JSON.stringify('malformed'), record: 'record', log: 'log', line: 'line', offset: 'offset', time: null }),
    ['reason', 'reason'],
    ['raw', 'raw'],
  ],
  'malformed',
);

/** The reason given for a line longer than `maxLineLength`. */
export function tooLong(length: number, max: number): string {
  return `line of ${length} bytes exceeds maxLineLength (${max})`;
}

/** The checks every line goes through first: a `malformed` event, or null when the line may be decoded. */
export function checkLine(c: Cursor, log: LogKind, opts: DecodeOptions): MalformedEvent | null {
  // The common case, small enough to be inlined into every decoder: a line that passes.
  const length = c.stop - c.start;
  if (length === 0 || length > (opts.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH) || c.maybeNul) return lineProblem(c, log, opts);
  return null;
}

function lineProblem(c: Cursor, log: LogKind, opts: DecodeOptions): MalformedEvent | null {
  const length = c.stop - c.start;
  if (length === 0) return malformed(c, log, null, 'empty line', opts);
  const max = opts.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  if (length > max) {
    // Only the head of an overlong line is kept, as a stream that never holds it whole would.
    const head = c.lineBytes().subarray(0, MAX_RAW_TEXT);
    return malformedEvent(log, c.line, c.base + c.start, null, tooLong(length, max), head, opts, false);
  }
  if (c.maybeNul) {
    const nul = c.lineBytes().indexOf(0);
    if (nul >= 0) return malformed(c, log, null, `NUL byte at column ${nul + 1}`, opts);
  }
  return null;
}

/** A timestamp read by parseTimestamp. Each decoder owns one and reuses it line after line. */
export class Stamp {
  /** Unix time in whole seconds. */
  seconds = 0;
  /** Unix time in microseconds. */
  micros = 0;
}

/**
 * A timestamp in bytes [s, e) of the current line: epoch seconds (up to 11 digits: 10, or 9
 * before 2001) or microseconds (15 to 17 digits, `log_hires_timestamp`). Sets `out.seconds` and
 * `out.micros` and returns null, or returns why it is not one.
 */
export function parseTimestamp(c: Cursor, s: number, e: number, out: Stamp): string | null {
  // The common case (epoch seconds), small enough to be inlined into every decoder.
  if (e - s <= 11) {
    const t = parseUint(c.buf, s, e);
    if (t >= 0) {
      out.seconds = t;
      out.micros = t * 1e6;
      return null;
    }
  }
  return parseOtherTimestamp(c, s, e, out);
}

function parseOtherTimestamp(c: Cursor, s: number, e: number, out: Stamp): string | null {
  const digits = e - s;
  const t = parseUint(c.buf, s, e);
  if (t >= 0 && digits <= 11) {
    out.seconds = t;
    out.micros = t * 1e6;
    return null;
  }
  if (t >= 0 && digits >= 15 && digits <= 17) {
    out.micros = t;
    out.seconds = Math.floor(t / 1e6);
    return null;
  }
  const shown = c.text(s, Math.min(e, s + 32));
  const why = t < 0 ? 'is not a number' : `has ${digits} digits (seconds have up to 11, microseconds 15 to 17)`;
  return `bad timestamp ${JSON.stringify(shown)}: ${why}`;
}

/** The keys every timestamped event starts with, in this order (builder.ts: headerProperties). */
export type HeaderKey = 'type' | 'record' | 'log' | 'line' | 'offset' | 'timestamp' | 'timestamp_us';

/** An event with the full header: what `eventMaker` makes. */
export interface TimedEvent extends DecodedEvent {
  readonly record: string | null;
  timestamp: number;
  timestamp_us: number;
}

/** The fields of event E after its header: what a decoder hands its maker. */
export type EventBody<E> = Omit<E, HeaderKey | 'bytes' | 'invalid_utf8'>;

/** Every field of E's body once, in the event's key order: `{ remote_ip: true, remote_port: true, … }`. */
export type FieldOrder<E> = { readonly [K in keyof EventBody<E>]-?: true };

/** Makes one kind of event from the line's number and offset, its time and the body's values. */
export type EventMaker<E> = (line: number, offset: number, timestamp: number, timestampUs: number, body: EventBody<E>) => E;

/**
 * The maker of one kind of timestamped event, for the decoders that build events by hand: the
 * header (`type, record, log, line, offset, timestamp, timestamp_us`, as builder.ts writes it for
 * every generated builder) then the body's fields in `order`, as one object literal. `type`,
 * `record` and `log` are constants of the event kind.
 */
export function eventMaker<E extends TimedEvent>(type: E['type'], record: E['record'], log: E['log'], order: FieldOrder<E>): EventMaker<E> {
  const J = JSON.stringify;
  const time: [string, string] = ['ts', 'us'];
  const props = headerProperties({ type: J(type), record: J(record), log: J(log), line: 'line', offset: 'offset', time });
  for (const key of Object.keys(order)) props.push([key, `b.${key}`]); // compileMaker rejects a key that is not a field name
  return compileMaker<EventMaker<E>>(['line', 'offset', 'ts', 'us', 'b'], props, `${log} ${type}`);
}

/** Adds what every decoded event may carry: `invalid_utf8`, and `bytes` with `rawBytes`. */
export function finish<E extends DecodedEvent>(ev: E, c: Cursor, opts: DecodeOptions): E {
  if (!c.lineIsAscii() && !isUtf8(c.lineBytes())) ev.invalid_utf8 = true;
  if (opts.rawBytes) ev.bytes = new Uint8Array(c.lineBytes());
  return ev;
}
