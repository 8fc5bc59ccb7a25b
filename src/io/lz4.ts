import { CompressedDataError } from './bzip2';

/**
 * LZ4 raw blocks (not the frame format), as jlog stores compressed records: one block a record,
 * no dictionary, the decoded size known from the record header (`mlen`). Written from LZ4's block
 * format description; see docs/jlog-lz4.md for why this is our own code and not a package.
 *
 * A block is a run of sequences. A sequence is a token (high nibble: literal count, low nibble:
 * match length − 4; a nibble of 15 is continued by bytes added to it while they are 255), the
 * literals, then a match: a 2-byte little-endian offset back into the output and the match
 * length's continuation bytes. The last sequence stops after its literals.
 *
 * Strict on bounds, lenient on the encoder's end-of-block habits: nothing is ever read past the
 * end of `src` nor written past the end of `dst`, every length is checked before its copy, and a
 * match may not reach before the start of the output nor have offset 0. The "last 5 bytes are
 * literals" and "last match starts 12 bytes before the end" rules, which only decoders that copy
 * in wide unchecked strides need, are not enforced. A block must end with a literals-only
 * sequence: one that stops right after a match is reported as truncated. Every loop consumes
 * input, so decoding stops after at most `src.length` steps whatever the bytes.
 */

/** The byte of a block that cannot be decoded; `offset` is its index in the block. */
export class Lz4DataError extends CompressedDataError {
  /** Index in the compressed block of the byte at fault (see {@link decodeLz4Block}). */
  readonly offset: number;
  constructor(detail: string, offset: number) {
    super('LZ4 block', `${detail} (input byte ${offset})`);
    this.name = 'Lz4DataError';
    this.offset = offset;
  }
}

/**
 * The most output one input byte can describe: a length continuation byte of 255 stands for 255
 * bytes, and every other shape of sequence gives less per byte it takes.
 */
const MAX_RATIO = 255;
/** Literal runs and matches at least this long are copied with `set` / `copyWithin`. */
const WIDE_COPY = 32;

/**
 * Decodes the whole LZ4 block `src` into `dst` from index 0 and returns the number of bytes
 * written. `dst` may be longer than the output (the rest is left as it was), never shorter:
 * output that does not fit is an error, not a truncation.
 *
 * Throws {@link Lz4DataError}, whose `offset` is:
 * - `src.length` when the block ends early: inside a length, in place of a match offset, or right
 *   after a match (no final literals-only sequence), and for an empty `src`;
 * - the sequence's token when its literals run past the end of `src` or of `dst`, or its match
 *   past the end of `dst` (lengths continued by extra bytes included);
 * - the first byte of the match offset when the offset is 0 or reaches before the output's start.
 */
export function decodeLz4Block(src: Uint8Array, dst: Uint8Array): number {
  const srcEnd = src.length;
  const dstEnd = dst.length;
  if (srcEnd === 0) throw new Lz4DataError('empty block', 0);
  let s = 0;
  let d = 0;
  for (;;) {
    const tokenAt = s;
    const token = src[s++]!;

    let literals = token >>> 4;
    if (literals === 15) {
      let more: number;
      do {
        if (s >= srcEnd) throw new Lz4DataError('block ends inside a literal length', srcEnd);
        more = src[s++]!;
        literals += more;
      } while (more === 255);
    }
    if (literals > 0) {
      if (literals > srcEnd - s) throw new Lz4DataError(`${literals} literals run past the end of the block`, tokenAt);
      if (literals > dstEnd - d) throw new Lz4DataError(`${literals} literals overflow the ${dstEnd}-byte output`, tokenAt);
      if (literals >= WIDE_COPY) {
        dst.set(src.subarray(s, s + literals), d);
        s += literals;
        d += literals;
      } else {
        const stop = s + literals;
        while (s < stop) dst[d++] = src[s++]!;
      }
    }
    if (s === srcEnd) return d;

    if (srcEnd - s < 2) throw new Lz4DataError('block ends inside a match offset', srcEnd);
    const offsetAt = s;
    const offset = src[s]! | (src[s + 1]! << 8);
    s += 2;
    if (offset === 0) throw new Lz4DataError('match offset 0', offsetAt);
    if (offset > d) throw new Lz4DataError(`match offset ${offset} reaches before the start of the output (${d} bytes)`, offsetAt);

    let length = token & 15;
    if (length === 15) {
      let more: number;
      do {
        if (s >= srcEnd) throw new Lz4DataError('block ends inside a match length', srcEnd);
        more = src[s++]!;
        length += more;
      } while (more === 255);
    }
    length += 4;
    if (length > dstEnd - d) throw new Lz4DataError(`${length}-byte match overflows the ${dstEnd}-byte output`, tokenAt);

    let from = d - offset;
    if (length < WIDE_COPY) {
      // Byte by byte, which is right for overlapping matches too: each byte read was written
      // before it is needed.
      const stop = d + length;
      while (d < stop) dst[d++] = dst[from++]!;
    } else if (offset >= length) {
      dst.copyWithin(d, from, from + length);
      d += length;
    } else {
      // Overlapping (offset < length): the output repeats with period `offset`. Copy the period
      // once, then keep doubling: each copy's source lies wholly before its destination.
      const stop = d + length;
      dst.copyWithin(d, from, d);
      let done = offset;
      while (done < length) {
        const n = Math.min(done + offset, length - done);
        dst.copyWithin(d + done, from, from + n);
        done += n;
      }
      d = stop;
    }
    if (s === srcEnd) throw new Lz4DataError('block ends after a match, without a final literals-only sequence', srcEnd);
  }
}

/**
 * The payload of one record of an LZ4 jlog (`hdr_magic` 0x15106A01): `src` is the record's
 * `compressed_len` bytes, `mlen` its uncompressed length from the header.
 *
 * jlog's "null provider" hazard (spec/jlog-format.md §9): a libjlog built without liblz4 labels a
 * jlog LZ4 but stores payloads as they are, with `compressed_len == mlen`. So when
 * `src.length === mlen` and `src` does not decode as an LZ4 block to exactly `mlen` bytes, the
 * payload is raw and `src` itself is returned. Otherwise the block must decode to exactly `mlen`
 * bytes, or {@link Lz4DataError} is thrown. The result is `src` itself exactly when the payload was
 * taken as raw: `lz4Payload(src, mlen) === src` tells a mislabelled jlog apart. A raw payload that
 * happens to be a valid block of exactly its own length would be decoded; text payloads fail at
 * once (their first match offset points before the start).
 *
 * `scratch`, when given and at least `mlen` bytes long, receives the output, and the result is a
 * view of its first `mlen` bytes (valid until the caller reuses `scratch`): a reader decoding many
 * records passes the same buffer each time and allocates nothing. Otherwise a new buffer is
 * allocated, never larger than a block of `src.length` bytes can fill.
 */
export function lz4Payload(src: Uint8Array, mlen: number, scratch?: Uint8Array): Uint8Array {
  if (!Number.isInteger(mlen) || mlen < 0) throw new RangeError(`ecelog: mlen must be a non-negative integer, got ${mlen}`);
  const maybeRaw = src.length === mlen;
  if (mlen > src.length * MAX_RATIO) {
    throw new Lz4DataError(`${src.length} bytes cannot decode to ${mlen} bytes`, src.length);
  }
  const out = scratch !== undefined && scratch.length >= mlen ? scratch.subarray(0, mlen) : Buffer.allocUnsafe(mlen);
  let written: number;
  try {
    written = decodeLz4Block(src, out);
  } catch (err) {
    if (maybeRaw && err instanceof Lz4DataError) return src;
    throw err;
  }
  if (written === mlen) return out;
  if (maybeRaw) return src;
  throw new Lz4DataError(`block decodes to ${written} bytes, the record says ${mlen}`, src.length);
}
