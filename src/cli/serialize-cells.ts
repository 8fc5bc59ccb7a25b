import { type ByteSink, writeAscii, writeFiniteNumber } from './byte-sink';
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

type StringWriter = (b: Buffer, p: number, s: string) => number;

/**
 * Writes one cell at the sink's position: printable ASCII strings through `write`, numbers and
 * booleans directly, anything else as `cell(v)` (the reference function itself) in UTF-8.
 */
function writeCell(s: ByteSink, v: unknown, write: StringWriter, cell: (v: unknown) => string): void {
  if (typeof v === 'string') {
    const need = 2 * v.length + 1;
    if (s.pos + need > s.buf.length) s.reserve(need);
    const q = write(s.buf, s.pos, v);
    if (q >= 0) s.pos = q;
    else s.text(cell(v));
  } else if (typeof v === 'number') {
    if (s.pos + 24 > s.buf.length) s.reserve(24);
    s.pos = v - v === 0 ? writeFiniteNumber(s.buf, s.pos, v) : writeAscii(s.buf, s.pos, String(v));
  } else if (typeof v === 'boolean') {
    if (s.pos + 5 > s.buf.length) s.reserve(5);
    s.pos = writeAscii(s.buf, s.pos, v ? 'true' : 'false');
  } else if (v !== undefined && v !== null) {
    // As Array#join has it: a cell function's undefined (an object whose toJSON gives none) is empty.
    s.text(cell(v) ?? '');
  }
}

function writeCsvCell(s: ByteSink, v: unknown): void {
  writeCell(s, v, writeCsvString, csvCell);
}

function writeTsvCell(s: ByteSink, v: unknown): void {
  writeCell(s, v, writeTsvString, tsvCell);
}

/** Writes one byte. */
function writeByte(s: ByteSink, byte: number): void {
  if (s.pos + 1 > s.buf.length) s.reserve(1);
  s.buf[s.pos++] = byte;
}

/**
 * A row writer for these columns (field paths, as `fieldValue` reads them), byte-identical to
 * `columns.map((c) => cell(fieldValue(ev, c))).join(sep) + '\n'` with `csvCell` or `tsvCell`.
 * Compiled so that each column is read by its constant name.
 */
export function compileRow(columns: readonly string[], format: 'csv' | 'tsv'): RowWriter {
  const J = JSON.stringify;
  const sep = format === 'csv' ? 44 : 9;
  const lines = columns.map((c, i) => {
    const read = c.includes('.') ? `f(ev, ${J(c)})` : `ev[${J(c)}]`;
    return `${i > 0 ? `byte(s, ${sep}); ` : ''}cell(s, ${read});`;
  });
  const body = `return function writeRow(ev, s) {\n${lines.join('\n')}\nbyte(s, 10);\n};`;
  const cell = format === 'csv' ? writeCsvCell : writeTsvCell;
  // The column names reach the code only as JSON string literals.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
  return new Function('cell', 'byte', 'f', body)(cell, writeByte, fieldValue) as RowWriter;
}
