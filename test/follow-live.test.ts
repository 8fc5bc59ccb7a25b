import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { mulberry32 } from '../src/generator/generate';
import { BACKENDS } from './backends';
import { Follower, seqs, until } from './fixtures/follow-helpers';

/**
 * follow() against a real writer process that rotates (ec_rotate-like: rename, lines into the
 * renamed file, reopen, bzip2 the older generation): every line exactly once and in order; and
 * a follower process killed with SIGKILL at random points, restarted from its checkpoint.
 * Needs dist/ (npm test builds it first): the follower child process runs the compiled code.
 */

const ROOT = join(__dirname, '..');
const FIXTURES = join(__dirname, 'fixtures');
const root = mkdtempSync(join(tmpdir(), 'ecelog-live-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface WriterConfig {
  dir: string;
  total: number;
  rate: number;
  rotateEvery: number;
  between: number;
  keep: number;
  compress: boolean;
}

function startWriter(cfg: WriterConfig): { child: ChildProcess; done: Promise<void> } {
  const child = track(
    spawn(process.execPath, [join(FIXTURES, 'log-writer.js'), JSON.stringify(cfg)], { stdio: ['ignore', 'ignore', 'inherit'] }),
  );
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exited with ${code}`))));
  });
  return { child, done };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Children still running when a test fails or times out are killed (never left behind). */
const children = new Set<ChildProcess>();
function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
});

describe.each(BACKENDS)('follow a rotating writer, %s backend', (backend) => {
  test('every line exactly once, in order, across rotations and bzip2 compression', async () => {
    const dir = join(root, `once-${backend}`);
    mkdirSync(dir);
    const total = 20_000;
    // keep: every generation stays (10 rotations): a follower slowed down by a busy machine must
    // still find each line; lines deleted before they are read are the gap tests' subject.
    const writer = startWriter({ dir, total, rate: 10_000, rotateEvery: 2_000, between: 5, keep: 12, compress: true });
    const f = new Follower(join(dir, 'mainlog.ec'), {
      from: 'start',
      checkpoint: join(dir, 'ck'),
      backend,
      batchSize: 500,
      pollInterval: 20,
    });
    const got: number[] = [];
    const ids = new Set<string>();
    while (got.length === 0 || got[got.length - 1]! < total - 1) {
      const b = await f.batch(10_000);
      for (const s of seqs(b.events)) got.push(s);
      for (const e of b.events) ids.add(e.id);
      await b.commit();
    }
    await f.stop();
    await writer.done;
    expect(got.length).toBe(total);
    expect(got.every((s, i) => s === i)).toBe(true);
    expect(ids.size).toBe(total);
    // The writer did rotate and compress.
    expect(readdirSync(dir).filter((n) => n.endsWith('.bz2')).length).toBeGreaterThan(3);
  });
});

interface Round {
  events: Array<{ seq: number; id: string }>;
  /** Events before the last commit marker. */
  committed: number;
  notices: string[];
}

function readRound(path: string): Round {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const lines = text.split('\n');
  lines.pop(); // the part after the last newline: empty, or a write cut by the kill
  const round: Round = { events: [], committed: 0, notices: [] };
  for (const line of lines) {
    const [kind, a, b] = line.split(' ');
    if (kind === 'E') round.events.push({ seq: Number(a), id: b! });
    else if (kind === 'C') round.committed = round.events.length;
    else round.notices.push(`${a} ${b}`);
  }
  return round;
}

describe.each(BACKENDS)('follow killed with SIGKILL, %s backend', (backend) => {
  test('restarted from its checkpoint: no line lost, repeats only of the last uncommitted batch, same ids', async () => {
    const dir = join(root, `crash-${backend}`);
    mkdirSync(dir);
    const seed = Number(process.env.ECELOG_CRASH_SEED ?? Date.now() % 1_000_000);
    const rnd = mulberry32(seed);
    const total = 24_000;
    const batchSize = 300;
    // The writer starts once the first follower runs (it waits for the file): a follower that
    // started late on a busy machine would otherwise begin after a rotation, at a later line.
    let writer: ReturnType<typeof startWriter> | null = null;
    let writing = true;
    const rounds: Round[] = [];
    const kills: number[] = [];
    writeFileSync(join(dir, 'mainlog.ec'), '');
    for (let r = 0; ; r++) {
      const out = join(dir, `round-${r}.txt`);
      const cfg = {
        dist: join(ROOT, 'dist'),
        path: join(dir, 'mainlog.ec'),
        checkpoint: join(dir, 'follow.ck'),
        out,
        backend,
        batchSize,
        total,
      };
      const last = !writing;
      const child = track(
        spawn(process.execPath, [join(FIXTURES, 'follower.js'), JSON.stringify({ ...cfg, idleExit: last ? 4000 : 0 })], {
          stdio: ['ignore', 'ignore', 'inherit'],
        }),
      );
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      if (writer === null) {
        // The writer starts once the first follower has anchored its checkpoint at the start of the
        // live file (created empty for it): a follower slow to start on a busy machine then still
        // begins at line 1, wherever the rotations have taken the file.
        await until(() => existsSync(cfg.checkpoint), 30_000);
        writer = startWriter({ dir, total, rate: 8_000, rotateEvery: 2_500, between: 5, keep: 12, compress: true });
        void writer.done.then(
          () => (writing = false),
          () => (writing = false),
        );
      }
      if (!last) {
        // (The first run commits once before it may die: without a checkpoint, 'start' is the live file's start.)
        if (r === 0) await until(() => existsSync(out) && readFileSync(out, 'utf8').includes('C\n'), 30_000);
        const after = 150 + Math.floor(rnd() * 450);
        kills.push(after);
        await Promise.race([sleep(after), exited]);
        child.kill('SIGKILL');
        await exited;
        rounds.push(readRound(out));
        continue;
      }
      // The writer is done: the last round runs to the end (or, if a killed one got there, idles out).
      expect(await exited).toBe(0);
      rounds.push(readRound(out));
      break;
    }
    await writer.done;

    const context = `seed ${seed} (ECELOG_CRASH_SEED), kills after ${kills.join(', ')} ms`;
    const idOf = new Map<number, string>();
    let lastDelivered = -1;
    let lastCommitted = -1;
    let repeats = 0;
    for (const [r, round] of rounds.entries()) {
      expect(round.notices, context).toEqual([]);
      if (round.events.length === 0) continue;
      const s0 = round.events[0]!.seq;
      // Nothing committed comes again; nothing after what was delivered is skipped.
      expect(s0, `round ${r}: ${context}`).toBeGreaterThan(lastCommitted);
      expect(s0, `round ${r}: ${context}`).toBeLessThanOrEqual(lastDelivered + 1);
      // In order, without gaps or repeats within a run.
      expect(
        round.events.every((e, i) => e.seq === s0 + i),
        `round ${r}: ${context}`,
      ).toBe(true);
      // What is delivered after the last commit is at most one batch.
      if (r < rounds.length - 1) expect(round.events.length - round.committed, `round ${r}: ${context}`).toBeLessThanOrEqual(batchSize);
      repeats += Math.max(0, lastDelivered - s0 + 1);
      for (const e of round.events) {
        if (idOf.has(e.seq)) expect(e.id, `seq ${e.seq}: ${context}`).toBe(idOf.get(e.seq));
        else idOf.set(e.seq, e.id);
      }
      lastDelivered = round.events[round.events.length - 1]!.seq;
      if (round.committed > 0) lastCommitted = round.events[round.committed - 1]!.seq;
    }
    expect(lastDelivered, context).toBe(total - 1);
    expect(idOf.size, context).toBe(total);
    expect(new Set(idOf.values()).size, context).toBe(total);
    expect(rounds.length, context).toBeGreaterThanOrEqual(4);
    expect(repeats, context).toBeLessThanOrEqual(batchSize * rounds.length);
  });
});
