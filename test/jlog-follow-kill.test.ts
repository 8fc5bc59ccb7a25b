import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { JLOG_REF, jlogRef } from './fixtures/jlog';

/**
 * followJlog under a live reference writer with small segments (many rollovers), SIGKILLed at
 * random points and restarted: after deduplication on `id` every message is there exactly once,
 * in order; repeats come only from the batch that was not committed.
 */

const FOLLOWER = join(__dirname, 'fixtures', 'jlog-follower.js');
const N = 3000;

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
    child.once('exit', (code) => done(code));
  });
}

/** Cuts a line the killed follower was writing (it was not committed: the next run writes it again). */
function dropPartialLine(path: string): void {
  if (!existsSync(path)) return;
  const text = readFileSync(path);
  const end = text.lastIndexOf(10) + 1;
  if (end < text.length) truncateSync(path, end);
}

describe.each(['subscriber', 'checkpoint'] as const)('followJlog killed and restarted, %s mode', (mode) => {
  test('every message exactly once after deduplication on id, in order', { timeout: 120_000 }, async () => {
    const seed = Date.now() % 1_000_000;
    const rand = fc.sample(fc.integer({ min: 0, max: 250 }), { numRuns: 1000, seed });
    const batches = fc.sample(fc.integer({ min: 1, max: 60 }), { numRuns: 1000, seed: seed + 1 });
    const base = mkdtempSync(join(tmpdir(), 'ecelog-jlogkill-'));
    const dir = join(base, 'eh.rt');
    jlogRef(['init', dir, '--unit-limit', '4096', '--subscriber', 'k']);
    const out = join(base, 'out.tsv');
    const where = mode === 'subscriber' ? 'subscriber' : `checkpoint:${join(base, 'ck.json')}`;
    const payloads = Array.from({ length: N }, (_, i) => `seq-${String(i).padStart(5, '0')} ${'p'.repeat(i % 97)}`);
    const writer = spawn(JLOG_REF, ['write', dir, '--every-ms', '1'], { stdio: ['pipe', 'ignore', 'inherit'] });
    writer.stdin.end([...payloads, 'END'].join('\n') + '\n');
    const writerDone = exited(writer);

    let kills = 0;
    let maxBatch = 0;
    for (let run = 0; ; run++) {
      dropPartialLine(out);
      // Killed after it committed the batch with END but before it exited: nothing is left to
      // read, and a follower would wait for more forever. One more run, not killed, shows it.
      const ended = existsSync(out) && readFileSync(out, 'utf8').endsWith('\tEND\n');
      const batch = batches[run % batches.length]!;
      maxBatch = Math.max(maxBatch, batch);
      const child = spawn(process.execPath, [FOLLOWER, dir, out, where, String(batch)], { stdio: ['ignore', 'pipe', 'inherit'] });
      const done = exited(child);
      // Killed at a random time after it started following (not while Node loads, which takes
      // longer than the whole range on a loaded machine and would leave no progress).
      let timer: NodeJS.Timeout | undefined;
      child.stdout.once('data', () => (timer = setTimeout(() => child.kill('SIGKILL'), ended ? 3000 : rand[run % rand.length])));
      const code = await done;
      clearTimeout(timer);
      if (code === 0 || ended) break;
      expect(child.signalCode, `seed ${seed}: the follower failed (exit ${code})`).toBe('SIGKILL');
      kills++;
      expect(run, `seed ${seed}`).toBeLessThan(500);
    }
    expect(await writerDone).toBe(0);
    expect(kills, `seed ${seed}: the follower was never killed`).toBeGreaterThan(2);

    const lines = readFileSync(out, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    const byId = new Map<string, string>();
    const order: string[] = [];
    for (const l of lines) {
      const [id, payload] = l.split('\t') as [string, string];
      const seen = byId.get(id);
      if (seen === undefined) {
        byId.set(id, payload);
        order.push(payload);
      } else expect(seen, `seed ${seed}: one id, two payloads`).toBe(payload);
    }
    expect(order, `seed ${seed}`).toEqual([...payloads, 'END']);
    // Repeats only from uncommitted batches: at most one batch per kill.
    expect(lines.length - order.length, `seed ${seed}`).toBeLessThanOrEqual(kills * maxBatch);
    // ids in the jlog's order
    const ids = [...byId.keys()];
    expect([...ids].sort()).toEqual(ids);
    if (mode === 'subscriber') {
      // the consumed segments were deleted as the follower committed (only the last few remain)
      expect(jlogRef(['subscribers', dir]).trim()).toBe('k');
      const segs = readdirSync(dir).filter((f) => /^[0-9a-f]{8}$/.test(f));
      expect(segs.length, `seed ${seed}: ${segs.join(' ')}`).toBeLessThanOrEqual(2);
    }
    console.log(`jlog kill/restart (${mode}): ${N + 1} messages, ${kills} SIGKILLs, ${lines.length - order.length} repeats, seed ${seed}`);
  });
});
