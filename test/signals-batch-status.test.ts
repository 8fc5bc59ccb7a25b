import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { signalsResend } from '../src/cli/signals-resend';
import {
  IngestClient,
  IngestConfigError,
  IngestGaveUpError,
  batchStatusUrl,
  parseBatchStatuses,
  proxyFor,
  type IngestClientOptions,
} from '../src/signals/transport/ingest-client';
import { Spool } from '../src/signals/transport/spool';
import { Uploader, type UploaderOptions } from '../src/signals/transport/uploader';
import type { Fault, IngestServer, IngestServerOptions, StatusFault } from './ingest-server';
import { batchOf, idsUpTo, keptIds, seeded, uploadTestSetup, withIngestServer } from './fixtures/upload';

/**
 * Batch status: a 2xx only says SparkPost received a batch; the spool keeps it in sent/ until the
 * Events API reports its outcome. For every fault the local Ingest server can inject, every event
 * ends up in the server's success set exactly once per event_id, or on disk with a reason.
 */

const KEY = 'sp-TEST-batch-status-0123456789-secret';
const { freshDir, dispatcher } = uploadTestSetup('ecelog-status-');
/** Status requests at once and every 20 ms: test timings. */
const FAST: UploaderOptions = { statusDelayMs: 0, statusPollMs: 20 };
const PER = 5;

function clientOf(url: string, options: Partial<IngestClientOptions> = {}): IngestClient {
  return new IngestClient({ url, apiKey: KEY, timeoutMs: 300, minBackoffMs: 1, maxBackoffMs: 20, dispatcher, ...options });
}

const serve = <T>(options: Omit<IngestServerOptions, 'apiKey'>, fn: (s: IngestServer) => Promise<T>): Promise<T> =>
  withIngestServer({ apiKey: KEY, ...options }, fn);

/** Runs an uploader on `spool` until `drain()` resolves (everything sent and its outcome known), then stops it. */
async function uploadAll(spool: Spool, client: IngestClient, options: UploaderOptions = {}): Promise<Uploader> {
  const ctl = new AbortController();
  const uploader = new Uploader(spool, client, { ...FAST, ...options, signal: ctl.signal });
  const running = uploader.run();
  await uploader.drain();
  ctl.abort();
  await running;
  return uploader;
}

/** A spool in a fresh directory holding `n` batches of PER events (ids 0 … n*PER-1); their names. */
async function spoolOf(n: number, dir = freshDir()): Promise<{ spool: Spool; names: string[] }> {
  const spool = await Spool.open(dir);
  const names: string[] = [];
  for (let b = 0; b < n; b++) names.push(await spool.write(batchOf(b * PER, PER)));
  return { spool, names };
}

const filesIn = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

async function until(done: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('batch status: every fault, no loss, no duplicate beyond Ingest dedup', () => {
  test('the usual path: each batch awaits its outcome in sent/, then is removed; one status request asks for several', async () => {
    await serve({}, async (server) => {
      const { spool } = await spoolOf(4);
      const sent: string[] = [];
      const ctl = new AbortController();
      // Not asked about before a minute — unless someone drains: then the four are asked about together.
      const uploader = new Uploader(spool, clientOf(server.url), {
        statusDelayMs: 60_000,
        statusPollMs: 20,
        signal: ctl.signal,
        onSent: (n) => sent.push(n),
      });
      const running = uploader.run();
      await until(() => sent.length === 4);
      expect(spool.awaiting).toBe(4);
      expect(filesIn(join(spool.dir, 'sent')).filter((f) => f.endsWith('.json'))).toHaveLength(4);
      await uploader.drain();
      ctl.abort();
      await running;
      expect(keptIds(server)).toEqual(idsUpTo(4 * PER));
      expect(server.statusRequests).toBe(1);
      expect(server.statusAsked).toBe(4);
      expect(uploader.stats).toMatchObject({
        batches_sent: 4,
        confirmed: 4,
        events_confirmed: 4 * PER,
        awaiting_status: 0,
        resent: 0,
        oldest_unsent_ms: null,
      });
      expect(filesIn(join(spool.dir, 'sent'))).toEqual([]);
      expect(server.duplicates).toBe(0);
      expect(server.errors).toEqual([]);
    });
  });

  test('accepted, then a "system" error (retryable): sent again and confirmed', async () => {
    await serve({ faults: (i) => (i < 3 ? 'accept-then-fail-system' : 'ok') }, async (server) => {
      const { spool } = await spoolOf(3);
      const uploader = await uploadAll(spool, clientOf(server.url));
      expect(keptIds(server)).toEqual(idsUpTo(3 * PER));
      expect(server.accepted).toBe(6);
      expect(server.duplicates).toBe(0);
      expect(uploader.stats).toMatchObject({ batches_sent: 6, resent: 3, confirmed: 3, rejected_after_accept: 0, awaiting_status: 0 });
      expect(spool.depth + spool.awaiting).toBe(0);
      expect(filesIn(join(spool.dir, 'rejected'))).toEqual([]);
    });
  });

  test('a "system" error every time: sent again at most maxResends times, then set aside in rejected/', async () => {
    await serve({ faults: () => 'accept-then-fail-system' }, async (server) => {
      const { spool, names } = await spoolOf(1);
      const uploader = await uploadAll(spool, clientOf(server.url), { maxResends: 2 });
      expect(server.accepted).toBe(3);
      expect(uploader.stats).toMatchObject({ resent: 2, rejected_after_accept: 1, failed_events: PER, confirmed: 0 });
      const why = readFileSync(join(spool.dir, 'rejected', `${names[0]}.why.txt`), 'utf8');
      expect(why).toMatch(
        /^SparkPost reported an error for batch [0-9a-f-]{36} \(sent 3 time\(s\), last at .*\): type=error error_type=system retryable=true/,
      );
      expect(why).toMatch(/\nfailed events: http:\/\/127\.0\.0\.1:\d+\/api\/v1\/ingest\/events\/failures\/[0-9a-f-]{36}\n/);
      expect(why).toContain('set aside after 3 sends (at most 2 again): ecelog signals resend DIR sends it again');
      expect(server.events.size).toBe(0);
    });
  });

  test('accepted, then a validation error: rejected/ with the reason, not sent again; the rest confirmed', async () => {
    await serve({ faults: (i) => (i === 1 ? 'accept-then-fail-validation' : 'ok') }, async (server) => {
      const { spool, names } = await spoolOf(3);
      const uploader = await uploadAll(spool, clientOf(server.url));
      expect(keptIds(server)).toEqual([...idsUpTo(PER), ...idsUpTo(3 * PER).slice(2 * PER)]);
      expect(server.accepted).toBe(3);
      expect(uploader.stats).toMatchObject({ confirmed: 2, rejected_after_accept: 1, failed_events: PER, resent: 0, rejected: 0 });
      expect(filesIn(join(spool.dir, 'rejected'))).toEqual([names[1], `${names[1]}.why.txt`]);
      const why = readFileSync(join(spool.dir, 'rejected', `${names[1]}.why.txt`), 'utf8');
      expect(why).toMatch(/type=error error_type=validation retryable=false number_succeeded=0 number_failed=5\nfailed events: http/);
    });
  });

  test('a success with failed events: kept in rejected/ (SparkPost dropped them in validation), not sent again', async () => {
    await serve({ faults: (i) => (i === 0 ? 'accept-partial' : 'ok') }, async (server) => {
      const { spool, names } = await spoolOf(2);
      const uploader = await uploadAll(spool, clientOf(server.url));
      // The server kept all but the last event of the first batch.
      expect(keptIds(server)).toEqual(idsUpTo(2 * PER).filter((id) => id !== String(PER - 1)));
      expect(server.accepted).toBe(2);
      expect(uploader.stats).toMatchObject({ confirmed: 1, rejected_after_accept: 1, failed_events: 1, resent: 0 });
      expect(readFileSync(join(spool.dir, 'rejected', `${names[0]}.why.txt`), 'utf8')).toMatch(
        /^SparkPost accepted batch [0-9a-f-]{36} but dropped 1 of its events in validation \(sent 1 time\(s\), .*\): type=success number_succeeded=4 number_failed=1 number_duplicates=0\nfailed events: /,
      );
    });
  });

  test('an outcome that takes a while: asked again every statusPollMs, confirmed without sending again', async () => {
    await serve({ faults: () => 'status-pending', pendingFor: 3 }, async (server) => {
      const { spool } = await spoolOf(2);
      const uploader = await uploadAll(spool, clientOf(server.url));
      expect(keptIds(server)).toEqual(idsUpTo(2 * PER));
      expect(server.accepted).toBe(2);
      expect(server.statusAsked).toBe(8);
      expect(uploader.stats).toMatchObject({ confirmed: 2, resent: 0, unconfirmed: 0 });
    });
  });

  test('status requests that fail (5xx, not JSON, no answer) are retried with backoff; last_error clears on the next answer', async () => {
    const faults: StatusFault[] = [500, 'garbage', 503, 'timeout'];
    await serve({ statusFaults: (i) => faults[i] ?? 'ok' }, async (server) => {
      const { spool } = await spoolOf(2);
      const ctl = new AbortController();
      const uploader = new Uploader(spool, clientOf(server.url), { ...FAST, signal: ctl.signal });
      const running = uploader.run();
      // Once an answer was taken as a failure it is the last error until the next answer. A loaded machine may look only
      // after the fourth fault (no answer for 300 ms), so any of the four may be the one seen.
      await until(() => server.statusRequests >= 2 && uploader.stats.last_error !== null);
      expect(uploader.stats.last_error).toMatch(/^batch status: (HTTP 500|HTTP 200: not a batch status answer|HTTP 503|timeout)$/);
      await uploader.drain();
      ctl.abort();
      await running;
      expect(uploader.stats).toMatchObject({ status_retries: 4, confirmed: 2, last_error: null });
      expect(keptIds(server)).toEqual(idsUpTo(2 * PER));
    });
  });

  test('a random mix of Ingest and status faults: every event kept once, every batch confirmed, no duplicate', async () => {
    const random = seeded(20240917);
    const kinds: Fault[] = [500, 503, 429, 'timeout', 'reset', 'no-id', 'accept-then-fail-system', 'status-pending'];
    const statusKinds: StatusFault[] = [500, 503, 'garbage', 'timeout'];
    const pick = <T>(k: T[]): T => k[Math.floor(random() * k.length)]!;
    await serve(
      {
        faults: () => (random() < 0.5 ? 'ok' : pick(kinds)),
        statusFaults: () => (random() < 0.6 ? 'ok' : pick(statusKinds)),
        pendingFor: 2,
      },
      async (server) => {
        const { spool } = await spoolOf(12);
        const uploader = await uploadAll(spool, clientOf(server.url, { timeoutMs: 150 }), { maxResends: 20 });
        expect(keptIds(server)).toEqual(idsUpTo(12 * PER));
        expect(server.duplicates).toBe(0);
        const system = [...server.batches.values()].filter((b) => b.fault === 'accept-then-fail-system').length;
        expect(uploader.stats).toMatchObject({
          confirmed: 12,
          resent: system,
          rejected_after_accept: 0,
          unconfirmed: 0,
          awaiting_status: 0,
        });
        expect(server.accepted).toBe(12 + system);
        expect(spool.depth + spool.awaiting).toBe(0);
        expect(server.errors).toEqual([]);
        console.log(
          `status fault mix: ${server.requests} ingest requests, ${server.statusRequests} status requests, faults ${JSON.stringify(server.faultsInjected)}, ${uploader.stats.status_retries} status retries`,
        );
      },
    );
  });
});

describe('batch status: restarts, the wait bound, the configuration', () => {
  test('a restart while batches await their outcome: the next run asks again and confirms, nothing sent twice', async () => {
    await serve({ faults: () => 'status-pending' }, async (server) => {
      const dir = freshDir();
      const { spool } = await spoolOf(3, dir);
      const ctl = new AbortController();
      const first = new Uploader(spool, clientOf(server.url), { ...FAST, signal: ctl.signal });
      const running = first.run();
      await until(() => spool.awaiting === 3 && [...server.batches.values()].every((b) => b.asked > 0));
      ctl.abort();
      await running;
      expect(spool.awaiting).toBe(3);

      const again = await Spool.open(dir);
      expect([again.depth, again.awaiting]).toEqual([0, 3]);
      server.releasePending();
      const second = await uploadAll(again, clientOf(server.url));
      expect(second.stats).toMatchObject({ batches_sent: 0, confirmed: 3, resent: 0 });
      expect(server.accepted).toBe(3);
      expect(keptIds(server)).toEqual(idsUpTo(3 * PER));
    });
  });

  test('open() after a crash at each step: a record without its move, a sent batch without a record, an orphan record, a temporary file', async () => {
    const dir = freshDir();
    const { spool, names } = await spoolOf(4, dir);
    const [a, b, c, d] = names as [string, string, string, string];
    await spool.markSent(b, 'id-b', Date.now()); // b: sent, awaiting
    await spool.markSent(c, 'id-c', Date.now());
    rmSync(join(dir, 'sent', `${c}.json`)); // c: in sent/ without its record
    writeFileSync(join(dir, 'sent', `${a}.json`), JSON.stringify({ batch_id: 'id-a', first_sent_at: 1, sent_at: 1, sends: 1 })); // a: record written, not moved
    writeFileSync(join(dir, 'sent', '0000000000001-000000-3.ndjson.gz.json'), '{}'); // an orphan record
    writeFileSync(join(dir, 'sent', '.tmp-1-00'), 'half a record');
    const again = await Spool.open(dir);
    expect(filesIn(dir).filter((f) => f.endsWith('.gz'))).toEqual([a, c, d]);
    expect(filesIn(join(dir, 'sent'))).toEqual([`${a}.json`, b, `${b}.json`]);
    expect([again.depth, again.awaiting]).toEqual([3, 1]);
    expect(again.record(a)).toMatchObject({ batch_id: 'id-a', sends: 1 }); // kept: counts the sends
    expect(again.record(b)).toMatchObject({ batch_id: 'id-b', sends: 1 });
    await again.markSent(a, 'id-a2', 5);
    expect(again.record(a)).toEqual({ batch_id: 'id-a2', first_sent_at: 1, sent_at: 5, sends: 2 });
    expect(again.awaitingBatches().map((x) => x.name)).toEqual([a, b]);
  });

  test('no outcome within maxStatusWaitMs: sent again, then set aside in unconfirmed/; resend puts it back and it is confirmed', async () => {
    await serve({ faults: () => 'status-pending' }, async (server) => {
      const dir = freshDir();
      const { spool, names } = await spoolOf(1, dir);
      const uploader = await uploadAll(spool, clientOf(server.url), { maxStatusWaitMs: 100, maxResends: 1 });
      expect(server.accepted).toBe(2);
      expect(uploader.stats).toMatchObject({ resent: 1, unconfirmed: 1, confirmed: 0, awaiting_status: 0 });
      expect(filesIn(join(dir, 'unconfirmed'))).toEqual([names[0], `${names[0]}.why.txt`]);
      expect(readFileSync(join(dir, 'unconfirmed', `${names[0]}.why.txt`), 'utf8')).toMatch(
        /^no outcome for batch [0-9a-f-]{36} within 100 ms of its send\nset aside after 2 sends \(at most 1 again\)/,
      );
      expect(filesIn(join(dir, 'sent'))).toEqual([]);

      const lines: string[] = [];
      const moved = await signalsResend(dir, { print: (l) => lines.push(l) });
      expect(moved).toEqual({ batches: 1, events: PER, from: { rejected: 0, unconfirmed: 1 } });
      expect(lines).toEqual([
        `ecelog signals resend: 1 batches (${PER} events) back in the send queue of ${dir} (0 from rejected/, 1 from unconfirmed/); the agent sends them`,
      ]);
      expect(filesIn(join(dir, 'unconfirmed'))).toEqual([]);
      server.setFaults(() => 'ok');
      const next = await Spool.open(dir);
      expect(next.depth).toBe(1);
      const last = await uploadAll(next, clientOf(server.url));
      expect(last.stats).toMatchObject({ confirmed: 1 });
      expect(keptIds(server)).toEqual(idsUpTo(PER));
    });
  });

  test('signalsResend: both directories, new names after the queue, .why.txt removed; nothing set aside; not a directory', async () => {
    const dir = freshDir();
    const { spool, names } = await spoolOf(4, dir);
    const bodies = names.map((n) => readFileSync(join(dir, n)));
    await spool.reject(names[0]!, 'HTTP 400');
    await spool.reject(names[1]!, 'validation');
    await spool.unconfirm(names[2]!, 'no outcome');
    const moved = await signalsResend(dir, { print: () => undefined, now: () => 1 });
    expect(moved).toEqual({ batches: 3, events: 3 * PER, from: { rejected: 2, unconfirmed: 1 } });
    const queue = filesIn(dir).filter((f) => f.endsWith('.gz'));
    expect(queue).toHaveLength(4);
    expect(queue[0]).toBe(names[3]); // the queue first, the resent batches after it, in their old order
    expect(queue.slice(1).map((n) => n.split('-')[1])).toEqual(['900000', '900001', '900002']);
    for (const [i, n] of queue.slice(1).entries()) expect(readFileSync(join(dir, n))).toEqual(bodies[i]);
    expect([...filesIn(join(dir, 'rejected')), ...filesIn(join(dir, 'unconfirmed'))]).toEqual([]);
    const lines: string[] = [];
    expect(await signalsResend(dir, { print: (l) => lines.push(l) })).toMatchObject({ batches: 0 });
    expect(lines).toEqual([`ecelog signals resend: nothing set aside in ${dir} (rejected/, unconfirmed/)`]);
    await expect(signalsResend(join(dir, 'nope'))).rejects.toThrow(/is not a spool directory/);
  });

  test.each([401, 403] as const)(
    'status HTTP %i: a configuration error naming the permission; the batch stays in sent/',
    async (status) => {
      await serve({ statusFaults: () => status }, async (server) => {
        const { spool, names } = await spoolOf(1);
        const uploader = new Uploader(spool, clientOf(server.url), FAST);
        const drained = uploader.drain();
        const err = (await uploader.run().catch((e: unknown) => e)) as IngestConfigError;
        await expect(drained).rejects.toBe(err);
        expect(err).toBeInstanceOf(IngestConfigError);
        expect(err).toMatchObject({ status, api: 'events' });
        expect(err.message).toBe(
          `ecelog: the Events API refused the API key (HTTP ${status}) when asked for batch status: grant the key "Events Search: Read-only" too, ` +
            `or turn the batch status checks off (batchStatus: false, --no-batch-status); the answer: {"errors":[{"message":"injected ${status}"}]}`,
        );
        expect(server.statusRequests).toBe(1);
        expect(spool.awaitingBatches().map((b) => b.name)).toEqual(names);
        expect(filesIn(join(spool.dir, 'rejected'))).toEqual([]);
        expect(uploader.stats.last_error).toBe(err.message);
      });
    },
  );

  test('status HTTP 404 (no Events API at that URL) is a configuration error too', async () => {
    await serve({ statusFaults: () => 404 }, async (server) => {
      const { spool } = await spoolOf(1);
      const err = (await new Uploader(spool, clientOf(`${server.url}/api/v1`), FAST).run().catch((e: unknown) => e)) as Error;
      expect(err).toBeInstanceOf(IngestConfigError);
      expect(err.message).toMatch(
        /^ecelog: no Events API at http:\/\/127\.0\.0\.1:\d+\/api\/v1\/events\/ingest \(HTTP 404\) to ask for batch status: .*--no-batch-status\)$/,
      );
      expect(spool.awaiting).toBe(1);
    });
  });

  test('batchStatus: false: removed at the 2xx, no status request; batches already in sent/ are left there', async () => {
    await serve({}, async (server) => {
      const dir = freshDir();
      const { spool, names } = await spoolOf(3, dir);
      await spool.markSent(names[0]!, 'earlier', Date.now());
      const uploader = await uploadAll(spool, clientOf(server.url), { batchStatus: false });
      expect(server.statusRequests).toBe(0);
      expect(keptIds(server)).toEqual(idsUpTo(3 * PER).slice(PER));
      expect(uploader.stats).toMatchObject({ batches_sent: 2, confirmed: 0, awaiting_status: 1 });
      expect(filesIn(join(dir, 'sent'))).toEqual([names[0], `${names[0]}.json`]);
    });
  });
});

describe('the spool cap', () => {
  test('maxSpoolBytes: the oldest queued batches are deleted and counted, never the one being sent', async () => {
    await serve({ faults: () => 503 }, async (server) => {
      const batches = Array.from({ length: 7 }, (_, i) => batchOf(i * PER, PER));
      const cap = [0, 4, 5, 6].reduce((s, i) => s + batches[i]!.body.length, 0);
      const spool = await Spool.open(freshDir());
      const names = [await spool.write(batches[0]!)];
      const ctl = new AbortController();
      const uploader = new Uploader(spool, clientOf(server.url), { ...FAST, maxSpoolBytes: cap, signal: ctl.signal });
      const running = uploader.run();
      await until(() => server.requests > 0); // the first batch is in flight, retried
      for (const b of batches.slice(1)) {
        names.push(await spool.write(b));
        uploader.kick();
      }
      await uploader.trim();
      expect(spool.queued()).toEqual([names[0], names[4], names[5], names[6]]);
      expect(spool.bytes).toBe(cap);
      expect(uploader.stats).toMatchObject({ dropped_batches: 3, dropped_events: 3 * PER });
      expect(uploader.stats.oldest_unsent_ms).toBeGreaterThanOrEqual(0);
      expect(uploader.stats.last_error).toBe('HTTP 503');
      server.setFaults(() => 'ok');
      await uploader.drain();
      ctl.abort();
      await running;
      expect(keptIds(server)).toEqual(idsUpTo(7 * PER).filter((id) => Number(id) < PER || Number(id) >= 4 * PER));
      expect(uploader.stats).toMatchObject({ confirmed: 4, dropped_batches: 3, last_error: null, oldest_unsent_ms: null });
    });
  });

  test('maxSpoolAgeMs: queued batches spooled longer ago are deleted and counted', async () => {
    await serve({}, async (server) => {
      let now = Date.now() - 600_000;
      const spool = await Spool.open(freshDir(), { now: () => now });
      for (let b = 0; b < 4; b++) {
        if (b === 2) now = Date.now();
        await spool.write(batchOf(b * PER, PER));
      }
      const uploader = new Uploader(spool, clientOf(server.url), { maxSpoolAgeMs: 60_000 });
      expect(uploader.stats.oldest_unsent_ms).toBeGreaterThanOrEqual(600_000);
      await uploader.trim();
      expect(uploader.stats).toMatchObject({ dropped_batches: 2, dropped_events: 2 * PER });
      expect(spool.depth).toBe(2);
      await uploadAll(spool, clientOf(server.url), { maxSpoolAgeMs: 60_000 });
      expect(keptIds(server)).toEqual(idsUpTo(4 * PER).slice(2 * PER));
    });
  });
});

describe('HTTPS_PROXY', () => {
  /** A CONNECT proxy on 127.0.0.1 that tunnels to `allow`ed targets (else 403); records each CONNECT. */
  async function withProxy(
    allow: (target: string) => boolean,
    run: (url: string, seen: IncomingMessage[]) => Promise<void>,
  ): Promise<void> {
    const seen: IncomingMessage[] = [];
    const proxy = createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req: IncomingMessage, socket, head) => {
      seen.push(req);
      if (!allow(req.url!)) return void socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      const [host, port] = req.url!.split(':');
      const upstream = connect(Number(port), host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket).pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      await run(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, seen);
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  }

  test('batches and status requests go through the proxy the environment names (never the key in its clear); NO_PROXY exempts', async () => {
    await serve({}, async (server) => {
      const target = server.url.replace('http://', '');
      await withProxy(
        (t) => t === target,
        async (proxyUrl, seen) => {
          const client = new IngestClient({
            url: server.url,
            apiKey: KEY,
            env: { http_proxy: proxyUrl },
            minBackoffMs: 1,
            maxBackoffMs: 20,
          });
          const { spool } = await spoolOf(2);
          const uploader = await uploadAll(spool, client);
          await client.close();
          expect(uploader.stats.confirmed).toBe(2);
          expect(keptIds(server)).toEqual(idsUpTo(2 * PER));
          expect(seen.length).toBeGreaterThan(0);
          for (const req of seen) {
            expect(req.url).toBe(target);
            expect(JSON.stringify(req.headers)).not.toContain(KEY);
          }
          const before = seen.length;
          const direct = new IngestClient({
            url: server.url,
            apiKey: KEY,
            env: { HTTP_PROXY: proxyUrl, NO_PROXY: 'example.com, 127.0.0.1' },
          });
          await direct.send(batchOf(100, 1).body);
          await direct.close();
          expect(seen.length).toBe(before);
          expect(server.events.has('100')).toBe(true);
        },
      );
    });
  });

  test('an https URL goes through HTTPS_PROXY with a CONNECT to port 443', async () => {
    await withProxy(
      () => false,
      async (proxyUrl, seen) => {
        const client = new IngestClient({
          url: 'https://ingest.example.test',
          apiKey: KEY,
          env: { HTTPS_PROXY: proxyUrl, HTTP_PROXY: 'http://127.0.0.1:9' },
          maxAttempts: 1,
        });
        const err = (await client.send(batchOf(0, 1).body).catch((e: unknown) => e)) as IngestGaveUpError;
        await client.close();
        expect(err).toBeInstanceOf(IngestGaveUpError);
        expect(err.reason).toMatch(/403/);
        expect(seen.map((r) => r.url)).toEqual(['ingest.example.test:443']);
      },
    );
  });

  test('proxyFor: the variable of the scheme, lower case first; NO_PROXY entries, suffixes, ports and *', () => {
    const api = new URL('https://api.sparkpost.com');
    expect(proxyFor(api, {})).toBeUndefined();
    expect(proxyFor(api, { HTTP_PROXY: 'http://h' })).toBeUndefined();
    expect(proxyFor(api, { HTTPS_PROXY: 'http://up', https_proxy: 'http://low' })).toBe('http://low');
    expect(proxyFor(new URL('http://127.0.0.1:8080'), { HTTPS_PROXY: 'http://s', HTTP_PROXY: 'http://p' })).toBe('http://p');
    const p = { HTTPS_PROXY: 'http://p' };
    for (const noProxy of ['*', 'api.sparkpost.com', 'sparkpost.com', '.sparkpost.com', '*.sparkpost.com', 'x, api.sparkpost.com:443'])
      expect(proxyFor(api, { ...p, NO_PROXY: noProxy }), noProxy).toBeUndefined();
    for (const noProxy of ['', 'sparkpost.co', 'api.sparkpost.com:8443', 'eu.sparkpost.com'])
      expect(proxyFor(api, { ...p, no_proxy: noProxy }), noProxy).toBe('http://p');
    const bad = (): IngestClient => new IngestClient({ url: 'https://h', apiKey: KEY, env: { HTTPS_PROXY: 'proxy:s3cret@host' } });
    expect(bad).toThrow(/^ecelog: the proxy for https: URLs \(HTTPS_PROXY, HTTP_PROXY\) is not an http\(s\) URL$/);
  });
});

describe('batch status answers', () => {
  test('the status URL comes from the same URL forms as the Ingest URL', () => {
    for (const url of [
      'https://h',
      'https://h/',
      'https://h/api/v1',
      'https://h/api/v1/',
      'https://h/api/v1/ingest/events',
      'https://h/api/v1/ingest/events/',
    ])
      expect(batchStatusUrl(url), url).toBe('https://h/api/v1/events/ingest');
  });

  test('parseBatchStatuses is lenient: string counts, unknown types and fields, no batch id, a success winning over an error', () => {
    const text = JSON.stringify({
      results: [
        { batch_id: 'a', type: 'success', number_succeeded: '10', number_failed: 0, number_duplicates: '2', extra: { x: 1 } },
        { batch_id: 'b', type: 'error', error_type: 'system', retryable: 'true', number_failed: -1, href: 'https://h/f/b' },
        { batch_id: 'b', type: 'success', number_succeeded: 3 },
        { batch_id: 'b', type: 'error', error_type: 'system' },
        { batch_id: 'c', type: 'queued' },
        { type: 'success' },
        'text',
        null,
      ],
      links: [],
    });
    expect([...parseBatchStatuses(text)!.values()]).toEqual([
      { batchId: 'a', type: 'success', succeeded: 10, failed: 0, duplicates: 2 },
      { batchId: 'b', type: 'success', succeeded: 3 },
      { batchId: 'c', type: 'unknown' },
    ]);
    for (const bad of ['', '<html>', '{"results":{}}', 'null', '[]']) expect(parseBatchStatuses(bad), bad).toBeNull();
    expect(parseBatchStatuses('{"results":[]}')!.size).toBe(0);
  });

  test('a spool directory made before batch status (no sent/) opens as before', async () => {
    const dir = freshDir();
    mkdirSync(dir);
    const body = batchOf(0, 2).body;
    writeFileSync(join(dir, '1700000000000-000000-2.ndjson.gz'), body);
    const spool = await Spool.open(dir);
    expect([spool.depth, spool.awaiting, spool.bytes]).toEqual([1, 0, body.length]);
    expect(filesIn(dir)).toEqual(['1700000000000-000000-2.ndjson.gz']);
  });
});
