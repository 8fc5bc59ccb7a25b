import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { ChunkAppender } from './duckdb-chunk';
import { loadDuckdb, type DuckdbBindings, type DuckdbModule } from './duckdb-module';
import { columnsFor, columnsReader, viewQuery, quoteName, type ColumnType, type TableSchema } from './schema';

const SQL_TYPES: Readonly<Record<ColumnType, string>> = {
  varchar: 'VARCHAR',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
  json: 'JSON',
};

/** The kind of the table for events of a kind the schema does not list. */
const OTHER_KIND = 'other';

/** The table of a type's events of one log kind. */
function kindTable(type: string, log: string): string {
  return `${type}__${log}`;
}

/** The events of one type and log kind being loaded, and their table and staging table's appender. */
interface Loading {
  readonly type: string;
  /** The table of the type and kind, and its staging table (null: rows go into the table at once). */
  readonly table: string;
  readonly stage: string | null;
  readonly rows: ChunkAppender;
}

/** The result of a query: column names and rows of plain JS values (see `plainValue`). */
export interface QueryResult {
  readonly columns: string[];
  readonly rows: unknown[][];
}

/**
 * Events loaded into DuckDB, in memory or in a database file: a view per event type over a table
 * per type and log kind (with the columns that kind's events fill: fewer values to append, none
 * to copy), and the view `events` over the types. Rows go through DuckDB's appender. In memory
 * they go into their tables at once; in a database file into a temporary staging table, which
 * `commit()` moves into the table leaving out the ids it has, so reading a file again (a second
 * run on the same database) adds nothing.
 */
export class DuckdbSink {
  private readonly loading = new Map<string, Loading>();
  private readonly byName: ReadonlyMap<string, TableSchema>;

  private constructor(
    private readonly duckdb: DuckdbModule,
    private readonly bindings: DuckdbBindings,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    tables: readonly TableSchema[],
    private readonly node: string,
    /** Rows go into their tables at once (a database in memory, new: no id to leave out). */
    private readonly direct: boolean,
  ) {
    this.byName = new Map(tables.map((t) => [t.name, t]));
  }

  /** Opens (creating it if needed) the database at `path` (null: in memory) with the tables of `tables`. */
  static async open(path: string | null, tables: readonly TableSchema[], node: string, module?: string): Promise<DuckdbSink> {
    const { duckdb, bindings } = await loadDuckdb(module);
    const instance = await duckdb.DuckDBInstance.create(path ?? ':memory:');
    const connection = await instance.connect();
    const sink = new DuckdbSink(duckdb, bindings, instance, connection, tables, node, path === null);
    await sink.createTables(tables);
    return sink;
  }

  /**
   * A table per event type and log kind holding the columns that kind's events fill (and one for
   * a kind the schema does not list, with every column); a view per type over its tables (NULL
   * where a kind has no such column); the view events over the types.
   */
  private async createTables(tables: readonly TableSchema[]): Promise<void> {
    const sql: string[] = [];
    for (const t of tables) {
      const parts: string[] = [];
      for (const [log, columns] of [...t.byLog, [OTHER_KIND, t.columns] as const]) {
        const cols = columns.map((c) => `${quoteName(c.name)} ${SQL_TYPES[c.type]}`).join(', ');
        sql.push(`CREATE TABLE IF NOT EXISTS ${quoteName(kindTable(t.name, log))} (${cols})`);
        const has = new Set(columns.map((c) => c.name));
        const select = t.columns.map((c) =>
          has.has(c.name) ? quoteName(c.name) : `CAST(NULL AS ${SQL_TYPES[c.type]}) AS ${quoteName(c.name)}`,
        );
        parts.push(`SELECT ${select.join(', ')} FROM ${quoteName(kindTable(t.name, log))}`);
      }
      sql.push(`CREATE OR REPLACE VIEW ${quoteName(t.name)} AS ${parts.join('\nUNION ALL ')}`);
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
      l.rows.add(ev);
    }
  }

  private async startLoading(key: string, type: string, log: string): Promise<Loading> {
    const table = this.byName.get(type);
    if (table === undefined) throw new Error(`no table for events of type ${JSON.stringify(type)}`);
    const columns = columnsFor(table, log);
    const target = kindTable(type, table.byLog.has(log) ? log : OTHER_KIND);
    let appender;
    let stage: string | null = null;
    if (this.direct) appender = await this.connection.createAppender(target);
    else {
      stage = `stage_${target}`;
      await this.connection.run(`CREATE TEMP TABLE IF NOT EXISTS ${quoteName(stage)} AS SELECT * FROM ${quoteName(target)} LIMIT 0`);
      appender = await this.connection.createAppender(stage, 'main', 'temp');
    }
    const rows = new ChunkAppender(this.bindings, this.duckdb, appender, columns, columnsReader(columns, this.node));
    const l: Loading = { type, table: target, stage, rows };
    this.loading.set(key, l);
    return l;
  }

  /**
   * Ends the input being loaded; resolves to the rows added per type. In memory, the rows are in
   * their tables already; in a database file they move there from the staging tables in one
   * transaction, leaving out the ids a table has. The rows of one input have distinct ids (lines
   * of one file, records of one jlog): commit after each input.
   */
  async commit(): Promise<Map<string, number>> {
    const added = new Map<string, number>();
    const count = (type: string, n: number): void => void added.set(type, (added.get(type) ?? 0) + n);
    for (const l of this.loading.values()) l.rows.close();
    if (this.direct) {
      for (const l of this.loading.values()) count(l.type, l.rows.appended);
      this.loading.clear();
      return added;
    }
    await this.connection.run('BEGIN TRANSACTION');
    try {
      for (const l of this.loading.values()) {
        const t = quoteName(l.table);
        const s = `temp.main.${quoteName(l.stage!)}`;
        const r = await this.connection.run(`INSERT INTO ${t} SELECT * FROM ${s} WHERE id NOT IN (SELECT id FROM ${t})`);
        count(l.type, Number(r.rowsChanged));
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
    for (const l of this.loading.values()) l.rows.abandon();
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
