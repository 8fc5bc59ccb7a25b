import type { Cursor } from '../core/cursor';
import type { DecodedEvent, LogKind } from './event';
import { defineRecord, type RecordDecoder } from './record';
import { checkLine, finish, malformed, parseTimestamp, Stamp, type DecodeOptions, type LogFormat } from './log-format';

/**
 * The mechanism every `@`-log decoder shares: the timestamp in field 0, the record letter at one
 * of the log's letter positions (for mainlog and bouncelog: field 2 in the 2.x layouts, field 4
 * in 3.x/4.x — detected per line), the candidate record layouts for that letter (tried in order),
 * and the event — or precisely why the line is malformed.
 */

/** Where a log's record letter may stand, and the records found there. */
export interface LetterPosition {
  /** Raw field index of the letter. */
  readonly field: number;
  /** How error messages name this position, e.g. `3.x/4.x layout`. */
  readonly name: string;
  /** Candidate record decoders by the letter's char code, in order of preference. */
  readonly records: ReadonlyArray<readonly RecordDecoder[] | undefined>;
  /** The heartbeat (`M`, `M1`, …) at this position, if the log writes them. */
  readonly heartbeat?: RecordDecoder;
}

export interface AtLogSpec {
  readonly log: LogKind;
  /** Tried in order: the first position holding a known letter wins. */
  readonly positions: readonly LetterPosition[];
}

/** A letter → candidates table. */
export function recordTable(entries: ReadonlyArray<readonly [string, RecordDecoder[]]>): Array<RecordDecoder[] | undefined> {
  const table: Array<RecordDecoder[] | undefined> = [];
  for (const [letter, decoders] of entries) table[letter.charCodeAt(0)] = decoders;
  return table;
}

/** A heartbeat record of `fields` fields whose letter (`M`, `M1`, …) is at `letterField`. */
export function heartbeat(log: LogKind, layout: '4' | '2', fields: number): RecordDecoder {
  return defineRecord({ type: 'heartbeat', record: null, log, layout, fields, columns: [] });
}

/** The LogFormat of an `@`-log: one event per line, no state between lines. */
export function atLogFormat<K extends LogKind>(spec: AtLogSpec & { readonly log: K }): LogFormat<K> {
  return {
    log: spec.log,
    create: (opts) => {
      const time = new Stamp();
      return { line: (c) => decodeAtLine(c, spec, opts, time), end: () => null };
    },
  };
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

/**
 * Decodes the cursor's current line (`time`: the decoder's scratch for its timestamp). Never throws
 * for bad input: returns a `malformed` event.
 */
export function decodeAtLine(c: Cursor, spec: AtLogSpec, opts: DecodeOptions, time: Stamp): DecodedEvent {
  const log = spec.log;
  const bad = checkLine(c, log, opts);
  if (bad !== null) return bad;
  const why = parseTimestamp(c, c.start, c.rawEnd(0), time);
  if (why !== null) return malformed(c, log, null, why, opts);
  const ts = time.seconds;
  const us = time.micros;

  const raw = c.rawFields;
  let candidates: readonly RecordDecoder[] | undefined;
  let at: LetterPosition | undefined;
  let unknown = NONE;
  const positions = spec.positions;
  for (let p = 0; p < positions.length; p++) {
    const pos = positions[p]!;
    if (raw <= pos.field) continue;
    const letter = letterAt(c, pos.field);
    if (letter === HEARTBEAT && pos.heartbeat) candidates = [pos.heartbeat];
    else if (letter >= 0) candidates = pos.records[letter];
    if (candidates !== undefined) {
      at = pos;
      break;
    }
    if (unknown === NONE && letter >= 0) unknown = letter;
  }
  if (candidates === undefined || at === undefined) {
    if (unknown !== NONE) {
      const rec = String.fromCharCode(unknown);
      return malformed(c, log, rec, `unknown ${log} record type ${JSON.stringify(rec)}`, opts);
    }
    const where = spec.positions
      .map((p) => `field ${p.field} (${p.name})`)
      .reverse()
      .join(' or ');
    return malformed(c, log, null, `no ${log} record type in ${where}`, opts);
  }

  for (let i = 0; i < candidates.length; i++) {
    const rd = candidates[i]!;
    if (c.resolve(rd.shape)) {
      const ev = rd.build(c, ts, us) as DecodedEvent | null;
      if (ev !== null) return finish(ev, c, opts); // null: a number field is not a number
    }
  }
  return malformed(c, log, c.text(c.rawStart(at.field), c.rawEnd(at.field)), explain(c, candidates), opts);
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
