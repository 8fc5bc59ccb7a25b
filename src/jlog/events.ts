import type { EventsByLog, EcelogEvent } from '../decoders/index';
import type { LogKind } from '../decoders/event';
import type { LogFormat } from '../decoders/log-format';
import { Session, type ParseOptions } from '../session/session';
import { segmentName } from './format';
import { idPrefix, linesOf } from './payloads';
import type { Piece } from './segment';
import type { ReaderNote } from './reader';

/**
 * Messages decoded as log lines: each payload is one line (or an eventlog document) of the kind
 * read, decoded by that kind's decoder, then given the jlog's coordinates.
 */

/** What every event read from a jlog carries. */
export interface JlogFields {
  /**
   * `<identity>:<segment>:<marker>` (8 lowercase hex digits each, as jlog tools print ids); a
   * message that yields several events (an eventlog line holding an array) gives the second and
   * later ones `:<n>` (1, 2, …) at the end. The same on every run: deduplicate on it.
   */
  id: string;
  /** The message header's time: whole seconds, and microseconds since the epoch. */
  jlog_timestamp: number;
  jlog_timestamp_us: number;
}

/** Segments that were gone when reading reached them (deleted by other subscribers' checkpoints, or by hand). */
export interface SegmentMissingEvent {
  type: 'segment_missing';
  record: null;
  log: LogKind | 'raw';
  /** The first and last segment numbers missing. */
  from: number;
  to: number;
}

/** A closed segment that is corrupt from `offset` on (read with `onCorrupt: 'skip'`): the rest of it was skipped. */
export interface SegmentCorruptEvent {
  type: 'segment_corrupt';
  record: null;
  log: LogKind | 'raw';
  segment: number;
  offset: number;
  reason: string;
}

export type JlogNoteEvent = SegmentMissingEvent | SegmentCorruptEvent;

/** An event of a jlog of kind L. */
export type JlogEvent<L extends LogKind> = (EventsByLog[L] & JlogFields) | JlogNoteEvent;

export function noteEvent(note: ReaderNote, log: LogKind | 'raw'): JlogNoteEvent {
  return note.kind === 'missing'
    ? { type: 'segment_missing', record: null, log, from: note.from, to: note.to }
    : { type: 'segment_corrupt', record: null, log, segment: note.log, offset: note.offset, reason: note.reason };
}

type Mutable = EcelogEvent & JlogFields & { line: number; offset: number };

/** Decodes pieces of one jlog with one log format. */
export class PieceDecoder<L extends LogKind> {
  private readonly starts: number[] = [];
  private readonly text = { buf: Buffer.alloc(0) };

  constructor(
    readonly format: LogFormat<L>,
    private readonly options: Omit<ParseOptions<L>, 'log'>,
    private readonly identity: string,
  ) {}

  /**
   * The events of a piece's messages. `line` is the record's marker (its 1-based ordinal in the
   * segment) and `offset` the byte offset of its header in the segment.
   */
  decode(piece: Piece): Array<EventsByLog[L] & JlogFields> {
    // The text is decoded before the next piece reuses its buffer: events hold copies, never views.
    const text = linesOf(piece, this.starts, this.text);
    // A fresh session per piece: every message is whole, so no entry spans two pieces.
    const session = new Session({ ...this.options, log: this.format, startLine: 0, startOffset: 0 });
    session.write(text);
    session.end();
    const out: Mutable[] = [];
    for (let batch = session.read(); batch !== null; batch = session.read()) for (const ev of batch) out.push(ev as Mutable);
    const t = piece.table;
    const starts = this.starts;
    let m = 0;
    let previous = -1;
    let repeat = 0;
    const prefix = idPrefix(this.identity, piece.log);
    for (const ev of out) {
      while (m + 1 < t.count && starts[m + 1]! <= ev.offset) m++;
      repeat = m === previous ? repeat + 1 : 0;
      previous = m;
      const marker = piece.firstMarker + m;
      ev.id = repeat === 0 ? prefix + segmentName(marker) : prefix + segmentName(marker) + ':' + repeat;
      ev.jlog_timestamp = t.seconds[m]!;
      ev.jlog_timestamp_us = t.seconds[m]! * 1e6 + t.micros[m]!;
      ev.line = marker;
      ev.offset = piece.base + t.start[m]!;
    }
    // Needed: without it tsc gives up on the union (TS2590); the rule cannot see that.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    return out as unknown as Array<EventsByLog[L] & JlogFields>;
  }
}
