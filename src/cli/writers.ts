import type { EcelogEvent } from '../decoders/index';
import { ByteSink } from './byte-sink';
import type { ColumnPlan } from './columns';
import { fieldValue } from './filters';
import { compileRow, csvCell, tsvCell, type RowWriter } from './serialize-cells';
import { JsonSerializer } from './serialize-json';

export { safeJson } from './serialize-json';
export { safeCell } from './serialize-cells';

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

/** An event without the fields --fields did not ask for (all but `bytes` when it asked for none). */
function pick(ev: EcelogEvent, fields: readonly string[] | null): Record<string, unknown> {
  if (fields === null) return ev as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = fieldValue(ev, f) ?? null;
  return out;
}

/** Events held for CSV/TSV columns found in the data (no plan, or a kind with open fields). */
export const HELD_EVENTS = 1000;

/**
 * Writes events in a format. CSV/TSV need their columns before the first row: --fields; else the
 * plan's columns (the fields of the kinds being read, taken when the first event comes), followed,
 * when the plan is open (an eventlog's records carry any field) or there is none, by the other
 * keys of the first 1000 events in the order first seen. Later keys outside the columns are left out.
 */
export class EventWriter {
  private readonly sink: ByteSink;
  private readonly json = new JsonSerializer();
  private first = true;
  private columns: string[] | null;
  private row: RowWriter | null = null;
  private held: EcelogEvent[] = [];
  private hold = 0;

  constructor(
    private readonly format: OutputFormat,
    private readonly fields: readonly string[] | null,
    stream?: NodeJS.WritableStream,
    private readonly plan?: () => ColumnPlan | null,
  ) {
    this.sink = new ByteSink(stream);
    this.columns = fields === null ? null : [...fields];
  }

  /** Whether the CSV/TSV columns are fixed (the header is written with the first row). */
  get columnsFixed(): boolean {
    return this.columns !== null;
  }

  /**
   * Writes a batch of events into the output buffer (handed to the stream each ~1 MiB), then
   * waits for the stream once if it asked for backpressure.
   */
  async writeBatch(events: readonly EcelogEvent[]): Promise<void> {
    this.put(events);
    await this.sink.drain();
  }

  /** Writes events into the sink (a plain function: its loop is compiled apart from the await). */
  private put(events: readonly EcelogEvent[]): void {
    const s = this.sink;
    switch (this.format) {
      case 'ndjson':
        for (const ev of events) {
          this.json.write(s, pick(ev, this.fields));
          s.reserve(1);
          s.buf[s.pos++] = 10;
        }
        break;
      case 'json':
        for (const ev of events) {
          s.reserve(2);
          s.buf[s.pos++] = this.first ? 91 : 44; // '[' or ','
          s.buf[s.pos++] = 10;
          this.first = false;
          this.json.write(s, pick(ev, this.fields));
        }
        break;
      default:
        for (const ev of events) {
          if (this.columns !== null) this.writeRow(ev);
          else if (this.held.push(ev) >= this.holdCount()) this.release();
        }
    }
  }

  async end(): Promise<void> {
    if (this.format === 'json') this.sink.text(this.first ? '[]\n' : '\n]\n');
    if ((this.format === 'csv' || this.format === 'tsv') && this.columns === null) this.release();
    await this.sink.flush();
  }

  /** Events to hold before the columns are fixed: one when the plan says them all, else HELD_EVENTS. */
  private holdCount(): number {
    if (this.hold === 0) {
      const plan = this.plan?.() ?? null;
      this.hold = plan !== null && !plan.open ? 1 : HELD_EVENTS;
    }
    return this.hold;
  }

  private release(): void {
    const plan = this.plan?.() ?? null;
    const seen = new Set<string>(plan?.columns);
    if (plan === null || plan.open) for (const ev of this.held) for (const k of Object.keys(ev)) if (k !== 'bytes') seen.add(k);
    this.columns = [...seen];
    const held = this.held;
    this.held = [];
    for (const ev of held) this.writeRow(ev);
  }

  private writeRow(ev: EcelogEvent): void {
    if (this.row === null) {
      const cols = this.columns!;
      const format = this.format === 'csv' ? 'csv' : 'tsv';
      const cell = format === 'csv' ? csvCell : tsvCell;
      this.sink.text(`${cols.map((c) => cell(c)).join(format === 'csv' ? ',' : '\t')}\n`);
      this.row = compileRow(cols, format);
    }
    this.row(ev, this.sink);
  }
}
