import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, mulberry32 } from '../src/generator/generate';
import { SignalsConverter } from '../src/signals/convert/convert';
import { mergeByTime } from '../src/signals/convert/merge';
import { eventBody, type IngestEvent, type MessageEvent } from '../src/signals/convert/types';
import { eventsWithIds } from '../src/signals/agent/offline';
import { startIngestServer, type IngestServer } from './ingest-server';
import { exited, faultSchedule, FAULTS, KEY, LOGS, runToTheEnd, sleep, spooled, startAgent } from './fixtures/agent-process';

/** The message event of an Ingest event. */
const msg = (e: IngestEvent): MessageEvent => eventBody(e) as MessageEvent;

/**
 * The agent end to end, as operators run it: `ecelog signals --follow …` in a child process,
 * against a real HTTP server on 127.0.0.1 that misbehaves, SIGKILLed at random points while the
 * logs grow, restarted each time. Every event the logs hold must reach the server at least
 * once, and exactly once after deduplication by event_id.
 */

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type Log = (typeof LOGS)[number];

/**
 * A few hours of traffic ending now (the agent does not send events older than 24 h), in `parts`
 * spans of time, by log: each span is written to every log at once, as Momentum writes them (a
 * bouncelog B never comes before its message's mainlog R).
 */
function traffic(seed: number, parts: number): Record<Log, string>[] {
  const all: Array<{ log: Log; text: string }> = [];
  const startTime = Math.floor(Date.now() / 1000) - 6 * 3600;
  for (const line of generate({ seed, messages: 3000, startTime, fbl: 0.05, rejections: 0.1 })) all.push(line);
  return Array.from({ length: parts }, (_, k) => {
    const part = { mainlog: '', bouncelog: '', fbllog: '', rejectlog: '' };
    for (const l of all.slice(Math.floor((all.length * k) / parts), Math.floor((all.length * (k + 1)) / parts)))
      part[l.log] += `${l.text}\n`;
    return part;
  });
}

async function expectedIds(files: string[]): Promise<Set<string>> {
  const conv = new SignalsConverter();
  const ids = new Set<string>();
  const add = (evs: ReturnType<SignalsConverter['push']>): void => evs.forEach((e) => ids.add(msg(e).event_id));
  for await (const ev of mergeByTime(...files.map((f) => eventsWithIds(f, { log: LOGS.find((l) => f.endsWith(`${l}.ec`))! }))))
    add(conv.push(ev));
  add(conv.flush());
  return ids;
}

let stderr = '';
const agent = (dir: string, server: IngestServer): ChildProcess => startAgent(dir, server, (t) => (stderr += t));

describe('signals agent: SIGKILL at random points against a misbehaving server', () => {
  it('delivers every event at least once, exactly once after dedupe by event_id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecelog-agent-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'ck'));
    // The logs grow in 4 steps between kills; the first part is there before the first start.
    const parts = traffic(7, 4);
    const rng = mulberry32(20261127);
    const schedule = faultSchedule(rng);
    const faults = FAULTS;
    const server = await startIngestServer({ apiKey: KEY, faults: schedule(0.35) });
    try {
      for (const log of LOGS) writeFileSync(join(dir, `${log}.ec`), parts[0]![log]);
      let kills = 0;
      let midUpload = 0; // kills that came while the agent was sending
      for (let round = 1; round <= 7; round++) {
        const child = agent(dir, server);
        // Kill it at a random point once it is at work (its first request), or after 5 s.
        const before = server.requests;
        const start = Date.now();
        while (server.requests === before && Date.now() - start < 5000) await sleep(10);
        await sleep(Math.floor(rng() * 700));
        child.kill('SIGKILL');
        await exited(child);
        kills++;
        if (server.requests > before) midUpload++;
        if (round < parts.length) for (const log of LOGS) appendFileSync(join(dir, `${log}.ec`), parts[round]![log]);
      }
      const expected = await expectedIds(LOGS.map((l) => join(dir, `${l}.ec`)));
      expect(expected.size).toBeGreaterThan(1000);

      // A last run, left alone until everything has arrived, then stopped the proper way.
      server.setFaults(schedule(0.2));
      const before = stderr.length;
      const child = agent(dir, server);
      const code = await runToTheEnd(child, dir, server, expected, 60_000, () => stderr.slice(before));
      expect(code).toBe(0);

      console.log(
        `agent kill test: ${expected.size} events expected, ${server.received} received (${server.received - expected.size} duplicates), ` +
          `${server.requests} requests, faults ${JSON.stringify(server.faultsInjected)}, ${kills} SIGKILLs (${midUpload} while sending)`,
      );
      const missing = [...expected].filter((id) => !server.events.has(id));
      const extra = [...server.events.keys()].filter((id) => !expected.has(id));
      for (const id of extra.slice(0, 10)) console.log(`extra ${JSON.stringify(server.events.get(id))}`);
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
