import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { JLOG_FIXTURES, copyFixture, expectedPayloads, jlogRef, refJlog } from './fixtures/jlog';

/** `ecelog jlog …`, and jlog directories given to parse, stats and follow. */

const BIN = join(__dirname, '..', 'bin', 'ecelog.js');
const ecelog = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

/** Runs a following command until `done(stdout)`, then Ctrl-C; returns stdout, stderr and the exit code. */
async function untilThenInterrupt(
  args: string[],
  done: (out: string) => boolean,
  during?: () => void,
): Promise<{ out: string; err: string; code: number | null }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  let started = false;
  const finished = once(child, 'exit');
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!started && during) {
        started = true;
        during();
      }
      if (done(out)) resolve();
    });
    child.on('exit', () => resolve());
  });
  child.kill('SIGINT');
  const [code] = (await finished) as [number | null];
  return { out, err, code };
}

describe('ecelog jlog', () => {
  test('ls: segments with their records, subscribers with how far behind they are', () => {
    const r = ecelog(['jlog', 'ls', join(JLOG_FIXTURES, 'eventlog-2x')]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`${join(JLOG_FIXTURES, 'eventlog-2x')}: jlog 2.x, little-endian, segment size 4.0 KiB, writing 0000001b`);
    expect(lines).toContain('00000000        4148         6  closed   1');
    expect(lines).toContain('0000001b        1399         2  writing  2');
    expect(lines.find((l) => l.startsWith('ecelog '))).toMatch(/^ecelog\s+00000006:00000003\s+117\s+\S+ KiB$/);
    expect(lines.find((l) => l.startsWith('event_consumer '))).toMatch(/^event_consumer\s+00000000:00000000\s+154\s+/);
    const json = JSON.parse(ecelog(['jlog', 'ls', '--json', join(JLOG_FIXTURES, 'eventlog-legacy')]).stdout) as {
      metastore: { legacy: boolean };
      segments: Array<{ records: number; closed: boolean }>;
    };
    expect(json.metastore.legacy).toBe(true);
    expect(json.segments.reduce((n, s) => n + s.records, 0)).toBe(60);
    expect(json.segments.filter((s) => !s.closed).length).toBe(1);
  });

  test('subscribers: add at end or begin (where the reference reads them), list, remove', () => {
    const dir = copyFixture('mainlog-jlog');
    expect(ecelog(['jlog', 'subscribers', dir, '--add', 'late', '--from', 'end']).stdout).toBe('added late at 00000006:00000015\n');
    expect(jlogRef(['checkpoint', dir, 'late']).trim()).toBe('00000006 21');
    expect(ecelog(['jlog', 'subscribers', dir, '--add', 'early']).stdout).toBe('added early at 00000000:00000000\n');
    expect(ecelog(['jlog', 'subscribers', dir]).stdout).toBe(
      'early\t00000000:00000000\t200 behind\nlate\t00000006:00000015\t0 behind\nmaster\t00000000:00000000\t200 behind\n',
    );
    const again = ecelog(['jlog', 'subscribers', dir, '--add', 'late']);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('subscriber "late" exists');
    expect(ecelog(['jlog', 'subscribers', dir, '--remove', 'late']).stdout).toBe('removed late\n');
    const gone = ecelog(['jlog', 'subscribers', dir, '--remove', 'late']);
    expect(gone.status).toBe(2);
    expect(jlogRef(['subscribers', dir]).trim().split('\n')).toEqual(['early', 'master']);
  });

  test('tail: the last N; -f then every new message until Ctrl-C', async () => {
    const payloads = expectedPayloads('eventlog-lz4');
    expect(ecelog(['jlog', 'tail', '-n', '3', join(JLOG_FIXTURES, 'eventlog-lz4')]).stdout).toBe(payloads.slice(-3).join('\n') + '\n');
    expect(ecelog(['jlog', 'tail', '-n', '0', join(JLOG_FIXTURES, 'eventlog-lz4')]).stdout).toBe('');
    const dir = refJlog(['one', 'two']);
    const r = await untilThenInterrupt(
      ['jlog', 'tail', '-f', '-n', '1', dir],
      (out) => out.includes('four'),
      () => jlogRef(['write', dir], 'three\nfour\n'),
    );
    expect(r.out).toBe('two\nthree\nfour\n');
    expect(r.code).toBe(0);
    expect(jlogRef(['subscribers', dir]).trim()).toBe(''); // it added no subscriber
  });

  test('usage errors', () => {
    for (const [args, message] of [
      [['jlog'], 'jlog: which? ls, cat, tail or subscribers'],
      [['jlog', 'ls'], 'jlog ls: no DIR given'],
      [['jlog', 'frob', 'x'], 'jlog: unknown subcommand "frob"'],
      [['jlog', 'subscribers', 'x', '--add', 'a', '--remove', 'b'], '--add or --remove, not both'],
      [['jlog', 'subscribers', 'x', '--from', 'end'], '--from goes with --add'],
    ] as const) {
      const r = ecelog([...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
    }
    const notJlog = ecelog(['jlog', 'ls', __dirname]);
    expect(notJlog.status).toBe(2);
    expect(notJlog.stderr).toContain(`${__dirname}: not a jlog directory (no metastore)`);
  });
});

describe('jlog directories as inputs of parse, stats and follow', () => {
  test('stats over a jlog counts what parse gives', () => {
    const dir = join(JLOG_FIXTURES, 'mainlog-jlog');
    const stats = JSON.parse(ecelog(['stats', '--json', dir]).stdout) as { events: number };
    expect(stats.events).toBe(200);
    expect(ecelog(['parse', '--log', 'mainlog', dir]).stdout.trim().split('\n').length).toBe(200);
  });

  test('follow --subscriber reads on from the subscriber and moves it; a restart goes on after it', async () => {
    const dir = copyFixture('mainlog-jlog');
    const first = await untilThenInterrupt(
      ['follow', dir, '--subscriber', 'master', '--log', 'mainlog'],
      (out) => out.split('\n').length > 200,
    );
    expect(first.code).toBe(0);
    const events = first.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; type: string });
    expect(events.length).toBe(200);
    expect(jlogRef(['checkpoint', dir, 'master']).trim()).toBe('00000006 21');
    jlogRef(['write', dir], '1571877606@@@@M1\n');
    const second = await untilThenInterrupt(['follow', dir, '--subscriber', 'master'], (out) => out.includes('\n'));
    const next = JSON.parse(second.out.trim()) as { type: string; id: string };
    expect(next.type).toBe('heartbeat');
    expect(next.id.endsWith(':00000006:00000016')).toBe(true);
  });

  test('follow --checkpoint (peek mode): segments deleted before they were read are an event and a warning', async () => {
    const dir = copyFixture('mainlog-jlog');
    const ck = join(dir, '..', 'peek.json');
    writeFileSync(ck, JSON.stringify({ jlog: dir, log: 0, marker: 2 }));
    rmSync(join(dir, '00000000'));
    rmSync(join(dir, '00000001'));
    const before = jlogRef(['checkpoint', dir, 'master']);
    const r = await untilThenInterrupt(['follow', dir, '--checkpoint', ck, '--log', 'mainlog'], (out) =>
      out.includes('"type":"reception"'),
    );
    const first = JSON.parse(r.out.split('\n')[0]!) as Record<string, unknown>;
    expect(first).toEqual({ type: 'segment_missing', record: null, log: 'mainlog', from: 0, to: 1 });
    expect(r.err).toContain(`ecelog: ${dir}: segments 0..1 were deleted before they were read\n`);
    expect(jlogRef(['checkpoint', dir, 'master'])).toBe(before); // peek mode moves no subscriber
    expect((JSON.parse(readFileSync(ck, 'utf8')) as { log: number }).log).toBeGreaterThanOrEqual(2);
  });
});
