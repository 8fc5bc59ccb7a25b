import { headerSize, isCompressed, type Metastore } from './format';

/**
 * Records in a piece of a segment: each a header (magic, seconds, microseconds, length, and the
 * stored length when compressed) and its payload, back to back with no padding. A piece ends at
 * the first record that is not all there; a header without the jlog's magic is corruption.
 */

/** Where the records of a piece are: parallel arrays, filled by scanRecords, reused. */
export class RecordTable {
  count = 0;
  /** Offset of each record's header within the piece. */
  start: number[] = [];
  /** Offset of its stored payload within the piece, and the stored payload's length. */
  payload: number[] = [];
  stored: number[] = [];
  /** The payload's length once decompressed (the header's `mlen`). */
  length: number[] = [];
  seconds: number[] = [];
  micros: number[] = [];
}

export interface ScanResult {
  /** Offset after the last complete record. */
  end: number;
  /** Set when a header at `end` does not carry the jlog's magic. */
  corrupt: string | null;
  /** Set when the record at `end` is larger than allowed: its size (header and stored or decompressed payload). */
  tooLarge: number;
}

/**
 * Scans `buf[from, to)` for complete records, at most `max` (appended to `table`, which the
 * caller resets); the file holds `fileEnd` bytes from `buf[0]` on. Stops at a partial record
 * (`end` points at it), a bad header (`corrupt`) or a record the file holds whole but that is
 * larger than `maxRecord` bytes (`tooLarge`): a length past the file's end is never allocated.
 */
export function scanRecords(
  meta: Metastore,
  buf: Buffer,
  from: number,
  to: number,
  fileEnd: number,
  max: number,
  maxRecord: number,
  table: RecordTable,
): ScanResult {
  const h = headerSize(meta.magic);
  const compressed = isCompressed(meta.magic);
  const le = meta.littleEndian;
  const magic = meta.magic >>> 0;
  // A DataView reads unaligned integers inline (Buffer's readUInt32LE is a call per field).
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let off = from;
  while (table.count < max && off + h <= to) {
    const tag = view.getUint32(off, le);
    if (tag !== magic)
      return {
        end: off,
        corrupt: `record magic 0x${tag.toString(16).padStart(8, '0')}, expected 0x${magic.toString(16).padStart(8, '0')}`,
        tooLarge: 0,
      };
    const mlen = view.getUint32(off + 12, le);
    const stored = compressed ? view.getUint32(off + 16, le) : mlen;
    if (off + h + stored > fileEnd) break; // not all written (yet): the caller decides
    if (h + Math.max(stored, mlen) > maxRecord) return { end: off, corrupt: null, tooLarge: h + Math.max(stored, mlen) };
    if (off + h + stored > to) break;
    const i = table.count++;
    table.start[i] = off;
    table.payload[i] = off + h;
    table.stored[i] = stored;
    table.length[i] = mlen;
    table.seconds[i] = view.getUint32(off + 4, le);
    table.micros[i] = view.getUint32(off + 8, le);
    off += h + stored;
  }
  return { end: off, corrupt: null, tooLarge: 0 };
}

/** The stored length of the record whose header starts at `buf[off]` (the header must be there). */
export function storedLength(meta: Metastore, buf: Buffer, off: number): number {
  const at = isCompressed(meta.magic) ? off + 16 : off + 12;
  return meta.littleEndian ? buf.readUInt32LE(at) : buf.readUInt32BE(at);
}
