import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { eventsWithIds } from '../src/signals/agent/offline';
import { eventBody, EVENTLOG_ONLY_TYPES, SignalsConverter } from '../src/signals/convert/index';
import { startIngestServer, type IngestServer } from './ingest-server';
import { agentScope, exited, KEY, sleep } from './fixtures/agent-process';
import { copyFixture, expectedPayloads } from './fixtures/jlog';

/**
 * The agent with Momentum's eventlog (a jlog, read as a subscriber) beside a mainlog file: the
 * eventlog's engagement events reach Ingest in their own envelopes, the mainlog gives the message
 * events it is told to, each event once, and a restart sends nothing again.
 */

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ecelog.js');
const ENGAGEMENT = EVENTLOG_ONLY_TYPES;

const scope = agentScope();
const { dirs, children } = scope;

/** A few messages of the last minutes. */
function mainlog(): string {
  const t = Math.floor(Date.now() / 1000) - 600;
  const id = (n: number) => `AA/00-00001-0000000${n}`;
  return [1, 2, 3]
    .flatMap((n) => [
      `${t + n}@${id(n)}@${id(n)}@00/00-00001-0000000F@R@user${n}@example.com@info@sender.example@10.0.0.1@1234@esmtp@group-a@binding-a`,
      `${t + n + 5}@${id(n)}@${id(n)}@00/00-00001-0000000F@D@example.com@1300@group-a@binding-a@0@5.0@192.0.2.5`,
    ])
    .map((l) => `${l}\n`)
    .join('');
}

function agent(jlog: string, dir: string, more: string[]): ChildProcess {
  const args = [BIN, 'signals', '--follow', jlog, '--follow', join(dir, 'mainlog.ec'), '--url', scope.server!.url];
  args.push('--checkpoint', join(dir, 'ck'), '--spool', join(dir, 'spool'), '--from', 'start', '--max-event-age', '0');
  args.push('--batch-age', '0.1', '--pair-window', '0.1', '--status-interval', '0.2', '--drain-timeout', '2');
  // The fixture's own "ecelog" subscriber has read 37 messages already: a subscriber of our own reads them all.
  args.push('--jlog-subscriber', 'signals', ...more);
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ECELOG_SPARKPOST_API_KEY: KEY }, stdio: 'ignore' });
  children.push(child);
  return child;
}

async function until(done: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await sleep(20);
  expect(done()).toBe(true);
}

/** The event_ids the mainlog's own conversion gives. */
async function mainlogIds(path: string): Promise<string[]> {
  const c = new SignalsConverter();
  const out = [];
  for await (const ev of eventsWithIds(path, { log: 'mainlog' })) out.push(...c.push(ev));
  out.push(...c.flush());
  return out.map((e) => eventBody(e).event_id);
}

/** The fixture's records (type, event_id). */
function fixture(): Array<{ type: string; event_id: string }> {
  return expectedPayloads('eventlog-2x')
    .flatMap((p) => [JSON.parse(p) as unknown].flat() as Array<{ msys: Record<string, { type: string; event_id: string }> }>)
    .map((d) => Object.values(d.msys)[0]!);
}

/** A copy of the eventlog fixture, a mainlog beside it, a checkpoint directory, a server. */
async function setup(): Promise<{ dir: string; jlog: string; server: IngestServer }> {
  const dir = mkdtempSync(join(tmpdir(), 'ecelog-elog-agent-'));
  const jlog = copyFixture('eventlog-2x');
  dirs.push(dir, dirname(jlog));
  mkdirSync(join(dir, 'ck'));
  writeFileSync(join(dir, 'mainlog.ec'), mainlog());
  const server = (scope.server = await startIngestServer({ apiKey: KEY }));
  return { dir, jlog, server };
}

describe('ecelog signals --follow with an eventlog jlog', () => {
  test('--eventlog-types: engagement from the eventlog, messages from the mainlog, once; a restart sends nothing again', async () => {
    const { dir, jlog, server } = await setup();
    const want = [
      ...fixture()
        .filter((r) => ENGAGEMENT.includes(r.type))
        .map((r) => r.event_id),
      ...(await mainlogIds(join(dir, 'mainlog.ec'))),
    ];
    expect(want.length).toBe(33 + 6);

    const first = agent(jlog, dir, ['--eventlog-types', ENGAGEMENT.join(',')]);
    await until(() => want.every((id) => server.events.has(id)));
    first.kill('SIGTERM');
    expect(await exited(first)).toBe(0);
    expect([...server.events.keys()].sort()).toEqual([...want].sort());
    expect(server.errors).toEqual([]);
    // Read as the subscriber "signals", which the jlog now keeps: Momentum deletes no segment it has not read.
    expect(existsSync(join(jlog, `cp.${Buffer.from('signals').toString('hex')}`))).toBe(true);

    const received = server.received;
    const second = agent(jlog, dir, ['--eventlog-types', ENGAGEMENT.join(',')]);
    await sleep(1500);
    second.kill('SIGTERM');
    expect(await exited(second)).toBe(0);
    expect(server.received).toBe(received);
  });

  test('by default the eventlog wins for every type it carries: the mainlog adds nothing', async () => {
    const { dir, jlog, server } = await setup();
    const want = fixture().map((r) => r.event_id);
    const child = agent(jlog, dir, []);
    await until(() => want.every((id) => server.events.has(id)));
    await sleep(500); // the mainlog is read by then: its events would have come
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect([...server.events.keys()].sort()).toEqual([...want].sort());
  });
});
