import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readApiKey } from '../src/signals/transport/api-key';
import { Batcher, type Batch } from '../src/signals/transport/batcher';
import {
  IngestClient,
  IngestConfigError,
  IngestGaveUpError,
  IngestRejectedError,
  ingestUrl,
  parseRetryAfter,
  type IngestClientOptions,
  type RetryInfo,
} from '../src/signals/transport/ingest-client';
import { Spool } from '../src/signals/transport/spool';
import { Uploader } from '../src/signals/transport/uploader';
import { testEvent, type Fault, type IngestServer } from './ingest-server';
import { batchOf, seeded, uploadTestSetup, withIngestServer } from './fixtures/upload';

/** Spool, API key, Ingest client and uploader, against the test Ingest server. */

const KEY = 'sp-TEST-0123456789abcdef-secret';
const { root, freshDir, dispatcher } = uploadTestSetup('ecelog-upload-');

/**
 * A plain HTTP server (not the Ingest test server) answering request i with `status(i)` and a text
 * that quotes the request's Authorization header, as some proxies and APIs echo what they refuse.
 */
async function withEchoServer(
  status: (i: number) => number,
  text: (key: string) => string,
  run: (url: string) => Promise<void>,
): Promise<void> {
  let i = 0;
  const echo = createServer((req, res) => {
    res.writeHead(status(i++), { 'content-type': 'text/plain' });
    res.end(text(String(req.headers.authorization)));
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(echo.address() as AddressInfo).port}`);
  } finally {
    echo.closeAllConnections();
    await new Promise((resolve) => echo.close(resolve));
  }
}

/** A client of `server` with test-sized timings; `retries` collects its onRetry calls. */
function clientOf(server: { url: string }, options: Partial<IngestClientOptions> = {}, retries: RetryInfo[] = []): IngestClient {
  return new IngestClient({
    url: server.url,
    apiKey: KEY,
    timeoutMs: 5000, // a loaded machine may take long to answer; the timeout tests set their own
    minBackoffMs: 1,
    maxBackoffMs: 20,
    dispatcher,
    onRetry: (info) => retries.push(info),
    ...options,
  });
}

/** Runs `fn` with an Ingest server, closed afterwards. */
function withServer<T>(faults: (i: number) => Fault, fn: (s: IngestServer) => Promise<T>, retryAfter?: string): Promise<T> {
  return withIngestServer({ apiKey: KEY, faults, ...(retryAfter ? { retryAfter } : {}) }, fn);
}

describe('Spool', () => {
  test('write, list, read, remove; names in write order within one millisecond', async () => {
    const spool = await Spool.open(freshDir());
    const batches = Array.from({ length: 30 }, (_, i) => batchOf(i * 2, 2));
    const names: string[] = [];
    for (const b of batches) names.push(await spool.write(b));
    expect(await spool.list()).toEqual(names);
    expect([...names].sort()).toEqual(names);
    expect(new Set(names).size).toBe(30);
    expect(spool.depth).toBe(30);
    expect(names[0]).toMatch(/^\d{13}-\d{6}-2\.ndjson\.gz$/);
    expect(await spool.read(names[3]!)).toEqual(batches[3]!.body);
    await spool.remove(names[0]!);
    expect(spool.depth).toBe(29);
    expect((await spool.list())[0]).toBe(names[1]);
  });

  test('temporary files are never listed and are removed at open', async () => {
    const dir = freshDir();
    const spool = await Spool.open(dir);
    const name = await spool.write(batchOf(0, 3));
    writeFileSync(join(dir, '.tmp-999-deadbeef0000'), 'half a batch'); // a crash before the rename
    expect(await spool.list()).toEqual([name]);
    const again = await Spool.open(dir);
    expect(readdirSync(dir).sort()).toEqual([name]);
    expect(again.depth).toBe(1);
  });

  test('the order goes on across a restart, even when the clock went back', async () => {
    const dir = freshDir();
    const first = await Spool.open(dir, { now: () => 1_700_000_000_500 });
    const a = [await first.write(batchOf(0, 1)), await first.write(batchOf(1, 1))];
    const second = await Spool.open(dir, { now: () => 1_700_000_000_000 });
    expect(second.depth).toBe(2);
    const b = [await second.write(batchOf(2, 1)), await second.write(batchOf(3, 1))];
    const third = await Spool.open(dir);
    const c = [await third.write(batchOf(4, 1))];
    expect(await third.list()).toEqual([...a, ...b, ...c]);
    expect(third.depth).toBe(5);
  });

  test('depth stays right when a batch is sent and removed before its write() has returned', async () => {
    const spool = await Spool.open(freshDir());
    for (let round = 0; round < 20; round++) {
      const writing = spool.write(batchOf(round, 1));
      // The uploader's side: the file is listed as soon as it is renamed into place, then removed.
      let names: string[] = [];
      while (names.length === 0) names = await spool.list();
      await spool.remove(names[0]!);
      await writing;
      expect(spool.depth).toBe(0);
    }
  });

  test('reject() keeps the batch in rejected/ with the reason beside it', async () => {
    const dir = freshDir();
    const spool = await Spool.open(dir);
    const batch = batchOf(0, 2);
    const name = await spool.write(batch);
    await spool.reject(name, 'HTTP 400: bad batch');
    expect(await spool.list()).toEqual([]);
    expect(spool.depth).toBe(0);
    expect(readFileSync(join(dir, 'rejected', name))).toEqual(batch.body);
    expect(readFileSync(join(dir, 'rejected', `${name}.why.txt`), 'utf8')).toBe('HTTP 400: bad batch\n');
    expect((await Spool.open(dir)).depth).toBe(0);
  });
});

describe('readApiKey', () => {
  const keyFile = (text: string): string => {
    const path = freshDir();
    writeFileSync(path, text);
    return path;
  };

  test('from the file option, then ECELOG_SPARKPOST_API_KEY_FILE, then ECELOG_SPARKPOST_API_KEY; trimmed', async () => {
    const env = { ECELOG_SPARKPOST_API_KEY_FILE: keyFile(' env-file-key\n'), ECELOG_SPARKPOST_API_KEY: 'env-key' };
    expect(await readApiKey({ env, file: keyFile('option-key\n') })).toBe('option-key');
    expect(await readApiKey({ env })).toBe('env-file-key');
    expect(await readApiKey({ env: { ECELOG_SPARKPOST_API_KEY: '  env-key ' } })).toBe('env-key');
  });

  test('missing or empty: the error says where it looked, never the key', async () => {
    await expect(readApiKey({ env: {} })).rejects.toThrow(/ECELOG_SPARKPOST_API_KEY_FILE.*ECELOG_SPARKPOST_API_KEY/);
    await expect(readApiKey({ env: { ECELOG_SPARKPOST_API_KEY: ' \n' } })).rejects.toThrow(/ECELOG_SPARKPOST_API_KEY is empty/);
    const empty = keyFile('\n');
    await expect(readApiKey({ env: {}, file: empty })).rejects.toThrow(`${empty} is empty`);
    const missing = join(root, 'no-such-key');
    await expect(readApiKey({ env: { ECELOG_SPARKPOST_API_KEY_FILE: missing } })).rejects.toThrow(
      `${missing} (ECELOG_SPARKPOST_API_KEY_FILE): ENOENT`,
    );
    const two = readApiKey({ env: { ECELOG_SPARKPOST_API_KEY: `${KEY}\nsecond` } });
    await expect(two).rejects.toThrow(/more than one word/);
    await expect(two.catch((e: Error) => e.message)).resolves.not.toContain(KEY);
  });
});

describe('IngestClient', () => {
  test('the endpoint from a base URL with or without a slash, or the full path', () => {
    expect(ingestUrl('https://api.sparkpost.com')).toBe('https://api.sparkpost.com/api/v1/ingest/events');
    expect(ingestUrl('https://api.eu.sparkpost.com/')).toBe('https://api.eu.sparkpost.com/api/v1/ingest/events');
    expect(ingestUrl('http://h:1/api/v1/ingest/events')).toBe('http://h:1/api/v1/ingest/events');
    // the API base as SparkPost documents it
    expect(ingestUrl('https://api.sparkpost.com/api/v1')).toBe('https://api.sparkpost.com/api/v1/ingest/events');
    expect(ingestUrl('https://api.eu.sparkpost.com/api/v1/')).toBe('https://api.eu.sparkpost.com/api/v1/ingest/events');
    expect(() => new IngestClient({ url: 'api.sparkpost.com', apiKey: KEY })).toThrow(/not an http\(s\) URL/);
    expect(() => new IngestClient({ url: 'ftp://h', apiKey: KEY })).toThrow(/not an http\(s\) URL/);
    expect(() => new IngestClient({ url: 'https://h', apiKey: '' })).toThrow(/API key/);
  });

  test('POSTs the gzip NDJSON with the Ingest headers; answers the batch id', async () => {
    await withServer(
      () => 'ok',
      async (server) => {
        const forms = [server.url, `${server.url}/`, `${server.url}/api/v1`, `${server.url}/api/v1/`, `${server.url}/api/v1/ingest/events`];
        for (const url of forms) {
          expect(clientOf({ url }).statusUrl).toBe(`${server.url}/api/v1/events/ingest`);
          const res = await clientOf({ url }).send(batchOf(1, 5).body);
          expect(res).toMatchObject({ attempts: 1, status: 200 });
          expect(res.batchId).toMatch(/^[0-9a-f-]{36}$/);
        }
        expect(server.errors).toEqual([]);
        expect(server.events.size).toBe(5);
        expect(server.received).toBe(25);
        expect(server.lastHeaders['user-agent']).toMatch(/^ecelog\/\d+\.\d+\.\d+/);
      },
    );
  });

  test.each<[Fault, RegExp]>([
    [500, /^HTTP 500$/],
    [503, /^HTTP 503$/],
    [429, /^HTTP 429$/],
    ['timeout', /^timeout$/],
    ['reset', /UND_ERR_SOCKET|ECONNRESET|EPIPE|socket/],
    ['no-id', /^HTTP 200 without results\.id$/],
  ])('retries after %s', async (fault, reason) => {
    await withServer(
      (i) => (i < 2 ? fault : 'ok'),
      async (server) => {
        const retries: RetryInfo[] = [];
        const res = await clientOf(server, fault === 'timeout' ? { timeoutMs: 300 } : {}, retries).send(batchOf(1, 3).body);
        expect(res.attempts).toBe(3);
        expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
        for (const r of retries) {
          expect(r.reason).toMatch(reason);
          expect(r.delayMs).toBeGreaterThanOrEqual(0);
          expect(r.delayMs).toBeLessThanOrEqual(20);
        }
        expect(server.events.size).toBe(3);
        expect(server.errors).toEqual([]);
      },
    );
  });

  test('Retry-After is honoured on 429 and 503, capped at maxBackoffMs', async () => {
    await withServer(
      (i) => (i === 0 ? 429 : 'ok'),
      async (server) => {
        const retries: RetryInfo[] = [];
        const start = Date.now();
        await clientOf(server, { maxBackoffMs: 5000 }, retries).send(batchOf(1, 1).body);
        expect(retries.map((r) => r.delayMs)).toEqual([1000]);
        expect(Date.now() - start).toBeGreaterThanOrEqual(995);
        server.setFaults((i) => (i === 2 ? 503 : 'ok'));
        const capped: RetryInfo[] = [];
        await clientOf(server, { maxBackoffMs: 30 }, capped).send(batchOf(1, 1).body);
        expect(capped.map((r) => r.delayMs)).toEqual([30]);
      },
      '1',
    );
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(' 12 ', now)).toBe(12_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  test('400 is final: IngestRejectedError, no retry', async () => {
    await withServer(
      () => 400,
      async (server) => {
        const retries: RetryInfo[] = [];
        const err = await clientOf(server, {}, retries)
          .send(batchOf(1, 1).body)
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(IngestRejectedError);
        expect(err).toMatchObject({ status: 400, attempts: 1 });
        expect((err as IngestRejectedError).body).toContain('injected 400');
        expect(retries).toEqual([]);
        expect(server.requests).toBe(1);
      },
    );
  });

  test('maxAttempts: gives up with IngestGaveUpError', async () => {
    await withServer(
      () => 500,
      async (server) => {
        const err = await clientOf(server, { maxAttempts: 3 })
          .send(batchOf(1, 1).body)
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(IngestGaveUpError);
        expect(err).toMatchObject({ attempts: 3, reason: 'HTTP 500' });
        expect(server.requests).toBe(3);
      },
    );
  });

  test('the API key appears in no error and no retry reason, even when the server echoes it', async () => {
    const statuses = [500, 502, 400];
    let url = '';
    await withEchoServer(
      (i) => statuses[i] ?? 400,
      (key) => `key ${key} is not valid; again: ${key}`,
      async (echoUrl) => {
        url = echoUrl;
        const retries: RetryInfo[] = [];
        const err = (await clientOf({ url }, {}, retries)
          .send(batchOf(1, 1).body)
          .catch((e: unknown) => e)) as IngestRejectedError;
        expect(retries.map((r) => r.reason)).toEqual(['HTTP 500', 'HTTP 502']);
        expect(err).toBeInstanceOf(IngestRejectedError);
        expect(err.body).toBe('key [redacted] is not valid; again: [redacted]');
        const texts = [err.message, err.body, String(err.stack), ...retries.map((r) => r.reason)];
        for (const t of texts) expect(t).not.toContain(KEY);
      },
    );
    const refused: RetryInfo[] = [];
    const gaveUp = (await clientOf({ url: `${url}/${KEY}` }, { maxAttempts: 2 }, refused)
      .send(batchOf(1, 1).body)
      .catch((e: unknown) => e)) as Error;
    expect(gaveUp).toBeInstanceOf(IngestGaveUpError);
    expect(refused[0]!.reason).toMatch(/ECONNREFUSED/);
    for (const t of [gaveUp.message, String(gaveUp.stack), refused[0]!.reason]) expect(t).not.toContain(KEY);
  });

  test.each([401, 403])('HTTP %i: a configuration error at once, key redacted, no retry, the batch kept in the spool', async (status) => {
    await withEchoServer(
      () => status,
      (key) => `key ${key} is not valid`,
      async (url) => {
        const retries: RetryInfo[] = [];
        const err = (await clientOf({ url }, {}, retries)
          .send(batchOf(1, 1).body)
          .catch((e: unknown) => e)) as IngestConfigError;
        expect(err).toBeInstanceOf(IngestConfigError);
        expect(retries).toEqual([]);
        expect(err.status).toBe(status);
        expect(err.message).toBe(
          `ecelog: the Ingest API refused the API key (HTTP ${status}): it needs the permission "Incoming Events: Write"; the answer: key [redacted] is not valid`,
        );
        // The uploader stops on it and keeps the batch: nothing moves to rejected/.
        const dir = freshDir();
        const spool = await Spool.open(dir);
        await spool.write(batchOf(1, 3));
        const uploader = new Uploader(spool, clientOf({ url }));
        await expect(uploader.run()).rejects.toBeInstanceOf(IngestConfigError);
        expect(await spool.list()).toHaveLength(1);
        expect(existsSync(join(dir, 'rejected')) ? readdirSync(join(dir, 'rejected')) : []).toEqual([]);
      },
    );
  });

  test('a URL with no Ingest API behind it (404) is a configuration error naming the forms to give', async () => {
    await withServer(
      () => 'ok',
      async (server) => {
        const url = `${server.url}/api/v1/api/v1`;
        const err = (await clientOf({ url })
          .send(batchOf(1, 1).body)
          .catch((e: unknown) => e)) as IngestConfigError;
        expect(err).toBeInstanceOf(IngestConfigError);
        expect(err.message).toBe(
          `ecelog: no Ingest API at ${url}/ingest/events (HTTP 404): give SparkPost's host (https://api.sparkpost.com, EU https://api.eu.sparkpost.com), its API base (…/api/v1) or the endpoint (…/api/v1/ingest/events)`,
        );
        expect(server.requests).toBe(1);
        expect(server.events.size).toBe(0);
      },
    );
  });

  test('the signal aborts the request in flight and the wait between attempts', async () => {
    await withServer(
      () => 'timeout',
      async (server) => {
        const ctl = new AbortController();
        setTimeout(() => ctl.abort(), 100);
        const start = Date.now();
        const err = await clientOf(server, { timeoutMs: 10_000, signal: ctl.signal })
          .send(batchOf(1, 1).body)
          .catch((e: unknown) => e);
        expect((err as Error).name).toBe('AbortError');
        expect(Date.now() - start).toBeLessThan(2000);
      },
    );
    await withServer(
      () => 503,
      async (server) => {
        const ctl = new AbortController();
        const retries: RetryInfo[] = [];
        const client = clientOf(server, { minBackoffMs: 60_000, maxBackoffMs: 60_000, random: () => 0.99 }, retries);
        const sending = client.send(batchOf(1, 1).body, { signal: ctl.signal, onRetry: () => ctl.abort() });
        await expect(sending).rejects.toMatchObject({ name: 'AbortError' });
        expect(retries[0]!.delayMs).toBe(59_400);
        expect(server.requests).toBe(1);
      },
    );
  });
});

describe('Uploader', () => {
  test('20 batches through a random mix of faults: all delivered once, spool empty, stats match the server', async () => {
    const random = seeded(20240601);
    const kinds: Fault[] = [500, 503, 429, 'timeout', 'reset', 'no-id'];
    const fault = (): Fault => (random() < 0.5 ? 'ok' : kinds[Math.floor(random() * kinds.length)]!);
    await withServer(fault, async (server) => {
      const spool = await Spool.open(freshDir());
      const ctl = new AbortController();
      const client = clientOf(server, { timeoutMs: 150, signal: ctl.signal });
      const sent: string[] = [];
      const uploader = new Uploader(spool, client, { signal: ctl.signal, onSent: (_name, id) => sent.push(id) });
      const per = 30;
      for (let b = 0; b < 10; b++) await spool.write(batchOf(b * per, per)); // left by an earlier run
      const running = uploader.run();
      for (let b = 10; b < 20; b++) {
        await spool.write(batchOf(b * per, per));
        uploader.kick();
      }
      await uploader.drain();
      ctl.abort();
      await running;

      expect(server.errors).toEqual([]);
      expect([...server.events.keys()].map(Number).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 * per }, (_, i) => i));
      expect(server.received).toBe(20 * per);
      expect(await spool.list()).toEqual([]);
      expect(spool.depth).toBe(0);
      expect(new Set(sent).size).toBe(20);
      const injected = Object.values(server.faultsInjected).reduce((s, n) => s + n, 0);
      expect(Object.keys(server.faultsInjected).sort()).toEqual(kinds.map(String).sort());
      expect(uploader.stats).toMatchObject({ batches_sent: 20, events_sent: 20 * per, retries: injected, rejected: 0 });
      expect(server.accepted).toBe(20);
      expect(server.requests).toBe(20 + injected);
      console.log(`uploader fault mix: ${server.requests} requests, faults ${JSON.stringify(server.faultsInjected)}`);
    });
  });

  test('a batch over 5 MiB uncompressed (413) is sent as halves, nothing rejected; the Batcher makes none', async () => {
    const big = new Batcher({ maxRawBytes: 64 << 20 }); // as batches were made before the 5 MiB cap
    let n = 0;
    while (big.pending === 0 || Buffer.byteLength(JSON.stringify(testEvent(0))) * big.pending < 6.5 * 2 ** 20) big.add(testEvent(n++));
    const [batch] = big.take();
    expect(batch!.rawBytes).toBeGreaterThan(5 * 2 ** 20);
    await withServer(
      () => 'ok',
      async (server) => {
        const dir = freshDir();
        const spool = await Spool.open(dir);
        const ctl = new AbortController();
        // Bodies of megabytes: a 300 ms timeout on a loaded machine would send one twice.
        const uploader = new Uploader(spool, clientOf(server, { signal: ctl.signal, timeoutMs: 10_000 }), { signal: ctl.signal });
        await spool.write(batch!);
        const running = uploader.run();
        await uploader.drain();
        ctl.abort();
        await running;
        expect(server.tooLarge).toBe(1);
        expect(server.errors).toEqual([]);
        expect(server.events.size).toBe(n);
        expect(server.received).toBe(n);
        expect(uploader.stats).toMatchObject({ batches_sent: 2, events_sent: n, rejected: 0, split: 1 });
        expect(existsSync(join(dir, 'rejected'))).toBe(false);
      },
    );
    // The Batcher's default: no batch over 5 MiB uncompressed.
    const b = new Batcher();
    const out: Batch[] = [];
    for (let i = 0; i < n; i++) out.push(...b.add(testEvent(i)));
    out.push(...b.take());
    expect(out.length).toBeGreaterThan(1);
    for (const x of out) expect(x.rawBytes).toBeLessThanOrEqual(5 * 2 ** 20);
    expect(out.reduce((s, x) => s + x.events, 0)).toBe(n);
  });

  test('a rejected batch goes to rejected/ and the rest is sent', async () => {
    await withServer(
      (i) => (i === 1 ? 400 : 'ok'),
      async (server) => {
        const dir = freshDir();
        const spool = await Spool.open(dir);
        const ctl = new AbortController();
        const rejected: string[] = [];
        const uploader = new Uploader(spool, clientOf(server), { signal: ctl.signal, onRejected: (name) => rejected.push(name) });
        const names = [await spool.write(batchOf(0, 2)), await spool.write(batchOf(2, 2)), await spool.write(batchOf(4, 2))];
        const running = uploader.run();
        await uploader.drain();
        ctl.abort();
        await running;
        expect(rejected).toEqual([names[1]]);
        expect(readFileSync(join(dir, 'rejected', `${names[1]}.why.txt`), 'utf8')).toMatch(/^HTTP 400: .*injected 400/);
        expect([...server.events.keys()].sort()).toEqual(['0', '1', '4', '5']);
        expect(uploader.stats).toMatchObject({ batches_sent: 2, events_sent: 4, rejected: 1 });
        await expect(uploader.drain()).resolves.toBeUndefined();
      },
    );
  });

  test('last_error clears on the next success; last_success_at and oldest_unsent_ms tell the lag', async () => {
    await withServer(
      (i) => (i < 2 ? 503 : 'ok'),
      async (server) => {
        const spool = await Spool.open(freshDir());
        const ctl = new AbortController();
        // What last_error says at each retry (the uploader sets it after this hook: the previous failure's).
        const errors: (string | null)[] = [];
        const client = clientOf(server, { onRetry: () => errors.push(uploader.stats.last_error) });
        const uploader = new Uploader(spool, client, { signal: ctl.signal, statusDelayMs: 0, statusPollMs: 10 });
        expect(uploader.stats).toMatchObject({ last_error: null, last_success_at: null, oldest_unsent_ms: null, oldest_awaiting_ms: null });
        await spool.write(batchOf(0, 2));
        expect(uploader.stats.oldest_unsent_ms).toBeGreaterThanOrEqual(0);
        const before = Date.now();
        const running = uploader.run();
        await uploader.drain();
        ctl.abort();
        await running;
        expect(server.requests).toBe(3);
        expect(uploader.stats).toMatchObject({ retries: 2, last_error: null, oldest_unsent_ms: null, awaiting_status: 0, confirmed: 1 });
        expect(uploader.stats.last_success_at).toBeGreaterThanOrEqual(before);
        expect(uploader.stats.last_success_at).toBeLessThanOrEqual(Date.now());
        expect(errors).toEqual([null, 'HTTP 503']);
      },
    );
  });

  test('run() fails when a batch cannot be sent, and drain() with it; stopping early rejects drain()', async () => {
    await withServer(
      () => 503,
      async (server) => {
        const spool = await Spool.open(freshDir());
        await spool.write(batchOf(0, 1));
        const failing = new Uploader(spool, clientOf(server, { maxAttempts: 2 }));
        const drained = failing.drain();
        await expect(failing.run()).rejects.toBeInstanceOf(IngestGaveUpError);
        await expect(drained).rejects.toBeInstanceOf(IngestGaveUpError);
        await expect(failing.drain()).rejects.toBeInstanceOf(IngestGaveUpError);
        expect(failing.stats.last_error).toMatch(/gave up/);
        expect(spool.depth).toBe(1);
        expect(existsSync(spool.dir)).toBe(true);

        const ctl = new AbortController();
        const stopping = new Uploader(spool, clientOf(server), { signal: ctl.signal });
        const running = stopping.run();
        const drain = stopping.drain();
        setTimeout(() => ctl.abort(), 50);
        await running;
        await expect(drain).rejects.toMatchObject({ name: 'AbortError' });
        expect(stopping.stats.retries).toBeGreaterThan(0);
        expect(stopping.stats.last_error).toBe('HTTP 503');
        expect(await spool.list()).toHaveLength(1);
      },
    );
  });
});
