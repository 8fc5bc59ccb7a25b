import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from '../src/index';
import { BIN, ROOT, ecelog } from './fixtures/run-cli';

/** parse, stats and follow read a custom_logger log with --format-string or --custom-conf [--logger]. */

const FORMAT = '%t@%i@%BI@%CI@D@%d@%B@%g@%b@%N@%T@%H';
const LINES = readFileSync(join(ROOT, 'sample/mainlog.ec'), 'latin1')
  .split('\n')
  .filter((l) => l.split('@')[4] === 'D')
  .slice(0, 3);
const dir = mkdtempSync(join(tmpdir(), 'ecelog-custom-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const log = join(dir, 'deliveries.log');
writeFileSync(log, LINES.join('\n') + '\n');
const conf = join(dir, 'ecelerity.conf');
writeFileSync(
  conf,
  `custom_logger "other" { reception_format = "%t@R@%i" }\ncustom_logger "deliveries" { delivery_logfile = "/x" delivery_format = "${FORMAT}" }\n`,
);

/** The first line read as a mainlog, without the mainlog's layout: the same fields, from the custom format. */
const mainlogFirst = [...parse(Buffer.from(LINES[0]! + '\n', 'latin1'), { log: 'mainlog' })][0] as unknown as Record<string, unknown>;
const { layout, ...first }: Record<string, unknown> = { ...mainlogFirst, log: 'custom' };
const events = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('custom formats on the command line', () => {
  test('parse --format-string KEY=FMT', () => {
    const r = ecelog(['parse', '--format-string', `delivery_format=${FORMAT}`, log]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const evs = events(r.stdout);
    expect(evs).toHaveLength(3);
    expect(layout).toBe('4');
    expect(evs[0]).toEqual(first);
    expect(first).toMatchObject({
      type: 'delivery',
      domain: 'silverpoint.net',
      size: 26098,
      queue_time: 0.055,
      remote_ip: '151.218.12.78',
    });
    expect(evs.map((e) => e.type)).toEqual(['delivery', 'delivery', 'delivery']);
  });

  test('parse --custom-conf F --logger NAME reads with that stanza; the first stanza by default', () => {
    const r = ecelog(['parse', '--custom-conf', conf, '--logger', 'deliveries', log]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(events(r.stdout)[0]).toEqual(first);
    const other = ecelog(['parse', '--custom-conf', conf, log]);
    expect(other.code).toBe(0);
    expect(events(other.stdout).map((e) => e.type)).toEqual(['malformed', 'malformed', 'malformed']);
  });

  test('stats counts the custom events', () => {
    const r = ecelog(['stats', '--json', '--custom-conf', conf, '--logger', 'deliveries', log]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ events: 3, by_type: { delivery: 3 }, by_log: { custom: 3 }, malformed: 0 });
  });

  test('follow reads with the format', async () => {
    const child = spawn(process.execPath, [BIN, 'follow', '--from', 'start', '--format-string', `delivery_format=${FORMAT}`, log], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const exited = once(child, 'exit');
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.split('\n').length > 3) resolve();
      });
      child.on('exit', () => resolve());
    });
    child.kill('SIGINT');
    await exited;
    const evs = events(out);
    expect(evs.map((e) => [e.type, e.log, e.domain])).toEqual([
      ['delivery', 'custom', 'silverpoint.net'],
      ['delivery', 'custom', 'comcast.net'],
      ['delivery', 'custom', 'gmail.com'],
    ]);
  });

  test('usage errors', () => {
    const cases: Array<[string[], string]> = [
      [['parse', '--format-string', FORMAT, log], 'ecelog: --format-string must be KEY=FMT, KEY one of reception_format, delivery_format'],
      [['parse', '--logger', 'x', log], 'ecelog: --logger NAME goes with --custom-conf F\n'],
      [
        ['parse', '--custom-conf', conf, '--format-string', `delivery_format=${FORMAT}`, log],
        'ecelog: --format-string or --custom-conf, not both\n',
      ],
      [['parse', '--log', 'mainlog', '--custom-conf', conf, log], 'ecelog: --log or --custom-conf, not both\n'],
      [['stats', '--custom-conf', conf, '--logger', 'nope', log], `ecelog: --custom-conf ${conf}: no custom_logger stanza named nope\n`],
    ];
    for (const [args, message] of cases) {
      const r = ecelog(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.startsWith(message), `${args.join(' ')}: ${r.stderr}`).toBe(true);
    }
  });

  test('the help of parse, stats and follow lists the options', () => {
    for (const c of ['parse', 'stats', 'follow']) {
      const help = ecelog(['help', c]).stdout;
      expect(help, c).toContain('--format-string KEY=FMT  a custom_logger log, read with this format');
      expect(help, c).toContain("ecelerity.conf F (the first stanza, or --logger NAME's)");
    }
  });
});
