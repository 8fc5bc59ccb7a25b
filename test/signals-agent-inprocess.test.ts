import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { generate } from '../src/generator/generate';
import { SignalsAgent, type AgentOptions } from '../src/signals/agent/agent';
import { readCheckpoint } from '../src/files/checkpoint';
import { startIngestServer, type Fault, type IngestServer } from './ingest-server';

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
      expect(s.converter).toMatchObject({ unpaired_permanent_failures: 0, unpaired_bounces: 0 });
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
    const agent = new SignalsAgent({ ...options(dir, server, ac.signal), statusInterval: 50, onStatus: (line) => lines.push(line) });
    const running = agent.run();
    try {
      await until(() => agent.stats.events === written && agent.stats.held === 0 && lines.some((l) => l.includes('older than 24 h')));
      ac.abort();
      await running;
      const s = agent.stats;
      expect(s.converted).toBeGreaterThan(500);
      expect(s.too_old).toBe(s.converted);
      expect(server.received).toBe(0);
      const warnings = lines.filter((l) => l.includes('the Ingest API drops them'));
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
      // The refusal stays counted; last_error was cleared by the successes after it.
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
