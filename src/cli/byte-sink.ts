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

/** The decimal digits of an integer 0 <= n < 2^31; returns the new position. */
function writeSmallUint(b: Buffer, p: number, n: number): number {
  let len = 1;
  for (let x = n; x >= 10; x = (x / 10) | 0) len++;
  let q = p + len;
  do {
    b[--q] = 48 + (n % 10);
    n = (n / 10) | 0;
  } while (n !== 0);
  return p + len;
}

/** Largest integer written by digits (above it `String()` is used: it may be exponential). */
const MAX_DIGITS_INT = Number.MAX_SAFE_INTEGER;

/**
 * A number as `String(n)` writes it, for finite `n`: integers from digits (`-0` is `0`, as
 * `String` has it), others through `String()`. Needs 24 bytes reserved.
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
    if (hi === 0) return writeSmallUint(b, p, lo);
    p = writeSmallUint(b, p, hi);
    for (let q = p + 7; q >= p; q--) {
      b[q] = 48 + (lo % 10);
      lo = (lo / 10) | 0;
    }
    return p + 8;
  }
  return writeAscii(b, p, String(n));
}
