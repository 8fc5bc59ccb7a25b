import { isAscii } from 'node:buffer';
import { FLAG_NON_ASCII, FLAG_NUL, INFO_LENGTH, INFO_NEXT, INFO_FLAGS, NEWLINE_BIT, OFFSET_MASK, type ScanFunction } from './scan-contract';
import type { Shape } from './shape';

const INITIAL_CAPACITY = 4096; // entries: ~300 lines; the window's latin1 text stays a regular (young) heap string
const MAX_FIELDS = 1 << 20;
/** key(): cache slots (a power of two) and the longest field it caches. */
const KEY_SLOTS = 4096;
const KEY_MAX_BYTES = 64;

/**
 * A zero-copy cursor over the lines of a byte range: no object per line. `next()` moves to the
 * next line; fields are read on demand as strings, numbers or bytes. Raw fields are the pieces
 * between `@` delimiters; after `resolve(shape)` the logical fields honour quoted local parts and
 * a free-text last field. One scanner call covers many lines (up to the offset array's capacity).
 *
 * Offsets: `start`/`stop` and field bounds are indexes into `buf`; `offset` is the line's byte
 * offset in the whole input (`base + start`).
 */
export class Cursor {
  /** The bytes being read. */
  buf: Buffer = Buffer.alloc(0);
  /** Absolute input offset of `buf[0]`. */
  base = 0;
  /** 1-based number of the current line. */
  line = 0;
  /** First byte of the current line (index into `buf`). */
  start = 0;
  /** End of the current line's content, excluding `\n` and a `\r` before it. */
  stop = 0;
  /** Number of raw (`@`-separated) fields of the current line. */
  rawFields = 0;
  /** Number of logical fields after `resolve()` (equals `rawFields` until then). */
  fields = 0;
  /** Whether the current line ended with `\n` (false only for a final unterminated line). */
  terminated = false;

  private readonly scanFn: ScanFunction;
  private offs: Uint32Array;
  private readonly info = new Uint32Array(INFO_LENGTH);
  private n = 0; // entries in offs
  private k = 0; // index in offs of the current line's first entry
  private nextK = 0; // index in offs of the next line's first entry
  private end = 0; // end of the range
  private final = false; // a last line without `\n` counts as a line
  private scanned = 0; // offs covers buf[winStart, scanned)
  private winStart = 0;
  private winFlags = 0;
  private winText: string | null = null; // latin1 text of the window when it is ASCII
  // Strings of an ASCII window are cut from one latin1 decode of the whole window when many are
  // read (full events: ~8 a line), or decoded one field at a time when few are (a reader of one
  // field of some lines: decoding ~50 KB for a hundred short strings costs more). The last
  // window's count decides for the next: fewer strings than lines → field by field.
  private texts = 0; // ASCII strings read in this window
  private winLines = 0; // lines moved to in this window
  private fieldByField = false;
  private nonAscii = -1; // in a non-ASCII window: the next byte >= 0x80 at or after the current line
  private pos = 0; // start of the next line

  // Logical fields of a line resolved the slow way (quotes, free text).
  private isDirect = true; // see `direct`
  private fs = new Int32Array(32);
  private fe = new Int32Array(32);
  private keys: string[] | null = null; // key(): the cached strings and their hashes, by slot
  private keyHashes: Int32Array | null = null;
  private spanStart = 0; // set by span()
  private spanEnd = 0;

  constructor(scan: ScanFunction, capacity = INITIAL_CAPACITY) {
    this.scanFn = scan;
    this.offs = new Uint32Array(capacity);
  }

  /**
   * Starts reading `buf[start, end)`. `base` is the absolute offset of `buf[0]` in the input and
   * `line` the number of the line before the first one. With `final` false an unterminated last
   * line is left unread: `rest` tells where it starts.
   */
  reset(buf: Buffer, start: number, end: number, base: number, line: number, final: boolean): void {
    this.buf = buf;
    this.base = base;
    this.line = line;
    this.end = end;
    this.final = final;
    this.pos = start;
    this.n = 0;
    this.k = 0;
    this.nextK = 0;
    this.scanned = start;
    this.winStart = start;
    this.winText = null;
    this.winFlags = 0;
  }

  /** Where the unread rest of the range starts (an unterminated line when not final). */
  get rest(): number {
    return this.pos;
  }

  /** Absolute input offset of the current line. */
  get offset(): number {
    return this.base + this.start;
  }

  /**
   * Whether the current line's logical fields are its raw fields (`resolve()` merged no quotes and
   * no free text). A hook of the generated record builders (decoders/record.ts), like `fastText`.
   * @internal
   */
  get direct(): boolean {
    return this.isDirect;
  }

  /** Moves to the next line; false when the range holds no further complete line. */
  next(): boolean {
    const pos = this.pos;
    if (pos >= this.end) return false;
    let offs = this.offs;
    let j = this.nextK;
    for (;;) {
      const n = this.n;
      while (j < n && (offs[j]! & NEWLINE_BIT) === 0) j++;
      if (j < n) break; // found the line end
      if (this.scanned >= this.end) {
        // No newline before the end of the range.
        if (!this.final) return false;
        this.k = this.nextK;
        this.setLine(pos, this.end, j - this.k + 1, false);
        this.nextK = j;
        this.pos = this.end;
        return true;
      }
      // Rescan from the start of this line; grow when one line does not fit.
      if (this.nextK === 0 && n === offs.length) this.grow();
      this.window(pos);
      offs = this.offs;
      j = 0;
    }
    this.k = this.nextK;
    this.winLines++;
    const nl = offs[j]! & OFFSET_MASK;
    this.setLine(pos, nl, j - this.k + 1, true);
    this.nextK = j + 1;
    this.pos = nl + 1;
    return true;
  }

  private grow(): void {
    const size = this.offs.length * 2;
    if (size > MAX_FIELDS * 2) throw new RangeError('ecelog: line has too many fields');
    this.offs = new Uint32Array(size);
  }

  private window(from: number): void {
    this.scanFn(this.buf, from, this.end, this.offs, this.info);
    this.n = this.info[0]!;
    this.winStart = from;
    this.scanned = this.info[INFO_NEXT]!;
    this.winFlags = this.info[INFO_FLAGS]!;
    this.winText = null;
    this.fieldByField = this.texts < this.winLines;
    this.texts = 0;
    this.winLines = 0;
    this.nonAscii = -1;
    this.nextK = 0;
  }

  private setLine(start: number, nl: number, raw: number, terminated: boolean): void {
    this.line++;
    this.start = start;
    this.stop = terminated && nl > start && this.buf[nl - 1] === 13 ? nl - 1 : nl;
    this.rawFields = raw;
    this.fields = raw;
    this.terminated = terminated;
    this.isDirect = true;
  }

  /** True when the current window holds a NUL byte (the line may contain one). */
  get maybeNul(): boolean {
    return (this.winFlags & FLAG_NUL) !== 0;
  }

  /** Start of raw field i (0 <= i < rawFields). */
  rawStart(i: number): number {
    return i === 0 ? this.start : (this.offs[this.k + i - 1]! & OFFSET_MASK) + 1;
  }

  /** End of raw field i (exclusive). */
  rawEnd(i: number): number {
    return i === this.rawFields - 1 ? this.stop : this.offs[this.k + i]! & OFFSET_MASK;
  }

  /** Start of logical field i. */
  fieldStart(i: number): number {
    return this.isDirect ? this.rawStart(i) : this.fs[i]!;
  }

  /** End of logical field i (exclusive). */
  fieldEnd(i: number): number {
    if (!this.isDirect) return this.fe[i]!;
    return i === this.fields - 1 ? this.stop : this.offs[this.k + i]! & OFFSET_MASK;
  }

  /**
   * Resolves the logical fields of the current line against `shape`: quoted local parts may hold
   * `@`, a free-text last field takes the rest of the line. Returns false when the line does not
   * have the shape's field count; `fields` then tells how many logical fields were found. (Whether
   * number fields hold numbers is for the reader: `int` returns -1, `dec` NaN.)
   */
  resolve(shape: Shape): boolean {
    const want = shape.fields;
    const raw = this.rawFields;
    const buf = this.buf;
    let simple = raw === want || (shape.freeText && raw > want);
    if (simple && shape.quoted !== 0) {
      // Only the quote-aware fields (the set bits, lowest first) are looked at.
      for (let q = shape.quoted; q !== 0; q &= q - 1) {
        const i = 31 - Math.clz32(q & -q);
        if (i < raw && buf[this.rawStart(i)] === 34) {
          simple = false;
          break;
        }
      }
    }
    if (simple) {
      // Logical fields are the raw ones; a free-text last field runs to the end of the line.
      this.isDirect = true;
      this.fields = want;
      return true;
    }
    return this.resolveSlow(shape);
  }

  private ensureSlots(n: number): void {
    if (this.fs.length < n) {
      this.fs = new Int32Array(n * 2);
      this.fe = new Int32Array(n * 2);
    }
  }

  private resolveSlow(shape: Shape): boolean {
    const want = shape.fields;
    const raw = this.rawFields;
    const buf = this.buf;
    const stop = this.stop;
    this.ensureSlots(Math.max(want, raw));
    this.isDirect = false;
    let r = 0; // raw field index of the current logical field's end delimiter
    let start = this.start;
    let li = 0;
    for (; li < want && r < raw; li++) {
      this.fs[li] = start;
      if (li === want - 1 && shape.freeText) {
        this.fe[li] = stop;
        r = raw;
        li++;
        break;
      }
      if (((shape.quoted >>> li) & 1) !== 0 && buf[start] === 34) {
        const close = closingQuote(buf, start + 1, stop);
        // Skip the delimiters inside the quotes.
        if (close >= 0) while (r < raw - 1 && this.rawEnd(r) < close) r++;
      }
      const end = this.rawEnd(r);
      this.fe[li] = end;
      start = end + 1;
      r++;
    }
    if (r < raw) {
      // More fields than the shape has: count what is there.
      this.fields = li + (raw - r);
      return false;
    }
    this.fields = li;
    return li === want;
  }

  /** Text of bytes [s, e) of the current line: UTF-8 (identical to latin1 for ASCII). */
  text(s: number, e: number): string {
    if (!this.lineIsAscii()) return this.buf.toString('utf8', s, e);
    this.texts++;
    // Byte offsets are string indexes in the window's latin1 text.
    if (this.winText !== null) return this.winText.slice(s - this.winStart, e - this.winStart);
    return this.firstText(s, e);
  }

  /** An ASCII string while the window has no decoded text: decode the field alone, or the window (see `fieldByField`). */
  private firstText(s: number, e: number): string {
    if (this.fieldByField) return this.buf.toString('latin1', s, e);
    return this.windowText().slice(s - this.winStart, e - this.winStart);
  }

  /** The window's latin1 text, decoded on first use. */
  private windowText(): string {
    return this.winText ?? (this.winText = this.buf.toString('latin1', this.winStart, this.scanned));
  }

  /** Whether the current line is pure ASCII (cheap: the scanner flags whole windows). */
  lineIsAscii(): boolean {
    if ((this.winFlags & FLAG_NON_ASCII) === 0) return true;
    if (this.nonAscii < this.start) this.nonAscii = this.findNonAscii(this.start);
    return this.nonAscii >= this.stop;
  }

  /** The first byte >= 0x80 at or after `from` in the window (or the window's end): native isAscii, galloping. */
  private findNonAscii(from: number): number {
    const buf = this.buf;
    const end = this.scanned;
    let lo = from;
    let hi = from;
    for (let step = 256; ; step *= 2) {
      hi = Math.min(end, lo + step);
      if (lo >= end) return end;
      if (!isAscii(buf.subarray(lo, hi))) break;
      lo = hi;
    }
    while (hi - lo > 64) {
      const mid = (lo + hi) >>> 1;
      if (isAscii(buf.subarray(lo, mid))) lo = mid;
      else hi = mid;
    }
    while (buf[lo]! < 0x80) lo++;
    return lo;
  }

  /**
   * For generated readers of a whole line (record builders): the window's latin1 text when the
   * current line's logical fields are the raw ones (`resolve()` found no quotes) and the line is
   * ASCII (its byte offsets are then indexes into the window's latin1 text), decoding it now if
   * needed; then field i is `text.slice(rawStart(i) - textBase,
   * rawEnd(i) - textBase)`, bounds read from `offsets` at `lineEntry`. Otherwise null (use str()).
   * `strings` is how many strings the reader will cut (it steers field-by-field decoding).
   * `direct`, `fastText`, `offsets`, `lineEntry` and `textBase` are the builders' hooks: getters
   * and a method over the cursor's own state, internal (not in the published type declarations).
   * @internal
   */
  fastText(strings: number): string | null {
    if (!this.isDirect || ((this.winFlags & FLAG_NON_ASCII) !== 0 && !this.lineIsAscii())) return null;
    this.texts += strings;
    return this.windowText();
  }

  /**
   * The scanner entries of the window (see fastText). The array is the cursor's: readers must not write to it.
   * @internal
   */
  get offsets(): Uint32Array {
    return this.offs;
  }

  /**
   * Index in `offsets` of the current line's first entry.
   * @internal
   */
  get lineEntry(): number {
    return this.k;
  }

  /**
   * The byte offset in `buf` of index 0 of fastText()'s text.
   * @internal
   */
  get textBase(): number {
    return this.winStart;
  }

  /** Logical field i as a string. */
  str(i: number): string {
    this.span(i);
    // The hot path of text(), inlined: an ASCII window needs no per-line check.
    if ((this.winFlags & FLAG_NON_ASCII) === 0) {
      this.texts++;
      if (this.winText !== null) return this.winText.slice(this.spanStart - this.winStart, this.spanEnd - this.winStart);
      return this.firstText(this.spanStart, this.spanEnd);
    }
    return this.text(this.spanStart, this.spanEnd);
  }

  /**
   * Logical field i as a string, from a small cache of recent values: the same bytes give back the
   * same string object. For fields whose values repeat — domains, binding groups, IPs, record
   * letters — it saves making a string per line, and Map/Set lookups on the result reuse its
   * cached hash (counting deliveries by domain: ~1.3x the lines/s of `str()`). For values that
   * rarely repeat (message IDs) use `str()`: a miss costs a hash of the bytes on top of it.
   * The cache holds KEY_SLOTS strings of at most KEY_MAX_BYTES bytes (longer fields and non-ASCII
   * lines are decoded as by `str()`), and it never keeps a window's text alive.
   */
  key(i: number): string {
    this.span(i);
    const s = this.spanStart;
    const e = this.spanEnd;
    const len = e - s;
    if (len > KEY_MAX_BYTES || !this.lineIsAscii()) return this.text(s, e);
    const buf = this.buf;
    const h = keyHash(buf, s, e);
    const slot = (h ^ (h >>> 15)) & (KEY_SLOTS - 1);
    const keys = this.keys ?? this.makeKeyCache();
    const cached = keys[slot]!;
    if (this.keyHashes![slot] === h && cached.length === len) {
      let j = 0;
      while (j < len && cached.charCodeAt(j) === buf[s + j]) j++;
      if (j === len) return cached;
    }
    // A flat copy (not a slice of the window's text, which it would keep alive).
    const str = buf.toString('latin1', s, e);
    keys[slot] = str;
    this.keyHashes![slot] = h;
    return str;
  }

  private makeKeyCache(): string[] {
    this.keyHashes = new Int32Array(KEY_SLOTS);
    this.keys = new Array<string>(KEY_SLOTS).fill('');
    return this.keys;
  }

  /** Sets spanStart/spanEnd to logical field i's bounds (no allocation; the hot path of every reader). */
  private span(i: number): void {
    this.spanStart = this.fieldStart(i);
    this.spanEnd = this.fieldEnd(i);
  }

  /** Logical field i as an unsigned integer, or -1 when it is not one (or is empty). */
  int(i: number): number {
    this.span(i);
    return parseUint(this.buf, this.spanStart, this.spanEnd);
  }

  /** Logical field i as a decimal number (`0.393`, `306072.00`, `5`), or NaN. */
  dec(i: number): number {
    this.span(i);
    return parseDecimal(this.buf, this.spanStart, this.spanEnd);
  }

  /** Logical field i's bytes (a view into the input: copy it to keep it). */
  bytes(i: number): Buffer {
    return this.buf.subarray(this.fieldStart(i), this.fieldEnd(i));
  }

  /** The current line's bytes without its line end (a view). */
  lineBytes(): Buffer {
    return this.buf.subarray(this.start, this.stop);
  }

  /** The current line's text. */
  lineString(): string {
    return this.text(this.start, this.stop);
  }

  /** Whether logical field i equals the one-byte string `ch` (for record letters). */
  isChar(i: number, ch: number): boolean {
    const s = this.fieldStart(i);
    return this.fieldEnd(i) === s + 1 && this.buf[s] === ch;
  }
}

/** The hash key() files bytes [s, e) under (FNV-1a style, 32 bits; equal hashes are then compared byte by byte). */
export function keyHash(buf: Uint8Array, s: number, e: number): number {
  let h = e - s;
  for (let j = s; j < e; j++) h = Math.imul(h ^ buf[j]!, 0x01000193);
  return h;
}

/** Index of the closing `"` of a quoted string whose content starts at `from`, or -1 (`\"` escapes). */
export function closingQuote(buf: Uint8Array, from: number, stop: number): number {
  for (let i = from; i < stop; i++) {
    const c = buf[i];
    if (c === 92) i++;
    else if (c === 34) return i;
  }
  return -1;
}

export function isUint(buf: Uint8Array, s: number, e: number): boolean {
  if (e <= s) return false;
  for (let i = s; i < e; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return false;
  }
  return true;
}

/** Unsigned decimal integer of bytes [s, e), or -1. Exact below 2^53 (16 digits always are). */
export function parseUint(buf: Uint8Array, s: number, e: number): number {
  if (e <= s) return -1;
  if (e - s > 16) return parseLongUint(buf, s, e);
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function parseLongUint(buf: Uint8Array, s: number, e: number): number {
  if (!isUint(buf, s, e)) return -1;
  return Number(Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('latin1'));
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** Unsigned decimal `digits[.digits]` of bytes [s, e), or NaN. Correctly rounded. */
export function parseDecimal(buf: Uint8Array, s: number, e: number): number {
  if (e <= s) return NaN;
  let v = 0;
  let digits = 0;
  let frac = -1;
  for (let i = s; i < e; i++) {
    const c = buf[i]!;
    if (c === 46) {
      if (frac >= 0) return NaN;
      frac = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
    digits++;
    if (frac >= 0) frac++;
  }
  if (digits === 0) return NaN;
  if (frac <= 0) return v;
  if (digits > 15) return Number(Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('latin1'));
  // Both operands are exact, so the quotient is the correctly rounded value of the decimal.
  return v / POW10[frac]!;
}
