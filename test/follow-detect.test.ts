import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BIN, ROOT } from './fixtures/run-cli';

/** `ecelog follow` without --log: the kind is detected from the file's first lines. */

const BOUNCELOG = readFileSync(join(ROOT, 'sample/bouncelog.ec'), 'latin1');
const LINES = BOUNCELOG.split('\n').filter((l) => l !== '');
const dir = mkdtempSync(join(tmpdir(), 'ecelog-follow-detect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs `ecelog ARGS` until `n` lines are out (`during` runs once it has started), then SIGINT;
 * with n = 0, SIGINT after a second.
 */
async function followUntil(args: string[], n: number, during?: () => void): Promise<{ out: string[]; err: string; code: number | null }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = once(child, 'exit');
  if (during) setTimeout(during, 500);
  await new Promise<void>((resolve) => {
    if (n === 0) setTimeout(resolve, 1000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.split('\n').length > n) resolve();
    });
    child.on('exit', () => resolve());
  });
  child.kill('SIGINT');
  const [code] = (await exited) as [number | null];
  return { out: out.trimEnd().split('\n'), err, code };
}

describe('ecelog follow without --log', () => {
  test('a bouncelog is read as a bouncelog, not as malformed mainlog lines', async () => {
    const path = join(dir, 'bounces.ec');
    writeFileSync(path, LINES.slice(0, 20).join('\n') + '\n');
    const r = await followUntil(['follow', '--from', 'start', path], 20);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`ecelog: ${path}: bouncelog\n`);
    expect(r.out).toHaveLength(20);
    const events = r.out.map((l) => JSON.parse(l) as { log: string; type: string; line: number });
    expect(events.map((e) => e.log)).toEqual(Array(20).fill('bouncelog'));
    expect(events.filter((e) => e.type === 'malformed')).toEqual([]);
    expect(events.map((e) => e.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  test('a file empty at start is waited for, then detected from its first lines', async () => {
    const path = join(dir, 'later.ec');
    writeFileSync(path, '');
    const r = await followUntil(['follow', '--from', 'start', path], 5, () => appendFileSync(path, LINES.slice(0, 5).join('\n') + '\n'));
    expect(r.code).toBe(0);
    expect(r.err).toBe(`ecelog: ${path}: bouncelog\n`);
    expect(r.out.map((l) => (JSON.parse(l) as { type: string }).type)).toEqual(
      LINES.slice(0, 5).map((l) => ({ B: 'bounce', T: 'transient_failure' })[l.split('@')[4]!] ?? l.split('@')[4]),
    );
  });

  test('interrupted before the file has a line: exits 0 with nothing written', async () => {
    const path = join(dir, 'never.ec');
    const r = await followUntil(['follow', path], 0);
    expect(r).toEqual({ out: [''], err: '', code: 0 });
  });

  test('text no kind fits is an error naming the file', async () => {
    const path = join(dir, 'junk.ec');
    writeFileSync(path, 'hello\n');
    const r = await followUntil(['follow', path], 1);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^ecelog: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot detect the log kind: `));
  });

  test('the help says so', async () => {
    const r = await followUntil(['help', 'follow'], 1);
    expect(r.out.join('\n')).toContain(
      'a file that\n                    is empty or missing at start is waited for until it has a complete line',
    );
  });
});
