import { isUtf8 } from 'node:buffer';
import { parseUint, type Cursor } from '../cursor';
import type { EcelogEvent, Layout, LogKind, MalformedEvent } from '../events';
import { defineRecord, type RecordDecoder } from './record';

/**
 * The mechanism every `@`-log decoder shares: find the timestamp and the record letter (at field 4
 * in the 3.x/4.x layout, at field 2 in the 2.x layouts — detected per line), pick the record
 * layout among the candidates, build the event — or say precisely why the line is malformed.
 */
export interface LogDecoder {
  readonly log: LogKind;
  /** Record decoders by letter char code: index 0 holds the 3.x/4.x layout, then the 2.x ones in order of preference. */
  readonly records: ReadonlyArray<readonly RecordDecoder[] | undefined>;
  /** Heartbeats (`M`, `M1`, …): [3.x/4.x, 2.x]. */
  readonly heartbeats: readonly [RecordDecoder, RecordDecoder];
}

export interface DecodeOptions {
  /** Attach a copy of each line's bytes as `bytes`. */
  rawBytes?: boolean;
  /** Longer lines become `malformed` events. */
  maxLineLength?: number;
}

/** The bytes of a malformed line kept in `raw` (the whole line is in `bytes` with `rawBytes`). */
export const MAX_RAW_TEXT = 64 * 1024;
export const DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

export function recordTable(entries: ReadonlyArray<readonly [string, RecordDecoder[]]>): Array<RecordDecoder[] | undefined> {
  const table: Array<RecordDecoder[] | undefined> = [];
  for (const [letter, decoders] of entries) table[letter.charCodeAt(0)] = decoders;
  return table;
}

export function heartbeats(log: LogKind): [RecordDecoder, RecordDecoder] {
  return [
    defineRecord({ type: 'heartbeat', record: null, log, layout: '4', fields: 5, columns: [] }),
    defineRecord({ type: 'heartbeat', record: null, log, layout: '2', fields: 3, columns: [] }),
  ];
}

const HEARTBEAT = -2;
const NONE = -1;

/** The record letter in raw field i: its char code, HEARTBEAT for `M` + digits, or NONE. */
function letterAt(c: Cursor, i: number): number {
  const s = c.rawStart(i);
  const e = c.rawEnd(i);
  const buf = c.buf;
  if (e === s) return NONE;
  const first = buf[s]!;
  if (first < 65 || first > 90) return NONE;
  if (e === s + 1) return first === 77 ? HEARTBEAT : first;
  if (first !== 77) return NONE;
  for (let j = s + 1; j < e; j++) if (buf[j]! < 48 || buf[j]! > 57) return NONE;
  return HEARTBEAT;
}

/** A `malformed` event for the cursor's current line. */
export function malformed(c: Cursor, log: LogKind, record: string | null, reason: string, opts: DecodeOptions): MalformedEvent {
  return malformedEvent(log, c.line, c.base + c.start, record, reason, c.lineBytes(), opts);
}

/** A `malformed` event from its facts; `bytes` are the line's bytes (or its first part). */
export function malformedEvent(
  log: LogKind,
  line: number,
  offset: number,
  record: string | null,
  reason: string,
  bytes: Buffer,
  opts: DecodeOptions,
): MalformedEvent {
  const ev: MalformedEvent = {
    type: 'malformed',
    record,
    log,
    line,
    offset,
    reason,
    raw: bytes.toString('utf8', 0, Math.min(bytes.length, MAX_RAW_TEXT)),
  };
  if (opts.rawBytes) ev.bytes = new Uint8Array(bytes);
  return ev;
}

/** The reason given for a line longer than `maxLineLength`. */
export function tooLong(length: number, max: number): string {
  return `line of ${length} bytes exceeds maxLineLength (${max})`;
}

/** Decodes the cursor's current line. Never throws for bad input: returns a `malformed` event. */
export function decodeLine(c: Cursor, d: LogDecoder, opts: DecodeOptions): EcelogEvent {
  const log = d.log;
  const buf = c.buf;
  const start = c.start;
  const length = c.stop - start;
  if (length === 0) return malformed(c, log, null, 'empty line', opts);
  const max = opts.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  if (length > max) {
    // Only the head of an overlong line is kept, as a stream that never holds it whole would.
    const head = c.lineBytes().subarray(0, MAX_RAW_TEXT);
    return malformedEvent(log, c.line, c.base + start, null, tooLong(length, max), head, opts);
  }
  if (c.maybeNul) {
    const nul = c.lineBytes().indexOf(0);
    if (nul >= 0) return malformed(c, log, null, `NUL byte at column ${nul + 1}`, opts);
  }

  // Timestamp: epoch seconds (10 digits; 9 before 2001) or microseconds (16 digits).
  const tsEnd = c.rawEnd(0);
  const digits = tsEnd - start;
  const t = parseUint(buf, start, tsEnd);
  let ts: number;
  let us: number;
  if (t >= 0 && digits <= 11) {
    ts = t;
    us = t * 1e6;
  } else if (t >= 0 && digits >= 15 && digits <= 17) {
    us = t;
    ts = Math.floor(t / 1e6);
  } else {
    const shown = c.text(start, Math.min(tsEnd, start + 32));
    const why = t < 0 ? 'is not a number' : `has ${digits} digits (seconds have up to 11, microseconds 15 to 17)`;
    return malformed(c, log, null, `bad timestamp ${JSON.stringify(shown)}: ${why}`, opts);
  }

  // Record letter: field 2 in the 2.x layouts (no batch/connection IDs), field 4 in 3.x/4.x.
  const raw = c.rawFields;
  let layout2 = true;
  const letter2 = raw > 2 ? letterAt(c, 2) : NONE;
  let letter = letter2;
  if (letter === NONE || (letter !== HEARTBEAT && d.records[letter] === undefined)) {
    layout2 = false;
    letter = raw > 4 ? letterAt(c, 4) : NONE;
    if (letter === NONE && letter2 !== NONE) {
      layout2 = true;
      letter = letter2;
    }
  }
  let candidates: readonly RecordDecoder[] | undefined;
  if (letter === HEARTBEAT) candidates = [d.heartbeats[layout2 ? 1 : 0]];
  else if (letter !== NONE) {
    const all = d.records[letter];
    if (all !== undefined) candidates = layout2 ? all.slice(1) : all.slice(0, 1);
  }
  if (candidates === undefined) {
    if (letter !== NONE) {
      const rec = String.fromCharCode(letter);
      return malformed(c, log, rec, `unknown ${log} record type ${JSON.stringify(rec)}`, opts);
    }
    return malformed(c, log, null, `no ${log} record type in field 4 (3.x/4.x layout) or field 2 (2.x layouts)`, opts);
  }

  for (let i = 0; i < candidates.length; i++) {
    const rd = candidates[i]!;
    if (c.resolve(rd.shape)) {
      const ev = rd.build(c, ts, us) as EcelogEvent | null;
      if (ev === null) continue; // a number field is not a number
      if (!c.lineIsAscii() && !isUtf8(c.lineBytes())) ev.invalid_utf8 = true;
      if (opts.rawBytes) ev.bytes = new Uint8Array(c.lineBytes());
      return ev;
    }
  }
  return malformed(c, log, c.text(c.rawStart(layout2 ? 2 : 4), c.rawEnd(layout2 ? 2 : 4)), explain(c, candidates), opts);
}

/** Why no candidate layout fits the line: the field count, or the first field that is not a number. */
function explain(c: Cursor, candidates: readonly RecordDecoder[]): string {
  for (const rd of candidates) {
    c.resolve(rd.shape);
    if (c.fields !== rd.shape.fields) continue;
    const { ints, decimals } = rd.shape;
    for (let i = 0; i < rd.shape.fields; i++) {
      const bit = 1 << i;
      if ((ints & bit) !== 0 && c.int(i) < 0) return fieldError(c, rd, i, 'an integer');
      if ((decimals & bit) !== 0 && Number.isNaN(c.dec(i))) return fieldError(c, rd, i, 'a number');
    }
  }
  const first = candidates[0]!;
  const rec = first.def.record ?? 'heartbeat';
  const counts = candidates.map((rd) => `${rd.shape.fields} (${rd.def.layout === '4' ? '3.x/4.x' : rd.def.layout})`);
  const atLeast = first.shape.freeText ? 'at least ' : '';
  c.resolve(first.shape);
  return `${rec} record: expected ${atLeast}${counts.join(' or ')} fields, found ${c.fields}`;
}

function fieldError(c: Cursor, rd: RecordDecoder, i: number, what: string): string {
  const value = c.text(c.fieldStart(i), Math.min(c.fieldEnd(i), c.fieldStart(i) + 64));
  const layout = rd.def.layout === '4' ? '3.x/4.x' : rd.def.layout;
  return `${rd.def.record} record (${layout} layout): field ${i} (${rd.names[i]}) is not ${what}: ${JSON.stringify(value)}`;
}

export type { Layout };
