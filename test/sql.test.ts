import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadDuckdb } from '../src/sinks/duckdb-module';
import { ecelog } from './fixtures/run-cli';

// `ecelog sql` against the real DuckDB (@duckdb/node-api, in process), through the CLI (dist/).

const dir = mkdtempSync(join(tmpdir(), 'ecelog-sql-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SAMPLES = ['sample/mainlog.ec', 'sample/bouncelog.ec'];
const ndjson = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

function sql(args: string[]): { code: number | null; rows: Record<string, unknown>[]; stderr: string; stdout: string } {
  const r = ecelog(['sql', ...args]);
  return { ...r, rows: r.code === 0 ? ndjson(r.stdout) : [] };
}

const stats = JSON.parse(ecelog(['stats', '--json', ...SAMPLES]).stdout) as { events: number; by_type: Record<string, number> };

describe('ecelog sql', () => {
  test('the counts per type, in the events view and in each type table, are those of stats --json', () => {
    const r = sql(['SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY type', ...SAMPLES]);
    expect(r.code).toBe(0);
    expect(Object.fromEntries(r.rows.map((x) => [x.type, x.n]))).toEqual(stats.by_type);
    const types = Object.keys(stats.by_type).sort();
    const perTable = sql([types.map((t) => `SELECT '${t}' AS type, count(*) AS n FROM ${t}`).join(' UNION ALL '), ...SAMPLES]);
    expect(Object.fromEntries(perTable.rows.map((x) => [x.type, x.n]))).toEqual(stats.by_type);
    expect(stats.events).toBe(839);
    // A file named twice is read once.
    expect(sql(['SELECT count(*) AS n FROM events', ...SAMPLES, './sample/mainlog.ec']).rows).toEqual([{ n: 839 }]);
  });

  test('--db keeps the events: a second run adds nothing, a grown file adds its new lines only', () => {
    const db = join(dir, 'events.duckdb');
    const count = 'SELECT count(*) AS n FROM events';
    const first = sql(['--db', db, count, ...SAMPLES]);
    expect(first.stderr).toContain('sample/mainlog.ec: 678 events, 678 added');
    expect(first.stderr).toContain('sample/bouncelog.ec: 161 events, 161 added');
    expect(first.rows).toEqual([{ n: 839 }]);
    const second = sql(['--db', db, count, ...SAMPLES]);
    expect(second.stderr).toContain('sample/mainlog.ec: 678 events, 0 added');
    expect(second.stderr).toContain('sample/bouncelog.ec: 161 events, 0 added');
    expect(second.rows).toEqual([{ n: 839 }]);
    // Without FILE: the query on what the database holds.
    expect(sql(['--db', db, count]).rows).toEqual([{ n: 839 }]);

    const lines = readFileSync('sample/mainlog.ec', 'utf8').split('\n');
    const live = join(dir, 'mainlog.ec');
    writeFileSync(live, `${lines.slice(0, 400).join('\n')}\n`);
    const grown = join(dir, 'grown.duckdb');
    expect(sql(['--db', grown, count, live]).rows).toEqual([{ n: 400 }]);
    appendFileSync(live, lines.slice(400).join('\n'));
    const again = sql(['--db', grown, count, live]);
    expect(again.stderr).toContain(`${live}: 678 events, 278 added`);
    expect(again.rows).toEqual([{ n: 678 }]);
  });

  test('typed columns: TIMESTAMP, BIGINT, DOUBLE, JSON; other fields kept as JSON', () => {
    const r = sql([
      'SELECT typeof(timestamp) AS t, typeof(line) AS l, typeof(queue_time) AS q, typeof(size) AS s, typeof(other_fields) AS o, ' +
        'timestamp, queue_time, id FROM delivery ORDER BY timestamp, line LIMIT 1',
      'sample/mainlog.ec',
    ]);
    expect(r.rows).toEqual([
      {
        t: 'TIMESTAMP',
        l: 'BIGINT',
        q: 'DOUBLE',
        s: 'BIGINT',
        o: 'JSON',
        timestamp: '2024-06-01T06:00:00.000Z',
        queue_time: 0.055,
        id: expect.stringMatching(/^[0-9a-f]{16}:166$/),
      },
    ]);
    // An eventlog record: rcpt_meta is JSON, a field no column has is in other_fields.
    const eventlog = join(dir, 'eventlog.json');
    const msg = {
      type: 'delivery',
      timestamp: '1717221603',
      message_id: 'm1',
      campaign_id: 'spring',
      rcpt_meta: { tier: 'gold' },
      shoe_size: '42',
    };
    writeFileSync(eventlog, `${JSON.stringify({ msys: { message_event: msg } })}\n`);
    const e = sql([
      "SELECT campaign_id, rcpt_meta->>'$.tier' AS tier, typeof(rcpt_meta) AS t, other_fields->>'$.shoe_size' AS shoe FROM delivery",
      '--log',
      'eventlog',
      eventlog,
    ]);
    expect(e.rows).toEqual([{ campaign_id: 'spring', tier: 'gold', t: 'JSON', shoe: '42' }]);
  });

  test('standard input, without --db', () => {
    const r = ecelog(['sql', 'SELECT count(*) AS n FROM delivery', '-'], readFileSync('sample/mainlog.ec', 'utf8'));
    expect(r.stdout).toBe('{"n":224}\n');
  });

  test('output: NDJSON, CSV (cells that cannot run as formulas), an aligned table with escaped text', () => {
    const q = "SELECT binding, count(*) AS n FROM delivery WHERE binding LIKE 'tx-%' GROUP BY binding ORDER BY binding";
    expect(sql([q, 'sample/mainlog.ec']).stdout).toBe('{"binding":"tx-a","n":50}\n{"binding":"tx-b","n":50}\n');
    expect(ecelog(['sql', '--format', 'csv', q, 'sample/mainlog.ec']).stdout).toBe('binding,n\ntx-a,50\ntx-b,50\n');
    expect(ecelog(['sql', '--format', 'table', q, 'sample/mainlog.ec']).stdout).toBe('binding   n\ntx-a     50\ntx-b     50\n');
    const hostile = "SELECT chr(27) || '[31mred' AS s, '=1+1' AS f";
    expect(ecelog(['sql', '--format', 'table', hostile, 'sample/bouncelog.ec']).stdout).toBe(`s${' '.repeat(15)}f\n\\x1b[31mred  =1+1\n`);
    expect(ecelog(['sql', '--format', 'csv', hostile, 'sample/bouncelog.ec']).stdout).toBe("s,f\n\u001b[31mred,'=1+1\n");
    expect(ecelog(['sql', '--format', 'table', 'SELECT 1 AS x WHERE false', 'sample/bouncelog.ec']).stdout).toBe('x\n(no rows)\n');
  });

  test('usage errors and SQL errors are one line, exit code 2', () => {
    expect(ecelog(['sql']).stderr).toMatch(/^ecelog: sql: no QUERY given/);
    expect(ecelog(['sql', 'SELECT 1']).stderr).toMatch(/^ecelog: sql: no FILE given/);
    expect(ecelog(['sql', '--db', join(dir, 'stdin.duckdb'), 'SELECT 1', '-']).stderr).toMatch(
      /^ecelog: standard input \(-\) has no identity/,
    );
    expect(ecelog(['sql', '--format', 'xml', 'SELECT 1', 'sample/mainlog.ec']).stderr).toMatch(
      /^ecelog: --format must be one of table, ndjson, csv/,
    );
    const bad = ecelog(['sql', 'SELECT nope FROM delivery', 'sample/mainlog.ec']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/ecelog: Binder Error: Referenced column "nope" not found/);
  });

  test('without the optional peer dependency, a message says what to install', async () => {
    await expect(loadDuckdb('@duckdb/not-installed-here')).rejects.toThrow(
      'ecelog sql needs DuckDB, an optional peer dependency that is not installed here (@duckdb/not-installed-here): npm install @duckdb/node-api',
    );
  });
});
