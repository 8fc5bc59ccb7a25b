/**
 * The tables events are loaded into, for any SQL engine (DuckDB on one machine, ClickHouse for a
 * fleet): one table per event type, with the columns every event has, then the type's own fields
 * (which fields a type has is the caller's: the CLI derives it from the decoders' declarations),
 * then `other_fields` (JSON) for the fields no column holds (an eventlog record's undeclared
 * ones). A column's type comes from its field's name (COLUMN_TYPES), the one place that says it.
 */

/** The engine-neutral column types; each sink maps them to its own. */
export type ColumnType = 'varchar' | 'bigint' | 'double' | 'boolean' | 'timestamp' | 'json';

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
}

export interface TableSchema {
  /** The event type (a valid SQL identifier: lower-case letters and `_`). */
  readonly name: string;
  readonly columns: readonly Column[];
  /** The columns the events of one log kind can fill (the others stay NULL), by kind. */
  readonly byLog: ReadonlyMap<string, readonly Column[]>;
}

/** A log kind: its event types and their fields beyond the common ones (the decoders' declarations). */
export interface KindFields {
  readonly log: string;
  readonly types: readonly string[];
  readonly fields: readonly string[];
}

/**
 * The columns every table starts with: the event's `id` (`<fingerprint>:<offset>` for a log
 * file's line, a jlog's own id: the same on every run, which is what makes loads idempotent), the
 * `node` that shipped it, the `file` it was read from, and the common fields. `timestamp` is the
 * event's time as a TIMESTAMP (from `timestamp_us`), `timestamp_us` the integer.
 */
export const HEAD_COLUMNS: readonly Column[] = [
  { name: 'id', type: 'varchar' },
  { name: 'node', type: 'varchar' },
  { name: 'file', type: 'varchar' },
  { name: 'type', type: 'varchar' },
  { name: 'record', type: 'varchar' },
  { name: 'log', type: 'varchar' },
  { name: 'line', type: 'bigint' },
  { name: 'offset', type: 'bigint' },
  { name: 'timestamp', type: 'timestamp' },
  { name: 'timestamp_us', type: 'bigint' },
];

/** Fields of malformed lines, which any kind may have; last in every table, before other_fields. */
const TAIL_FIELDS = ['reason', 'raw', 'invalid_utf8'];

/** The column of the fields no other column holds, as a JSON object (NULL when there are none). */
export const OTHER_FIELDS: Column = { name: 'other_fields', type: 'json' };

/** The columns of the `events` view: every table's head, and these where a table has them (else NULL). */
export const VIEW_EXTRA = ['message_id', 'binding_group', 'binding'] as const;

/** Fields whose column is not VARCHAR. A decoder's integer is a BIGINT, a SparkPost quantity a DOUBLE. */
const COLUMN_TYPES: Readonly<Record<string, ColumnType>> = {
  size: 'bigint',
  bytes_transferred: 'bigint',
  retries: 'bigint',
  stage: 'bigint',
  phase: 'bigint',
  status: 'bigint',
  response_bytes: 'bigint',
  remote_port: 'bigint',
  local_port: 'bigint',
  listener_port: 'bigint',
  peer_port: 'bigint',
  end_line: 'bigint',
  version: 'bigint',
  from: 'bigint',
  to: 'bigint',
  segment: 'bigint',
  jlog_timestamp: 'bigint',
  jlog_timestamp_us: 'bigint',
  queue_time: 'double',
  duration_ms: 'double',
  duration_s: 'double',
  scan_duration_s: 'double',
  bounce_class: 'double',
  error_code: 'double',
  msg_size: 'double',
  num_retries: 'double',
  out_of_band: 'boolean',
  truncated: 'boolean',
  authenticated: 'boolean',
  authorized: 'boolean',
  invalid_utf8: 'boolean',
  ctx_conn: 'json',
  ctx_mess: 'json',
  extra: 'json',
  fields: 'json',
  rcpt_meta: 'json',
  rcpt_tags: 'json',
  geo_ip: 'json',
  invalid_numbers: 'json',
};

/** The column type of a field. */
export function columnType(field: string): ColumnType {
  return Object.hasOwn(COLUMN_TYPES, field) ? COLUMN_TYPES[field]! : 'varchar';
}

/** Fields of an event that are never a column nor among other_fields (`bytes`: raw line bytes). */
const NOT_STORED = new Set(['bytes']);

/**
 * Types whose events have few of their kind's fields, and which: a malformed line none (the head
 * and TAIL_FIELDS), a heartbeat its layout (HeartbeatEvent, MalformedEvent in decoders/event.ts).
 */
const FEW_FIELDS: Readonly<Record<string, readonly string[]>> = { malformed: [], heartbeat: ['layout'] };

/**
 * A table per event type of `kinds` (in the order first met), with the fields of every kind that
 * has the type: each once, in the order of the kinds and of their records (`malformed`: none).
 */
export function eventTables(kinds: readonly KindFields[]): TableSchema[] {
  const head = new Set(HEAD_COLUMNS.map((c) => c.name));
  const columnsOf = (fields: readonly string[]): Column[] => [
    ...HEAD_COLUMNS,
    ...[...new Set([...fields, ...TAIL_FIELDS])].filter((f) => !head.has(f)).map((f) => ({ name: f, type: columnType(f) })),
    OTHER_FIELDS,
  ];
  const fields = new Map<string, string[]>();
  const byLog = new Map<string, Map<string, readonly Column[]>>();
  for (const k of kinds) {
    for (const t of k.types) {
      const own = Object.hasOwn(FEW_FIELDS, t) ? FEW_FIELDS[t]! : k.fields;
      fields.set(t, [...(fields.get(t) ?? []), ...own]);
      byLog.set(t, (byLog.get(t) ?? new Map<string, readonly Column[]>()).set(k.log, columnsOf(own)));
    }
  }
  return [...fields].map(([name, f]) => ({ name, columns: columnsOf(f), byLog: byLog.get(name)! }));
}

/** The columns events of kind `log` fill in `table` (all of them for a kind the table does not list). */
export function columnsFor(table: TableSchema, log: string): readonly Column[] {
  return table.byLog.get(log) ?? table.columns;
}

type Read = (ev: Record<string, unknown>) => unknown;

/**
 * How a column's value is made when it is not the event's field of the same name (null): `node`
 * is given, `timestamp` is `timestamp_us`, other_fields an object of the fields no column of
 * `columns` holds (undefined when there are none).
 */
function computedReaders(columns: readonly Column[], node: string): (Read | null)[] {
  const stored = new Set(columns.map((c) => c.name));
  const other = (ev: Record<string, unknown>): Record<string, unknown> | undefined => {
    let o: Record<string, unknown> | undefined;
    for (const k in ev) {
      if (stored.has(k) || NOT_STORED.has(k)) continue;
      (o ??= {})[k] = ev[k];
    }
    return o;
  };
  return columns.map(({ name }) =>
    name === 'node' ? () => node : name === 'timestamp' ? (ev) => ev.timestamp_us : name === OTHER_FIELDS.name ? other : null,
  );
}

/** A function per column giving an event's value in it (undefined for an absent field; see computedReaders). */
export function valueReaders(columns: readonly Column[], node: string): Read[] {
  const computed = computedReaders(columns, node);
  return columns.map(({ name }, c) => computed[c] ?? ((ev) => ev[name]));
}

/**
 * A function reading events into columns as `valueReaders` does: `out[c][i]` is the value of
 * column `c` of `rows[i]`, for the first `n` rows. Its code is made for `columns`, so each field
 * is read at a place of its own in it, where one name and few shapes are met (fast); a place
 * shared by every name would look each up the slow way. The names are written as JSON strings.
 */
export function columnsReader(
  columns: readonly Column[],
  node: string,
): (rows: readonly Record<string, unknown>[], n: number, out: unknown[][]) => void {
  const computed = computedReaders(columns, node);
  const reads = columns.map(({ name }, c) =>
    computed[c] !== null ? `o${c}[i] = computed[${c}](ev);` : `o${c}[i] = ev[${JSON.stringify(name)}];`,
  );
  const body = `${columns.map((_, c) => `const o${c} = out[${c}];`).join('\n')}
for (let i = 0; i < n; i++) {
  const ev = rows[i];
  ${reads.join('\n  ')}
}`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the code is made from the schema's column names, quoted as JSON
  const read = new Function('computed', `return function read(rows, n, out) {\n${body}\n};`) as (
    computed: (Read | null)[],
  ) => (rows: readonly Record<string, unknown>[], n: number, out: unknown[][]) => void;
  return read(computed);
}

/** A function giving an event's values in the order of `columns` (as `valueReaders` reads them). */
export function rowReader(columns: readonly Column[], node: string): (ev: Record<string, unknown>) => unknown[] {
  const readers = valueReaders(columns, node);
  return (ev) => readers.map((r) => r(ev));
}

/** An SQL identifier in double quotes (both DuckDB and ClickHouse read them so). */
export function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The query of the `events` view: every table's head columns, and VIEW_EXTRA's where the table has
 * them (else `nullText`, a NULL of the engine's text type), each table read as `from` says.
 */
export function viewQuery(tables: readonly TableSchema[], from: (table: string) => string, nullText: string): string {
  const head = HEAD_COLUMNS.map((c) => quoteName(c.name)).join(', ');
  return tables
    .map((t) => {
      const has = new Set(t.columns.map((c) => c.name));
      const extra = VIEW_EXTRA.map((c) => (has.has(c) ? quoteName(c) : `${nullText} AS ${quoteName(c)}`));
      return `SELECT ${head}, ${extra.join(', ')} FROM ${from(t.name)}`;
    })
    .join('\nUNION ALL ');
}

/** A value in a text column: a string as it is, an object or list as JSON, anything else as String() gives it. */
export function textOf(v: string | number | boolean | bigint | object): string {
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}
