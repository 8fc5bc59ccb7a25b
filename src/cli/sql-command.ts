import { realpathSync } from 'node:fs';
import { hostname } from 'node:os';
import { safeText } from '../core/safe-text';
import { DuckdbSink, type QueryResult } from '../sinks/duckdb-sink';
import { eventTables } from '../sinks/schema';
import { kindTypesAndFields } from './columns';
import { INPUT_HELP, INPUT_OPTIONS, UsageError, formatFor, inputFiles, str, type Command } from './command';
import { batchesWithIds } from './sink-input';
import { csvCell } from './serialize-cells';
import { table } from './stats';
import { Output, safeJson } from './writers';

const FORMATS = ['table', 'ndjson', 'csv'] as const;
type SqlFormat = (typeof FORMATS)[number];

/** `ecelog sql`: the files' events in an embedded DuckDB, a table per event type, and a query on them. */
export const command: Command = {
  usage: `Usage: ecelog sql [options] QUERY FILE...
       ecelog sql --db DB QUERY [FILE...]

Loads the FILEs' events into DuckDB (in memory, or the database file --db) and runs QUERY, in
DuckDB's SQL, on them: a table per event type (reception, delivery, bounce, transient_failure,
...), each with the columns id, node, file, type, record, log, line, offset, timestamp
(TIMESTAMP), timestamp_us, then the type's fields, then other_fields (JSON); and the view events
(those columns of every table, with message_id, binding_group and binding). See docs/sql.md.
Needs @duckdb/node-api (an optional peer dependency: npm install @duckdb/node-api).

${INPUT_HELP}
  --db DB           keep the events in the database file DB (created if missing); a later run
                    adds to it, and adds no event it has already (by id: a file read again adds
                    nothing). Without FILE, QUERY runs on what DB holds.
  --format F        table (the default on a terminal), ndjson (the default otherwise) or csv
  --node NAME       the value of the node column (default: this host's name)`,
  options: { ...INPUT_OPTIONS, db: { type: 'string' }, format: { type: 'string' }, node: { type: 'string' } },
  async run(args, v) {
    const [query, ...rest] = args;
    const db = str(v, 'db');
    if (query === undefined) throw new UsageError('sql: no QUERY given (see ecelog sql --help)');
    const files = db !== undefined && rest.length === 0 ? [] : await inputFiles('sql', rest, v);
    const format = formatOf(str(v, 'format'));
    const log = formatFor(str(v, 'log'));
    const sink = await DuckdbSink.open(db ?? null, eventTables(kindTypesAndFields()), str(v, 'node') ?? hostname());
    try {
      // A file named twice (or by two globs) is read once: in memory, nothing would leave out its repeat.
      for (const file of [...new Map(files.map((f) => [f === '-' ? f : realpathSync(f), f])).values()]) {
        let events = 0;
        for await (const batch of batchesWithIds(file, log, v.strict === true, db === undefined)) {
          await sink.append(batch);
          events += batch.length;
        }
        const added = [...(await sink.commit()).values()].reduce((a, b) => a + b, 0);
        process.stderr.write(`ecelog: ${safeText(file)}: ${events} events, ${added} added\n`);
      }
      await write(await sink.query(query), format);
    } finally {
      sink.close();
    }
    return 0;
  },
};

function formatOf(given: string | undefined): SqlFormat {
  if (given === undefined) return process.stdout.isTTY === true ? 'table' : 'ndjson';
  if (!(FORMATS as readonly string[]).includes(given)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  return given as SqlFormat;
}

/** A result in a format: text escaped for terminals (table), JSON with C1 controls escaped, CSV cells that cannot run as formulas. */
async function write(r: QueryResult, format: SqlFormat): Promise<void> {
  const out = new Output();
  if (format === 'table') {
    await out.write(tableText(r));
  } else if (format === 'csv') {
    await out.write(`${r.columns.map(csvCell).join(',')}\n`);
    for (const row of r.rows) await out.write(`${row.map(csvCell).join(',')}\n`);
  } else {
    for (const row of r.rows) await out.write(`${safeJson(Object.fromEntries(r.columns.map((c, i) => [c, row[i]])))}\n`);
  }
  await out.flush();
}

/** A result as an aligned table: text escaped for terminals, numbers to the right, NULL empty. */
export function tableText(r: QueryResult): string {
  const text = (c: unknown): string | number =>
    typeof c === 'number' ? c : c === null || c === undefined ? '' : typeof c === 'string' ? c : JSON.stringify(c);
  return `${table(
    r.columns,
    r.rows.map((row) => row.map(text)),
  )}\n${r.rows.length === 0 ? '(no rows)\n' : ''}`;
}
