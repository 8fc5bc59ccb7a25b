import type { EcelogEvent } from '../decoders/index';
import { fieldValue } from './filters';

/** Output formats of `ecelog parse`. */
export type OutputFormat = 'ndjson' | 'json' | 'csv' | 'tsv';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['ndjson', 'json', 'csv', 'tsv'];

/** Writes text to stdout in large pieces, honouring backpressure. */
export class Output {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly stream: NodeJS.WritableStream = process.stdout) {}
  async write(s: string): Promise<void> {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 16) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.size === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(text)) await new Promise((resolve) => this.stream.once('drain', resolve));
  }
}

/**
 * JSON text with DEL and the C1 controls (U+007F–U+009F) escaped as well: JSON.stringify leaves
 * them raw, and some terminals act on C1 (CSI, OSC) — still valid JSON, the same data.
 */
export function safeJson(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, null, indent);
  return /[\u007f-\u009f]/.test(text)
    ? text.replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : text;
}

/** An event without the fields --fields did not ask for (all but `bytes` when it asked for none). */
function pick(ev: EcelogEvent, fields: readonly string[] | null): Record<string, unknown> {
  if (fields === null) return ev as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = fieldValue(ev, f) ?? null;
  return out;
}

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

function csvCell(v: unknown): string {
  const s = safeCell(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** TSV has no quoting: tabs and line breaks inside a value are escaped (`\t`, `\n`, `\r`, `\\`). */
function tsvCell(v: unknown): string {
  return safeCell(v).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/**
 * Writes events in a format. CSV/TSV need their columns up front: --fields, or else the union of
 * the keys of the first 1000 events (in the order first seen); later keys outside it are left out.
 */
export class EventWriter {
  private readonly out: Output;
  private first = true;
  private columns: string[] | null;
  private held: EcelogEvent[] = [];

  constructor(
    private readonly format: OutputFormat,
    private readonly fields: readonly string[] | null,
    stream?: NodeJS.WritableStream,
  ) {
    this.out = new Output(stream);
    this.columns = fields === null ? null : [...fields];
  }

  async write(ev: EcelogEvent): Promise<void> {
    switch (this.format) {
      case 'ndjson':
        return this.out.write(`${safeJson(pick(ev, this.fields))}\n`);
      case 'json':
        await this.out.write(`${this.first ? '[\n' : ',\n'}${safeJson(pick(ev, this.fields))}`);
        this.first = false;
        return;
      default:
        if (this.columns === null) {
          this.held.push(ev);
          if (this.held.length >= 1000) await this.release();
          return;
        }
        return this.row(ev);
    }
  }

  async end(): Promise<void> {
    if (this.format === 'json') await this.out.write(this.first ? '[]\n' : '\n]\n');
    if ((this.format === 'csv' || this.format === 'tsv') && this.columns === null) await this.release();
    await this.out.flush();
  }

  private async release(): Promise<void> {
    const seen = new Set<string>();
    for (const ev of this.held) for (const k of Object.keys(ev)) if (k !== 'bytes') seen.add(k);
    this.columns = [...seen];
    const held = this.held;
    this.held = [];
    for (const ev of held) await this.row(ev);
  }

  private async row(ev: EcelogEvent): Promise<void> {
    const cols = this.columns!;
    const cell = this.format === 'csv' ? csvCell : tsvCell;
    const sep = this.format === 'csv' ? ',' : '\t';
    if (this.first) {
      await this.out.write(`${cols.map((c) => cell(c)).join(sep)}\n`);
      this.first = false;
    }
    await this.out.write(`${cols.map((c) => cell(fieldValue(ev, c))).join(sep)}\n`);
  }
}
