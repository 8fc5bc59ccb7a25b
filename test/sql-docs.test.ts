import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tableText } from '../src/cli/sql-command';
import type { DuckdbSink } from '../src/sinks/duckdb-sink';
import { docDuckdb, docQueries } from './sql-doc-queries';

// The ten queries of docs/sql.md, run on DuckDB: each gives the result the page shows.

const queries = docQueries();
let sink: DuckdbSink;
beforeAll(async () => {
  sink = await docDuckdb();
});
afterAll(() => sink.close());

describe('docs/sql.md', () => {
  test('has ten queries', () => {
    expect(queries.map((q) => q.title)).toEqual([
      'Deliveries by domain per hour',
      'Deferral reasons by MX',
      'Bounce classes by binding',
      'Queue-time percentiles by binding group',
      'Complaint rate per campaign',
      'Volume per node',
      'Delivery rate by domain',
      'Top permanent failure responses',
      'Hourly volume by type',
      'Messages received and not yet done',
    ]);
  });

  test.each(queries.map((q) => [q.title, q] as const))('%s: the result shown', async (_, q) => {
    expect(tableText(await sink.query(q.duckdb))).toBe(q.result);
  });
});
