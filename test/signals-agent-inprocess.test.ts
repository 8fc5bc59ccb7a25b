import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { generate } from '../src/generator/generate';
import { SignalsAgent, summaryLine, type AgentOptions, type AgentStatus } from '../src/signals/agent/agent';
import { readCheckpoint } from '../src/files/checkpoint';
import { Batcher } from '../src/signals/transport/batcher';
import { Spool } from '../src/signals/transport/spool';
import { startIngestServer, testEvent, type Fault, type IngestServer } from './ingest-server';

const KEY = 'inprocess-key';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** How many lines the last logs() wrote (the agent has read everything when it has read them all). */
let written = 0;

/** A directory with a few hours of mainlog + bouncelog ending now. */
function logs(hoursAgo = 3): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecelog-agent-ip-'));
  dirs.push(dir);
  const text = { mainlog: '', bouncelog: '' } as Record<string, string>;
  const startTime = Math.floor(Date.now() / 1000) - hoursAgo * 3600;
  written = 0;
  for (const line of generate({ seed: 5, messages: 300, startTime })) {
    text[line.log] += `${line.text}\n`;
    written++;
  }
  for (const log of ['mainlog', 'bouncelog']) writeFileSync(join(dir, `${log}.ec`), text[log]!);
  return dir;
}

function options(dir: string, server: IngestServer, signal: AbortSignal): AgentOptions {
  return {
    files: ['mainlog', 'bouncelog'].map((log) => ({
      path: join(dir, `${log}.ec`),
      log: log as 'mainlog',
      checkpoint: join(dir, `${log}.ck`),
    })),
    url: server.url,
    apiKey: KEY,
    spool: join(dir, 'spool'),
    from: 'start',
    signal,
    pollInterval: 20,
    convert: { pairWindow: 2 }, // wall-clock seconds: room for a loaded machine
    batch: { maxAgeMs: 100, maxBytes: 8000 },
    client: { minBackoffMs: 10, maxBackoffMs: 50, timeoutMs: 2000 },
  };
}

/** Waits until `done()` has held for 300 ms in a row (the followers have nothing more to read). */
async function until(done: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  let since = Infinity;
  while (Date.now() < end) {
    if (!done()) since = Infinity;
    else if (since === Infinity) since = Date.now();
    else if (Date.now() - since >= 300) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('SignalsAgent in process', () => {
  test('sends everything, commits both checkpoints, and stops cleanly on abort', async () => {
    const dir = logs();
    const server = await startIngestServer({ apiKey: KEY });
    const ac = new AbortController();
    const agent = new SignalsAgent(options(dir, server, ac.signal));
    const running = agent.run();
    try {
      await until(() => agent.stats.events === written && agent.stats.held === 0 && agent.stats.converted === server.received);
      ac.abort();
      await running;
      const s = agent.stats;
      expect(s.events).toBe(written);
      expect(s.converted).toBeGreaterThan(500);
      // Every event made was sent once (no faults here), and the two followers, reading their
      // backlogs side by side in log time, kept every P with its B (one bounce each).
      expect(server.received).toBe(s.converted);
      // The whole of the converter's stats on failure: which events waited, were released or ignored.
      expect(s.converter, JSON.stringify(s.converter)).toMatchObject({ unpaired_permanent_failures: 0, unpaired_bounces: 0 });
      expect(s.converter.paired_bounces).toBeGreaterThan(0);
      expect(server.events.size).toBe(s.converted);
      expect(s).toMatchObject({ events_sent: s.converted, rejected: 0, spool_depth: 0 });
      expect(s.commits).toBeGreaterThan(0);
      for (const log of ['mainlog', 'bouncelog']) {
        const ck = await readCheckpoint(join(dir, `${log}.ck`));
        expect(ck?.offset, log).toBeGreaterThan(0);
      }
      expect(server.errors).toEqual([]);
    } finally {
      ac.abort();
      await server.close();
    }
  });

  test('events older than 24 h: not sent, counted in the status line and the stats, and a warning when most are', async () => {
    const dir = logs(72);
    const server = await startIngestServer({ apiKey: KEY });
    const ac = new AbortController();
    const lines: string[] = [];
    const warnings: string[] = [];
    const agent = new SignalsAgent({
      ...options(dir, server, ac.signal),
      statusInterval: 50,
      onStatus: (line) => lines.push(line),
      onWarning: (message) => warnings.push(message),
    });
    const running = agent.run();
    try {
      await until(() => agent.stats.events === written && agent.stats.held === 0 && lines.some((l) => l.includes('older than 24 h')));
      ac.abort();
      await running;
      const s = agent.stats;
      expect(s.converted).toBeGreaterThan(500);
      expect(s.too_old).toBe(s.converted);
      expect(server.received).toBe(0);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /^(\d+) of the first \1 events are older than 24 hours: the Ingest API drops them, so they are not sent\. For a backfill convert offline \(ecelog signals FILE\.\.\. --out DIR\); to send only new events, start with --from end$/,
      );
      expect(
        lines.some(
          (l) => l.endsWith(`, ${s.too_old} older than 24 h (not sent)`) || l.includes(`, ${s.too_old} older than 24 h (not sent),`),
        ),
      ).toBe(true);
    } finally {
      ac.abort();
      await server.close();
    }
  });

  test('a batch the API refuses (400) is kept in rejected/ and counted; the rest goes on', async () => {
    const dir = logs();
    let first = true;
    const server = await startIngestServer({
      apiKey: KEY,
      faults: (): Fault => {
        if (!first) return 'ok';
        first = false;
        return 400;
      },
    });
    const ac = new AbortController();
    const agent = new SignalsAgent(options(dir, server, ac.signal));
    const running = agent.run();
    try {
      await until(
        () => agent.stats.events === written && agent.stats.rejected === 1 && agent.stats.spool_depth === 0 && agent.stats.held === 0,
      );
      ac.abort();
      await running;
      const st = agent.stats;
      // The refusal is counted; it is no longer the current error once later batches were acknowledged.
      expect([st.rejected, st.spool_depth, st.events, st.held, st.last_error]).toEqual([1, 0, written, 0, null]);
      expect(agent.stats.batches_sent).toBe(agent.stats.batches_spooled - 1);
      expect(server.received).toBe(agent.stats.events_sent);
      const rejected = readdirSync(join(dir, 'spool', 'rejected'));
      expect(rejected.filter((n) => n.endsWith('.ndjson.gz'))).toHaveLength(1);
      expect(rejected.filter((n) => n.endsWith('.why.txt'))).toHaveLength(1);
    } finally {
      ac.abort();
      await server.close();
    }
  });

  test('a stop spools the open batch and sends it before returning (drain)', async () => {
    const dir = logs();
    const server = await startIngestServer({ apiKey: KEY });
    const ac = new AbortController();
    // Batches never close by age here: everything is still in the open batch when the stop comes.
    const agent = new SignalsAgent({ ...options(dir, server, ac.signal), batch: { maxAgeMs: 600_000 }, convert: { pairWindow: 0 } });
    const running = agent.run();
    try {
      await until(() => agent.stats.events === written && agent.stats.held === 0);
      expect(server.received).toBe(0);
      ac.abort();
      await running;
      expect(agent.stats).toMatchObject({ spool_depth: 0, events_sent: agent.stats.converted });
      expect(server.received).toBe(agent.stats.converted);
      expect(agent.stats.converted).toBeGreaterThan(500);
    } finally {
      ac.abort();
      await server.close();
    }
  });

  test('when the spool cannot be written the agent stops with the error (it never runs on without one)', async () => {
    const dir = logs();
    const server = await startIngestServer({ apiKey: KEY });
    writeFileSync(join(dir, 'spool'), 'a file where the spool directory should be');
    const ac = new AbortController();
    try {
      await expect(new SignalsAgent(options(dir, server, ac.signal)).run()).rejects.toThrow(/EEXIST|ENOTDIR/);
      expect(existsSync(join(dir, 'mainlog.ck'))).toBe(false);
    } finally {
      ac.abort();
      await server.close();
    }
  });
});

const HOUR_MS = 3_600_000;

/** A directory with empty logs and a spool holding `batches` batches of 2 events, spooled an hour ago. */
async function leftovers(batches: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ecelog-agent-ip-'));
  dirs.push(dir);
  for (const log of ['mainlog', 'bouncelog']) writeFileSync(join(dir, `${log}.ec`), '');
  const spool = await Spool.open(join(dir, 'spool'), { now: () => Date.now() - HOUR_MS });
  for (let i = 0; i < batches; i++) {
    const b = new Batcher();
    b.add(testEvent(2 * i));
    b.add(testEvent(2 * i + 1));
    await spool.write(b.take()[0]!);
  }
  return dir;
}

/** The agent of `options` with a status line every 40 ms to `onStatus`, and a short drain. */
function status(dir: string, server: IngestServer, signal: AbortSignal, onStatus: AgentOptions['onStatus']): AgentOptions {
  return { ...options(dir, server, signal), statusInterval: 40, drainMs: 100, onStatus };
}

/**
 * What the agent tells an operator: the current error (gone once a batch is acknowledged after
 * it), the lag (the age of the oldest spooled batch, the last acknowledgement) and the stop
 * summary. The agent follows empty logs; its work is what an earlier run left in the spool,
 * spooled an hour ago.
 */
describe('SignalsAgent status', () => {
  test('the error shows while uploads fail, and no more once a batch was acknowledged after it; the lag while batches wait', async () => {
    const start = Date.now();
    const dir = await leftovers(2);
    // The server fails until a status line has shown the error, then accepts everything.
    let failing = true;
    const server = await startIngestServer({ apiKey: KEY, faults: (): Fault => (failing ? 500 : 'ok') });
    const seen: Array<{ line: string; status: AgentStatus }> = [];
    const ac = new AbortController();
    const agent = new SignalsAgent(
      status(dir, server, ac.signal, (line, s) => {
        seen.push({ line, status: s });
        if (s.last_error !== null) failing = false;
      }),
    );
    const running = agent.run();
    try {
      await until(() => seen.some((s) => s.status.spool_depth === 0 && s.status.batches_sent === 2));
      ac.abort();
      await running;
    } finally {
      ac.abort();
      await server.close();
    }
    const elapsed = (Date.now() - start) / 1000;
    const failed = seen.find((s) => s.status.last_error !== null)!;
    const age = failed.status.oldest_unsent_age_s!;
    expect(age).toBeGreaterThanOrEqual(3600);
    expect(age).toBeLessThanOrEqual(3600 + elapsed + 0.05); // rounded to 0.1 s
    expect(failed.status).toMatchObject({ last_error: 'HTTP 500', last_success: null, spool_depth: 2, batches_sent: 0 });
    expect(failed.line).toMatch(
      /^\d+ events\/s, 0 batches sent \(0 events\), [1-9]\d* retries, spool 2 \(oldest [\d.]+ s, nothing sent yet\), held 0, last error: HTTP 500$/,
    );
    expect(failed.line).toContain(`spool 2 (oldest ${age} s, nothing sent yet)`);

    // Every line after the first acknowledgement: no error, the last success, and no lag once the spool is empty.
    const after = seen.filter((s) => s.status.batches_sent > 0);
    expect(after.length).toBeGreaterThan(0);
    for (const { line, status } of after) {
      expect(status.last_error).toBeNull();
      expect(line).not.toContain('last error');
      const success = Date.parse(status.last_success!);
      expect(success).toBeGreaterThanOrEqual(start);
      expect(success).toBeLessThanOrEqual(Date.parse(status.time));
    }
    const done = after[after.length - 1]!;
    expect(done.status).toMatchObject({ spool_depth: 0, oldest_unsent_age_s: null, events_sent: 4, rejected: 0 });
    expect(done.line).toMatch(/^\d+ events\/s, 2 batches sent \(4 events\), [1-9]\d* retries, spool 0, held 0$/);
    expect(server.received).toBe(4);
    expect(agent.stats.last_error).toBeNull();
  });

  test('each status has the time, the rate and the stats; the stop summary says what is left in the spool, and how old', async () => {
    const start = Date.now();
    const dir = await leftovers(3);
    const server = await startIngestServer({ apiKey: KEY, faults: (): Fault => 503 });
    const seen: AgentStatus[] = [];
    const ac = new AbortController();
    const agent = new SignalsAgent(status(dir, server, ac.signal, (_line, s) => seen.push(s)));
    const running = agent.run();
    try {
      await until(() => seen.length >= 2 && server.requests >= 2);
      ac.abort();
      await running;
    } finally {
      ac.abort();
      await server.close();
    }
    for (const s of seen) {
      expect(Object.keys(s).slice(0, 2)).toEqual(['time', 'events_per_s']);
      expect(s.time).toBe(new Date(Date.parse(s.time)).toISOString());
      expect(s.events_per_s).toBe(0);
      // The first line may come before the first answer.
      expect(s).toMatchObject({ events: 0, spool_depth: 3, last_success: null, last_error: s.retries > 0 ? 'HTTP 503' : null });
    }
    expect(seen[seen.length - 1]!.retries).toBeGreaterThan(0);
    const s = agent.stats;
    expect(s).toMatchObject({ spool_depth: 3, batches_sent: 0, events_sent: 0, last_success: null, last_error: 'HTTP 503' });
    expect(s.oldest_unsent_age_s).toBeGreaterThanOrEqual(3600);
    expect(s.oldest_unsent_age_s).toBeLessThanOrEqual(3600 + (Date.now() - start) / 1000 + 0.05);
    expect(summaryLine(s)).toBe(
      `stopped: 0 events read, 0 converted, 0 batches sent (0 events), 0 rejected, 0 older than 24 h (not sent), ` +
        `spool 3 left (oldest ${s.oldest_unsent_age_s} s, nothing sent yet), ${s.retries} retries, last error: HTTP 503`,
    );
    expect(s.retries).toBeGreaterThan(0);
  });
});
