import { spawn, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { generate } from '../src/generator/generate';
import { Progress, sameTerminal, showsProgress, type ProgressProcess } from '../src/cli/progress';
import { BIN, ROOT } from './fixtures/run-cli';

/** The progress bar of parse and stats: when it is drawn, and that it is always erased. */

const dir = mkdtempSync(join(tmpdir(), 'ecelog-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A plain file of `bytes` bytes (a bar is drawn only against a plain file's size). */
function fileOf(bytes: number): string {
  const file = join(dir, `f${bytes}`);
  writeFileSync(file, Buffer.alloc(bytes, 'x'));
  return file;
}

class FakeStream {
  written: string[] = [];
  constructor(
    readonly isTTY: boolean,
    readonly fd?: number,
  ) {}
  write(text: string): boolean {
    this.written.push(text);
    return true;
  }
}

class FakeProcess extends EventEmitter implements ProgressProcess {
  readonly pid = 4242;
  killed: string[] = [];
  kill(pid: number, signal: 'SIGINT'): void {
    this.killed.push(`${pid} ${signal}`);
  }
}

const CLEAR = '\r\x1b[K';

describe('when a bar is drawn', () => {
  test('only on a terminal stderr, and not when stdout is that same terminal', () => {
    expect(showsProgress(new FakeStream(false), new FakeStream(false))).toBe(false);
    expect(showsProgress(new FakeStream(true), new FakeStream(false))).toBe(true);
    // stdout a terminal that cannot be told apart from stderr's: assumed the same
    expect(showsProgress(new FakeStream(true), new FakeStream(true))).toBe(false);
    const a = openSync(join(dir, 'a'), 'w');
    const b = openSync(join(dir, 'b'), 'w');
    const a2 = openSync(join(dir, 'a'), 'r');
    try {
      expect(sameTerminal(new FakeStream(true, a), new FakeStream(true, a2))).toBe(true);
      expect(sameTerminal(new FakeStream(true, a), new FakeStream(true, b))).toBe(false);
      expect(showsProgress(new FakeStream(true, a), new FakeStream(true, b))).toBe(true);
      expect(showsProgress(new FakeStream(true, a), new FakeStream(true, a2))).toBe(false);
    } finally {
      for (const fd of [a, b, a2]) closeSync(fd);
    }
  });

  test('not on a terminal stderr, nor for a small file', () => {
    const proc = new FakeProcess();
    const err = new FakeStream(false);
    const p = new Progress(fileOf(2000), err, new FakeStream(false), proc, 1000);
    p.update(500);
    p.end();
    expect(err.written).toEqual([]);
    const small = new FakeStream(true);
    const q = new Progress(fileOf(999), small, new FakeStream(false), proc, 1000);
    q.update(500);
    q.end();
    expect(small.written).toEqual([]);
  });
});

describe('the bar is erased', () => {
  test('at the end, and it stops listening', () => {
    const proc = new FakeProcess();
    const err = new FakeStream(true);
    const p = new Progress(fileOf(2000), err, new FakeStream(false), proc, 1000);
    p.update(1000);
    expect(err.written).toEqual([`\r[${'#'.repeat(15)}${'.'.repeat(15)}]  50% 0/0 MB`]);
    expect(proc.listenerCount('exit')).toBe(1);
    expect(proc.listenerCount('SIGINT')).toBe(1);
    p.end();
    expect(err.written.slice(1)).toEqual([CLEAR]);
    expect(proc.listenerCount('exit')).toBe(0);
    expect(proc.listenerCount('SIGINT')).toBe(0);
  });

  /** A bar drawn on a terminal stderr (its first write), with `proc` as the process. */
  function drawn(proc = new FakeProcess()) {
    const err = new FakeStream(true);
    new Progress(fileOf(2000), err, new FakeStream(false), proc, 1000).update(2000);
    expect(err.written).toHaveLength(1);
    return { proc, err };
  }

  test('on exit', () => {
    const { proc, err } = drawn();
    proc.emit('exit');
    expect(err.written.slice(1)).toEqual([CLEAR]);
  });

  test('on SIGINT, which then still interrupts the process (unless someone else handles it)', () => {
    const { proc, err } = drawn();
    proc.emit('SIGINT');
    expect(err.written.slice(1)).toEqual([CLEAR]);
    expect(proc.killed).toEqual(['4242 SIGINT']);
    expect(proc.listenerCount('SIGINT')).toBe(0);

    const handled = new FakeProcess();
    handled.on('SIGINT', () => {});
    const other = drawn(handled);
    handled.emit('SIGINT');
    expect(other.err.written.slice(1)).toEqual([CLEAR]);
    expect(handled.killed).toEqual([]);
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;

/** `ecelog ARGS` on a pseudo-terminal (script(1)); `redirect` is appended to the command line. */
function onTerminal(args: string[], redirect: string): string {
  const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
  const cmd = [process.execPath, BIN, ...args].map(quote).join(' ');
  // files this small are split over worker threads too (see parallel-stats)
  const env = { ...process.env, ECELOG_PARALLEL_MIN_BYTES: '1000' };
  const r = spawnSync('script', ['-qfec', `${cmd} ${redirect}`, '/dev/null'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  expect(r.status).toBe(0);
  return r.stdout;
}

describe.skipIf(!hasScript)('on a pseudo-terminal', () => {
  const big = join(dir, 'big.ec');
  let size = 0;
  const chunk: string[] = [];
  for (const l of generate({ seed: 1, messages: 2000 })) if (l.log === 'mainlog') chunk.push(`${l.text}\n`);
  const text = chunk.join('');
  const parts: string[] = [];
  while (size < 17 << 20) {
    parts.push(text);
    size += Buffer.byteLength(text);
  }
  writeFileSync(big, parts.join(''));
  const BAR = /\r\[[#.]{30}\] +\d+% \d+\/\d+ MB/;

  test('parse with stdout elsewhere: a bar, erased at the end', () => {
    const screen = onTerminal(['parse', '--log', 'mainlog', big], '> /dev/null');
    expect(screen).toMatch(BAR);
    expect(screen.endsWith(CLEAR)).toBe(true);
  });

  test('stats on worker threads: a bar too, erased before the report', () => {
    const screen = onTerminal(['stats', '--log', 'mainlog', '--threads', '2', big], '> /dev/null');
    expect(screen.startsWith(`ecelog: ${big}: split over 2 worker threads\r\n`)).toBe(true);
    expect(screen).toMatch(BAR);
    expect(screen.endsWith(CLEAR)).toBe(true);
  });

  test('stdout on the same terminal: no bar glued to the output', () => {
    for (const threads of ['1', '2']) {
      const screen = onTerminal(['stats', '--log', 'mainlog', '--threads', threads, big], '');
      expect(screen).not.toMatch(/\r\[/);
      expect(screen).not.toContain('\x1b[K');
      expect(screen).toContain('events');
      if (threads === '2') expect(screen).toContain('split over 2 worker threads');
    }
  });

  test('Ctrl-C: the bar is erased, and the process is still interrupted', async () => {
    const cmd = [process.execPath, BIN, 'parse', '--log', 'mainlog', big].map((a) => `'${a}'`).join(' ');
    const p = spawn('script', ['-qfec', `${cmd} > /dev/null`, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'ignore'] });
    let screen = '';
    let sent = false;
    p.stdout.setEncoding('utf8').on('data', (d: string) => {
      screen += d;
      if (!sent && BAR.test(screen)) {
        sent = true;
        p.stdin.write('\x03'); // the terminal's Ctrl-C: SIGINT to the foreground process
      }
    });
    const code = await new Promise<number | null>((resolve) => p.on('close', resolve));
    expect(sent).toBe(true);
    expect(code).toBe(130);
    expect(screen).toContain('^C'); // the terminal's echo: a redraw may follow before the handler runs
    expect(screen.endsWith(CLEAR)).toBe(true);
  });
});
