import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { quoteName, rowReader, textOf, viewQuery, type Column, type ColumnType, type TableSchema } from './schema';

/**
 * Events shipped to ClickHouse over HTTP (the official client, @clickhouse/client): a table per
 * event type, created if absent, and the view `events` over them.
 *
 * Each table is a ReplacingMergeTree partitioned by day (toYYYYMMDD(timestamp)) and ordered by
 * (node, type, timestamp, id): a row sent twice (a batch resent after a crash before its
 * checkpoint, or a retry whose first answer was lost) has the same key and is merged away. Until
 * a background merge has run, `FINAL` (or GROUP BY id) gives each event once; the `events` view
 * reads every table with FINAL.
 *
 * What ClickHouse 18.16 (Debian's) lacks is avoided: no DateTime64 (the time is a DateTime in UTC
 * and `timestamp_us` an Int64), no JSON type (JSON text in a String: read it with
 * visitParamExtract* / JSONExtract*), no CREATE OR REPLACE VIEW.
 */

const CH_TYPES: Readonly<Record<ColumnType, string>> = {
  varchar: 'Nullable(String)',
  bigint: 'Nullable(Int64)',
  double: 'Nullable(Float64)',
  boolean: 'Nullable(UInt8)',
  timestamp: "DateTime('UTC')",
  json: 'Nullable(String)',
};

/** The columns of the sorting key: never NULL (an event without a time has 0, 1970-01-01). */
const KEY = ['node', 'type', 'timestamp', 'id'];

/** Where to ship: the server's HTTP(S) URL, the database, and who to be. */
export interface ClickhouseTarget {
  readonly url: string;
  readonly database: string;
  readonly username: string;
  readonly password: string;
}

/**
 * ClickHouse's error codes that say the user, password, address or rights were refused: waiting
 * does not change the answer. (UNKNOWN_USER, WRONG_PASSWORD, REQUIRED_PASSWORD,
 * IP_ADDRESS_NOT_ALLOWED, READONLY, ACCESS_DENIED, AUTHENTICATION_FAILED.)
 */
const REFUSALS = new Set([192, 193, 194, 195, 164, 497, 516]);

/**
 * Whether `err` is ClickHouse refusing who we are or what we may do. The client gives newer
 * servers' errors a `code`; 18.16's come as text ("Code: 193, e.displayText() = ...").
 */
export function isRefusal(err: unknown): boolean {
  const given = (err as { code?: unknown } | null)?.code;
  const text = err instanceof Error ? err.message : String(err);
  const code = typeof given === 'string' && /^\d+$/.test(given) ? Number(given) : Number(/\bCode: (\d+)/.exec(text)?.[1]);
  return REFUSALS.has(code);
}

export interface ClickhouseOptions {
  /** Most rows in one INSERT (default 100 000). */
  readonly maxRows?: number;
  /** Most bytes of JSON in one INSERT (default 16 MiB). */
  readonly maxBytes?: number;
  /** Empties the tables first (the benchmark's repeated runs). */
  readonly truncate?: boolean;
  /** Runs each INSERT (e.g. withRetries: sending rows again is harmless); default: once. */
  readonly retry?: <T>(send: () => Promise<T>) => Promise<T>;
}

/** One table's rows of a batch being shipped, as JSONEachRow text. */
interface Rows {
  parts: string[];
  bytes: number;
  rows: number;
}

export class ClickhouseSink {
  private readonly byName: ReadonlyMap<string, TableSchema>;
  private readonly readers = new Map<string, (ev: Record<string, unknown>) => unknown[]>();
  private readonly maxRows: number;
  private readonly maxBytes: number;
  private readonly retry: <T>(send: () => Promise<T>) => Promise<T>;
  /** Rows added and not sent yet, by table. */
  private readonly pending = new Map<string, Rows>();
  /** INSERTs sent and not acknowledged yet. */
  private readonly sending = new Set<Promise<void>>();
  /** INSERTs acknowledged, and their rows. */
  inserts = 0;
  rows = 0;

  private constructor(
    private readonly client: ClickHouseClient,
    private readonly database: string,
    tables: readonly TableSchema[],
    private readonly node: string,
    options: ClickhouseOptions,
  ) {
    this.byName = new Map(tables.map((t) => [t.name, t]));
    this.maxRows = options.maxRows ?? 100_000;
    this.maxBytes = options.maxBytes ?? 16 << 20;
    this.retry = options.retry ?? ((send) => send());
  }

  /** Connects (the client loads here, with the command that needs it) and creates what is absent. */
  static async open(
    target: ClickhouseTarget,
    tables: readonly TableSchema[],
    node: string,
    options: ClickhouseOptions = {},
  ): Promise<ClickhouseSink> {
    const { createClient, ClickHouseLogLevel } = await import('@clickhouse/client').catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'MODULE_NOT_FOUND' && e.code !== 'ERR_MODULE_NOT_FOUND') throw e;
      throw new Error(
        'ecelog ship needs @clickhouse/client, an optional peer dependency that is not installed here: npm install @clickhouse/client beside ecelog',
      );
    });
    const client = createClient({
      url: target.url,
      username: target.username,
      password: target.password,
      // ClickHouse 18.16 knows no setting the client would add by default; none is sent.
      clickhouse_settings: {},
      // Its failures reach the retry loop, which tells them in the command's own lines.
      log: { level: ClickHouseLogLevel.OFF },
    });
    const sink = new ClickhouseSink(client, target.database, tables, node, options);
    try {
      await sink.createTables(tables, options.truncate === true);
    } catch (e) {
      await client.close();
      throw e;
    }
    return sink;
  }

  private name(table: string): string {
    return `${quoteName(this.database)}.${quoteName(table)}`;
  }

  private async createTables(tables: readonly TableSchema[], truncate: boolean): Promise<void> {
    await this.client.command({ query: `CREATE DATABASE IF NOT EXISTS ${quoteName(this.database)}` });
    for (const t of tables) {
      await this.client.command({ query: createTableQuery(this.name(t.name), t.columns) });
      if (truncate) await this.client.command({ query: `TRUNCATE TABLE ${this.name(t.name)}` });
    }
    await this.client.command({
      query: `CREATE VIEW IF NOT EXISTS ${this.name('events')} AS ${viewQuery(tables, (t) => `${this.name(t)} FINAL`, 'CAST(NULL AS Nullable(String))')}`,
    });
  }

  /**
   * Adds events: a table's rows are sent in an INSERT once they reach maxRows rows or maxBytes
   * bytes, one INSERT at a time (the caller waits: backpressure); the rest waits for more, or for
   * `flush()`.
   */
  async add(batch: readonly object[]): Promise<void> {
    for (const e of batch) {
      const ev = e as Record<string, unknown>;
      const type = ev.type as string;
      const line = `${JSON.stringify(this.rowObject(type, ev))}\n`;
      let r = this.pending.get(type);
      if (r === undefined) this.pending.set(type, (r = { parts: [], bytes: 0, rows: 0 }));
      r.parts.push(line);
      r.bytes += line.length;
      r.rows++;
      if (r.rows >= this.maxRows || r.bytes >= this.maxBytes) await this.send(type);
    }
  }

  /**
   * Sends every row added; resolves once the server has acknowledged them all, those another
   * caller's INSERT carries included (commit a position only then).
   */
  async flush(): Promise<void> {
    for (const type of [...this.pending.keys()]) await this.send(type);
    await Promise.all([...this.sending]);
  }

  /** add() then flush(). */
  async insert(batch: readonly object[]): Promise<void> {
    await this.add(batch);
    await this.flush();
  }

  private rowObject(type: string, ev: Record<string, unknown>): Record<string, unknown> {
    let read = this.readers.get(type);
    const table = this.byName.get(type);
    if (table === undefined) throw new Error(`no table for events of type ${JSON.stringify(type)}`);
    if (read === undefined) this.readers.set(type, (read = rowReader(table.columns, this.node)));
    const values = read(ev);
    const out: Record<string, unknown> = {};
    const cols = table.columns;
    for (let i = 0; i < cols.length; i++) {
      const v = chValue(cols[i]!, values[i]);
      if (v !== undefined) out[cols[i]!.name] = v;
    }
    return out;
  }

  /**
   * Sends a table's pending rows. They leave `pending` at once (rows added meanwhile make a new
   * INSERT), and the INSERT is in `sending` until acknowledged: flush() waits for it too.
   */
  private async send(type: string): Promise<void> {
    const r = this.pending.get(type);
    if (r === undefined) return;
    this.pending.delete(type);
    // The rows are JSON text already: sent as the request body as they are (exec), not encoded again.
    const body = Buffer.from(r.parts.join(''));
    const sent = this.retry(async () => {
      const result = await this.client.exec({ query: `INSERT INTO ${this.name(type)} FORMAT JSONEachRow`, values: Readable.from([body]) });
      result.stream.resume();
    });
    this.sending.add(sent);
    try {
      await sent;
    } finally {
      this.sending.delete(sent);
    }
    this.inserts++;
    this.rows += r.rows;
  }

  /** Runs a query; rows as JSON objects (64-bit integers as strings, as ClickHouse writes them). */
  async query(sql: string): Promise<Record<string, unknown>[]> {
    const rs = await this.client.query({ query: sql, format: 'JSONEachRow' });
    return rs.json<Record<string, unknown>>();
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** CREATE TABLE IF NOT EXISTS for an event table. */
export function createTableQuery(name: string, columns: readonly Column[]): string {
  const cols = columns.map((c) => `${quoteName(c.name)} ${KEY.includes(c.name) ? keyType(c) : CH_TYPES[c.type]}`).join(', ');
  return (
    `CREATE TABLE IF NOT EXISTS ${name} (${cols}) ENGINE = ReplacingMergeTree() ` +
    `PARTITION BY toYYYYMMDD(${quoteName('timestamp')}) ORDER BY (${KEY.map(quoteName).join(', ')})`
  );
}

function keyType(c: Column): string {
  return c.type === 'timestamp' ? CH_TYPES.timestamp : 'String';
}

/** A value as JSONEachRow takes it for the column (undefined: left out, the column's default). */
function chValue(c: Column, v: unknown): unknown {
  if (c.type === 'timestamp') return typeof v === 'number' ? Math.floor(v / 1e6) : 0;
  if (v === null || v === undefined) return KEY.includes(c.name) ? '' : undefined;
  switch (c.type) {
    case 'varchar':
      return textOf(v);
    case 'json':
      return JSON.stringify(v);
    case 'boolean':
      return v === true ? 1 : v === false ? 0 : undefined;
    default:
      return typeof v === 'number' ? v : undefined;
  }
}
