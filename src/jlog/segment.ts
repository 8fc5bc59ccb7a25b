import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { JlogError } from './errors';
import { orNull } from '../io/missing';
import { Lz4DataError, lz4Payload } from '../io/lz4';
import { confirmOrder, headerSize, isCompressed, segmentName, type Metastore } from './format';
import { RecordTable, scanRecords, storedLength } from './records';

/** Bytes read at a time. */
export const READ_BYTES = 1 << 20;
/** The largest record read by default (a larger one is an error: memory stays bounded). */
export const DEFAULT_MAX_RECORD = 64 << 20;

/** Records read from a segment: valid until the segment is read again. */
export interface Piece {
  log: number;
  /** The marker of the first record in `table` (1-based). */
  firstMarker: number;
  /** The segment offset of `buf[0]` (`table.start` offsets are within `buf`). */
  base: number;
  buf: Buffer;
  /** Where the payloads are (`table.payload` offsets, `table.stored` lengths): `buf`, or the decompressed payloads. */
  data: Buffer;
  table: RecordTable;
}

/** What a read of a segment found. */
export type SegmentRead =
  | { kind: 'records'; piece: Piece }
  /** Nothing complete past the position (yet). */
  | { kind: 'none' }
  /** A header without the magic, or (closed segments) a record running past the end. */
  | { kind: 'corrupt'; offset: number; reason: string };

/**
 * One segment file, read forward from a position: opened once, read `READ_BYTES` at a time into
 * a buffer of its own, never written. Records not all there yet (a write in flight) are left for
 * the next read.
 */
export class Segment {
  /** Byte offset after the last record returned. */
  offset = 0;
  /** Records returned so far (the marker of the last one). */
  marker = 0;
  private buf: Buffer = Buffer.alloc(0);
  /** The segment offset of `buf[0]`, and how many bytes of `buf` hold the file's. */
  private bufBase = 0;
  private bufLen = 0;
  /** The file's size when the buffer was last read. */
  private fileSize = 0;
  private plain: Buffer = Buffer.alloc(0);
  private readonly table = new RecordTable();

  private constructor(
    readonly log: number,
    readonly path: string,
    private readonly fh: FileHandle,
    private meta: Metastore,
    private readonly maxRecord: number,
  ) {}

  /** Opens segment `log` of `dir`, or returns null when it does not exist. */
  static async open(dir: string, log: number, meta: Metastore, maxRecord = DEFAULT_MAX_RECORD): Promise<Segment | null> {
    const path = join(dir, segmentName(log));
    const fh = await orNull(open(path, 'r'));
    return fh === null ? null : new Segment(log, path, fh, meta, maxRecord);
  }

  async size(): Promise<number> {
    return (await this.fh.stat()).size;
  }

  /**
   * Reads up to `max` records after the position; `closed` says the writer has moved on, so the
   * records must end exactly at the file's end. The position advances past what is returned.
   */
  async read(max: number, closed: boolean): Promise<SegmentRead> {
    const h = headerSize(this.meta.magic);
    let want = 0; // bytes the next refill must read at least (a record larger than a read)
    let fresh = false; // the buffer was just read from the position
    for (;;) {
      let from = this.offset - this.bufBase;
      if (!fresh && (want > 0 || from < 0 || from >= this.bufLen)) {
        // Refill from the position: what is buffered holds no complete record after it.
        const size = (this.fileSize = await this.size());
        if (this.offset >= size) return { kind: 'none' };
        const length = Math.max(want, Math.min(size - this.offset, READ_BYTES));
        if (this.buf.length < length) this.buf = Buffer.allocUnsafe(Math.max(length, Math.min(READ_BYTES, size)));
        this.bufLen = await this.readFully(this.buf, length, this.offset);
        this.bufBase = this.offset;
        from = 0;
        fresh = true;
        if (this.offset === 0 && this.bufLen >= 16) this.meta = confirmOrder(this.meta, this.buf, size);
      }
      this.table.count = 0;
      const r = scanRecords(this.meta, this.buf, from, this.bufLen, this.fileSize - this.bufBase, max, this.maxRecord, this.table);
      let end = r.end;
      let data = this.buf;
      if (this.table.count > 0 && isCompressed(this.meta.magic)) {
        const bad = this.inflate();
        data = this.plain;
        if (bad !== null) {
          // Records before the bad one go out now; the next read starts at it and reports it.
          if (this.table.count === 0) return { kind: 'corrupt', offset: this.offset, reason: bad };
          end = this.table.start[this.table.count]!;
        }
      }
      if (this.table.count > 0) {
        const piece: Piece = { log: this.log, firstMarker: this.marker + 1, base: this.bufBase, buf: this.buf, data, table: this.table };
        this.offset = this.bufBase + end;
        this.marker += this.table.count;
        return { kind: 'records', piece };
      }
      if (r.corrupt !== null) return { kind: 'corrupt', offset: this.offset, reason: r.corrupt };
      if (r.tooLarge > 0)
        throw new JlogError(
          'JLOG_TOO_LARGE',
          `${this.path}: a record of ${r.tooLarge} bytes at offset ${this.offset} exceeds maxRecordBytes (${this.maxRecord})`,
          this.log,
          this.offset,
        );
      if (!fresh) {
        this.bufLen = 0; // read again from the position: the record may be complete in the file by now
        continue;
      }
      // The record at the position is not all in a fresh read: larger than a read, or not written yet.
      const n = this.bufLen;
      if (n < h) return this.incomplete(closed, `a partial record header of ${n} bytes at the end`);
      const total = h + storedLength(this.meta, this.buf, 0);
      if (this.offset + total > this.fileSize)
        return this.incomplete(closed, `a record of ${total} bytes runs past the end (${this.fileSize} bytes)`);
      want = total;
      fresh = false;
    }
  }

  /**
   * Decompresses the table's records into `plain` and points the table at them. Stops at the first
   * record that does not decompress (the table then ends before it) and says why, else null.
   */
  private inflate(): string | null {
    const t = this.table;
    let total = 0;
    for (let i = 0; i < t.count; i++) total += t.length[i]!;
    if (this.plain.length < total) this.plain = Buffer.allocUnsafe(Math.max(total, READ_BYTES));
    let at = 0;
    for (let i = 0; i < t.count; i++) {
      const src = this.buf.subarray(t.payload[i], t.payload[i]! + t.stored[i]!);
      try {
        const out = lz4Payload(src, t.length[i]!, this.plain.subarray(at, at + t.length[i]!));
        if (out === src) this.plain.set(src, at); // stored raw (a jlog labelled LZ4 by a build without liblz4)
      } catch (err) {
        if (!(err instanceof Lz4DataError)) throw err;
        t.count = i;
        return `record ${this.marker + i + 1}: LZ4 data error at byte ${err.offset} of its payload (${err.message})`;
      }
      t.payload[i] = at;
      t.stored[i] = t.length[i]!;
      at += t.length[i]!;
    }
    return null;
  }

  private incomplete(closed: boolean, reason: string): SegmentRead {
    return closed ? { kind: 'corrupt', offset: this.offset, reason } : { kind: 'none' };
  }

  private async readFully(buf: Buffer, length: number, position: number): Promise<number> {
    let got = 0;
    while (got < length) {
      const { bytesRead } = await this.fh.read(buf, got, length - got, position + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got;
  }

  /**
   * Skips the first `marker` records (a position kept as a marker, as checkpoints are). Returns
   * how many were there: fewer when the segment holds fewer (so far).
   */
  async skip(marker: number, closed: boolean): Promise<number> {
    while (this.marker < marker) {
      const r = await this.read(marker - this.marker, closed);
      if (r.kind !== 'records') break;
    }
    return this.marker;
  }

  async close(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }
}
