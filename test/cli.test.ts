import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from '../src/index';
import { safeText } from '../src/cli/safe-text';
import { SPEC } from './fixtures';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ecelog.js');
const dir = mkdtempSync(join(tmpdir(), 'ecelog-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ecelog(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ecelog CLI', () => {
  test('parse writes exactly the library events as NDJSON; the log kind is detected and reported', () => {
    const r = ecelog(['parse', 'sample/mainlog.ec']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('ecelog: sample/mainlog.ec: mainlog\n');
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    const expected = [...parse(readFileSync(join(ROOT, 'sample/mainlog.ec')), { log: 'mainlog' })];
    expect(lines).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  test('parse reads stdin with --log', () => {
    const r = ecelog(['parse', '--log', 'bouncelog', '-'], `${SPEC.bouncelogB}\n`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'bounce', out_of_band: true, bounce_class_name: 'Timeout' });
  });

  test('stats counts by type and by domain', () => {
    const file = join(dir, 'mainlog.ec');
    writeFileSync(file, [SPEC.mainlogR, SPEC.mainlogD, SPEC.mainlogT, SPEC.mainlogP, SPEC.heartbeatM, 'junk', ''].join('\n'));
    const r = ecelog(['stats', '--log', 'mainlog', '--json', file]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.by_type).toEqual({
      reception: 1, delivery: 1, transient_failure: 1, permanent_failure: 1, heartbeat: 1, malformed: 1,
    });
    expect(report.domains).toEqual([
      { domain: 'postalengine.com', total: 2, reception: 0, delivery: 1, transfer: 0, transient_failure: 0, permanent_failure: 1, bounce: 0 },
      { domain: 'example.fict', total: 2, reception: 1, delivery: 0, transfer: 0, transient_failure: 1, permanent_failure: 0, bounce: 0 },
    ].sort((a, b) => (a.domain < b.domain ? -1 : 1)));
    const human = ecelog(['stats', '--log', 'mainlog', file]);
    expect(human.stdout).toMatch(/^6 events \(mainlog 6\)/);
    expect(human.stdout).toMatch(/malformed\s+1/);
  });

  test('--strict exits 1 on a malformed line with one clear line on stderr', () => {
    const file = join(dir, 'bad-mainlog.ec');
    writeFileSync(file, `${SPEC.mainlogR}\nbroken\n`);
    const r = ecelog(['parse', '--log', 'mainlog', '--strict', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('ecelog: mainlog line 2 (byte 150): bad timestamp "broken": is not a number\n');
  });

  test('usage and I/O errors exit 2 with one line, no stack trace', () => {
    expect(ecelog(['frobnicate', 'x'])).toMatchObject({ code: 2, stderr: 'ecelog: unknown command "frobnicate" (see ecelog --help)\n' });
    const missing = ecelog(['parse', join(dir, 'nope-mainlog.ec')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^ecelog: ENOENT: no such file or directory, open '.*nope-mainlog\.ec'\n$/);
    const readme = ecelog(['parse', 'README.md']);
    expect(readme.code).toBe(2);
    expect(readme.stderr).toMatch(/^ecelog: README\.md: cannot detect the log kind: /);
    expect(ecelog(['parse', '-'], 'x')).toMatchObject({ code: 2, stderr: 'ecelog: reading standard input needs --log KIND\n' });
    expect(ecelog(['parse', '--log', 'nosuch', 'x'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--log must be auto or one of mainlog, bouncelog') });
    expect(ecelog([]).code).toBe(2);
  });

  test('--help and --version', () => {
    expect(ecelog(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: ecelog') });
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(ecelog(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  test('human output escapes terminal control characters from log text', () => {
    expect(safeText('a\x1b[2Jb\x07\\c\u009bd')).toBe('a\\x1b[2Jb\\x07\\\\c\\x9bd');
    const file = join(dir, 'evil-mainlog.ec');
    writeFileSync(file, `${SPEC.mainlogD.replace('postalengine.com', 'evil\x1b]0;pwned\x07.com')}\n`);
    const r = ecelog(['stats', file]);
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stdout).toContain('evil\\x1b]0;pwned\\x07.com');
  });
});
