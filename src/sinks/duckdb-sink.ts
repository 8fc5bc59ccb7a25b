import type { DuckDBAppender, DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { loadDuckdb, type DuckdbModule } from './duckdb-module';
import { columnsFor, textOf, viewQuery, quoteName, rowReader, type Column, type ColumnType, type TableSchema } from './schema';

const SQL_TYPES: Readonly<Record<ColumnType, string>> = {
  varchar: 'VARCHAR',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
  json: 'JSON',
};

/** Appends one value of a column's type (null or undefined: NULL). */
type Put = (a: DuckDBAppender, v: unknown, column: string) => void;

function mismatch(column: string, v: unknown, what: string): Error {
  return new Error(`column ${column}: ${JSON.stringify(v)} is not ${what}`);
}

function putters(duckdb: DuckdbModule): Readonly<Record<ColumnType, Put>> {
  return {
    varchar: (a, v) => {
      if (typeof v === 'string') a.appendVarchar(v);
      else if (v === null || v === undefined) a.appendNull();
      else a.appendVarchar(textOf(v));
    },
    bigint: (a, v, c) => {
      if (typeof v === 'number' && Number.isSafeInteger(v)) a.appendBigInt(BigInt(v));
      else if (v === null || v === undefined) a.appendNull();
      else throw mismatch(c, v, 'an integer');
    },
    double: (a, v, c) => {
      if (typeof v === 'number') a.appendDouble(v);
      else if (v === null || v === undefined) a.appendNull();
      else throw mismatch(c, v, 'a number');
    },
    boolean: (a, v, c) => {
      if (typeof v === 'boolean') a.appendBoolean(v);
      else if (v === null || v === undefined) a.appendNull();
      else throw mismatch(c, v, 'a boolean');
    },
    timestamp: (a, v, c) => {
      if (typeof v === 'number' && Number.isSafeInteger(v)) a.appendTimestamp(duckdb.timestampValue(BigInt(v)));
      else if (v === null || v === undefined) a.appendNull();
      else throw mismatch(c, v, 'a time in microseconds');
    },
    json: (a, v) => {
      if (v === null || v === undefined) a.appendNull();
      else a.appendVarchar(JSON.stringify(v));
    },
  };
}

/** The events of one type and log kind being loaded: their staging table's appender and how to read an event's row. */
interface Loading {
  readonly table: string;
  readonly stage: string;
  readonly columns: readonly Column[];
  readonly appender: DuckDBAppender;
  readonly row: (ev: Record<string, unknown>) => unknown[];
  readonly puts: readonly Put[];
  rows: number;
}

/** The result of a query: column names and rows of plain JS values (see `plainValue`). */
export interface QueryResult {
  readonly columns: string[];
  readonly rows: unknown[][];
}

/**
 * Events loaded into DuckDB, in memory or in a database file: one table per event type (created
 * if absent) and the `events` view over them. Rows go through DuckDB's appender into a temporary
 * staging table per type and log kind, with the columns that kind's events fill (fewer values to
 * append: the others are NULL); `commit()` moves the rows whose `id` the table does not have yet,
 * so reading a file again (a second run on the same database, the same file twice) adds nothing.
 */
export class DuckdbSink {
  private readonly loading = new Map<string, Loading>();
  private readonly byName: ReadonlyMap<string, TableSchema>;
  private readonly puts: Readonly<Record<ColumnType, Put>>;

  private constructor(
    private readonly duckdb: DuckdbModule,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    tables: readonly TableSchema[],
    private readonly node: string,
  ) {
    this.byName = new Map(tables.map((t) => [t.name, t]));
    this.puts = putters(duckdb);
  }

  /** Opens (creating it if needed) the database at `path` (null: in memory) with the tables of `tables`. */
  static async open(path: string | null, tables: readonly TableSchema[], node: string, module?: string): Promise<DuckdbSink> {
    const duckdb = await loadDuckdb(module);
    const instance = await duckdb.DuckDBInstance.create(path ?? ':memory:');
    const connection = await instance.connect();
    const sink = new DuckdbSink(duckdb, instance, connection, tables, node);
    await sink.createTables(tables);
    return sink;
  }

  private async createTables(tables: readonly TableSchema[]): Promise<void> {
    const sql: string[] = [];
    for (const t of tables) {
      const cols = t.columns.map((c) => `${quoteName(c.name)} ${SQL_TYPES[c.type]}`).join(', ');
      sql.push(`CREATE TABLE IF NOT EXISTS ${quoteName(t.name)} (${cols})`);
    }
    sql.push(`CREATE OR REPLACE VIEW events AS ${viewQuery(tables, quoteName, 'CAST(NULL AS VARCHAR)')}`);
    await this.connection.run(sql.join(';\n'));
  }

  /** Appends events (those of a type with no table are an error: every type the decoders declare has one). */
  async append(batch: readonly object[]): Promise<void> {
    for (const e of batch) {
      const ev = e as Record<string, unknown>;
      const key = `${ev.type as string}\t${ev.log as string}`;
      const l = this.loading.get(key) ?? (await this.startLoading(key, ev.type as string, ev.log as string));
      const row = l.row(ev);
      const { appender, puts } = l;
      const cols = l.columns;
      for (let i = 0; i < row.length; i++) puts[i]!(appender, row[i], cols[i]!.name);
      appender.endRow();
      l.rows++;
    }
  }

  private async startLoading(key: string, type: string, log: string): Promise<Loading> {
    const table = this.byName.get(type);
    if (table === undefined) throw new Error(`no table for events of type ${JSON.stringify(type)}`);
    const columns = columnsFor(table, log);
    const stage = `stage_${type}_${log}`;
    const cols = columns.map((c) => quoteName(c.name)).join(', ');
    await this.connection.run(`CREATE TEMP TABLE IF NOT EXISTS ${quoteName(stage)} AS SELECT ${cols} FROM ${quoteName(type)} LIMIT 0`);
    const appender = await this.connection.createAppender(stage, 'main', 'temp');
    const puts = columns.map((c) => this.puts[c.type]);
    const l: Loading = { table: type, stage, columns, appender, row: rowReader(columns, this.node), puts, rows: 0 };
    this.loading.set(key, l);
    return l;
  }

  /**
   * Moves the staged rows into their tables, leaving out ids a table has (in one transaction);
   * resolves to the rows added per type. The rows staged since the last commit have distinct ids
   * (lines of one file, or records of one jlog): commit after each input.
   */
  async commit(): Promise<Map<string, number>> {
    const added = new Map<string, number>();
    for (const l of this.loading.values()) l.appender.closeSync();
    await this.connection.run('BEGIN TRANSACTION');
    try {
      for (const l of this.loading.values()) {
        const t = quoteName(l.table);
        const s = `temp.main.${quoteName(l.stage)}`;
        const r = await this.connection.run(`INSERT INTO ${t} BY NAME SELECT * FROM ${s} WHERE id NOT IN (SELECT id FROM ${t})`);
        added.set(l.table, (added.get(l.table) ?? 0) + Number(r.rowsChanged));
        await this.connection.run(`DELETE FROM ${s}`);
      }
      await this.connection.run('COMMIT');
    } catch (e) {
      await this.connection.run('ROLLBACK');
      throw e;
    } finally {
      this.loading.clear();
    }
    return added;
  }

  /** Runs `sql` (one statement or several: the last one's result). */
  async query(sql: string): Promise<QueryResult> {
    const reader = await this.connection.runAndReadAll(sql);
    return { columns: reader.columnNames(), rows: reader.getRowsJS().map((r) => r.map(plainValue)) };
  }

  close(): void {
    for (const l of this.loading.values()) l.appender.closeSync();
    this.connection.closeSync();
    this.instance.closeSync();
  }

  /** The DuckDB library's version (for the benchmark's notes). */
  get version(): string {
    return this.duckdb.version();
  }
}

/**
 * A query result's value as plain JSON-able JS: an integer as a number (as a string beyond 2^53),
 * a time as ISO 8601 text, lists and structs recursively.
 */
export function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (Array.isArray(v)) return v.map(plainValue);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainValue(x)]));
  return v;
}
