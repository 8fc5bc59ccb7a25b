import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { batchesWithIds } from '../src/cli/sink-input';
import { kindTypesAndFields } from '../src/cli/columns';
import { DuckdbSink } from '../src/sinks/duckdb-sink';
import { eventTables } from '../src/sinks/schema';

/** The queries of docs/sql.md ("### N. Title", a ```sql block, its ```text result, then "ClickHouse:" and a ```sql block). */

export const ROOT = join(__dirname, '..');
/** The inputs the queries run on, and the node they are loaded as. */
export const DOC_INPUTS = ['sample/mainlog.ec', 'sample/bouncelog.ec', 'test/fixtures/sql-eventlog.log'];
export const DOC_NODE = 'mta1';

export interface DocQuery {
  title: string;
  duckdb: string;
  result: string;
  clickhouse: string;
}

export function docQueries(): DocQuery[] {
  const text = readFileSync(join(ROOT, 'docs', 'sql.md'), 'utf8');
  const sections = text.split(/^### \d+\. /m).slice(1);
  return sections.map((s) => {
    const blocks = [...s.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, body: m[2]! }));
    const [duckdb, result, clickhouse] = blocks;
    if (duckdb?.lang !== 'sql' || result?.lang !== 'text' || clickhouse?.lang !== 'sql' || !/\nClickHouse:\n/.test(s))
      throw new Error(`docs/sql.md: section "${s.split('\n')[0]}" is not a sql, text, ClickHouse: sql sequence`);
    return { title: s.split('\n')[0]!, duckdb: duckdb.body.trim(), result: result.body, clickhouse: clickhouse.body.trim() };
  });
}

/** An in-memory DuckDB with the doc's inputs loaded, as `ecelog sql --node mta1` loads them. */
export async function docDuckdb(): Promise<DuckdbSink> {
  const sink = await DuckdbSink.open(null, eventTables(kindTypesAndFields()), DOC_NODE);
  for (const file of DOC_INPUTS) {
    for await (const batch of batchesWithIds(join(ROOT, file), 'auto', false)) await sink.append(batch);
    await sink.commit();
  }
  return sink;
}
