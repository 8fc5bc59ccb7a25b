import { gzipSync } from 'node:zlib';
import { eventBody, type IngestEvent } from '../convert/types';

/**
 * Groups events into gzip-compressed NDJSON batches for the Ingest API (sparkpost-events.md §1):
 * one `{"msys":…}` object per line, every line ending in "\n", at most `maxBytes` compressed.
 */

export interface BatcherOptions {
  /** Compressed size limit per batch (the Ingest API takes at most 5 MB a request). Never exceeded. */
  maxBytes?: number;
  /** Uncompressed NDJSON bytes per batch at most (default 5 MiB, as SparkPost's own feeder sends; one larger event goes alone). */
  maxRawBytes?: number;
  /** A batch is due this long after its first event was added. */
  maxAgeMs?: number;
  /** Seconds; older events are not batched (the Ingest API drops events older than 24 hours). 0 = no limit. */
  maxEventAge?: number;
  /** Millisecond clock. */
  now?: () => number;
}

export interface Batch {
  /** gzip of the NDJSON lines. */
  body: Buffer;
  events: number;
  /** Uncompressed bytes. */
  rawBytes: number;
}

export interface BatcherStats {
  /** Events handed out in batches. */
  events: number;
  batches: number;
  dropped_old: number;
  dropped_too_large: number;
}

export const INGEST_MAX_BYTES = 5_000_000;
/** Uncompressed bytes per batch: SparkPost's own Ingest feeder caps the NDJSON body at 5 MiB. */
export const INGEST_MAX_RAW_BYTES = 5 * 1024 * 1024;

export class Batcher {
  readonly stats: BatcherStats = { events: 0, batches: 0, dropped_old: 0, dropped_too_large: 0 };
  private readonly maxBytes: number;
  private readonly maxRawBytes: number;
  private readonly maxAgeMs: number;
  private readonly maxEventAge: number;
  private readonly now: () => number;
  /** The open batch's NDJSON lines (each with its newline), as strings: one encoding per batch rather than a Buffer per line. */
  private lines: string[] = [];
  private rawBytes = 0;
  private openedAt = 0;

  constructor(options: BatcherOptions = {}) {
    this.maxBytes = options.maxBytes ?? INGEST_MAX_BYTES;
    this.maxRawBytes = options.maxRawBytes ?? INGEST_MAX_RAW_BYTES;
    this.maxAgeMs = options.maxAgeMs ?? 30_000;
    this.maxEventAge = options.maxEventAge ?? 86_400;
    this.now = options.now ?? Date.now;
  }

  /** Events in the open batch. */
  get pending(): number {
    return this.lines.length;
  }

  /** Adds one event; returns the batches this closed (usually none). */
  add(ev: IngestEvent): Batch[] {
    if (this.tooOld(ev)) {
      this.stats.dropped_old++;
      return [];
    }
    const line = `${JSON.stringify(ev)}\n`;
    const bytes = Buffer.byteLength(line, 'utf8');
    const closed = this.rawBytes + bytes > this.maxRawBytes ? this.take() : [];
    if (this.lines.length === 0) this.openedAt = this.now();
    this.lines.push(line);
    this.rawBytes += bytes;
    if (this.rawBytes >= this.maxRawBytes) closed.push(...this.take());
    return closed;
  }

  /** Whether the open batch is older than `maxAgeMs`. */
  due(): boolean {
    return this.lines.length > 0 && this.now() - this.openedAt >= this.maxAgeMs;
  }

  /** Closes the open batch and returns it, split into several when it compresses above `maxBytes`. */
  take(): Batch[] {
    const lines = this.lines;
    this.lines = [];
    this.rawBytes = 0;
    const out: Batch[] = [];
    if (lines.length > 0) this.compress(lines, out);
    return out;
  }

  private tooOld(ev: IngestEvent): boolean {
    if (this.maxEventAge <= 0) return false;
    const ts = Number(eventBody(ev).timestamp);
    return Number.isFinite(ts) && ts * 1000 < this.now() - this.maxEventAge * 1000;
  }

  /** Compresses `lines` into `out`, halving (recursively) what is too large; drops a single line that is. */
  private compress(lines: string[], out: Batch[]): void {
    const raw = Buffer.from(lines.join(''), 'utf8');
    const body = gzipSync(raw);
    if (body.length <= this.maxBytes) {
      out.push({ body, events: lines.length, rawBytes: raw.length });
      this.stats.batches++;
      this.stats.events += lines.length;
    } else if (lines.length === 1) {
      this.stats.dropped_too_large++;
    } else {
      const half = lines.length >> 1;
      this.compress(lines.slice(0, half), out);
      this.compress(lines.slice(half), out);
    }
  }
}
