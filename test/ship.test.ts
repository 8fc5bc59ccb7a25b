import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BIN, ROOT, ecelog } from './fixtures/run-cli';
import { CLICKHOUSE_PASSWORD, startClickhouse, type ClickhouseServer } from './clickhouse-server';
import { DOC_INPUTS, DOC_NODE, docDuckdb, docQueries } from './sql-doc-queries';

// `ecelog ship` against a real ClickHouse server (Debian's 18.16), started here on 127.0.0.1.

let server: ClickhouseServer;
const dir = mkdtempSync(join(tmpdir(), 'ecelog-ship-'));
const SAMPLES = ['sample/mainlog.ec', 'sample/bouncelog.ec'];
process.env.ECELOG_CLICKHOUSE_PASSWORD = CLICKHOUSE_PASSWORD;

beforeAll(async () => {
  server = await startClickhouse();
}, 60_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

const to = (db: string): string => `clickhouse://127.0.0.1:${server.port}/${db}`;
const rows = async (sql: string): Promise<Record<string, unknown>[]> =>
  (await server.query(`${sql} FORMAT JSONEachRow`))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const countsByType = async (db: string): Promise<Record<string, number>> =>
  Object.fromEntries((await rows(`SELECT type, count() AS n FROM ${db}.events GROUP BY type`)).map((r) => [r.type, Number(r.n)]));

describe('ecelog ship to ClickHouse', () => {
  test('the counts per type are those of stats --json; a second run adds nothing', async () => {
    const stats = JSON.parse(ecelog(['stats', '--json', ...SAMPLES]).stdout) as { by_type: Record<string, number> };
    const first = ecelog(['ship', '--to', to('fleet'), ...SAMPLES]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/ecelog ship: stopped: 839 events read, \d+ batches sent \(839 events\), 0 retries\n$/);
    expect(await countsByType('fleet')).toEqual(stats.by_type);
    const second = ecelog(['ship', '--to', to('fleet'), ...SAMPLES]);
    expect(second.code).toBe(0);
    expect(await countsByType('fleet')).toEqual(stats.by_type);
    // The copies are there until merged; the table engine merges them away.
    for (const t of Object.keys(stats.by_type)) await server.query(`OPTIMIZE TABLE fleet.${t} FINAL`);
    const raw = await rows(`SELECT count() AS n, uniqExact(id) AS ids FROM fleet.delivery`);
    expect(raw).toEqual([{ n: String(stats.by_type.delivery), ids: String(stats.by_type.delivery) }]);
    const typed = await rows(`SELECT toTypeName(timestamp) AS t, toTypeName(queue_time) AS q, node FROM fleet.delivery LIMIT 1`);
    expect(typed).toEqual([{ t: "DateTime('UTC')", q: 'Nullable(Float64)', node: expect.any(String) }]);
  });

  test("docs/sql.md's ClickHouse queries give the DuckDB queries' rows", async () => {
    expect(ecelog(['ship', '--to', to('docs'), '--node', DOC_NODE, ...DOC_INPUTS]).code).toBe(0);
    const duck = await docDuckdb();
    try {
      for (const q of docQueries()) {
        const expected = (await duck.query(q.duckdb)).rows.map((r) => r.map(normal));
        const got = (await rows(q.clickhouse.replace(/\b(FROM|JOIN) (\w+)/g, '$1 docs.$2'))).map((r) => Object.values(r).map(normal));
        expect(got, q.title).toEqual(expected);
      }
    } finally {
      duck.close();
    }
  });

  test('the password never on the command line; plain http only to this machine', () => {
    const withPassword = ecelog(['ship', '--to', `clickhouse://u:p@127.0.0.1:${server.port}/x`, 'sample/mainlog.ec']);
    expect(withPassword.stderr).toMatch(/^ecelog: --to must not carry a user or password/);
    const plain = ecelog(['ship', '--to', 'http://ch.example.net:8123/x', 'sample/mainlog.ec']);
    expect(plain.stderr).toMatch(/^ecelog: --to: plain http would send the password unencrypted/);
    expect(ecelog(['ship', '--to', to('x'), '-']).stderr).toMatch(/ecelog: standard input \(-\) has no identity/);
    const file = join(dir, 'wrong.pw');
    writeFileSync(file, 'wrong\n');
    // A refused password is not retried: one line, exit 2, with or without --follow.
    for (const follow of [[], ['--follow', '--checkpoint', join(dir, 'wrong.ck')]]) {
      const wrong = ecelog(['ship', '--to', to('x'), '--password-file', file, ...follow, 'sample/mainlog.ec']);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/^ecelog: .*Wrong password for user default/m);
      expect(wrong.stderr).not.toMatch(/again in/);
    }
  }, 60_000);

  test('--status-json: status, warnings, errors and the stop summary as JSON lines, as ecelog signals writes them', async () => {
    const lines = (stderr: string): Record<string, unknown>[] =>
      stderr
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    const ok = ecelog(['ship', '--status-json', '--to', to('json'), ...SAMPLES]);
    expect(ok.code).toBe(0);
    const last = lines(ok.stderr).at(-1)!;
    expect(last).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      level: 'info',
      message: 'stopped',
      events_read: 839,
      batches: expect.any(Number),
      rows: 839,
      retries: 0,
      last_error: null,
      not_shipped: {},
    });
    expect(await countsByType('json')).toEqual(JSON.parse(ecelog(['stats', '--json', ...SAMPLES]).stdout).by_type);

    // A followed file: the periodic status has the rate; a refused password is an error line and exit code 2.
    const file = join(dir, 'json-follow.ec');
    writeFileSync(file, readFileSync(join(ROOT, 'sample/mainlog.ec')));
    const args = ['ship', '--status-json', '--status-interval', '0.2', '--to', to('json'), '--follow', '--from', 'start'];
    const live = spawn(process.execPath, [BIN, ...args, '--checkpoint', join(dir, 'json.ck'), file], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    live.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const deadline = Date.now() + 20_000;
    while (!/"message":"status"[^\n]*"rows":[1-9]/.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    live.kill('SIGTERM');
    await new Promise((r) => live.once('close', r));
    const status = lines(stderr).find((l) => l.message === 'status' && (l.rows as number) > 0);
    expect(status).toMatchObject({
      level: 'info',
      events_per_s: expect.any(Number),
      events_read: expect.any(Number),
      retries: 0,
      last_error: null,
    });
    expect(lines(stderr).at(-1)).toMatchObject({ message: 'stopped' });

    const pw = join(dir, 'json-wrong.pw');
    writeFileSync(pw, 'wrong\n');
    const wrong = ecelog(['ship', '--status-json', '--to', to('json'), '--password-file', pw, 'sample/mainlog.ec']);
    expect(wrong.code).toBe(2);
    expect(lines(wrong.stderr)).toEqual([
      { time: expect.any(String), level: 'error', message: expect.stringMatching(/Wrong password for user default/) },
    ]);
  }, 60_000);

  test('--follow, killed at random moments and restarted: every line once', async () => {
    const lines = readFileSync(join(ROOT, 'sample/mainlog.ec'), 'utf8').trimEnd().split('\n');
    const log = join(dir, 'mainlog.ec');
    const checkpoint = join(dir, 'ship.checkpoint');
    writeFileSync(log, '');
    const total = lines.length * 3;
    let written = 0;
    const write = (n: number): void => {
      const part: string[] = [];
      for (; n > 0 && written < total; n--, written++) part.push(lines[written % lines.length]!);
      if (part.length > 0) appendFileSync(log, `${part.join('\n')}\n`);
    };
    write(200);
    const args = [
      'ship',
      '--to',
      to('killed'),
      '--follow',
      '--from',
      'start',
      '--checkpoint',
      checkpoint,
      '--log',
      'mainlog',
      '--max-rows',
      '37',
      log,
    ];
    let kills = 0;
    while (written < total) {
      const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: 'ignore' });
      const exited = new Promise((resolve) => p.once('exit', resolve));
      const until = Date.now() + 300 + Math.random() * 900;
      while (Date.now() < until) {
        write(40);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      p.kill('SIGKILL');
      await exited;
      kills++;
    }
    // A crash after INSERTs were acknowledged and before their positions were committed, made
    // certain: the last run starts without a checkpoint (--from start) and sends every line again,
    // `resent` of them a second time.
    const resent = existsSync(checkpoint) ? (JSON.parse(readFileSync(checkpoint, 'utf8')) as { line: number }).line : 0;
    rmSync(checkpoint, { force: true });
    // The last run catches up, then stops on SIGTERM.
    const last = spawn(process.execPath, [BIN, ...args, '--status-interval', '0.2'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    last.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise((resolve) => last.once('exit', resolve));
    const count = async (): Promise<number> => Number((await rows('SELECT count() AS n FROM killed.events'))[0]?.n ?? 0);
    // Until it has sent every line (its status lines count them) and the view has each once.
    const sentSoFar = (): number => Math.max(0, ...[...stderr.matchAll(/batches sent \((\d+) events\)/g)].map((m) => Number(m[1])));
    for (let i = 0; i < 300 && (sentSoFar() < total || (await count().catch(() => 0)) < total); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    last.kill('SIGTERM');
    await exited;
    expect(kills).toBeGreaterThanOrEqual(3);
    expect(await count()).toBe(total);
    const ids = await rows(
      `SELECT uniqExact(id) AS ids, uniqExact(offset) AS offsets, min(line) AS first, max(line) AS last FROM killed.events`,
    );
    expect(ids).toEqual([{ ids: String(total), offsets: String(total), first: '1', last: String(total) }]);
    expect(stderr).toMatch(/ecelog ship: \d+ events\/s, \d+ batches sent \(\d+ events\), 0 retries/);
    const raw = await rows(
      `SELECT sum(n) AS n FROM (SELECT count() AS n FROM killed.reception UNION ALL SELECT count() AS n FROM killed.delivery UNION ALL SELECT count() AS n FROM killed.transient_failure UNION ALL SELECT count() AS n FROM killed.permanent_failure UNION ALL SELECT count() AS n FROM killed.heartbeat UNION ALL SELECT count() AS n FROM killed.transfer)`,
    );
    expect(Number(raw[0]!.n)).toBeGreaterThanOrEqual(total);
    const sent = Number(/stopped: \d+ events read, \d+ batches sent \((\d+) events\)/.exec(stderr)?.[1]);
    expect(sent).toBe(total);
    process.stdout.write(
      `ship --follow: ${kills} kills, ${total} lines, ${resent} sent twice, ${String(raw[0]!.n)} rows in the tables (merges run in the background), ${total} with FINAL\n`,
    );
  }, 90_000);
});

/** A value as both engines' rows compare: numbers as numbers (ClickHouse quotes 64-bit ones), times as ISO 8601. */
function normal(v: unknown): unknown {
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(v)) return `${v.replace(' ', 'T')}.000Z`;
  return v;
}
