import { type ByteSink, writeAscii, writeFiniteNumber } from './byte-sink';

/**
 * JSON text with DEL and the C1 controls (U+007F–U+009F) escaped as well: JSON.stringify leaves
 * them raw, and some terminals act on C1 (CSI, OSC) — still valid JSON, the same data.
 */
export function safeJson(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, null, indent);
  return C1.test(text) ? text.replace(C1_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}

const C1 = /[\u007f-\u009f]/;
const C1_ALL = /[\u007f-\u009f]/g;

/**
 * Writes `s` as JSON.stringify and `safeJson` do, at `p`; returns the new position. Printable
 * ASCII is copied here (`"` and `\` escaped); a string with anything else (a control, DEL,
 * non-ASCII) is written as `safeJson(s)` in UTF-8. The caller has reserved `6 * s.length + 2`
 * bytes: no escape is longer than 6 bytes and no UTF-16 unit takes more than 3 bytes in UTF-8.
 */
export function writeJsonString(b: Buffer, p: number, s: string): number {
  const start = p;
  b[p++] = 34;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return start + b.write(safeJson(s), start, 'utf8');
    if (c === 34 || c === 92) b[p++] = 92;
    b[p++] = c;
  }
  b[p] = 34;
  return p + 1;
}

/** Writes a number as JSON.stringify does (`null` when not finite); needs 24 bytes reserved. */
function writeJsonNumber(b: Buffer, p: number, v: number): number {
  if (v - v === 0) return writeFiniteNumber(b, p, v);
  return writeAscii(b, p, 'null');
}

/** Writes `true` or `false`. */
function writeBoolean(b: Buffer, p: number, v: boolean): number {
  return writeAscii(b, p, v ? 'true' : 'false');
}

/** The value types a compiled writer handles; any other (an object, ...) goes through `safeJson`. */
type ValueType = 'string' | 'number' | 'boolean' | 'null' | 'undefined';

function valueType(v: unknown): ValueType | null {
  if (v === null) return 'null';
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean' || t === 'undefined' ? t : null;
}

/** A writer compiled for one key order and value types: writes the event and returns true, or false. */
type ShapeWriter = (ev: object, s: ByteSink) => boolean;

/** Writers compiled at most (then events of new shapes go through `safeJson`). */
const MAX_SHAPES = 64;

/**
 * Events as JSON, byte-identical to `safeJson(ev)`. Each key order and set of value types met
 * (string, number, boolean, null, undefined) is compiled once into a writer that checks both (the
 * key order with for...in, which also sees inherited enumerable keys) and writes the constant
 * bytes between the values (keys, quotes, commas) directly; values are written by
 * `writeJsonString`, `writeJsonNumber` and `writeBoolean`. Writers are looked up by `type`.
 * Other events (an object value, too many shapes) are written as `safeJson(ev)`.
 */
export class JsonSerializer {
  private readonly byType = new Map<unknown, ShapeWriter[]>();
  private shapes = 0;

  /** Writes the JSON of `ev` at the sink's position. */
  write(s: ByteSink, ev: object): void {
    const type = (ev as { type?: unknown }).type;
    const list = this.byType.get(type);
    if (list !== undefined) {
      for (let i = 0; i < list.length; i++) if (list[i]!(ev, s)) return;
    }
    const fresh = this.compile(ev);
    if (fresh !== null) {
      if (list === undefined) this.byType.set(type, [fresh]);
      else list.push(fresh);
      if (fresh(ev, s)) return;
    }
    s.text(safeJson(ev));
  }

  private compile(ev: object): ShapeWriter | null {
    if (this.shapes >= MAX_SHAPES) return null;
    const keys = Object.keys(ev);
    let n = 0;
    for (const k in ev) if (k === keys[n]) n++;
    if (n !== keys.length || n === 0) return null; // inherited enumerable keys: never matches
    const types: ValueType[] = [];
    for (const k of keys) {
      const t = valueType((ev as Record<string, unknown>)[k]);
      if (t === null) return null;
      types.push(t);
    }
    this.shapes++;
    return compileShape(keys, types);
  }
}

/** Statements that write `bytes` at `p` (4 bytes at a time through the DataView `d`) and advance `p`. */
function constantStores(bytes: readonly number[]): string {
  const out: string[] = [];
  let i = 0;
  for (; i + 4 <= bytes.length; i += 4) {
    const word = (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
    out.push(`d.setUint32(p + ${i}, ${word}, true);`);
  }
  for (; i < bytes.length; i++) out.push(`b[p + ${i}] = ${bytes[i]};`);
  if (bytes.length > 0) out.push(`p += ${bytes.length};`);
  return out.join(' ');
}

/**
 * A writer of events with exactly these own enumerable keys in this order, whose values have
 * these types (undefined values are left out, as JSON.stringify leaves them out).
 */
export function compileShape(keys: readonly string[], types: readonly ValueType[]): ShapeWriter {
  const J = JSON.stringify;
  const guards: string[] = [];
  const lengths: string[] = [];
  const code: string[] = [];
  let room = 0;
  let gap: number[] = [];
  let first = true;
  const text = (t: string) => gap.push(...Buffer.from(t, 'utf8'));
  text('{');
  keys.forEach((k, i) => {
    const t = types[i]!;
    guards.push(t === 'null' ? `v${i} !== null` : `typeof v${i} !== ${J(t)}`);
    if (t === 'undefined') return;
    text(`${first ? '' : ','}${safeJson(k)}:`);
    first = false;
    if (t === 'null') return text('null');
    code.push(constantStores(gap));
    room += gap.length;
    gap = [];
    if (t === 'string') {
      lengths.push(`v${i}.length`);
      room += 2;
      code.push(`p = str(b, p, v${i});`);
    } else {
      room += 24;
      code.push(t === 'number' ? `p = num(b, p, v${i});` : `p = bool(b, p, v${i});`);
    }
  });
  text('}');
  code.push(constantStores(gap));
  room += gap.length;
  const body = [
    `return function writeShape(ev, s) {`,
    `let i = 0;`,
    `for (const k in ev) { if (i === ${keys.length} || k !== K[i]) return false; i++; }`,
    `if (i !== ${keys.length}) return false;`,
    ...keys.map((k, i) => `const v${i} = ev[${J(k)}];`),
    `if (${guards.join(' || ')}) return false;`,
    `const need = ${room}${lengths.length > 0 ? ` + 6 * (${lengths.join(' + ')})` : ''};`,
    `if (s.pos + need > s.buf.length) s.reserve(need);`,
    `const b = s.buf, d = s.view;`,
    `let p = s.pos;`,
    ...code,
    `s.pos = p;`,
    `return true;`,
    `};`,
  ].join('\n');
  // The keys reach the code only as JSON string literals; the bytes as numbers.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
  return new Function('K', 'str', 'num', 'bool', body)(keys, writeJsonString, writeJsonNumber, writeBoolean) as ShapeWriter;
}
