import { Cursor } from '../core/cursor';
import type { EcelogEvent } from '../decoders/index';
import type { LogKind } from '../decoders/event';
import {
  DEFAULT_MAX_LINE_LENGTH,
  MAX_RAW_TEXT,
  malformedEvent,
  tooLong,
  type HeldEntry,
  type LineDecoder,
  type LogFormat,
} from '../decoders/log-format';
import { FORMATS, formatOf } from '../decoders/index';
import { backend, scanners } from '../core/backend';
import type { ScanFunction } from '../core/scan-contract';
import { ParseError } from './errors';
import type { Backend } from '../core/backend';

export interface ParseOptions<L extends LogKind = LogKind> {
  /** Which log the input is: a kind's name, or a LogFormat (e.g. a compiled custom_logger format). */
  log: L | LogFormat<L>;
  /** Throw a ParseError at the first malformed line instead of yielding a `malformed` event. */
  strict?: boolean;
  /** Attach a copy of each line's bytes to its event as `bytes`. */
  rawBytes?: boolean;
  /** Lines longer than this many bytes become `malformed` events (default 1 MiB); bounds memory on streams. */
  maxLineLength?: number;
  /** Which scanner to use; default: the loaded one (`backend`). `'native'` throws where the addon did not load. */
  backend?: Backend;
  /** Resuming inside an input: the byte offset of the first byte given (events' `offset` counts from it). */
  startOffset?: number;
  /** Resuming inside an input: how many lines came before the first byte given (events' `line` counts on). */
  startLine?: number;
}

/** The largest piece of input the cursor reads at once (its offsets are 31-bit). */
const MAX_WINDOW = 1 << 30;
/** Events per batch returned by `read()`. */
const BATCH = 512; // 256 to 2048 measured: 512 and 256 fastest for full events (a smaller live set at each scavenge)
const EMPTY = Buffer.alloc(0);

function scannerFor(choice: Backend | undefined): ScanFunction {
  if (choice !== undefined && choice !== 'native' && choice !== 'js')
    throw new RangeError(`ecelog: unknown backend ${JSON.stringify(choice)} (expected 'native' or 'js')`);
  const scan = scanners[choice ?? backend];
  if (!scan) throw new Error('ecelog: the native backend is not available (the addon did not load)');
  return scan;
}

/**
 * The incremental decoder behind every iterator. `write(chunk)` hands it bytes cut anywhere;
 * `read()` returns the events of the next complete lines (a batch of at most 512), or null when
 * it needs more input; after `end()`, `read()` also returns a last unterminated line. Decoding
 * happens in `read()`, so a consumer that stops reading stops the work (backpressure).
 *
 * Memory: the unread input, plus one partial line of at most `maxLineLength` bytes — a longer
 * one is skipped (counted, its first 64 KiB kept) and reported as one `malformed` event.
 */
export class Session {
  private readonly cursor: Cursor;
  private readonly log: LogKind;
  private readonly decoder: LineDecoder;
  private readonly opts: ParseOptions;
  private readonly max: number;
  /** The decoder's lines may hold several events (it has `more`). */
  private readonly many: boolean;
  private data: Buffer = EMPTY; // the input being decoded
  private queued: Buffer = EMPTY; // input after `data`, decoded once `data` is (see write)
  private dataBase = 0; // absolute input offset of data[0]
  private pos = 0; // the cursor reads the window data[pos, winEnd)
  private winEnd = 0;
  private ended = false;
  private flushed = false; // decoder.end() was called
  private pending: Buffer[] = []; // a partial line spread over chunks without a newline
  private pendingLength = 0;
  // An overlong line being skipped: its length so far and its first bytes.
  private skipping = false;
  private skipped = 0;
  private skipHead: Buffer = EMPTY;
  private skipLastByte = 0;
  private reports: EcelogEvent[] = []; // skipped lines, reported by the next read()
  private failure: ParseError | null = null; // under strict: the end of the input

  constructor(opts: ParseOptions) {
    const format: LogFormat | undefined = typeof opts.log === 'string' ? formatOf(opts.log) : opts.log;
    if (!format) {
      const expected = `expected ${Object.keys(FORMATS).join(', ')}, or a LogFormat`;
      const auto = "; detection ('auto') is done by parse(), parseFile() and detectLog(), not by a Session";
      if (opts.log === undefined) throw new TypeError(`ecelog: the log option is missing (${expected}${auto})`);
      throw new TypeError(
        `ecelog: unknown log kind ${JSON.stringify(opts.log)} (${expected}${(opts.log as unknown) === 'auto' ? auto : ''})`,
      );
    }
    this.opts = opts;
    this.max = opts.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
    if (!(this.max > 0)) throw new RangeError('ecelog: maxLineLength must be positive');
    this.log = format.log;
    this.decoder = format.create(opts);
    this.many = this.decoder.more !== undefined;
    this.cursor = new Cursor(scannerFor(opts.backend));
    this.dataBase = opts.startOffset ?? 0;
    this.cursor.reset(EMPTY, 0, 0, this.dataBase, opts.startLine ?? 0, false);
  }

  /** Adds input (cut anywhere). Read until `read()` returns null before writing again, or it is copied. */
  write(chunk: Uint8Array): void {
    if (this.ended) throw new Error('ecelog: write after end');
    let data = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.skipping) {
      const nl = data.indexOf(10);
      if (nl < 0) return this.skip(data);
      this.skip(data.subarray(0, nl));
      this.endSkip(true);
      data = data.subarray(nl + 1);
    }
    const rest = this.detach();
    if (rest.length > 0 || this.pendingLength > 0) {
      // A partial line waits for its newline: chunks that bring none are only held.
      if (rest.length > 0) this.hold(Buffer.from(rest));
      if (this.skipping) return this.write(data);
      const nl = data.indexOf(10);
      if (nl < 0) return this.hold(Buffer.from(data));
      // Only the partial line is joined (a copy of its pieces and of the chunk up to its newline);
      // the rest of the chunk is read in place after it.
      const line = Buffer.concat([...this.pending, data.subarray(0, nl + 1)]);
      this.pending = [];
      this.pendingLength = 0;
      this.queued = nl + 1 < data.length ? data.subarray(nl + 1) : EMPTY;
      data = line;
    }
    this.start(data);
  }

  /** Marks the end of input: `read()` then also returns a last line without newline. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.skipping) return this.endSkip(false);
    const rest = this.detach();
    const data = this.pendingLength > 0 ? Buffer.concat([...this.pending, rest]) : rest;
    this.pending = [];
    this.pendingLength = 0;
    this.start(data);
  }

  /** The events of the next complete lines (at most 512), or null when there are none yet. */
  read(): EcelogEvent[] | null {
    if (this.failure !== null) throw this.failure;
    const out: EcelogEvent[] = [];
    for (const ev of this.reports) {
      if (!this.accept(out, ev)) return out;
      out.push(ev);
    }
    this.reports = [];
    const c = this.cursor;
    const decoder = this.decoder;
    // Only strict mode looks at each event's type (a load across every event shape).
    const strict = this.opts.strict === true;
    const many = this.many;
    for (;;) {
      while (out.length < BATCH && c.next()) {
        const ev = decoder.line(c) as EcelogEvent | null; // the registry says which events a kind yields
        if (ev === null) continue;
        if (strict && ev.type === 'malformed' && !this.accept(out, ev)) return out;
        out.push(ev);
        if (many && !this.rest(out)) return out;
      }
      if (out.length >= BATCH || !this.nextWindow()) break;
    }
    if (out.length === 0 && this.ended && !this.flushed) {
      // The input is over: what the decoder still holds (e.g. a multi-line entry).
      this.flushed = true;
      const ev = decoder.end() as EcelogEvent | null;
      if (ev !== null && this.accept(out, ev)) out.push(ev);
    }
    return out.length > 0 ? out : null;
  }

  /**
   * The further events of the line just read (`LineDecoder.more`): all join this batch, so that a
   * batch never ends inside a line (it may pass 512 events by one line's). False when `strict`
   * ends the input at one of them.
   */
  private rest(out: EcelogEvent[]): boolean {
    const decoder = this.decoder;
    for (let ev = decoder.more!() as EcelogEvent | null; ev !== null; ev = decoder.more!() as EcelogEvent | null) {
      if (!this.accept(out, ev)) return false;
      out.push(ev);
    }
    return true;
  }

  /**
   * A malformed event joins the batch, or under `strict` ends the input: the events before it
   * are returned and the ParseError is thrown (now if there are none, else by the next read).
   */
  private accept(out: EcelogEvent[], ev: EcelogEvent): boolean {
    if (!this.opts.strict || ev.type !== 'malformed') return true;
    this.failure = new ParseError(ev);
    if (out.length === 0) throw this.failure;
    return false;
  }

  /**
   * The number of the last line read (lines are counted from `startLine`): once `read()` has
   * returned null, that of the last complete line written (after `end()`, of the last line).
   */
  get line(): number {
    return this.cursor.line;
  }

  /**
   * The first line of an entry the decoder holds across reads (a paniclog entry whose
   * continuation lines may still come), or null: a checkpoint must not point past it.
   */
  held(): HeldEntry | null {
    return this.decoder.held?.() ?? null;
  }

  /** Takes the unconsumed bytes (a view) out of the cursor; the session then holds no data. */
  private detach(): Buffer {
    this.takeQueued();
    const consumed = this.pos + this.cursor.rest;
    const rest = consumed >= this.data.length ? EMPTY : this.data.subarray(consumed);
    this.dataBase += Math.min(consumed, this.data.length);
    this.data = EMPTY;
    this.pos = 0;
    this.winEnd = 0;
    this.cursor.reset(EMPTY, 0, 0, this.dataBase, this.cursor.line, false);
    return rest;
  }

  private start(data: Buffer): void {
    this.data = data;
    this.load(0);
  }

  /** Points the cursor at data[from, from + 1 GiB). */
  private load(from: number): void {
    const to = Math.min(this.data.length, from + MAX_WINDOW);
    const view = from === 0 && to === this.data.length ? this.data : this.data.subarray(from, to);
    this.pos = from;
    this.winEnd = to;
    this.cursor.reset(view, 0, view.length, this.dataBase + from, this.cursor.line, this.ended && to === this.data.length);
  }

  /** After the window is read: moves to the next one, if the data has one (or to the queued data). */
  private nextWindow(): boolean {
    if (this.winEnd >= this.data.length) return this.takeQueued(); // else what is left is a partial line
    const consumed = this.pos + this.cursor.rest;
    if (consumed === this.pos) throw new RangeError('ecelog: a line longer than 1 GiB');
    this.load(consumed);
    return true;
  }

  /**
   * Moves on to the queued data once the joined line before it is read (it ends with a newline, so
   * the cursor reads it whole unless a caller detaches early: then its rest goes with the queue).
   */
  private takeQueued(): boolean {
    if (this.queued === EMPTY) return false;
    const consumed = this.pos + this.cursor.rest;
    const data = consumed >= this.data.length ? this.queued : Buffer.concat([this.data.subarray(consumed), this.queued]);
    this.dataBase += Math.min(consumed, this.data.length);
    this.queued = EMPTY;
    this.start(data);
    return true;
  }

  private hold(part: Buffer): void {
    this.pending.push(part);
    this.pendingLength += part.length;
    // One byte more than the limit may be the `\r` of a CRLF line end, not part of the line.
    if (this.pendingLength > this.max + 1) {
      const all = Buffer.concat(this.pending);
      this.pending = [];
      this.pendingLength = 0;
      this.skipping = true;
      this.skipped = 0;
      this.skipHead = EMPTY;
      this.skip(all);
    }
  }

  private skip(part: Buffer): void {
    if (part.length === 0) return;
    if (this.skipHead.length < MAX_RAW_TEXT) {
      this.skipHead = Buffer.concat([this.skipHead, part.subarray(0, MAX_RAW_TEXT - this.skipHead.length)]);
    }
    this.skipped += part.length;
    this.skipLastByte = part[part.length - 1]!;
  }

  /** The skipped line is over: report it, and continue after it. */
  private endSkip(terminated: boolean): void {
    const length = this.skipped - (terminated && this.skipLastByte === 13 ? 1 : 0);
    const head = this.skipHead.subarray(0, Math.min(this.skipHead.length, length));
    const line = this.cursor.line + 1;
    this.reports.push(malformedEvent(this.log, line, this.dataBase, null, tooLong(length, this.max), head, this.opts, false));
    this.dataBase += this.skipped + (terminated ? 1 : 0);
    this.cursor.reset(EMPTY, 0, 0, this.dataBase, line, false);
    this.skipping = false;
    this.skipHead = EMPTY;
  }
}
