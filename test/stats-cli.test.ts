// ecelog stats (and parse) through the real CLI: empty inputs count as no lines, queue-time
// percentiles do not depend on the thread count, and a wrong --log gets a hint on stderr.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from '../src/index';
import { RELATIVE_ERROR } from '../src/cli/quantile-sketch';
import { Stats } from '../src/cli/stats';
import { generate } from '../src/generator/generate';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ecelog.js');
const MAINLOG = 'sample/mainlog.ec';
const dir = mkdtempSync(join(tmpdir(), 'ecelog-stats-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ecelog(args: string[], o: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input: o.input, env: { ...process.env, ...o.env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The --json report of `ecelog stats ARGS`, which must succeed with `stderr`. */
function report(args: string[], stderr: string, env?: Record<string, string>): unknown {
  const r = ecelog(['stats', '--json', ...args], { env });
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

describe('queue-time percentiles do not depend on the thread count', () => {
  // ~4.6 MB of mainlog with queue times from milliseconds to days (the backlog's), split over
  // workers: the split threshold is lowered to 1 MiB for the test.
  const lines: string[] = [];
  for (const l of generate({ seed: 11, messages: 12_000, backlog: 150 })) if (l.log === 'mainlog') lines.push(l.text);
  const content = Buffer.from(`${lines.join('\n')}\n`);
  const file = join(dir, 'queue-times.ec');
  writeFileSync(file, content);
  const env = { ECELOG_PARALLEL_MIN_BYTES: String(1 << 20) };

  test('--threads 1 and 4 and the library give one report, percentiles within the stated error', () => {
    expect(content.length).toBeGreaterThan(4 << 20);
    const detected = `ecelog: ${file}: mainlog\n`;
    const one = report(['--threads', '1', file], detected, env) as ReturnType<Stats['report']>;
    expect(report(['--threads', '4', file], `${detected}ecelog: ${file}: split over 4 worker threads\n`, env)).toEqual(one);

    const events = [...parse(content, { log: 'mainlog' })];
    const inProcess = new Stats();
    for (const ev of events) inProcess.add(ev);
    expect(JSON.parse(JSON.stringify(inProcess.report()))).toEqual(one);

    // The exact percentiles (nearest rank) of the parsed queue times.
    const times = events.flatMap((ev) => (ev.type === 'delivery' ? [ev.queue_time] : [])).sort((a, b) => a - b);
    const exact = (p: number) => times[Math.ceil(p * times.length) - 1]!;
    const q = one.queue_time!;
    expect(q.relative_error).toBe(RELATIVE_ERROR);
    expect([q.count, q.max]).toEqual([times.length, times[times.length - 1]]);
    expect(times.length).toBeGreaterThan(10_000);
    for (const [p, got] of [
      [0.5, q.p50],
      [0.9, q.p90],
      [0.99, q.p99],
    ] as const) {
      expect(Math.abs(got - exact(p)), `p${p * 100}: ${got} against ${exact(p)}`).toBeLessThanOrEqual(RELATIVE_ERROR * exact(p));
    }
    // The spread the test needs: the backlog's queue times are days long, the others seconds.
    expect(exact(0.99) / exact(0.5)).toBeGreaterThan(100);
  });

  test('--help states the error of the percentiles', () => {
    expect(ecelog(['stats', '--help']).stdout).toContain('Queue-time percentiles (p50, p90, p99) are each within ±1% of the exact value');
  });
});

describe('most lines malformed: a one-line hint on stderr that names the detected kind', () => {
  const hint = (file: string, m: number, n: number, as: string, tail: string) =>
    `ecelog: ${file}: ${m} of ${n} events are malformed lines (read as ${as}); ${tail}\n`;
  const wrong = hint(MAINLOG, 556, 678, 'bouncelog', 'its first lines read as mainlog: try --log mainlog');

  test('stats --log bouncelog on a mainlog: read, reported, exit 0, and the hint', () => {
    const r = ecelog(['stats', '--json', '--log', 'bouncelog', MAINLOG]);
    expect(r).toMatchObject({ code: 0, stderr: wrong });
    expect(JSON.parse(r.stdout)).toMatchObject({ events: 678, malformed: 556 });
    // Counted before the filter; split over workers alike.
    expect(ecelog(['stats', '--log', 'bouncelog', '--type', 'delivery', MAINLOG])).toMatchObject({ code: 0, stderr: wrong });
    const split = ecelog(['stats', '--threads', '2', '--log', 'bouncelog', MAINLOG], { env: { ECELOG_PARALLEL_MIN_BYTES: '1' } });
    expect(split).toMatchObject({ code: 0, stderr: `ecelog: ${MAINLOG}: split over 2 worker threads\n${wrong}` });
  });

  test('parse alike, and for compressed files; standard input is only asked about --log', () => {
    const r = ecelog(['parse', '--log', 'bouncelog', MAINLOG]);
    expect(r).toMatchObject({ code: 0, stderr: wrong });
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(678);
    const gz = join(dir, 'mainlog.ec.gz');
    writeFileSync(gz, gzipSync(readFileSync(join(ROOT, MAINLOG))));
    expect(ecelog(['parse', '--log', 'bouncelog', gz]).stderr).toBe(
      hint(gz, 556, 678, 'bouncelog', 'its first lines read as mainlog: try --log mainlog'),
    );
    const stdin = ecelog(['stats', '--log', 'fbllog', '-'], { input: readFileSync(join(ROOT, MAINLOG), 'latin1') });
    expect(stdin).toMatchObject({ code: 0, stderr: hint('-', 678, 678, 'fbllog', 'is --log right?') });
  });

  test('text no kind reads; the detected kind itself when later lines do not decode', () => {
    const junk = join(dir, 'junk.ec');
    writeFileSync(junk, 'not a log line\n'.repeat(10));
    expect(ecelog(['stats', '--log', 'mainlog', junk]).stderr).toBe(hint(junk, 10, 10, 'mainlog', 'its first lines fit no single kind'));
    // The first 64 KiB are a mainlog, the rest junk: detected as a mainlog, most lines malformed.
    const sample = readFileSync(join(ROOT, MAINLOG));
    const late = join(dir, 'late-junk.ec');
    writeFileSync(late, Buffer.concat([sample, Buffer.from('junk\n'.repeat(1000))]));
    expect(ecelog(['parse', late]).stderr).toBe(
      `ecelog: ${late}: mainlog\n${hint(late, 1000, 1678, 'mainlog', 'though its first lines read as mainlog')}`,
    );
  });

  test('no hint when the kind is right, or when malformed lines are not the most', () => {
    expect(ecelog(['stats', '--log', 'mainlog', MAINLOG])).toMatchObject({ code: 0, stderr: '' });
    expect(ecelog(['parse', '--log', 'mainlog', MAINLOG])).toMatchObject({ code: 0, stderr: '' });
    // A bouncelog read as a mainlog: its heartbeats decode, 39 of 161 lines do not.
    const r = ecelog(['stats', '--json', '--log', 'mainlog', 'sample/bouncelog.ec']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toMatchObject({ events: 161, malformed: 39 });
  });
});
