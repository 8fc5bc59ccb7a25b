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

export function messageId(identity: string, log: number, marker: number): string {
  return identity + ':' + segmentName(log) + ':' + segmentName(marker);
}

/** The payload of record `i` of a piece (a view, valid until the segment is read again). */
function payloadOf(piece: Piece, i: number): Buffer {
  const t = piece.table;
  return piece.data.subarray(t.payload[i], t.payload[i]! + t.stored[i]!);
}

/** The messages of a piece, payloads copied. */
export function messagesOf(piece: Piece, identity: string): JlogMessage[] {
  const t = piece.table;
  const out: JlogMessage[] = new Array<JlogMessage>(t.count);
  for (let i = 0; i < t.count; i++) {
    const marker = piece.firstMarker + i;
    out[i] = {
      id: messageId(identity, piece.log, marker),
      segment: piece.log,
      marker,
      timestamp: t.seconds[i]!,
      timestamp_us: t.seconds[i]! * 1e6 + t.micros[i]!,
      payload: Buffer.from(payloadOf(piece, i)),
    };
  }
  return out;
}

/**
 * The payloads of a piece as lines: each followed by `\n` unless it ends with one already (an
 * ec_logger line written with its newline). `starts[i]` is where message i begins in `text`.
 */
export function linesOf(piece: Piece, starts: number[]): Buffer {
  const t = piece.table;
  let total = 0;
  for (let i = 0; i < t.count; i++) total += t.stored[i]! + 1;
  const text = Buffer.allocUnsafe(total);
  let at = 0;
  for (let i = 0; i < t.count; i++) {
    starts[i] = at;
    const p = payloadOf(piece, i);
    at += p.copy(text, at);
    if (p.length === 0 || p[p.length - 1] !== 10) text[at++] = 10;
  }
  starts.length = t.count;
  return text.subarray(0, at);
}
