import type { Cursor } from '../cursor';
import type { Layout, LogKind } from '../events';
import type { Shape } from '../shape';
import { bounceCategory, bounceClassName, OUT_OF_BAND_STAGE } from './bounce-classes';

/**
 * One record layout of one log, declared as data: which logical field holds what. Every decoder
 * is a table of these; `defineRecord` turns one into a Shape (for the cursor) and a builder that
 * makes the event as a single object literal (one hidden class per record type, built in JS).
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

/** `[name, field index, kind]`, or `[name, null]` for a field the layout does not have (null). */
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

const helpers = { bounceClassName, bounceCategory, OUT_OF_BAND_STAGE };

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
  let quoted = 0;
  let ints = 0;
  let decimals = 0;
  const names: string[] = Array.from({ length: def.fields }, (_, i) => `field ${i}`);
  names[0] = 'timestamp';
  const props = [
    `type: ${JSON.stringify(def.type)}`,
    `record: ${def.record === null ? 'c.str(rec)' : JSON.stringify(def.record)}`,
    `log: ${JSON.stringify(def.log)}`,
    'line: c.line',
    'offset: c.base + c.start',
    'timestamp: ts',
    'timestamp_us: us',
    `layout: ${JSON.stringify(def.layout)}`,
  ];
  for (const col of def.columns) {
    const [name, field] = col;
    if (field === null) {
      props.push(`${name}: null`);
      continue;
    }
    const kind = col[2] ?? 'str';
    if (field >= def.fields) throw new Error(`${def.log} ${def.record}: column ${name} outside the record`);
    const bit = 1 << field;
    if (kind === 'quoted') quoted |= bit;
    else if (kind === 'int') ints |= bit;
    else if (kind === 'dec') decimals |= bit;
    if (kind === 'str' || kind === 'quoted' || kind === 'int' || kind === 'dec') names[field] = name;
    props.push(`${name}: ${expression(kind, field)}`);
  }
  const recIndex = def.layout === '4' ? 4 : 2;
  names[recIndex] = 'record';
  // Number fields are parsed first; the builder returns null when one is not a number.
  const numbers: string[] = [];
  const checks: string[] = [];
  for (let i = 0; i < def.fields; i++) {
    if ((ints >>> i) & 1) {
      numbers.push(`const v${i} = c.int(${i});`);
      checks.push(`v${i} < 0`);
    } else if ((decimals >>> i) & 1) {
      numbers.push(`const v${i} = c.dec(${i});`);
      checks.push(`v${i} !== v${i}`);
    }
  }
  for (const col of def.columns) {
    const kind = col[2];
    if ((kind === 'class_name' || kind === 'class_category' || kind === 'out_of_band') && !((ints >>> col[1]!) & 1))
      throw new Error(`${def.log} ${def.record}: column ${col[0]} needs field ${col[1]} declared as int`);
  }
  // A row factory: one object literal with a fixed key order, so every event of a record type
  // shares one hidden class and the builder stays monomorphic.
  const body = [
    `const rec = ${recIndex};`,
    'return function build(c, ts, us) {',
    ...numbers,
    checks.length > 0 ? `  if (${checks.join(' || ')}) return null;` : '',
    `  return { ${props.join(', ')} };`,
    '};',
  ].join('\n');
  const build = new Function('h', body)(helpers) as RecordDecoder['build'];
  const shape: Shape = { fields: def.fields, freeText: def.freeText ?? false, quoted, ints, decimals };
  return { def, shape, names, build };
}
