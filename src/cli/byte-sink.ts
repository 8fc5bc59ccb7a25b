/**
 * Output bytes written straight into a reused buffer and handed to the stream about 1 MiB at a
 * time: the serializers of serialize-json.ts and serialize-cells.ts write into `buf` at `pos`
 * (after `reserve`), so no string is built per event. `stream.write` is called once per full
 * buffer; when it returns false, `drain()` (awaited once per batch) waits for 'drain'.
 */

/** Bytes handed to the stream at a time. */
export const CHUNK_SIZE = 1 << 20;

/** Buffers kept for reuse once the stream is done with them. */
const SPARE_BUFFERS = 4;

export class ByteSink {
  /** The buffer being filled; bytes [0, pos) are not yet written to the stream. */
  buf: Buffer;
  /** A DataView of `buf` (for writing 4 bytes at a time). */
  view: DataView;
  pos = 0;
  private blocked = false;
  private readonly spare: Buffer[] = [];

  constructor(private readonly stream: NodeJS.WritableStream = process.stdout) {
    this.buf = Buffer.allocUnsafe(CHUNK_SIZE);
    this.view = viewOf(this.buf);
  }

  /** Makes room for `n` more bytes at `pos`: the full buffer goes to the stream first. */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.push();
    if (n > this.buf.length) {
      this.buf = Buffer.allocUnsafe(n);
      this.view = viewOf(this.buf);
    }
  }

  /** Writes `text` as UTF-8 at `pos`. */
  text(text: string): void {
    this.reserve(text.length * 3);
    this.pos += this.buf.write(text, this.pos, 'utf8');
  }

  /** Hands the bytes so far to the stream. */
  push(): void {
    if (this.pos === 0) return;
    const full = this.buf;
    const chunk = full.subarray(0, this.pos);
    const next = this.spare.pop();
    this.buf = next ?? Buffer.allocUnsafe(CHUNK_SIZE);
    this.view = viewOf(this.buf);
    this.pos = 0;
    const reuse = full.length === CHUNK_SIZE ? () => this.spare.length < SPARE_BUFFERS && this.spare.push(full) : undefined;
    if (!this.stream.write(chunk, reuse)) this.blocked = true;
  }

  /** Waits for 'drain' when the stream asked for it (write returned false). */
  async drain(): Promise<void> {
    if (!this.blocked) return;
    this.blocked = false;
    await new Promise((resolve) => this.stream.once('drain', resolve));
  }

  /** Hands everything to the stream and waits for backpressure to clear. */
  async flush(): Promise<void> {
    this.push();
    await this.drain();
  }
}

function viewOf(b: Buffer): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * Writes the ASCII text `s` (the caller knows it is: a number's `String()`), returns the new
 * position. The caller has reserved `s.length` bytes.
 */
export function writeAscii(b: Buffer, p: number, s: string): number {
  const n = s.length;
  for (let i = 0; i < n; i++) b[p + i] = s.charCodeAt(i);
  return p + n;
}

/** "00" to "99": two digits a step. */
const PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  PAIRS[2 * i] = 48 + ((i / 10) | 0);
  PAIRS[2 * i + 1] = 48 + (i % 10);
}

/** Decimal digits of 0 <= n < 10^9 (int32): how many. */
function digitCount(n: number): number {
  if (n < 10000) return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : 4;
  if (n < 100000000) return n < 100000 ? 5 : n < 1000000 ? 6 : n < 10000000 ? 7 : 8;
  return n < 1000000000 ? 9 : 10;
}

/** Writes the `len` last decimal digits of the int32 `n` >= 0 ending before `end`. */
function writeDigits(b: Buffer, end: number, n: number, len: number): void {
  let q = end;
  while (len >= 2) {
    const r = n % 100;
    n = (n / 100) | 0;
    b[--q] = PAIRS[2 * r + 1]!;
    b[--q] = PAIRS[2 * r]!;
    len -= 2;
  }
  if (len === 1) b[--q] = 48 + (n % 10);
}

/** The decimal digits of an integer 0 <= n < 2^31; returns the new position. */
function writeSmallUint(b: Buffer, p: number, n: number): number {
  const len = digitCount(n);
  writeDigits(b, p + len, n, len);
  return p + len;
}

/** Largest integer written by digits (above it `String()` is used: it may be exponential). */
const MAX_DIGITS_INT = Number.MAX_SAFE_INTEGER;

/** Below this, a number with at most 3 decimals is told by `m / 1000 === n` (see writeFiniteNumber). */
const MAX_MILLI = 1e9;

/**
 * A number as `String(n)` writes it, for finite `n`: integers from digits (`-0` is `0`, as
 * `String` has it), numbers below 10^9 with at most 3 decimals from the digits of n * 1000, others
 * through `String()`. Needs 24 bytes reserved.
 *
 * The decimals: when `m / 1000 === n` for the integer m, the decimal m/1000 rounds to n; below
 * 10^9 the doubles are spaced far closer than 0.001, so it is the only decimal with at most 3
 * decimals that does, hence the shortest one, which is what `String(n)` writes (in fixed
 * notation from 10^-6 up, and n >= 0.001 here).
 */
export function writeFiniteNumber(b: Buffer, p: number, n: number): number {
  if ((n | 0) === n) {
    if (n >= 0) return writeSmallUint(b, p, n);
    if (n > -0x7fffffff) {
      b[p] = 45;
      return writeSmallUint(b, p + 1, -n);
    }
  } else if (n > 0 && n <= MAX_DIGITS_INT && Math.floor(n) === n) {
    // Two halves below 10^8: n < 2^53 < 10^16, so the high half fits an int32.
    let hi = Math.floor(n / 1e8);
    let lo = n - hi * 1e8;
    if (lo < 0) {
      hi--;
      lo += 1e8;
    } else if (lo >= 1e8) {
      hi++;
      lo -= 1e8;
    }
    p = writeSmallUint(b, p, hi);
    writeDigits(b, p + 8, lo, 8);
    return p + 8;
  } else if (n > 0 && n < MAX_MILLI) {
    const m = Math.round(n * 1000);
    if (m / 1000 === n) {
      const int = Math.floor(n);
      let frac = m - int * 1000; // 1..999: n is not an integer
      let len = 3;
      while (frac % 10 === 0) {
        frac /= 10;
        len--;
      }
      p = writeSmallUint(b, p, int);
      b[p++] = 46;
      writeDigits(b, p + len, frac, len);
      return p + len;
    }
  }
  return writeAscii(b, p, String(n));
}
