// ecelog dashboard over HTTP (no browser): what it serves and to whom. GET / and GET /events only,
// loopback by default with the Host header checked, a token required off loopback and checked on
// every request, a bounded number of event streams.
import { request, type ClientRequest } from 'node:http';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_CLIENTS } from '../src/cli/dashboard-server';
import { ecelog, ROOT } from './fixtures/run-cli';
import { httpGet, startDashboardProcess, type RunningDashboard } from './fixtures/dashboard-process';
import { embeddedData, statsJson } from './fixtures/report-inputs';
import { copyFixture, snapshot } from './fixtures/jlog';

const dir = mkdtempSync(join(tmpdir(), 'ecelog-dashboard-'));
const SAMPLE = readFileSync(join(ROOT, 'sample/mainlog.ec'), 'utf8').split('\n').slice(0, 100);
const log = join(dir, 'mainlog.ec');
writeFileSync(log, `${SAMPLE.slice(0, 40).join('\n')}\n`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The data of the first message of /events. */
const firstData = (body: string) =>
  JSON.parse(/\ndata: (.*)\n\n/.exec(body)![1]!) as { stats: { events: number } & Record<string, unknown> };
const hasData = (body: string) => /\ndata: .*\n\n/.test(body);

describe('on loopback, without a token', () => {
  let d: RunningDashboard;
  beforeAll(async () => {
    d = await startDashboardProcess(['--follow', '--from', 'start', '--log', 'mainlog', log]);
  });
  afterAll(async () => {
    expect(await d.stop()).toBe(0);
  });

  test('GET /: the page, with a CSP of its nonce and no other source', async () => {
    const r = await httpGet(d.port, '/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    const nonce = /script-src 'nonce-([^']+)'/.exec(String(r.headers['content-security-policy']))![1]!;
    expect(r.headers['content-security-policy']).toBe(
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.body.match(/<script nonce="([^"]+)"/g)).toEqual([`<script nonce="${nonce}"`, `<script nonce="${nonce}"`]);
    expect(embeddedData(r.body).meta).toMatchObject({ files: [log], bucket: 60 });
    // A second page gets another nonce.
    expect((await httpGet(d.port, '/')).headers['content-security-policy']).not.toContain(nonce);
  });

  test('GET /events: the data now, then again when lines arrive', async () => {
    const first = await httpGet(d.port, '/events', { until: hasData });
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(first.body.startsWith('retry: 2000\ndata: ')).toBe(true);
    expect(firstData(first.body).stats.events).toBe(40);
    // Pushed to an open stream: the first message, then one with the new lines.
    const pushed = httpGet(d.port, '/events', { until: (b) => b.split('\ndata: ').length > 2 });
    await new Promise((r) => setTimeout(r, 300));
    appendFileSync(log, `${SAMPLE.slice(40, 60).join('\n')}\n`);
    const body = (await pushed).body;
    expect(JSON.parse(body.split('\ndata: ')[2]!.split('\n')[0]!).stats.events).toBe(60);
  });

  test('other paths 404, other methods 405; nothing writes', async () => {
    expect((await httpGet(d.port, '/favicon.ico')).status).toBe(404);
    expect((await httpGet(d.port, '/events/x')).status).toBe(404);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const r = await httpGet(d.port, '/', { method });
      expect(r.status).toBe(405);
      expect(r.headers.allow).toBe('GET, HEAD');
    }
    expect((await httpGet(d.port, '/events', { method: 'POST' })).status).toBe(405);
  });

  test('a Host header that is not a loopback name is refused (DNS rebinding)', async () => {
    expect((await httpGet(d.port, '/', { headers: { Host: 'evil.example' } })).status).toBe(403);
    expect((await httpGet(d.port, '/', { headers: { Host: `evil.example:${d.port}` } })).status).toBe(403);
    expect((await httpGet(d.port, '/', { headers: { Host: `127.0.0.1:${d.port + 1}` } })).status).toBe(403);
    expect((await httpGet(d.port, '/', { headers: { Host: `localhost:${d.port}` } })).status).toBe(200);
  });

  test(`at most ${MAX_CLIENTS} event streams at once; more get 503`, async () => {
    const open = await Promise.all(
      Array.from(
        { length: MAX_CLIENTS },
        () =>
          new Promise<ClientRequest>((resolve) => {
            const req = request({ host: '127.0.0.1', port: d.port, path: '/events' }, (res) => {
              res.once('data', () => resolve(req));
            });
            req.end();
          }),
      ),
    );
    expect((await httpGet(d.port, '/events')).status).toBe(503);
    for (const req of open) req.destroy();
    await new Promise((r) => setTimeout(r, 200));
    expect((await httpGet(d.port, '/events', { until: hasData })).status).toBe(200);
  });
});

describe('with a token', () => {
  let d: RunningDashboard;
  beforeAll(async () => {
    d = await startDashboardProcess(['--follow', '--from', 'start', '--token', 's3cret', log]);
  });
  afterAll(async () => {
    expect(await d.stop()).toBe(0);
  });

  test('every request must carry it, as a Bearer token or ?token=', async () => {
    expect((await httpGet(d.port, '/')).status).toBe(401);
    expect((await httpGet(d.port, '/events')).status).toBe(401);
    expect((await httpGet(d.port, '/?token=s3cre')).status).toBe(401);
    expect((await httpGet(d.port, '/', { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await httpGet(d.port, '/nothing')).status).toBe(401);
    expect((await httpGet(d.port, '/?token=s3cret')).status).toBe(200);
    expect((await httpGet(d.port, '/', { headers: { Authorization: 'Bearer s3cret' } })).status).toBe(200);
    expect((await httpGet(d.port, '/events?token=s3cret', { until: hasData })).status).toBe(200);
  });
});

describe('a jlog directory', () => {
  test('is followed as a reader without a subscriber: its events counted, the directory unchanged', async () => {
    const jlog = copyFixture('mainlog-jlog');
    const before = snapshot(jlog);
    const d = await startDashboardProcess(['--follow', '--from', 'start', jlog]);
    try {
      const expected = statsJson([jlog]) as { events: number; by_type: Record<string, number> };
      expect(expected.events).toBeGreaterThan(0);
      let data = firstData((await httpGet(d.port, '/events', { until: hasData })).body);
      for (const until = Date.now() + 10_000; data.stats.events < expected.events && Date.now() < until;) {
        await new Promise((r) => setTimeout(r, 200));
        data = firstData((await httpGet(d.port, '/events', { until: hasData })).body);
      }
      expect(data.stats).toEqual(expected);
    } finally {
      expect(await d.stop()).toBe(0);
    }
    expect(snapshot(jlog)).toEqual(before);
  });
});

describe('usage errors', () => {
  test('no --follow; another host than loopback without --token; a bad port or window', () => {
    expect(ecelog(['dashboard', log]).stderr).toContain('ecelog: dashboard needs --follow (for a file read once, see ecelog report)\n');
    const open = ecelog(['dashboard', '--follow', '--host', '0.0.0.0', log]);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('ecelog: --host 0.0.0.0 is not loopback: --token is required\n');
    expect(ecelog(['dashboard', '--follow', '--port', '70000', log]).stderr).toContain('ecelog: --port must be 0..65535\n');
    expect(ecelog(['dashboard', '--follow', '--window', '0', log]).stderr).toContain('ecelog: --window must be 1..1440\n');
  });
});
