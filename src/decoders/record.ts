import { parseDecimal, parseUint, type Cursor } from '../core/cursor';
import type { Layout, LogKind } from './event';
import type { Shape } from '../core/shape';
import { bounceCategory, bounceClassName, OUT_OF_BAND_STAGE } from './bounce-classes';
import { compileBuilder, headerProperties, objectLiteral, type Property } from './builder';

/**
 * One record layout of one log, declared as data: which logical field holds what. Every decoder
 * is a table of these; `defineRecord` turns one into a Shape (for the cursor) and a builder that
 * makes the event as a single object literal (builder.ts: one hidden class per record type, built
 * in JS). Column names are field names of ours, checked there: a bad one fails at definition.
 */

/** How a column is read from its field. */
export type ColumnKind =
  | 'str' // text as logged
  | 'quoted' // text, an address local part read quote-aware
  | 'int' // unsigned integer (the line is malformed otherwise)
  | 'dec' // decimal number
  | 'class_name' // bounce class name of the integer field
  | 'class_category' // bounce class category of the integer field
  | 'out_of_band'; // whether the integer stage field is 21

/** `[name, field index, kind]`, or `[name, null]` for a field the layout does not have (null). Names are snake_case. */
export type Column = readonly [name: string, field: number, kind?: ColumnKind] | readonly [name: string, field: null];

export interface RecordDef {
  type: string;
  /** The record letter, or null to take it from the line (heartbeats: `M`, `M1`, …). */
  record: string | null;
  log: LogKind;
  layout: Layout;
  /** Logical field count, including timestamp and record letter (the minimum with freeText). */
  fields: number;
  freeText?: boolean;
  columns: readonly Column[];
}

/** A compiled record: the shape the cursor resolves, and the builder of its event. */
export interface RecordDecoder {
  readonly def: RecordDef;
  readonly shape: Shape;
  /** Field names by logical index, for error messages. */
  readonly names: readonly string[];
  /** Makes the event of the current line (after `cursor.resolve(shape)` succeeded); null when a number field is not a number. */
  readonly build: (c: Cursor, timestamp: number, timestampUs: number) => object | null;
}

const helpers = { bounceClassName, bounceCategory, OUT_OF_BAND_STAGE, parseUint, parseDecimal };
const J = JSON.stringify;

/**
 * The builder's fast path reads a line whose logical fields are the raw ones (`c.direct`) straight
 * from the scanner's entries `o`, from the line's first entry `k` (Cursor.rawStart / rawEnd
 * unrolled for a constant i): these are field i's bounds in `c.buf`. The record's `last` field
 * ends at the line's end.
 */
function bounds(i: number, last: number): [start: string, end: string] {
  return [i === 0 ? 'c.start' : `(o[k + ${i - 1}] & 0x7fffffff) + 1`, i === last ? 'c.stop' : `(o[k + ${i}] & 0x7fffffff)`];
}

/** How the fast path reads column kind `kind` of field i (`last` as in bounds()), or null for the generic reader. */
function fastExpression(kind: ColumnKind, i: number, last: number): string | null {
  const [s, e] = bounds(i, last);
  if (kind === 'str' || kind === 'quoted') return `t.slice(${s} - w, ${e} - w)`; // t: the window's text from byte w
  if (kind === 'int') return `h.parseUint(b, ${s}, ${e})`;
  if (kind === 'dec') return `h.parseDecimal(b, ${s}, ${e})`;
  return null;
}

function expression(kind: ColumnKind, i: number): string {
  switch (kind) {
    case 'str':
    case 'quoted':
      return `c.str(${i})`;
    case 'int':
    case 'dec':
      return `v${i}`; // parsed and checked before the object is made
    case 'class_name':
      return `h.bounceClassName(v${i})`;
    case 'class_category':
      return `h.bounceCategory(v${i})`;
    case 'out_of_band':
      return `v${i} === h.OUT_OF_BAND_STAGE`;
  }
}

export function defineRecord(def: RecordDef): RecordDecoder {
  const where = `${def.log} ${def.record}`; // names the record in definition errors
  let quoted = 0;
  let ints = 0;
  let decimals = 0;
  const names: string[] = Array.from({ length: def.fields }, (_, i) => `field ${i}`);
  names[0] = 'timestamp';
  const head = headerProperties({
    type: J(def.type),
    record: def.record === null ? 'c.str(rec)' : J(def.record),
    log: J(def.log),
    line: 'c.line',
    offset: 'c.base + c.start',
    time: ['ts', 'us'],
  });
  head.push(['layout', J(def.layout)]);
  const props: Property[] = [...head];
  const fastProps: Property[] = [...head];
  const last = def.fields - 1;
  let strings = 0;
  for (const col of def.columns) {
    const [name, field] = col;
    if (field === null) {
      props.push([name, 'null']);
      fastProps.push([name, 'null']);
      continue;
    }
    const kind = col[2] ?? 'str';
    if (field >= def.fields) throw new Error(`${where}: column ${name} outside the record`);
    const bit = 1 << field;
    if (kind === 'quoted') quoted |= bit;
    else if (kind === 'int') ints |= bit;
    else if (kind === 'dec') decimals |= bit;
    if (kind === 'str' || kind === 'quoted' || kind === 'int' || kind === 'dec') names[field] = name;
    props.push([name, expression(kind, field)]);
    const fast = kind === 'str' || kind === 'quoted' ? fastExpression(kind, field, last) : null;
    fastProps.push([name, fast ?? expression(kind, field)]);
    if (fast !== null) strings++;
  }
  const recIndex = def.layout === '4' ? 4 : 2;
  names[recIndex] = 'record';
  // Number fields are parsed first; the builder returns null when one is not a number.
  const numbers: string[] = [];
  const fastNumbers: string[] = [];
  const checks: string[] = [];
  for (let i = 0; i < def.fields; i++) {
    const kind = (ints >>> i) & 1 ? 'int' : (decimals >>> i) & 1 ? 'dec' : null;
    if (kind === null) continue;
    numbers.push(`const v${i} = c.${kind}(${i});`);
    fastNumbers.push(`const v${i} = ${fastExpression(kind, i, last)};`);
    checks.push(kind === 'int' ? `v${i} < 0` : `v${i} !== v${i}`);
  }
  const check = checks.length > 0 ? `if (${checks.join(' || ')}) return null;` : '';
  for (const col of def.columns) {
    const kind = col[2];
    if ((kind === 'class_name' || kind === 'class_category' || kind === 'out_of_band') && !((ints >>> col[1]!) & 1))
      throw new Error(`${where}: column ${col[0]} needs field ${col[1]} declared as int`);
  }
  // Generated twice: the fast path for a line whose fields are the raw ones (strings cut from the
  // window's text when the line is ASCII), and the generic one through the cursor's readers.
  // Both literals have the same keys in the same order, so they make objects of one hidden class.
  const literal = objectLiteral(props, 'ours', where);
  const fastLiteral = objectLiteral(fastProps, 'ours', where);
  const body = [
    `const rec = ${recIndex};`,
    'function generic(c, ts, us) {',
    ...numbers,
    `  ${check}`,
    `  return ${literal};`,
    '}',
    'return function build(c, ts, us) {',
    '  if (!c.direct) return generic(c, ts, us);',
    '  const o = c.offsets, k = c.lineEntry, b = c.buf;',
    ...fastNumbers,
    `  ${check}`,
    strings > 0 ? `  const t = c.fastText(${strings});` : '  const t = null;',
    `  if (t === null) return ${literal};`,
    '  const w = c.textBase;',
    `  return ${fastLiteral};`,
    '};',
  ].join('\n');
  const shape: Shape = { fields: def.fields, freeText: def.freeText ?? false, quoted, ints, decimals };
  // Compiled at its first line, not when the module loads: a program that never reads this
  // record (most read one or two kinds of the dozens of records) does not pay for it.
  const record: { -readonly [K in keyof RecordDecoder]: RecordDecoder[K] } = {
    def,
    shape,
    names,
    build(c, ts, us) {
      record.build = compileBuilder<RecordDecoder['build']>(body, helpers);
      return record.build(c, ts, us);
    },
  };
  return record;
}
