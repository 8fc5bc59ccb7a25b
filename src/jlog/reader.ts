import { JlogError } from './errors';
import { readMetastore, formatId, type JlogId, type Metastore } from './format';
import { Segment, DEFAULT_MAX_RECORD, type Piece } from './segment';
import { listJlog } from './directory';

/** What reading a jlog met besides records. */
export type ReaderNote =
  /** Segments `from`..`to` (inclusive) were missing: deleted (by other subscribers' checkpoints, or by hand). */
  | { kind: 'missing'; from: number; to: number }
  /** A closed segment is corrupt at `offset`; with `onCorrupt: 'skip'` reading went on with the next segment. */
  | { kind: 'corrupt'; log: number; offset: number; reason: string };

export type ReaderStep = { kind: 'records'; piece: Piece } | { kind: 'idle' } | { kind: 'note'; note: ReaderNote };

export interface ReaderOptions {
  /** A corrupt closed segment: throw (default) or report it and go on with the next segment. */
  onCorrupt?: 'throw' | 'skip';
  /** The largest record read (default 64 MiB); a larger one is an error. */
  maxRecordBytes?: number;
}

/**
 * Reads a jlog forward from a position (the last record consumed, as a checkpoint holds it),
 * across segments, as the reference reader's `read_interval` does: a closed segment (below the
 * metastore's `storage_log`) read to its end leads to the next; a missing one is skipped (and
 * reported); the writer's segment is read up to its last complete record. Writes nothing.
 */
export class JlogReader {
  private seg: Segment | null = null;
  /** The last record returned (or the starting position). */
  private pos: JlogId;
  /** Corruption seen in the writer's segment: reported once, re-checked when it closes. */
  private pendingCorrupt: string | null = null;

  constructor(
    readonly dir: string,
    private meta: Metastore,
    start: JlogId,
    private readonly opts: ReaderOptions = {},
  ) {
    this.pos = { ...start };
  }

  /** The last record returned, as a checkpoint (segment, marker). */
  get position(): JlogId {
    return { ...this.pos };
  }

  get metastore(): Metastore {
    return this.meta;
  }

  /**
   * Reads up to `max` records, or says why there are none now. The metastore is read again only
   * when a segment is opened or the writer's segment holds nothing more: a segment below
   * `storage_log` stays closed, and it is read once more after the metastore says it closed.
   */
  async next(max: number): Promise<ReaderStep> {
    for (;;) {
      let fresh = false; // the metastore was read for this step
      if (!this.seg) {
        await this.refresh();
        fresh = true;
        const seg = await Segment.open(this.dir, this.pos.log, this.meta, this.opts.maxRecordBytes ?? DEFAULT_MAX_RECORD);
        if (!seg) {
          if (this.pos.log >= this.meta.storageLog) return { kind: 'idle' }; // the writer has not created it yet
          return { kind: 'note', note: await this.skipMissing() };
        }
        this.seg = seg;
        const had = await seg.skip(this.pos.marker, this.pos.log < this.meta.storageLog);
        if (had < this.pos.marker) this.pos.marker = had; // a checkpoint past the end: clamped, as the reference does
      }
      let closed = this.pos.log < this.meta.storageLog;
      let r = await this.seg.read(max, closed);
      if (r.kind !== 'records' && !closed && !fresh) {
        // Nothing more in what was the writer's segment: has it closed meanwhile? Then what it
        // holds now is final: read it once more (the metastore first, then the segment).
        await this.refresh();
        closed = this.pos.log < this.meta.storageLog;
        if (closed) r = await this.seg.read(max, closed);
      }
      if (r.kind === 'records') {
        this.pos = { log: this.seg.log, marker: this.seg.marker };
        return r;
      }
      if (r.kind === 'corrupt') {
        if (!closed) {
          // The writer's segment: a torn write that a restarted writer appended after. The
          // reference reader stops here too until the segment closes; then it is an error.
          if (this.pendingCorrupt === null) {
            this.pendingCorrupt = r.reason;
            return { kind: 'note', note: { kind: 'corrupt', log: this.seg.log, offset: r.offset, reason: r.reason } };
          }
          return { kind: 'idle' };
        }
        const where = `${this.seg.path}: corrupt at offset ${r.offset} (after record ${formatId(this.pos)}): ${r.reason}`;
        if (this.opts.onCorrupt !== 'skip') throw new JlogError('JLOG_CORRUPT', where, this.seg.log, r.offset);
        const note: ReaderNote = { kind: 'corrupt', log: this.seg.log, offset: r.offset, reason: r.reason };
        await this.advance();
        return { kind: 'note', note };
      }
      if (!closed) return { kind: 'idle' };
      // A closed segment read to its end: on to the next.
      await this.advance();
    }
  }

  private async refresh(): Promise<void> {
    this.meta = { ...(await readMetastore(this.dir)), littleEndian: this.meta.littleEndian, orderGuessed: false };
  }

  private async advance(): Promise<void> {
    await this.seg?.close();
    this.seg = null;
    this.pendingCorrupt = null;
    this.pos = { log: this.pos.log + 1, marker: 0 };
  }

  /** Segment `pos.log` is missing below the writer's: go to the next one that exists. */
  private async skipMissing(): Promise<ReaderNote> {
    const from = this.pos.log;
    const { segments } = await listJlog(this.dir);
    const next = segments.find((s) => s > from) ?? this.meta.storageLog;
    const to = Math.min(next, this.meta.storageLog) - 1;
    this.pos = { log: to + 1, marker: 0 };
    return { kind: 'missing', from, to: Math.max(from, to) };
  }

  async close(): Promise<void> {
    await this.seg?.close();
    this.seg = null;
  }
}
