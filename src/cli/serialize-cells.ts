import { ByteSink, writeAscii, writeFiniteNumber } from './byte-sink';
import { fieldValue } from './filters';

/**
 * A spreadsheet cell that cannot run as a formula: log text is attacker-influenced, so a cell
 * beginning with `=`, `+`, `-`, `@` (or a tab / carriage return) is prefixed with `'` (OWASP's
 * CSV-injection advice); numbers are written as numbers.
 */
export function safeCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : typeof v === 'bigint' ? v.toString() : '';
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function csvCell(v: unknown): string {
  const s = safeCell(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** TSV has no quoting: tabs and line breaks inside a value are escaped (`\t`, `\n`, `\r`, `\\`). */
export function tsvCell(v: unknown): string {
  return safeCell(v).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/** Whether a cell starting with code unit `c` gets the `'` prefix (`=`, `+`, `-`, `@`). */
function formulaStart(c: number): boolean {
  return c === 61 || c === 43 || c === 45 || c === 64;
}

/**
 * Writes the CSV cell of `s` when it needs no quoting and is printable ASCII (a formula start
 * prefixed with `'`); returns the new position, or -1 (the caller uses `csvCell`). Needs
 * `s.length + 1` bytes reserved.
 */
export function writeCsvString(b: Buffer, p: number, s: string): number {
  const n = s.length;
  if (n > 0 && formulaStart(s.charCodeAt(0))) b[p++] = 39;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 34 || c === 44) return -1;
    b[p++] = c;
  }
  return p;
}

/**
 * Writes the TSV cell of `s` when it is printable ASCII (`\` doubled, a formula start prefixed
 * with `'`); returns the new position, or -1 (the caller uses `tsvCell`). Needs
 * `2 * s.length + 1` bytes reserved.
 */
export function writeTsvString(b: Buffer, p: number, s: string): number {
  const n = s.length;
  if (n > 0 && formulaStart(s.charCodeAt(0))) b[p++] = 39;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return -1;
    if (c === 92) b[p++] = 92;
    b[p++] = c;
  }
  return p;
}

/** Writes one row of cells of an event at the sink's position, with its line end. */
export type RowWriter = (ev: object, s: ByteSink) => void;

/**
 * A row writer for these columns (field paths, as `fieldValue` reads them), byte-identical to
 * `columns.map((c) => cell(fieldValue(ev, c))).join(sep) + '\n'` with `csvCell` or `tsvCell`:
 * printable ASCII strings and numbers are written directly, any other value through the cell
 * function itself.
 */
export function compileRow(columns: readonly string[], format: 'csv' | 'tsv'): RowWriter {
  const J = JSON.stringify;
  const sep = format === 'csv' ? 44 : 9;
  const grow = format === 'csv' ? 1 : 2;
  const room = (n: string) => `if (p + ${n} > b.length) { s.pos = p; s.reserve(${n}); b = s.buf; p = s.pos; }`;
  const lines = [`let b = s.buf, p = s.pos;`];
  columns.forEach((c, i) => {
    if (i > 0) lines.push(room('1'), `b[p++] = ${sep};`);
    lines.push(
      `{ let v = ev[${J(c)}];`,
      c.includes('.') ? `if (v === undefined) v = f(ev, ${J(c)});` : '',
      `if (typeof v === 'string') {`,
      `  ${room(`${grow} * v.length + 1`)}`,
      `  const q = w(b, p, v);`,
      `  if (q >= 0) p = q; else { s.pos = p; s.text(cell(v)); b = s.buf; p = s.pos; }`,
      `} else if (typeof v === 'number') {`,
      `  ${room('24')}`,
      `  p = v - v === 0 ? n(b, p, v) : a(b, p, String(v));`,
      `} else if (typeof v === 'boolean') {`,
      `  ${room('5')}`,
      `  p = a(b, p, v ? 'true' : 'false');`,
      `} else if (v !== undefined && v !== null) { s.pos = p; s.text(cell(v) ?? ''); b = s.buf; p = s.pos; } }`,
    );
  });
  lines.push(room('1'), `b[p++] = 10;`, `s.pos = p;`);
  const body = `return function writeRow(ev, s) {\n${lines.join('\n')}\n};`;
  const write = format === 'csv' ? writeCsvString : writeTsvString;
  const cell = format === 'csv' ? csvCell : tsvCell;
  // The column names reach the code only as JSON string literals.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
  return new Function('w', 'n', 'a', 'f', 'cell', body)(write, writeFiniteNumber, writeAscii, fieldValue, cell) as RowWriter;
}
