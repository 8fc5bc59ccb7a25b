import { Cursor } from './cursor';
import type { EcelogEvent, LogKind } from './events';
import { bouncelog } from './decoders/bouncelog';
import { DEFAULT_MAX_LINE_LENGTH, MAX_RAW_TEXT, decodeLine, malformedEvent, tooLong, type LogDecoder } from './decoders/log';
import { mainlog } from './decoders/mainlog';
import { backend, scanners } from './backend';
import type { ScanFunction } from './scanner/contract';
import { ParseError } from './errors';

export interface ParseOptions<L extends LogKind = LogKind> {
  /** Which log the input is. */
  log: L;
  /** Throw a ParseError at the first malformed line instead of yielding a `malformed` event. */
  strict?: boolean;
  /** Attach a copy of each line's bytes to its event as `bytes`. */
  rawBytes?: boolean;
  /** Lines longer than this many bytes become `malformed` events (default 1 MiB); bounds memory on streams. */
  maxLineLength?: number;
  /** Which scanner to use; default: the loaded one (`backend`). `'native'` throws where the addon did not load. */
  backend?: 'native' | 'js';
}

export const DECODERS: Readonly<Record<LogKind, LogDecoder>> = { mainlog, bouncelog };

/** The largest slice of input given to the cursor at once (offsets are 31-bit). */
const MAX_SLICE = 1 << 30;

function scannerFor(choice: 'native' | 'js' | undefined): ScanFunction {
  const which = choice ?? backend;
  const scan = scanners[which];
  if (!scan) throw new Error('ecelog: the native backend is not available (the addon did not load)');
  return scan;
}

/**
 * The incremental decoder behind every iterator: feed it chunks cut anywhere, it yields the events
 * of the complete lines and keeps the partial last line (bounded by maxLineLength) for the next.
 */
export class Session {
  private readonly cursor: Cursor;
  private readonly decoder: LogDecoder;
  private readonly opts: ParseOptions;
  private readonly max: number;
  private base = 0; // absolute offset of the first byte not yet consumed
  private line = 0; // lines completed so far
  private pending: Buffer[] = []; // a partial line spread over chunks
  private pendingLength = 0;
  // An overlong line being skipped: its length so far and its first bytes.
  private skipping = false;
  private skipped = 0;
  private skipHead: Buffer = Buffer.alloc(0);
  private skipLastByte = 0;

  constructor(opts: ParseOptions) {
    const decoder = DECODERS[opts.log];
    if (!decoder) throw new TypeError(`ecelog: unknown log kind ${JSON.stringify(opts.log)} (expected mainlog or bouncelog)`);
    this.decoder = decoder;
    this.opts = opts;
    this.max = opts.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
    if (!(this.max > 0)) throw new RangeError('ecelog: maxLineLength must be positive');
    this.cursor = new Cursor(scannerFor(opts.backend));
  }

  /** Events of the complete lines that `chunk` ends (it may be cut anywhere). */
  *push(chunk: Uint8Array): Generator<EcelogEvent> {
    let data = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.skipping) {
      const nl = data.indexOf(10);
      if (nl < 0) {
        this.skip(data);
        return;
      }
      this.skip(data.subarray(0, nl));
      yield this.emit(this.endSkip(true));
      data = data.subarray(nl + 1);
    }
    if (this.pendingLength > 0) {
      const nl = data.indexOf(10);
      if (nl < 0) {
        this.hold(data);
        return;
      }
      data = Buffer.concat([...this.pending, data]);
      this.pending = [];
      this.pendingLength = 0;
    }
    yield* this.lines(data, false);
  }

  /** Events of what is left at the end of input: an unterminated last line. */
  *end(): Generator<EcelogEvent> {
    if (this.skipping) {
      yield this.emit(this.endSkip(false));
      return;
    }
    if (this.pendingLength > 0) {
      const data = Buffer.concat(this.pending);
      this.pending = [];
      this.pendingLength = 0;
      yield* this.lines(data, true);
    }
  }

  private *lines(data: Buffer, final: boolean): Generator<EcelogEvent> {
    const c = this.cursor;
    const decoder = this.decoder;
    const opts = this.opts;
    for (let from = 0; from < data.length; ) {
      const slice = data.length - from > MAX_SLICE ? data.subarray(from, from + MAX_SLICE) : from > 0 ? data.subarray(from) : data;
      const last = from + slice.length === data.length;
      c.reset(slice, 0, slice.length, this.base, this.line, final && last);
      while (c.next()) {
        const ev = decodeLine(c, decoder, opts);
        if (ev.type === 'malformed') this.emit(ev);
        yield ev;
      }
      const rest = c.rest;
      this.base += rest;
      this.line = c.line;
      from += rest;
      if (!last || rest === slice.length) {
        if (rest === 0 && !last) throw new RangeError('ecelog: a line longer than 1 GiB');
        continue;
      }
      // A partial last line: keep a copy (not a view that would pin the whole chunk).
      this.hold(Buffer.from(slice.subarray(rest)));
      break;
    }
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
      this.skipHead = Buffer.alloc(0);
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

  private endSkip(terminated: boolean): EcelogEvent {
    const length = this.skipped - (terminated && this.skipLastByte === 13 ? 1 : 0);
    this.line++;
    const head = this.skipHead.subarray(0, Math.min(this.skipHead.length, length));
    const ev = malformedEvent(this.decoder.log, this.line, this.base, null, tooLong(length, this.max), head, this.opts);
    this.base += this.skipped + (terminated ? 1 : 0);
    this.skipping = false;
    this.skipHead = Buffer.alloc(0);
    return ev;
  }

  /** Passes an event through, or throws it under `strict`. */
  private emit(ev: EcelogEvent): EcelogEvent {
    if (this.opts.strict && ev.type === 'malformed') throw new ParseError(ev);
    return ev;
  }
}
