import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { BIN, ROOT } from './fixtures/run-cli';

const MAINLOG = readFileSync(join(ROOT, 'sample/mainlog.ec'));
const BOUNCELOG = readFileSync(join(ROOT, 'sample/bouncelog.ec'));
const bzip2 = (data: Buffer): Buffer => execFileSync('bzip2', ['-c', '-1'], { input: data, maxBuffer: 1 << 28 });

/** `ecelog ARGS` with the bytes `input` on standard input. */
function run(args: string[], input: Buffer): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 30_000, maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ecelog parse -: compressed standard input is told by its first bytes, like a file', () => {
  const plain = run(['parse', '--log', 'mainlog', '-'], MAINLOG);

  test('the plain input, for reference: every line an event, none malformed', () => {
    expect(plain.code).toBe(0);
    const events = plain.stdout.trimEnd().split('\n');
    expect(events).toHaveLength(678);
    expect(events.filter((e) => e.includes('"type":"malformed"'))).toEqual([]);
  });

  test('gzip and bzip2 give the same events as the plain input', () => {
    expect(run(['parse', '--log', 'mainlog', '-'], gzipSync(MAINLOG))).toEqual(plain);
    expect(run(['parse', '--log', 'mainlog', '-'], bzip2(MAINLOG))).toEqual(plain);
  });

  test('corrupt gzip data is an error, not malformed events', () => {
    const gz = gzipSync(MAINLOG);
    const r = run(['parse', '--log', 'mainlog', '-'], gz.subarray(0, gz.length >> 1));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ecelog: standard input: bad gzip data \(/);
  });

  test('without --log the kind is detected from the decompressed head and reported', () => {
    const named = run(['parse', '--log', 'bouncelog', '-'], BOUNCELOG);
    const r = run(['parse', '-'], gzipSync(BOUNCELOG));
    expect(r).toEqual({ code: 0, stdout: named.stdout, stderr: 'ecelog: -: bouncelog\n' });
    expect(run(['parse', '-'], bzip2(MAINLOG))).toEqual({ code: 0, stdout: plain.stdout, stderr: 'ecelog: -: mainlog\n' });
  });

  test('stats reads compressed standard input too', () => {
    const file = spawnSync(process.execPath, [BIN, 'stats', '--json', 'sample/mainlog.ec'], { cwd: ROOT, encoding: 'utf8' });
    const r = run(['stats', '--json', '-'], gzipSync(MAINLOG));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(file.stdout));
  });
});
