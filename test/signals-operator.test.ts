import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { generate } from '../src/generator/generate';
import { SignalsConverter } from '../src/signals/convert/convert';
import { eventBody } from '../src/signals/convert/types';
import { eventsWithIds } from '../src/signals/agent/offline';
import { summaryLine, type AgentStats, type AgentStatus } from '../src/signals/agent/agent';
import { startIngestServer, type IngestServer } from './ingest-server';
import { exited, KEY, sleep } from './fixtures/agent-process';

/**
 * `ecelog signals --follow` as operators run it, for what they see of it: the checks before it
 * reads anything, --status-json, the stop summary, and a stderr that breaks (its reader gone, a
 * full disk) while the agent goes on working.
 */

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ecelog.js');
const ENV = { ...process.env, ECELOG_SPARKPOST_API_KEY: KEY, ECELOG_SPARKPOST_API_KEY_FILE: '' };
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecelog-operator-'));
  dirs.push(dir);
  return dir;
}

/**
 * Mainlog lines of 200 messages (some two hours of traffic) starting `hoursAgo` hours ago, none
 * later than now: the agent holds an event of the future (a P waiting for its B) until its time.
 */
function mainlogLines(hoursAgo: number): string[] {
  const now = Math.floor(Date.now() / 1000);
  return [...generate({ seed: 11, messages: 200, startTime: now - hoursAgo * 3600 })]
    .filter((l) => l.log === 'mainlog' && Number(l.text.slice(0, l.text.indexOf('@'))) <= now)
    .map((l) => `${l.text}\n`);
}

/** The event_ids the agent should send for a mainlog. */
async function expectedIds(file: string): Promise<Set<string>> {
  const conv = new SignalsConverter();
  const out = [];
  for await (const ev of eventsWithIds(file, { log: 'mainlog' })) out.push(...conv.push(ev));
  out.push(...conv.flush());
  return new Set(out.map((e) => eventBody(e).event_id));
}

/** `ecelog signals --follow <dir>/mainlog.ec` with test-sized timings, checkpoint and spool in `dir`. */
function agentArgs(dir: string, url: string, ...more: string[]): string[] {
  return [
    ...['signals', '--follow', join(dir, 'mainlog.ec'), '--url', url, '--checkpoint', join(dir, 'mainlog.ck')],
    ...['--spool', join(dir, 'spool'), '--from', 'start', '--batch-age', '0.1', '--pair-window', '0.1'],
    ...['--status-interval', '0.05', '--retry-min', '0.02', '--retry-max', '0.1', '--drain-timeout', '2'],
    ...more,
  ];
}

function startAgent(args: string[], stderr: 'pipe' | number = 'pipe'): ChildProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: ENV, stdio: ['ignore', 'ignore', stderr] });
  children.push(child);
  return child;
}

/** Collects a child's stderr. */
function output(child: ChildProcess): () => string {
  let text = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (t: string) => (text += t));
  return () => text;
}

/** What a wait is for: the agent, and what to tell when it did not come. */
interface Watch {
  child: ChildProcess;
  stderr: () => string;
}

/** Waits until `done()`, at most `ms` and while the agent runs; else fails with its exit, its stderr's end and the server's counts. */
async function until(done: () => boolean, { child, stderr }: Watch, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done() && child.exitCode === null && Date.now() < end) await sleep(20);
  const state =
    `exit ${child.exitCode ?? child.signalCode}, server ${server.received} events in ${server.requests} requests, ` +
    `errors ${JSON.stringify(server.errors)}, stderr ends ${JSON.stringify(stderr().slice(-2000))}`;
  expect(done(), state).toBe(true);
}

/** The whole lines of `text` (a line being written is left out), each parsed. */
const jsonLines = (text: string): Array<Record<string, unknown>> =>
  text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const isoTime = (t: unknown): boolean => typeof t === 'string' && new Date(Date.parse(t)).toISOString() === t;

let server: IngestServer;
afterEach(async () => {
  await server?.close();
});

describe('ecelog signals --follow: checks before anything is read', () => {
  test('a checkpoint or spool it could not write: exit 2, one line saying which and why, nothing spooled', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'mainlog.ec'), mainlogLines(3).join(''));
    writeFileSync(join(dir, 'a-file'), '');
    writeFileSync(join(dir, 'not-a-checkpoint'), 'hello\n');
    mkdirSync(join(dir, 'a-dir'));
    const missing = join(dir, 'missing');
    const cases: Array<[string[], string]> = [
      [
        ['--checkpoint', join(missing, 'mainlog.ck')],
        `ecelog: the checkpoint ${join(missing, 'mainlog.ck')} cannot be written: its directory ${missing} does not exist`,
      ],
      [
        ['--checkpoint', join(dir, 'a-file', 'mainlog.ck')],
        `ecelog: the checkpoint ${join(dir, 'a-file', 'mainlog.ck')} cannot be written: ${join(dir, 'a-file')} is not a directory`,
      ],
      [
        ['--checkpoint', join(dir, 'a-dir')],
        `ecelog: the checkpoint ${join(dir, 'a-dir')} cannot be read: EISDIR: illegal operation on a directory, read`,
      ],
      [['--checkpoint', join(dir, 'not-a-checkpoint')], `ecelog: ${join(dir, 'not-a-checkpoint')} is not a follow checkpoint (not JSON)`],
      [
        ['--spool', join(dir, 'a-file', 'spool')],
        `ecelog: the spool directory ${join(dir, 'a-file', 'spool')} cannot be used: ENOTDIR: not a directory, mkdir '${join(dir, 'a-file', 'spool')}'`,
      ],
      [
        ['--spool', join(dir, 'a-file')],
        `ecelog: the spool directory ${join(dir, 'a-file')} cannot be used: EEXIST: file already exists, mkdir '${join(dir, 'a-file')}'`,
      ],
    ];
    if (process.getuid?.() !== 0) {
      // Permissions do not hold for root.
      const locked = join(dir, 'locked');
      mkdirSync(locked, 0o500);
      cases.push([
        ['--checkpoint', join(locked, 'mainlog.ck')],
        `ecelog: the checkpoint ${join(locked, 'mainlog.ck')} cannot be written: EACCES: permission denied, access '${locked}'`,
      ]);
    }
    // Nothing listens there: the checks come before any request.
    const args = agentArgs(dir, 'http://127.0.0.1:9');
    for (const [change, message] of cases) {
      const given = [...args];
      given[given.indexOf(change[0]!) + 1] = change[1]!;
      const r = spawnSync(process.execPath, [BIN, ...given], { cwd: ROOT, env: ENV, encoding: 'utf8', timeout: 20_000 });
      expect(r.stderr, change.join(' ')).toBe(`${message}\n`);
      expect(r.status).toBe(2);
      // Checked before the spool is opened, and before anything was read.
      expect(existsSync(join(dir, 'mainlog.ck'))).toBe(false);
      if (change[0] === '--checkpoint') expect(existsSync(join(dir, 'spool'))).toBe(false);
    }
  });

  test('with --status-json the refusal is a JSON object too', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'mainlog.ec'), '');
    const args = agentArgs(dir, 'http://127.0.0.1:9', '--status-json');
    args[args.indexOf('--checkpoint') + 1] = join(dir, 'missing', 'mainlog.ck');
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: ENV, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(2);
    const [line, ...rest] = jsonLines(r.stderr);
    expect(rest).toEqual([]);
    expect(line).toEqual({
      time: expect.any(String),
      level: 'error',
      message: `the checkpoint ${join(dir, 'missing', 'mainlog.ck')} cannot be written: its directory ${join(dir, 'missing')} does not exist`,
    });
    expect(isoTime(line!.time)).toBe(true);
  });
});

describe('ecelog signals --follow: --status-json and the stop summary', () => {
  test('every line is one JSON object: status lines with the stats, the stop with the totals', async () => {
    const dir = tempDir();
    const log = join(dir, 'mainlog.ec');
    writeFileSync(log, mainlogLines(3).join(''));
    const expected = await expectedIds(log);
    server = await startIngestServer({ apiKey: KEY });
    const child = startAgent(agentArgs(dir, server.url, '--status-json'));
    const stderr = output(child);
    const watch = { child, stderr };
    await until(() => [...expected].every((id) => server.events.has(id)), watch);
    // A status line made after the last batch was acknowledged.
    const sent = server.received;
    await until(() => jsonLines(stderr()).some((l) => l.message === 'status' && l.events_sent === sent), watch);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);

    expect(stderr().endsWith('\n')).toBe(true);
    const lines = jsonLines(stderr());
    const statuses = lines.slice(0, -1) as unknown as Array<AgentStatus & { level: string; message: string }>;
    const stop = lines[lines.length - 1] as unknown as AgentStats & { level: string; message: string; time: string };
    expect(statuses.length).toBeGreaterThan(1);
    for (const s of statuses) {
      expect(Object.keys(s).slice(0, 4)).toEqual(['time', 'level', 'message', 'events_per_s']);
      expect([s.level, s.message, isoTime(s.time), typeof s.events_per_s]).toEqual(['info', 'status', true, 'number']);
      expect(s.oldest_unsent_age_s === null || s.oldest_unsent_age_s >= 0).toBe(true);
      if (s.spool_depth === 0) expect(s.oldest_unsent_age_s).toBeNull();
      expect(s.last_success === null ? s.batches_sent : isoTime(s.last_success)).toBe(s.last_success === null ? 0 : true);
    }
    expect(stop).toMatchObject({
      level: 'info',
      message: 'stopped',
      events_sent: server.received,
      batches_sent: server.accepted,
      rejected: 0,
      too_old: 0,
      spool_depth: 0,
      oldest_unsent_age_s: null,
      last_error: null,
      held: 0,
    });
    expect(isoTime(stop.time) && isoTime(stop.last_success)).toBe(true);
    expect(stop.converted).toBe(expected.size);
    expect(server.errors).toEqual([]);
  });

  test('events too old to send: a warning, and a stop summary that counts them; as JSON and as text, the same', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'mainlog.ec'), mainlogLines(72).join(''));
    server = await startIngestServer({ apiKey: KEY });
    const run = async (json: boolean, done: (text: string) => boolean): Promise<string> => {
      rmSync(join(dir, 'mainlog.ck'), { force: true });
      const child = startAgent(agentArgs(dir, server.url, ...(json ? ['--status-json'] : [])));
      const stderr = output(child);
      await until(() => done(stderr()), { child, stderr });
      child.kill('SIGTERM');
      expect(await exited(child)).toBe(0);
      expect(stderr().endsWith('\n')).toBe(true);
      return stderr();
    };
    // JSON: until a status line counts every event converted (none is held any more).
    const events = (await expectedIds(join(dir, 'mainlog.ec'))).size;
    const lines = jsonLines(await run(true, (t) => jsonLines(t).some((l) => l.message === 'status' && l.converted === events)));
    const stop = lines[lines.length - 1] as unknown as AgentStats & { message: string };
    expect(stop).toMatchObject({ message: 'stopped', converted: events, too_old: events, events_sent: 0, spool_depth: 0, held: 0 });
    const warnings = lines.filter((l) => l.level === 'warn');
    expect(warnings).toEqual([{ time: expect.any(String), level: 'warn', message: expect.any(String) }]);
    expect(warnings[0]!.message).toMatch(/^(\d+) of the first \1 events are older than 24 hours: the Ingest API drops them/);
    expect(lines.filter((l) => l.level !== 'warn' && l.message !== 'status')).toEqual([stop]);

    // Text: the same run gives the same counts, in words.
    const text = await run(false, (t) => t.includes(`, ${events} older than 24 h (not sent)`));
    const textLines = text.trimEnd().split('\n');
    expect(textLines.filter((l) => l.includes('warning'))).toEqual([`ecelog signals: warning: ${warnings[0]!.message as string}`]);
    expect(textLines[textLines.length - 1]).toBe(`ecelog signals: ${summaryLine(stop)}`);
    expect(textLines[textLines.length - 1]).toMatch(
      new RegExp(
        `^ecelog signals: stopped: \\d+ events read, ${events} converted, 0 batches sent \\(0 events\\), 0 rejected, ${events} older than 24 h \\(not sent\\), spool 0 left, 0 retries`,
      ),
    );
    for (const l of textLines.slice(0, -1)) expect(l).toMatch(/^ecelog signals: (\d+ events\/s, |warning: )/);
  });
});

describe('ecelog signals --follow: a stderr that breaks does not stop the agent', () => {
  /** Runs the agent on a log that grows after stderr broke: every event still arrives, and SIGTERM stops it with exit 0. */
  async function worksOn(stderr: 'pipe' | number, broken: (child: ChildProcess) => Promise<void>): Promise<void> {
    const dir = tempDir();
    const log = join(dir, 'mainlog.ec');
    const lines = mainlogLines(3);
    const half = lines.length >> 1;
    writeFileSync(log, lines.slice(0, half).join(''));
    server = await startIngestServer({ apiKey: KEY });
    const child = startAgent(agentArgs(dir, server.url), stderr);
    await broken(child);
    const watch = { child, stderr: () => '(not read)' };
    const first = await expectedIds(log);
    await until(() => [...first].every((id) => server.events.has(id)), watch);
    // Status lines went on failing meanwhile; the log grows.
    appendFileSync(log, lines.slice(half).join(''));
    const all = await expectedIds(log);
    expect(all.size).toBeGreaterThan(first.size);
    await until(() => [...all].every((id) => server.events.has(id)), watch);
    expect(child.exitCode).toBeNull();
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(server.errors).toEqual([]);
  }

  test('EPIPE: stderr to a pipe whose reader went away after the first line (… 2>&1 | head -1)', async () => {
    await worksOn('pipe', async (child) => {
      await new Promise<void>((done) => child.stderr!.once('data', () => done()));
      child.stderr!.destroy();
    });
  });

  test.skipIf(!existsSync('/dev/full'))('ENOSPC: stderr to a full device', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      await worksOn(full, async () => undefined);
    } finally {
      closeSync(full);
    }
  });
});
