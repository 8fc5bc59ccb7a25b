import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { segmentName } from './format';
import type { Piece } from './segment';

/** One jlog message as stored: its position, the header's time, its payload (a copy). */
export interface JlogMessage {
  /** `<identity>:<segment>:<marker>` (8 hex digits each): stable across runs. */
  id: string;
  /** Segment number and 1-based ordinal in it (the jlog's own id). */
  segment: number;
  marker: number;
  /** The header's time: whole seconds, and microseconds since the epoch. */
  timestamp: number;
  timestamp_us: number;
  payload: Buffer;
}

/**
 * The identity in ids: given, or derived from the host name and the directory's real path (the
 * same on every run on this node; two nodes' jlogs of the same path differ).
 */
export function jlogIdentity(realDir: string, given?: string): string {
  if (given !== undefined) return given;
  return createHash('sha256').update(hostname()).update('\0').update(realDir).digest('hex').slice(0, 16);
}

/** What the ids of a segment's messages start with: `<identity>:<segment>:`. */
export function idPrefix(identity: string, log: number): string {
  return identity + ':' + segmentName(log) + ':';
}

/** The messages of a piece, their payloads views of one copy of the piece's. */
export function messagesOf(piece: Piece, identity: string): JlogMessage[] {
  const t = piece.table;
  const out: JlogMessage[] = new Array<JlogMessage>(t.count);
  if (t.count === 0) return out;
  const first = t.payload[0]!;
  const copy = Buffer.from(piece.data.subarray(first, t.payload[t.count - 1]! + t.stored[t.count - 1]!));
  const prefix = idPrefix(identity, piece.log);
  for (let i = 0; i < t.count; i++) {
    const marker = piece.firstMarker + i;
    const at = t.payload[i]! - first;
    out[i] = {
      id: prefix + segmentName(marker),
      segment: piece.log,
      marker,
      timestamp: t.seconds[i]!,
      timestamp_us: t.seconds[i]! * 1e6 + t.micros[i]!,
      payload: copy.subarray(at, at + t.stored[i]!),
    };
  }
  return out;
}

/**
 * The payloads of a piece as lines: each followed by `\n` unless it ends with one already (an
 * ec_logger line written with its newline). `starts[i]` is where message i begins in `text`.
 * With `reuse`, the text is written into its buffer (grown when too small), valid until the next call.
 */
export function linesOf(piece: Piece, starts: number[], reuse?: { buf: Buffer }): Buffer {
  const t = piece.table;
  let total = 0;
  for (let i = 0; i < t.count; i++) total += t.stored[i]! + 1;
  let text: Buffer;
  if (reuse === undefined) text = Buffer.allocUnsafe(total);
  else {
    if (reuse.buf.length < total) reuse.buf = Buffer.allocUnsafe(Math.max(total, 1 << 20));
    text = reuse.buf;
  }
  let at = 0;
  const data = piece.data;
  for (let i = 0; i < t.count; i++) {
    starts[i] = at;
    const from = t.payload[i]!;
    const length = t.stored[i]!;
    at += data.copy(text, at, from, from + length);
    if (length === 0 || data[from + length - 1] !== 10) text[at++] = 10;
  }
  starts.length = t.count;
  return text.subarray(0, at);
}
