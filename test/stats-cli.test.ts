// ecelog stats through the real CLI: empty inputs count as no lines.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { Stats } from '../src/cli/stats';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ecelog.js');
const MAINLOG = 'sample/mainlog.ec';
const dir = mkdtempSync(join(tmpdir(), 'ecelog-stats-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ecelog(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The --json report of `ecelog stats ARGS`, which must succeed with `stderr`. */
function report(args: string[], stderr: string): unknown {
  const r = ecelog(['stats', '--json', ...args]);
  expect(r.stderr).toBe(stderr);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('an empty file counts as no lines', () => {
  const empty = join(dir, 'empty.ec');
  const emptyGz = join(dir, 'empty.ec.gz');
  writeFileSync(empty, '');
  writeFileSync(emptyGz, gzipSync(''));
  const detected = `ecelog: ${MAINLOG}: mainlog\n`;
  let alone: unknown;
  const mainlogAlone = () => (alone ??= report([MAINLOG], detected));

  test('beside other files: their report, exit 0, with one thread or more', () => {
    expect(mainlogAlone()).toMatchObject({ events: 678 });
    expect(report(['--threads', '2', MAINLOG, empty], detected)).toEqual(mainlogAlone());
    expect(report(['--threads', '1', empty, MAINLOG, emptyGz], detected)).toEqual(mainlogAlone());
  });

  test('alone, plain or compressed, with or without --log: the empty report, exit 0', () => {
    const nothing = JSON.parse(JSON.stringify(new Stats().report()));
    expect(report(['--threads', '2', empty], '')).toEqual(nothing);
    expect(report(['--threads', '2', emptyGz], '')).toEqual(nothing);
    expect(report(['--log', 'mainlog', empty], '')).toEqual(nothing);
    const text = ecelog(['stats', '--threads', '1', empty]);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toMatch(/^0 events, - \.\. -, (native|js) scanner\n\ntype {2}events\n$/);
  });

  test('--rotated just after a rotation: the live file is empty, the rotated one counts', () => {
    const rot = join(dir, 'rot');
    mkdirSync(rot);
    writeFileSync(join(rot, 'mainlog.ec.1'), readFileSync(join(ROOT, MAINLOG)));
    writeFileSync(join(rot, 'mainlog.ec'), '');
    expect(report(['--rotated', join(rot, 'mainlog.ec')], `ecelog: ${join(rot, 'mainlog.ec.1')}: mainlog\n`)).toEqual(mainlogAlone());
  });
});
