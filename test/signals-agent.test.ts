import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, mulberry32 } from '../src/generator/generate';
import { SignalsConverter } from '../src/signals/convert/convert';
import { mergeByTime } from '../src/signals/convert/merge';
import { eventsWithIds } from '../src/signals/agent/offline';
import { startIngestServer, type Fault, type IngestServer } from './ingest-server';

/**
 * The agent end to end, as operators run it: `ecelog signals --follow …` in a child process,
 * against a real HTTP server on 127.0.0.1 that misbehaves, SIGKILLed at random points while the
 * logs grow, restarted each time. Every event the logs hold must reach the server at least
 * once, and exactly once after deduplication by event_id.
 */

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ecelog.js');
const KEY = 'test-key-0123456789abcdef';
const LOGS = ['mainlog', 'bouncelog', 'fbllog', 'rejectlog'] as const;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Lines of a few hours of traffic ending now (the agent does not send events older than 24 h), by log. */
function traffic(seed: number): Record<(typeof LOGS)[number], string[]> {
  const out = { mainlog: [] as string[], bouncelog: [] as string[], fbllog: [] as string[], rejectlog: [] as string[] };
  const startTime = Math.floor(Date.now() / 1000) - 6 * 3600;
  for (const line of generate({ seed, messages: 3000, startTime, fbl: 0.05, rejections: 0.1 })) out[line.log].push(`${line.text}\n`);
  return out;
}

async function expectedIds(files: string[]): Promise<Set<string>> {
  const conv = new SignalsConverter();
  const ids = new Set<string>();
  const add = (evs: ReturnType<SignalsConverter['push']>): void => evs.forEach((e) => ids.add(e.msys.message_event.event_id));
  for await (const ev of mergeByTime(...files.map((f) => eventsWithIds(f, { log: LOGS.find((l) => f.endsWith(`${l}.ec`))! }))))
    add(conv.push(ev));
  add(conv.flush());
  return ids;
}

function startAgent(dir: string, server: IngestServer): ChildProcess {
  const args = [BIN, 'signals', ...LOGS.flatMap((l) => ['--follow', join(dir, `${l}.ec`)])];
  args.push('--url', server.url, '--checkpoint', join(dir, 'ck'), '--spool', join(dir, 'spool'), '--from', 'start');
  args.push('--batch-age', '0.2', '--batch-bytes', '8000', '--pair-window', '0.5', '--status-interval', '1');
  args.push('--request-timeout', '0.5', '--retry-min', '0.05', '--retry-max', '0.4');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ECELOG_SPARKPOST_API_KEY: KEY },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (t: string) => (stderr += t));
  return child;
}
let stderr = '';

const spooled = (dir: string) => readdirSync(join(dir, 'spool')).filter((n) => n.endsWith('.ndjson.gz'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const exited = (child: ChildProcess) =>
  new Promise<number | null>((done) =>
    child.exitCode !== null || child.signalCode !== null ? done(child.exitCode) : child.once('exit', (code) => done(code)),
  );

describe('signals agent: SIGKILL at random points against a misbehaving server', () => {
  it('delivers every event at least once, exactly once after dedupe by event_id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecelog-agent-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'ck'));
    const lines = traffic(7);
    const rng = mulberry32(20261127);
    const faults: Fault[] = [500, 503, 429, 'timeout', 'reset', 'no-id'];
    // Every kind of fault among the first requests (every other one), then 35% at random.
    const schedule =
      (rate: number) =>
      (i: number): Fault =>
        i < 2 * faults.length && i % 2 === 0 ? faults[i / 2]! : rng() < rate ? faults[Math.floor(rng() * faults.length)]! : 'ok';
    const server = await startIngestServer({ apiKey: KEY, faults: schedule(0.35) });
    try {
      // The logs grow in 4 steps between kills; the first part is there before the first start.
      const parts = 4;
      const cut = (log: (typeof LOGS)[number], k: number) => Math.floor((lines[log].length * k) / parts);
      for (const log of LOGS) writeFileSync(join(dir, `${log}.ec`), lines[log].slice(0, cut(log, 1)).join(''));
      let kills = 0;
      let midUpload = 0; // kills that came while the agent was sending
      for (let round = 1; round <= 7; round++) {
        const child = startAgent(dir, server);
        // Kill it at a random point once it is at work (its first request), or after 5 s.
        const before = server.requests;
        const start = Date.now();
        while (server.requests === before && Date.now() - start < 5000) await sleep(10);
        await sleep(Math.floor(rng() * 700));
        child.kill('SIGKILL');
        await exited(child);
        kills++;
        if (server.requests > before) midUpload++;
        if (round < parts)
          for (const log of LOGS) appendFileSync(join(dir, `${log}.ec`), lines[log].slice(cut(log, round), cut(log, round + 1)).join(''));
      }
      const expected = await expectedIds(LOGS.map((l) => join(dir, `${l}.ec`)));
      expect(expected.size).toBeGreaterThan(1000);

      // A last run, left alone until everything has arrived, then stopped the proper way.
      server.setFaults(schedule(0.2));
      const before = stderr.length;
      const child = startAgent(dir, server);
      const deadline = Date.now() + 60_000;
      // Up and running (its first status line), then until every event has arrived.
      while (Date.now() < deadline && !stderr.slice(before).includes('events/s')) await sleep(100);
      while (Date.now() < deadline && [...expected].some((id) => !server.events.has(id))) await sleep(200);
      // Then until it is idle: nothing received for 1.5 s (more than a batch's age and the pair
      // window) and nothing spooled, so that the stop has nothing left to spool.
      let last = -1;
      while (Date.now() < deadline && (server.received !== last || spooled(dir).length > 0)) {
        last = server.received;
        await sleep(1500);
      }
      child.kill('SIGTERM');
      const code = await exited(child);
      expect(code).toBe(0);

      console.log(
        `agent kill test: ${expected.size} events expected, ${server.received} received (${server.received - expected.size} duplicates), ` +
          `${server.requests} requests, faults ${JSON.stringify(server.faultsInjected)}, ${kills} SIGKILLs (${midUpload} while sending)`,
      );
      const missing = [...expected].filter((id) => !server.events.has(id));
      const extra = [...server.events.keys()].filter((id) => !expected.has(id));
      expect(server.errors).toEqual([]);
      expect(missing).toEqual([]);
      expect(extra).toEqual([]);
      expect(server.received).toBeGreaterThanOrEqual(expected.size);
      expect(kills).toBe(7);
      expect(midUpload).toBeGreaterThanOrEqual(4);
      for (const f of faults) expect(server.faultsInjected[String(f)] ?? 0).toBeGreaterThan(0);
      expect(spooled(dir)).toEqual([]);
      expect(stderr).toMatch(/events\/s, \d+ batches sent/);
      expect(stderr).not.toContain(KEY);
    } finally {
      await server.close();
    }
  }, 120_000);
});
