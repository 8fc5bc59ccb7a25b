import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { generate } from '../src/generator/generate';
import { safeText } from '../src/core/safe-text';
import { errorText } from '../src/cli/main';
import { BIN, ROOT, ecelog } from './fixtures/run-cli';
import { JLOG_FIXTURES } from './fixtures/jlog';

/** How the CLI reports errors: write errors, escaped and bounded messages, usage mistakes. */

const dir = mkdtempSync(join(tmpdir(), 'ecelog-cli-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lines(log: 'mainlog' | 'bouncelog', messages = 50): string {
  return [...generate({ seed: 1, messages })]
    .filter((l) => l.log === log)
    .map((l) => `${l.text}\n`)
    .join('');
}
const mainlog = join(dir, 'mainlog.ec');
writeFileSync(mainlog, lines('mainlog'));

/** `ecelog ARGS` with standard output on /dev/full (every write fails with ENOSPC). */
function toDevFull(args: string[]) {
  const full = openSync('/dev/full', 'w');
  try {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      stdio: ['ignore', full, 'pipe'],
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { code: r.status, stderr: r.stderr };
  } finally {
    closeSync(full);
  }
}

/** `ecelog ARGS` with a stderr whose reader has gone before the process writes to it. */
function stderrClosed(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    p.stderr.destroy();
    let stdout = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.on('close', (code) => resolve({ code, stdout }));
  });
}

const ENOSPC = 'ecelog: cannot write to standard output: ENOSPC: no space left on device, write\n';

describe('write errors', () => {
  test.each([
    ['parse', ['parse', '--log', 'mainlog', mainlog]],
    ['stats', ['stats', '--log', 'mainlog', mainlog]],
    ['follow', ['follow', '--log', 'mainlog', '--from', 'start', mainlog]],
    ['jlog cat', ['jlog', 'cat', join(JLOG_FIXTURES, 'eventlog-2x')]],
    ['jlog ls', ['jlog', 'ls', join(JLOG_FIXTURES, 'eventlog-2x')]],
    ['generate', ['generate']],
    ['bench', ['bench', mainlog]],
    ['--version', ['--version']],
    ['help', ['help', 'parse']],
  ])('%s to /dev/full: one line on stderr naming the error, exit code 2', (_, args) => {
    const r = toDevFull(args);
    expect(r.stderr).toBe(ENOSPC);
    expect(r.code).toBe(2);
  });

  test('a stderr closed early changes neither the exit code nor the output', async () => {
    // parse reports the detected kind on stderr; a malformed line under --strict exits 1
    const ok = ecelog(['parse', mainlog]);
    expect(ok.stderr).toBe(`ecelog: ${mainlog}: mainlog\n`);
    expect(await stderrClosed(['parse', mainlog])).toEqual({ code: 0, stdout: ok.stdout });
    const bad = join(dir, 'bad.ec');
    writeFileSync(bad, `${lines('mainlog', 5)}not a line\n`);
    const strict = ecelog(['parse', '--strict', '--log', 'mainlog', bad]);
    expect(strict.code).toBe(1);
    expect(await stderrClosed(['parse', '--strict', '--log', 'mainlog', bad])).toEqual({ code: 1, stdout: strict.stdout });
    expect(await stderrClosed(['generate', 'stray'])).toEqual({ code: 2, stdout: '' });
  });
});

describe('error messages', () => {
  test('bidirectional controls are escaped in human-readable text', () => {
    expect(safeText('a\u202eb\u202ac\u2066d\u2069e\u200ef\u200fg\u061ch')).toBe(
      'a\\u202eb\\u202ac\\u2066d\\u2069e\\u200ef\\u200fg\\u061ch',
    );
    const file = join(dir, 'evil\u202egol.ec');
    writeFileSync(file, 'x\u202ey\n');
    const r = ecelog(['parse', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/[\u202a-\u202e]/);
    expect(r.stderr.split('\n')[0]).toBe(
      `ecelog: ${dir}/evil\\u202egol.ec: cannot detect the log kind: no candidate (mainlog, bouncelog, bouncelog_cl, fbllog, rejectlog, paniclog, acctlog, importlog, httplog, adaptive, eventlog, policylog) fits the first line`,
    );
    expect(r.stderr).toContain('line 1 does not (bad timestamp "x\\u202ey": is not a number): x\\u202ey\n');
  });

  test('ecelog: once, however many the message carries', () => {
    expect(errorText('ecelog: ecelog: a: ecelog: b')).toBe('ecelog: a: b\n');
    const ck = join(dir, 'not-a-checkpoint');
    writeFileSync(ck, 'x');
    const r = ecelog(['follow', '--log', 'mainlog', '--checkpoint', ck, mainlog]);
    expect(r.stderr).toBe(`ecelog: ${ck} is not a follow checkpoint (not JSON)\n`);
    expect(r.code).toBe(2);
  });

  test('a message of several lines: each line escaped, not \\x0a', () => {
    expect(errorText('one\ntwo \x1b[2J')).toBe('ecelog: one\ntwo \\x1b[2J\n');
    const r = ecelog(['parse', '--log', 'mainlog', join(dir, 'no\nsuch')]);
    expect(r.stderr).toBe(`ecelog: ENOENT: no such file or directory, open '${dir}/no\nsuch'\n`);
    expect(r.code).toBe(2);
  });

  test('a directory that is not a jlog is named', () => {
    const sub = join(dir, 'a-dir');
    mkdirSync(sub);
    for (const cmd of ['parse', 'stats']) {
      const r = ecelog([cmd, sub]);
      expect(r.stderr).toBe(`ecelog: ${sub}: a directory, and not a jlog one (a FILE is a log file, - or a jlog directory)\n`);
      expect(r.code).toBe(2);
    }
  });

  test('detection failing on binary input: a bounded message, no undecodable bytes', () => {
    const bin = join(dir, 'binary');
    const bytes = Buffer.alloc(3000);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    writeFileSync(bin, bytes);
    const r = ecelog(['parse', bin]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('\ufffd');
    expect(r.stderr).toMatch(/^ecelog: .*: cannot detect the log kind: /);
    const shown = r.stderr.trimEnd().split('\n');
    expect(shown.length).toBeLessThanOrEqual(15);
    for (const l of shown) expect(l.length).toBeLessThanOrEqual(320);
    expect(r.stderr.length).toBeLessThan(2500);
    expect(
      errorText(`a\n${'  b\n'.repeat(20)}`, true)
        .split('\n')
        .slice(-3),
    ).toEqual(['  b', '  … 7 more lines', '']);
  });
});

describe('usage mistakes', () => {
  test('help COMMAND prints that command help; help of an unknown command is a usage error', () => {
    const help = ecelog(['help', 'parse']);
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(ecelog(['parse', '--help']).stdout);
    expect(help.stdout.startsWith('Usage: ecelog parse [options] FILE...\n')).toBe(true);
    expect(ecelog(['help', 'nosuch'])).toEqual({ code: 2, stdout: '', stderr: 'ecelog: unknown command "nosuch" (see ecelog --help)\n' });
  });

  test('generate refuses stray arguments', () => {
    const r = ecelog(['generate', 'stray']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe('ecelog: generate takes no FILE (it writes to standard output)');
  });

  test.each([
    ['an empty file (no NaN)', 'empty.ec', '', 'an empty file'],
    ['a file of heartbeats only', 'heartbeats.ec', '1717221603@@@@M1\n1717221663@@@@M1\n', 'heartbeats only'],
  ])('bench: %s is refused', (_, name, text, what) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    expect(ecelog(['bench', file])).toEqual({
      code: 2,
      stdout: '',
      stderr: `ecelog: ${file}: ${what}: nothing to measure (give a mainlog, or no FILE for generated data)\n`,
    });
  });

  test('bench: a bouncelog read as a mainlog is refused, not measured', () => {
    const bounces = join(dir, 'bouncelog.ec');
    writeFileSync(bounces, lines('bouncelog', 300));
    const r = ecelog(['bench', bounces]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(
        `^ecelog: ${bounces.replace(/[.]/g, '\\.')}: (\\d+) of \\1 lines \\(heartbeats aside\\) are malformed as a mainlog \\(its first lines read as bouncelog\\): its figures would mean nothing \\(bench measures a mainlog\\)\\n$`,
      ),
    );
    expect(r.code).toBe(2);
  });
});
