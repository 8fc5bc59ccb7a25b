import { endianness } from 'node:os';
import type * as Bindings from '@duckdb/node-bindings';
import type { DuckDBAppender, DuckDBDataChunk } from '@duckdb/node-api';
import type { DuckdbBindings, DuckdbModule } from './duckdb-module';
import { textOf, type Column } from './schema';

/**
 * Rows appended to DuckDB a data chunk at a time, column by column: one call into DuckDB per
 * column of a chunk of 2,048 rows for numbers, flags, NULLs, short strings and a column of one
 * string (a constant vector), and one per longer string. Appending value by value costs a call
 * into DuckDB per value, and a call costs more than the value's parsing did.
 *
 * A string entry is DuckDB's `duckdb_string_t` (C API): a 32-bit length, then either the string
 * (up to 12 bytes, the rest zero) or a prefix and a pointer into the vector's string heap. The
 * short ones are written here; the long ones by DuckDB. `layoutHolds()` checks this layout once
 * per process against entries DuckDB wrote; where it does not hold, DuckDB writes every string.
 */

const ENTRY = 16;
const INLINE = 12;
/** The share of a column's long strings that repeat in a chunk above which repeats are copied, not given to DuckDB. */
const REPEATS_WORTH = 0.15;
/** Every RECOUNT-th chunk counts each column's repeats, whatever the last count was. */
const RECOUNT = 8;

/** Reads `n` events into columns (`out[c][i]`: column c of event i), as `columnsReader` makes. */
export type ReadColumns = (rows: readonly Record<string, unknown>[], n: number, out: unknown[][]) => void;

function mismatch(column: string, v: unknown, what: string): Error {
  return new Error(`column ${column}: ${JSON.stringify(v)} is not ${what}`);
}

/** Writes an ASCII string of at most 12 characters inline at `at`; false (nothing written) for any other. */
function inlineAscii(entries: Uint8Array, at: number, s: string): boolean {
  const n = s.length;
  for (let k = 0; k < n; k++) if (s.charCodeAt(k) > 0x7f) return false;
  entries[at] = n;
  entries[at + 1] = 0;
  entries[at + 2] = 0;
  entries[at + 3] = 0;
  for (let k = 0; k < n; k++) entries[at + 4 + k] = s.charCodeAt(k);
  entries.fill(0, at + 4 + n, at + ENTRY);
  return true;
}

let layoutChecked: boolean | undefined;

/** The events of one table, buffered to a chunk's size and appended a chunk at a time. */
export class ChunkAppender {
  private readonly rows: Record<string, unknown>[] = [];
  private readonly size: number;
  private readonly chunk: DuckDBDataChunk;
  private readonly values: unknown[][];
  private readonly entries: Uint8Array<ArrayBuffer>;
  private readonly entryWords: Uint32Array<ArrayBuffer>;
  private readonly validity: Uint32Array<ArrayBuffer>;
  /** 64-bit integers as pairs of 32-bit words, low first (little-endian). */
  private readonly int64: Int32Array<ArrayBuffer>;
  private readonly float64: Float64Array<ArrayBuffer>;
  private readonly bytes: Uint8Array<ArrayBuffer>;
  private readonly direct: boolean;
  /** Pairs (row, row of the first occurrence of its string). */
  private readonly repeatOf: Int32Array;
  /** Per column, the share of its long strings that repeated in the last chunk where they were counted. */
  private readonly repeatShare: Float64Array;
  private chunks = 0;
  /** Rows appended so far. */
  appended = 0;

  constructor(
    private readonly b: DuckdbBindings,
    duckdb: DuckdbModule,
    private readonly appender: DuckDBAppender,
    private readonly columns: readonly Column[],
    private readonly read: ReadColumns,
    /** false: DuckDB writes every string (as where the layout does not hold), for tests. */
    direct?: boolean,
  ) {
    // DuckDB's Node packages are built for x64 and arm64 alone: little-endian, as the words and bits written here.
    if (endianness() !== 'LE') throw new Error('ecelog sql: DuckDB data chunks are written little-endian; this machine is not');
    this.size = b.vector_size();
    const types = columns.map((_, i) => appender.columnType(i));
    this.chunk = duckdb.DuckDBDataChunk.create(types);
    this.values = columns.map(() => new Array<unknown>(this.size));
    this.entries = new Uint8Array(this.size * ENTRY);
    this.entryWords = new Uint32Array(this.entries.buffer);
    this.validity = new Uint32Array(Math.ceil(this.size / 32));
    this.int64 = new Int32Array(this.size * 2);
    this.float64 = new Float64Array(this.size);
    this.bytes = new Uint8Array(this.size);
    this.direct = direct ?? (layoutChecked ??= layoutHolds(b, duckdb));
    this.repeatOf = new Int32Array(this.size * 2);
    this.repeatShare = new Float64Array(columns.length);
  }

  /** Appends the rows buffered and closes the appender (DuckDB flushes what it holds). */
  close(): void {
    this.flush();
    this.appender.closeSync();
  }

  /** Closes the appender, leaving out the rows buffered (a load that failed). */
  abandon(): void {
    this.rows.length = 0;
    this.appender.closeSync();
  }

  /** Adds a row; a full chunk is appended. */
  add(ev: Record<string, unknown>): void {
    this.rows.push(ev);
    if (this.rows.length === this.size) this.flush();
  }

  /** Appends the rows buffered (if any) as one chunk. */
  flush(): void {
    const n = this.rows.length;
    if (n === 0) return;
    this.read(this.rows, n, this.values);
    const raw = this.chunk.chunk;
    this.b.data_chunk_reset(raw);
    for (let c = 0; c < this.columns.length; c++) this.fill(this.b.data_chunk_get_vector(raw, c), c, this.values[c]!, n);
    this.b.data_chunk_set_size(raw, n);
    this.appender.appendDataChunk(this.chunk);
    this.rows.length = 0;
    this.appended += n;
    this.chunks++;
  }

  private fill(vector: Bindings.Vector, c: number, values: unknown[], n: number): void {
    const { validity } = this;
    const column = this.columns[c]!;
    validity.fill(0xffffffff);
    let nulls = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null || v === undefined) {
        validity[i >>> 5]! &= ~(1 << (i & 31));
        values[i] = null;
        nulls++;
      }
    }
    if (nulls < n) {
      switch (column.type) {
        case 'varchar':
        case 'json':
          this.fillStrings(vector, c, column.type === 'json', values, n);
          break;
        case 'bigint':
        case 'timestamp':
          for (let i = 0; i < n; i++) {
            const v = values[i];
            if (typeof v === 'number' && Number.isSafeInteger(v)) {
              // A safe integer's low word is its value mod 2^32 (`| 0`), its high word the rest (|v| < 2^53: fits).
              this.int64[2 * i] = v | 0;
              this.int64[2 * i + 1] = Math.floor(v / 4294967296);
            } else if (v !== null) throw mismatch(column.name, v, column.type === 'bigint' ? 'an integer' : 'a time in microseconds');
          }
          this.copy(vector, this.int64, n);
          break;
        case 'double':
          for (let i = 0; i < n; i++) {
            const v = values[i];
            if (typeof v === 'number') this.float64[i] = v;
            else if (v !== null) throw mismatch(column.name, v, 'a number');
          }
          this.copy(vector, this.float64, n);
          break;
        case 'boolean':
          for (let i = 0; i < n; i++) {
            const v = values[i];
            if (typeof v === 'boolean') this.bytes[i] = v ? 1 : 0;
            else if (v !== null) throw mismatch(column.name, v, 'a boolean');
          }
          this.copy(vector, this.bytes, n);
          break;
      }
    }
    if (nulls > 0) {
      this.b.vector_ensure_validity_writable(vector);
      this.b.copy_data_to_vector_validity(vector, 0, validity.buffer, 0, Math.ceil(n / 64) * 8);
    }
  }

  private copy(
    vector: Bindings.Vector,
    values: Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer> | Uint8Array<ArrayBuffer>,
    n: number,
  ): void {
    this.b.copy_data_to_vector(vector, 0, values.buffer, 0, n * (values === this.int64 ? 8 : values.BYTES_PER_ELEMENT));
  }

  /**
   * A string column (values null or not). A column of one string is a constant vector. Otherwise
   * short ASCII strings are written into the entries, which replace the vector's at once; then
   * every other distinct string is given to DuckDB, and (where the layout holds, and the last
   * chunk of the column had repeats enough to pay for reading the entries back) a repeat gets a
   * copy of the entry DuckDB made for its first occurrence.
   */
  private fillStrings(vector: Bindings.Vector, c: number, json: boolean, values: unknown[], n: number): void {
    const { entries, entryWords, repeatOf } = this;
    let same = true;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      const s = v === null ? null : json ? JSON.stringify(v) : textOf(v as string);
      values[i] = s;
      if (s !== values[0]) same = false;
    }
    if (same) {
      this.b.vector_reference_value(vector, this.b.create_varchar(values[0] as string));
      return;
    }
    const firsts = this.direct && (this.repeatShare[c]! >= REPEATS_WORTH || this.chunks % RECOUNT === 0) ? new Map<string, number>() : null;
    let long = 0;
    let repeats = 0;
    for (let i = 0; i < n; i++) {
      const s = values[i] as string | null;
      if (s !== null && this.direct && s.length <= INLINE && inlineAscii(entries, i * ENTRY, s)) {
        values[i] = null;
        continue;
      }
      const w = (i * ENTRY) >>> 2;
      entryWords[w] = entryWords[w + 1] = entryWords[w + 2] = entryWords[w + 3] = 0;
      if (s === null) continue;
      if (firsts !== null) {
        const f = firsts.get(s);
        if (f !== undefined) {
          repeatOf[repeats * 2] = i;
          repeatOf[repeats * 2 + 1] = f;
          repeats++;
          values[i] = null;
          continue;
        }
        firsts.set(s, i);
      }
      long++;
    }
    if (firsts !== null) this.repeatShare[c] = repeats / Math.max(1, long + repeats);
    if (long < n) this.b.copy_data_to_vector(vector, 0, entries.buffer, 0, n * ENTRY);
    if (long > 0) for (let i = 0; i < n; i++) if (values[i] !== null) this.b.vector_assign_string_element(vector, i, values[i] as string);
    if (repeats === 0) return;
    // The vector's entries up to the last repeat (each first occurrence is before its repeats), the repeats copied in, put back.
    const end = (repeatOf[(repeats - 1) * 2]! + 1) * ENTRY;
    entries.set(this.b.vector_get_data(vector, end), 0);
    for (let k = 0; k < repeats; k++) {
      const at = repeatOf[k * 2]! * ENTRY;
      const from = repeatOf[k * 2 + 1]! * ENTRY;
      entries.copyWithin(at, from, from + ENTRY);
    }
    this.b.copy_data_to_vector(vector, 0, entries.buffer, 0, end);
  }
}

/**
 * Whether DuckDB's string entries are laid out as this module writes them: a long string given
 * to DuckDB reads back with its length and prefix where expected, and a short one it wrote is
 * inline with zeros after it.
 */
export function layoutHolds(b: DuckdbBindings, duckdb: DuckdbModule): boolean {
  try {
    const chunk = duckdb.DuckDBDataChunk.create([duckdb.VARCHAR]);
    const v = b.data_chunk_get_vector(chunk.chunk, 0);
    b.vector_assign_string_element(v, 0, 'abcdefghijklmnopq');
    b.vector_assign_string_element(v, 1, 'xyz');
    const e = b.vector_get_data(v, 2 * ENTRY);
    const dv = new DataView(e.buffer, e.byteOffset, e.byteLength);
    const prefix = String.fromCharCode(...e.subarray(4, 8));
    const inline = e.subarray(ENTRY + 4, ENTRY + ENTRY);
    return (
      dv.getUint32(0, true) === 17 &&
      prefix === 'abcd' &&
      dv.getUint32(ENTRY, true) === 3 &&
      String.fromCharCode(...inline.subarray(0, 3)) === 'xyz' &&
      inline.subarray(3).every((x) => x === 0)
    );
  } catch {
    return false;
  }
}
