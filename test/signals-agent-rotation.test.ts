import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EcelogEvent } from '../src/decoders/index';
import { generate, mulberry32, type GeneratedLine, type Rng } from '../src/generator/generate';
import { listGenerations } from '../src/files/rotated';
import { SignalsConverter } from '../src/signals/convert/convert';
import { eventId } from '../src/signals/convert/event-id';
import { mergeByTime } from '../src/signals/convert/merge';
import type { SparkPostEvent } from '../src/signals/convert/types';
import { eventsWithIds } from '../src/signals/agent/offline';
import { startIngestServer, type IngestServer } from './ingest-server';
import { exited, faultSchedule, KEY, LOGS, runToTheEnd, sleep, spooled, startAgent, type Log } from './fixtures/agent-process';

/**
 * The agent end to end while its logs are written live and rotated the way ec_rotate and
 * Momentum do it: `ecelog signals --follow …` in a child process follows four logs that the test
 * appends to every 2 ms through descriptors it keeps open. Every 0.3–1 s either the agent is
 * SIGKILLed and restarted 50 ms later (half the time with a rotation starting in between), or
 * the logs are rotated under the running agent: `X.ec.N[.bz2]` → `N+1`, `X.ec` → `X.ec.1`; 120 ms
 * later the writer opens a new `X.ec` but still writes 5 chunks through the old descriptor
 * before switching (a multi-threaded logger); 20 ms after the reopen, most of the time,
 * `bzip2 -f X.ec.1`. No generation is ever deleted, so every line written is still on disk at
 * the end: every event of every generation must reach the server, and nothing else.
 */

/** How long the logs are written (ms) once the first run is at work on every log, at most (the lines are made to last longer). */
const WRITING_MS = 9000;
/** How long the first run may take to commit a checkpoint for every log. */
const FIRST_COMMIT_MS = 5000;
/** The writer's tick (ms): each tick appends 2–4 mainlog lines and the other logs' lines of the same time span. */
const TICK_MS = 2;
/** Chunks still written through the old descriptor after a reopen. */
const LATE_CHUNKS = 5;
const REOPEN_AFTER_MS = 120;
const COMPRESS_AFTER_MS = 20;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Every child process started (agents, bzip2): those still running are killed when the test ends. */
const children = new Set<ChildProcess>();
const running = (c: ChildProcess): boolean => c.exitCode === null && c.signalCode === null;

/**
 * Some 10,000 messages of traffic (~22,500 mainlog lines: more than ticks of 2–4 lines can write
 * in FIRST_COMMIT_MS + WRITING_MS), starting 5 hours ago (the agent does not send events older
 * than 24 h), in time order across the logs.
 */
function traffic(seed: number): GeneratedLine[] {
  const startTime = Math.floor(Date.now() / 1000) - 5 * 3600;
  return [...generate({ seed, messages: 10_000, startTime, fbl: 0.2, rejections: 0.3 })];
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

/**
 * Appends the lines to the four logs every TICK_MS, each log through a descriptor kept open;
 * `reopen()` opens new files under the logs' paths and switches to them after LATE_CHUNKS more
 * chunks (ticks) through the old descriptors.
 */
class Writer {
  private fds: Record<Log, number>;
  private late: { fds: Record<Log, number>; left: number; done: () => void } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private cursor = 0;
  private closed = false;
  stopped = false;

  constructor(
    private readonly dir: string,
    private readonly lines: readonly GeneratedLine[],
    private readonly rng: Rng,
  ) {
    this.fds = this.openAll();
  }

  /** Lines written so far (of all logs). */
  get written(): number {
    return this.cursor;
  }

  private openAll(): Record<Log, number> {
    const open = (log: Log): number => openSync(join(this.dir, `${log}.ec`), 'a');
    return { mainlog: open('mainlog'), bouncelog: open('bouncelog'), fbllog: open('fbllog'), rejectlog: open('rejectlog') };
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  private tick(): void {
    if (this.stopped) return;
    const want = 2 + Math.floor(this.rng() * 3);
    const out: Record<Log, string> = { mainlog: '', bouncelog: '', fbllog: '', rejectlog: '' };
    for (let main = 0; main < want && this.cursor < this.lines.length;) {
      const line = this.lines[this.cursor++]!;
      out[line.log] += `${line.text}\n`;
      if (line.log === 'mainlog') main++;
    }
    for (const log of LOGS) if (out[log] !== '') writeAll(this.fds[log], out[log]);
    if (this.late !== null && --this.late.left === 0) this.switchOver();
    if (this.cursor >= this.lines.length) this.stop();
  }

  /** Opens the new files at once; resolves once the writer switched to them. */
  reopen(): Promise<void> {
    if (this.closed) return Promise.resolve();
    const fds = this.openAll();
    return new Promise((done) => {
      this.late = { fds, left: LATE_CHUNKS, done };
      if (this.stopped) this.switchOver();
    });
  }

  private switchOver(): void {
    const late = this.late!;
    this.late = null;
    for (const log of LOGS) closeSync(this.fds[log]);
    this.fds = late.fds;
    late.done();
  }

  /** Stops writing (switching over a pending reopen at once). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (this.late !== null) this.switchOver();
  }

  close(): void {
    this.stop();
    if (this.closed) return;
    this.closed = true;
    for (const log of LOGS) closeSync(this.fds[log]);
  }
}

/** ec_rotate's renames for one log: `X.ec.N[.bz2]` → `X.ec.N+1[.bz2]` (highest first, none deleted), then `X.ec` → `X.ec.1`. */
function shift(dir: string, log: Log): void {
  const re = new RegExp(`^${log}\\.ec\\.(\\d+)(\\.bz2)?$`);
  const gens = readdirSync(dir)
    .map((name) => re.exec(name))
    .filter((m) => m !== null)
    .map((m) => ({ name: m[0], n: Number(m[1]), ext: m[2] ?? '' }))
    .sort((a, b) => b.n - a.n);
  for (const g of gens) renameSync(join(dir, g.name), join(dir, `${log}.ec.${g.n + 1}${g.ext}`));
  renameSync(join(dir, `${log}.ec`), join(dir, `${log}.ec.1`));
}

async function run(cmd: string, args: string[]): Promise<void> {
  const child = spawn(cmd, args, { stdio: 'ignore' });
  children.add(child);
  const code = await exited(child);
  if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${code}`);
}

/** A rotation of the four logs; resolves once it is over (reopened, switched, compressed). */
async function rotate(dir: string, writer: Writer, compress: boolean): Promise<void> {
  for (const log of LOGS) shift(dir, log);
  await sleep(REOPEN_AFTER_MS);
  const switched = writer.reopen();
  // bzip2 starts 20 ms after the reopen, and never before the last late chunk was written
  // (a line written to the old file after bzip2 read it would be lost from disk).
  await Promise.all([sleep(COMPRESS_AFTER_MS), switched]);
  if (compress) await Promise.all(LOGS.map((log) => run('bzip2', ['-f', join(dir, `${log}.ec.1`)])));
}

interface Expected {
  ids: Set<string>;
  /** Output events by event_id, and the lines of each message (`file:line`), to tell what is missing. */
  events: Map<string, SparkPostEvent['msys']['message_event']>;
  lines: Map<string, string[]>;
  /** Per file: the line number and event_id of each line whose own event (keyed by the line's id) is expected. */
  own: Map<string, Array<[number, string]>>;
  generations: Record<Log, string[]>;
}

/** Event types whose event_id is made from the line's id (tempfail / inband are made from the message). */
const OWN_TYPES = ['reception', 'delivery', 'outofband', 'feedback', 'rejection'];

/** The event_ids of every generation of every log, each log read oldest generation first, the logs merged by time. */
async function expectedIds(dir: string): Promise<Expected> {
  const generations = {} as Record<Log, string[]>;
  for (const log of LOGS) generations[log] = (await listGenerations(join(dir, `${log}.ec`))).map((g) => g.path);
  async function* chain(log: Log): AsyncGenerator<EcelogEvent> {
    for (const file of generations[log]) yield* eventsWithIds(file, { log });
  }
  const conv = new SignalsConverter();
  const out: Expected = { ids: new Set(), events: new Map(), lines: new Map(), own: new Map(), generations };
  const sources: Array<[string, number, string]> = [];
  const add = (evs: SparkPostEvent[]): void => {
    for (const e of evs) {
      const ev = e.msys.message_event;
      out.ids.add(ev.event_id);
      out.events.set(ev.event_id, ev);
    }
  };
  for await (const ev of mergeByTime(...LOGS.map(chain))) {
    const { message_id: messageId, file, id } = ev as { message_id?: unknown; file?: string; id?: string };
    if (file !== undefined && id !== undefined) sources.push([file, ev.line, id]);
    if (typeof messageId === 'string') {
      const at = `${basename(file ?? '?')}:${ev.line}`;
      const list = out.lines.get(messageId);
      if (list) list.push(at);
      else out.lines.set(messageId, [at]);
    }
    add(conv.push(ev) as SparkPostEvent[]); // no eventlog: message events only
  }
  add(conv.flush() as SparkPostEvent[]);
  for (const [file, line, id] of sources) {
    const own = OWN_TYPES.map((t) => eventId(t, id)).find((e) => out.ids.has(e));
    if (own === undefined) continue;
    const list = out.own.get(file);
    if (list) list.push([line, own]);
    else out.own.set(file, [[line, own]]);
  }
  return out;
}

/** The agents' stderr, each run's after a `--- agent run N` line. */
let stderr = '';
let runs = 0;
function runAgent(dir: string, server: IngestServer): ChildProcess {
  const child = startAgent(dir, server, (t) => (stderr += t));
  children.add(child);
  stderr += `--- agent run ${++runs} (pid ${child.pid})\n`;
  return child;
}

/** The logs without a checkpoint file yet. */
const uncommitted = (dir: string): Log[] => LOGS.filter((l) => !existsSync(join(dir, 'ck', `${l}.ec.checkpoint`)));
describe('signals agent: logs written live, rotated ec_rotate style, SIGKILLs', () => {
  it('delivers every event of every generation, nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecelog-agent-rot-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'ck'));
    const lines = traffic(11);
    const rng = mulberry32(20261204); // the scenario's
    const faultRng = mulberry32(7);
    const schedule = faultSchedule(faultRng);
    const server = await startIngestServer({ apiKey: KEY, faults: schedule(0.15) });
    const writer = new Writer(dir, lines, mulberry32(99));
    let rotating: Promise<void> = Promise.resolve();
    try {
      let agent = runAgent(dir, server);
      writer.start();
      // Nothing happens before the first run has a checkpoint for every log (follow writes one as
      // soon as it has opened the file): a run started without one reads the live file from its
      // start (`--from start`), so a rotation before it opened the file would rightly skip the
      // first file. The writer is already writing meanwhile.
      const booting = Date.now();
      while (uncommitted(dir).length > 0 && Date.now() - booting < FIRST_COMMIT_MS) await sleep(20);
      const firstCommit = Date.now() - booting;
      const neverCommitted = uncommitted(dir);
      const started = Date.now();
      let rotations = 0;
      let compressions = 0;
      let kills = 0;
      let killRotations = 0; // rotations started while the agent was down
      let writtenAtLastRotation = 0;
      const startRotation = (): void => {
        const compress = rng() < 0.7;
        rotations++;
        if (compress) compressions++;
        writtenAtLastRotation = writer.written;
        rotating = rotate(dir, writer, compress);
      };
      for (;;) {
        await sleep(300 + Math.floor(rng() * 700));
        if (writer.stopped || Date.now() - started >= WRITING_MS) break;
        await rotating; // the last rotation (and its bzip2) is over before anything else happens
        if (rng() < 0.5) {
          agent.kill('SIGKILL');
          await exited(agent);
          kills++;
          if (rng() < 0.5) {
            startRotation();
            killRotations++;
          }
          await sleep(50);
          agent = runAgent(dir, server);
        } else {
          startRotation();
        }
      }
      // Writing stops; a rotation under way finishes (its reopen switches at once, bzip2 runs).
      writer.stop();
      await rotating;
      writer.close();
      const written = writer.written;
      agent.kill('SIGKILL');
      await exited(agent);

      const expected = await expectedIds(dir);
      // The writer ran through the rotations (how much it wrote depends on the machine's load:
      // ~10,000 events when quiet, 4,500 under a load of 8 on two cores).
      expect(expected.ids.size).toBeGreaterThan(2000);

      // A last run, left alone until everything has arrived, then stopped the proper way.
      server.setFaults(schedule(0.1));
      const before = stderr.length;
      const child = runAgent(dir, server);
      const code = await runToTheEnd(child, dir, server, expected.ids, 30_000, () => stderr.slice(before));

      const missing = [...expected.ids].filter((id) => !server.events.has(id));
      const extra = [...server.events.keys()].filter((id) => !expected.ids.has(id));
      const generations = LOGS.map((l) => `${l}: ${expected.generations[l].map((f) => basename(f)).join(' ')}`).join('; ');
      console.log(
        `agent rotation test: ${expected.ids.size} events expected, ${server.received} received ` +
          `(${server.received - expected.ids.size} duplicates), ${rotations} rotations (${killRotations} while the agent was down), ` +
          `${compressions} compressions, ${kills} SIGKILLs (+1 before the last run), ${written}/${lines.length} lines written ` +
          `(${written - writtenAtLastRotation} after the last rotation), ${server.requests} requests, ` +
          `faults ${JSON.stringify(server.faultsInjected)}, first checkpoints after ${firstCommit} ms` +
          (neverCommitted.length > 0 ? ` (none for ${neverCommitted.join(', ')})` : ''),
      );
      if (missing.length > 0 || extra.length > 0) {
        console.log(`generations: ${generations}`);
        // Per file, the lines whose own event is missing (as ranges of line numbers).
        for (const file of LOGS.flatMap((l) => expected.generations[l])) {
          const own = expected.own.get(file) ?? [];
          const gone = own.filter(([, e]) => !server.events.has(e)).map(([n]) => n);
          if (gone.length === 0) continue;
          const ranges: string[] = [];
          for (let i = 0; i < gone.length;) {
            let j = i;
            while (j + 1 < gone.length && gone[j + 1]! - gone[j]! <= 3) j++;
            ranges.push(i === j ? `${gone[i]}` : `${gone[i]}-${gone[j]}`);
            i = j + 1;
          }
          const lastLine = own.length > 0 ? own[own.length - 1]![0] : 0;
          console.log(
            `${basename(file)}: ${gone.length}/${own.length} line events missing (last line ${lastLine}): ${ranges.slice(0, 20).join(' ')}`,
          );
        }
        for (const id of missing.slice(0, 30)) {
          const ev = expected.events.get(id)!;
          const where = expected.lines.get(ev.message_id) ?? [];
          console.log(`missing ${ev.type} ${id} message ${ev.message_id} at ${ev.timestamp}, lines ${where.join(' ')}`);
        }
        for (const id of extra.slice(0, 30)) console.log(`extra ${JSON.stringify(server.events.get(id))}`);
        console.log(`agent stderr (end):\n${stderr.slice(-3000)}`);
      }
      expect(code).toBe(0);
      expect(server.errors).toEqual([]);
      expect(missing).toEqual([]);
      expect(extra).toEqual([]);
      // The first run committed a checkpoint for every log while the logs were growing.
      expect(neverCommitted).toEqual([]);
      expect(server.received).toBeGreaterThanOrEqual(expected.ids.size);
      expect(rotations).toBeGreaterThanOrEqual(4);
      expect(kills).toBeGreaterThanOrEqual(4);
      expect(killRotations).toBeGreaterThanOrEqual(1);
      expect(compressions).toBeGreaterThanOrEqual(1);
      // Lines were still being written after the last rotation (it rotated live logs).
      expect(written - writtenAtLastRotation).toBeGreaterThan(0);
      expect(written).toBeLessThanOrEqual(lines.length);
      expect(spooled(dir)).toEqual([]);
      expect(stderr).not.toContain(KEY);
    } finally {
      writer.close();
      await rotating.catch(() => undefined);
      for (const c of children) if (running(c)) c.kill('SIGKILL');
      await Promise.all([...children].map(exited));
      children.clear();
      await server.close();
    }
  }, 90_000);
});
