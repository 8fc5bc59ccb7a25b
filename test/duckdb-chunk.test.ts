import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ChunkAppender, layoutHolds } from '../src/sinks/duckdb-chunk';
import { loadDuckdb } from '../src/sinks/duckdb-module';
import { columnsReader, type Column } from '../src/sinks/schema';

// Rows appended a data chunk at a time (src/sinks/duckdb-chunk.ts) read back from the real DuckDB
// exactly as given: across chunk boundaries, with NULLs, short and long strings, repeats.

const COLUMNS: Column[] = [
  { name: 'k', type: 'bigint' },
  { name: 's', type: 'varchar' },
  { name: 'r', type: 'varchar' },
  { name: 'j', type: 'json' },
  { name: 'i', type: 'bigint' },
  { name: 't', type: 'timestamp' },
  { name: 'd', type: 'double' },
  { name: 'b', type: 'boolean' },
];
const SQL = 'k BIGINT, s VARCHAR, r VARCHAR, j JSON, i BIGINT, t TIMESTAMP, d DOUBLE, b BOOLEAN';
/** Strings at the edges: empty, 12 and 13 bytes, 12 characters but more bytes, NUL, a lone surrogate's replacement. */
const EDGES = ['', 'abc', 'exactly12byt', 'thirteen byte', 'héllo wörld!', 'a\u0000b', '日本語テキスト', '\u{1F600}x', 'x'.repeat(300)];
/** Long strings repeated often enough that their entries are copied, not made again. */
const POOL = ['transactional-pool', 'mail.example.com.long', 'binding-group-number-7'];

type Row = {
  k: number;
  s?: string | null;
  r?: string | null;
  j?: object | null;
  i?: number | null;
  t?: number | null;
  d?: number | null;
  b?: boolean | null;
};

const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 16 }),
  fc.constantFrom(...EDGES),
  fc.constantFrom(...POOL),
);
const row = fc.record(
  {
    s: fc.option(text, { nil: undefined }),
    r: fc.option(fc.constantFrom(...POOL, 'short', 'x'), { nil: null }),
    j: fc.option(fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string(), fc.integer())), fc.array(fc.integer())), {
      nil: undefined,
    }),
    i: fc.option(fc.oneof(fc.integer(), fc.maxSafeInteger()), { nil: undefined }),
    t: fc.option(fc.maxSafeNat(), { nil: null }),
    d: fc.option(fc.double({ noNaN: true }), { nil: undefined }),
    b: fc.option(fc.boolean(), { nil: undefined }),
  },
  { requiredKeys: [] },
);
/** Runs: a value for a while, then another (a column of one string in a chunk is a constant vector). */
const rows = fc.oneof(
  fc.array(row, { maxLength: 5000 }),
  fc.tuple(row, fc.integer({ min: 1, max: 4500 })).map(([r, n]) => Array<Partial<Row>>(n).fill(r)),
);

const wanted = (r: Partial<Row>, k: number): unknown[] => [
  k,
  r.s ?? null,
  r.r ?? null,
  r.j === undefined || r.j === null ? null : JSON.stringify(r.j),
  r.i ?? null,
  r.t ?? null,
  r.d === undefined || r.d === null ? null : Object.is(r.d, -0) ? 0 : r.d,
  r.b ?? null,
];

async function roundTrip(given: Partial<Row>[], direct: boolean | undefined): Promise<unknown[][]> {
  const { duckdb, bindings } = await loadDuckdb();
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE TABLE t (${SQL})`);
    const appender = await connection.createAppender('t');
    const chunks = new ChunkAppender(bindings, duckdb, appender, COLUMNS, columnsReader(COLUMNS, 'node'), direct);
    given.forEach((r, k) => chunks.add({ ...r, k }));
    chunks.close();
    const reader = await connection.runAndReadAll(`SELECT k, s, r, CAST(j AS VARCHAR), i, epoch_us(t), d, b FROM t ORDER BY k`);
    return reader.getRowsJS().map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : Object.is(v, -0) ? 0 : v)));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('appending data chunks to DuckDB', () => {
  test("DuckDB's string entries are laid out as the appender writes them", async () => {
    const { duckdb, bindings } = await loadDuckdb();
    expect(layoutHolds(bindings, duckdb)).toBe(true);
  });

  describe.each([
    ['short strings and repeats written in the entries', undefined],
    ['every string written by DuckDB', false],
  ])('%s', (_, direct) => {
    test('random rows read back as given, NULL for null and absent', async () => {
      await fc.assert(
        fc.asyncProperty(rows, async (given) => {
          expect(await roundTrip(given, direct)).toEqual(given.map(wanted));
        }),
        { numRuns: 25 },
      );
    }, 120_000);

    test('a value of the wrong type is an error naming the column', async () => {
      await expect(roundTrip([{ i: 1.5 }], direct)).rejects.toThrow('column i: 1.5 is not an integer');
      await expect(roundTrip([{ b: 'yes' as unknown as boolean }], direct)).rejects.toThrow('column b: "yes" is not a boolean');
    });
  });
});
