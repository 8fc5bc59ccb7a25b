/**
 * acctlog's escaping (spec §7): inside a field, `@`, `\`, a newline and other control characters
 * are preceded by `\`. So a field ends at an `@` that is not escaped, and `\X` stands for X. The
 * scanner's `@` offsets include escaped ones, so these fields are found from the bytes.
 *
 * Decoding: `\X` → X for every byte X (an escaped newline is `\` then the newline byte itself,
 * which is why an acctlog record can span physical lines); and `\n` (backslash, letter n) → a
 * newline, in case a writer spells the newline that way as the manual's wording does — the
 * escaping itself never produces `\` before a plain `n`, so this cannot misread an escaped line.
 */

/** The bytes of one record and how to read text from them (a Cursor is one). */
export interface RecordBytes {
  readonly buf: Uint8Array;
  readonly start: number;
  readonly stop: number;
  text(s: number, e: number): string;
}

const BACKSLASH = 92;
const AT = 64;
const LETTER_N = 110;
const NEWLINE = 10;

/** The fields of an escaped `@`-record, reused from record to record. */
export class EscapedFields {
  /** Number of fields. */
  count = 0;
  /** The record ends in a lone `\` that escapes nothing. */
  dangling = false;
  private starts = new Int32Array(16);
  private ends = new Int32Array(16);
  private escapes = new Uint8Array(16); // 1: the field holds a `\`
  private src: RecordBytes | null = null;

  /** Splits `src` on its unescaped `@`. */
  split(src: RecordBytes): void {
    const buf = src.buf;
    const stop = src.stop;
    this.src = src;
    this.count = 0;
    this.dangling = false;
    let fieldStart = src.start;
    let escaped = 0;
    for (let i = src.start; i < stop; i++) {
      const b = buf[i];
      if (b === BACKSLASH) {
        escaped = 1;
        if (i + 1 === stop) this.dangling = true;
        i++;
      } else if (b === AT) {
        this.push(fieldStart, i, escaped);
        fieldStart = i + 1;
        escaped = 0;
      }
    }
    this.push(fieldStart, stop, escaped);
  }

  private push(s: number, e: number, escaped: number): void {
    const n = this.count;
    if (n === this.starts.length) {
      const starts = new Int32Array(n * 2);
      const ends = new Int32Array(n * 2);
      const escapes = new Uint8Array(n * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      escapes.set(this.escapes);
      this.starts = starts;
      this.ends = ends;
      this.escapes = escapes;
    }
    this.starts[n] = s;
    this.ends[n] = e;
    this.escapes[n] = escaped;
    this.count = n + 1;
  }

  /** Field i's value, escapes undone. */
  value(i: number): string {
    const src = this.src!;
    const s = this.starts[i]!;
    const e = this.ends[i]!;
    return this.escapes[i] === 0 ? src.text(s, e) : unescape(src.buf, s, e).toString('utf8');
  }

  /** Fields from..count-1, escapes undone. */
  values(from: number): string[] {
    const out: string[] = [];
    for (let i = from; i < this.count; i++) out.push(this.value(i));
    return out;
  }
}

/** Bytes [s, e) with every `\X` replaced by X (`\n` by a newline). */
export function unescape(buf: Uint8Array, s: number, e: number): Buffer {
  const out = Buffer.allocUnsafe(e - s);
  let n = 0;
  for (let i = s; i < e; i++) {
    let b = buf[i]!;
    if (b === BACKSLASH && i + 1 < e) {
      b = buf[++i]!;
      if (b === LETTER_N) b = NEWLINE;
    }
    out[n++] = b;
  }
  return out.subarray(0, n);
}

/** Whether bytes [start, stop) end in an unescaped `\`: the escape of the line break after them. */
export function endsInEscape(buf: Uint8Array, start: number, stop: number): boolean {
  let i = stop;
  while (i > start && buf[i - 1] === BACKSLASH) i--;
  return ((stop - i) & 1) === 1;
}
