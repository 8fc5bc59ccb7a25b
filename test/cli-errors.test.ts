import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { generate } from '../src/generator/generate';
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
    ['follow', ['follow', '--from', 'start', mainlog]],
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
