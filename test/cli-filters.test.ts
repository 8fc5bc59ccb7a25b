import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ecelog, ecelogOpenInput } from './fixtures/run-cli';

/** `ecelog parse` (and `stats`) filters through the real CLI: nothing fails silently. */

const dir = mkdtempSync(join(tmpdir(), 'ecelog-filters-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const IDS = '00/00-25004-31B987F3@00/00-03736-F4101B54@00/00-04532-A3456B54';
/** 2024-06-01 06:00, 07:00, 08:00 and 09:00 UTC, then a malformed line. */
const LINES = [
  `1717221600@${IDS}@R@bob@Gmail.com@info@postalengine.com@10.0.1.1@201@esmtp@default@default`,
  `1717225200@${IDS}@D@gmail.com@266@group-a@binding-a@0@7200@10.0.0.1`,
  `1717228800@${IDS}@T@yahoo.com@0@group-a@binding-a@15@0@0.5@10.0.0.1@421 try later`,
  `1717232400@${IDS}@P@Example.COM@31@group-a@binding-a@5@1@86400@10.0.0.1@550 5.1.1 user unknown`,
  'junk',
];
const file = join(dir, 'mainlog.ec');
writeFileSync(file, `${LINES.join('\n')}\n`);

const TYPES =
  'adaptive, amp_click, amp_initial_open, amp_open, auth_timeout, auth_unknown, authentication, authorization, bounce, click, ' +
  'delivery, feedback, gen_fail, gen_rejection, heartbeat, http_request, import, inband, initial_open, link, list, malformed, ' +
  'open, outofband, panic, permanent_failure, reception, reception_timing, rejection, segment_corrupt, segment_missing, tempfail, transfer, ' +
  'transient_failure';

/** The line numbers `parse` gives with these options (one NDJSON object per event, checked exactly). */
function lines(...args: string[]): number[] {
  const r = ecelog(['parse', '--log', 'mainlog', '--fields', 'line', ...args, file]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const out = r.stdout === '' ? [] : r.stdout.trimEnd().split('\n');
  const numbers = out.map((l) => (JSON.parse(l) as { line: number }).line);
  expect(r.stdout).toBe(numbers.map((n) => `{"line":${n}}\n`).join(''));
  return numbers;
}

/** A usage error: exit 2 and exactly this line on stderr, nothing on stdout. */
function usage(args: string[], message: string): void {
  expect(ecelog(['parse', '--log', 'mainlog', ...args, file])).toEqual({ code: 2, stdout: '', stderr: `ecelog: ${message}\n` });
}

describe('--type', () => {
  test('type names in any case', () => {
    expect(lines('--type', 'Delivery')).toEqual([2]);
    expect(lines('--type', 'MALFORMED,reception', '--type', 'permanent_FAILURE')).toEqual([1, 4, 5]);
  });

  test('a type no log has: exit 2 with the valid ones', () => {
    usage(['--type', 'nosuch'], `--type "nosuch": no log has events of this type (types: ${TYPES})`);
  });
});

describe('--where', () => {
  test('an unknown field or a bad regular expression: exit 2, naming close matches', () => {
    usage(
      ['--where', 'nosuch=x'],
      '--where "nosuch=x": no log has events with a field "nosuch" (an eventlog record may carry any field: give --log eventlog)',
    );
    usage(['--where', 'rcpt_domian=x'], '--where "rcpt_domian=x": no log has events with a field "rcpt_domian"; did you mean rcpt_domain?');
    usage(
      ['--where', 'response~[5'],
      '--where "response~[5": not a regular expression: Invalid regular expression: /[5/: Unterminated character class',
    );
  });

  test('domains compare case-insensitively', () => {
    expect(lines('--where', 'rcpt_domain=gmail.com')).toEqual([1]);
    expect(lines('--where', 'domain=example.com')).toEqual([4]);
    expect(lines('--where', 'domain~^(gmail|yahoo)\\.')).toEqual([2, 3]);
  });

  test('numbers compare as numbers', () => {
    expect(lines('--where', 'queue_time=7200.00')).toEqual([2]);
    expect(lines('--where', 'queue_time<1')).toEqual([3]);
    expect(lines('--where', 'queue_time>=7200')).toEqual([2, 4]);
  });

  test('!=, ~ and !~; an event without the field matches only the negations', () => {
    expect(lines('--where', 'domain!=gmail.com')).toEqual([1, 3, 4, 5]);
    expect(lines('--where', 'response~^5\\d\\d ')).toEqual([4]);
    expect(lines('--where', 'response!~try')).toEqual([1, 2, 4, 5]);
  });
});

describe('--since and --until', () => {
  test('epoch seconds and milliseconds', () => {
    expect(lines('--since', '1717225200000')).toEqual([2, 3, 4]);
    expect(lines('--until', '1717225200000')).toEqual([1]);
  });

  test('ISO dates and times are UTC unless an offset is given', () => {
    expect(lines('--since', '2024-06-01', '--until', '2024-06-02')).toEqual([1, 2, 3, 4]);
    expect(lines('--since', '2024-06-01T07:00:00', '--until', '2024-06-01T08:00:00Z')).toEqual([2]);
    expect(lines('--since', '2024-06-01T09:00:00+02:00')).toEqual([2, 3, 4]);
  });

  test('--since not before --until: exit 2', () => {
    usage(
      ['--since', '2024-06-02', '--until', '2024-06-01'],
      '--since "2024-06-02" (2024-06-02T00:00:00Z) is not before --until "2024-06-01" (2024-06-01T00:00:00Z): no event is in between',
    );
  });

  test('times back from now: --since=-1h, "1h ago", --until=-1h', () => {
    const now = Math.floor(Date.now() / 1000);
    const recent = join(dir, 'recent-mainlog.ec');
    writeFileSync(
      recent,
      `${LINES[1]!.replace('1717225200', String(now - 7200))}\n${LINES[1]!.replace('1717225200', String(now - 1800))}\n`,
    );
    const run = (...args: string[]) => ecelog(['parse', '--log', 'mainlog', '--fields', 'line', ...args, recent]).stdout;
    expect(run('--since=-1h')).toBe('{"line":2}\n');
    expect(run('--since', '1h ago')).toBe('{"line":2}\n');
    expect(run('--until=-1h')).toBe('{"line":1}\n');
  });
});

describe('--limit, --count and --max-line-length', () => {
  test('--limit N: the first N matching events', () => {
    expect(lines('--limit', '2', '--where', 'domain=*')).toEqual([2, 3]);
    expect(lines('--limit', '0')).toEqual([]);
    usage(['--limit=-1'], '--limit must be an integer from 0 to 9007199254740991');
  });

  test('--count: only the number of matching events', () => {
    expect(ecelog(['parse', '--log', 'mainlog', '--count', file])).toEqual({ code: 0, stdout: '5\n', stderr: '' });
    expect(ecelog(['parse', '--log', 'mainlog', '--count', '--limit', '3', file]).stdout).toBe('3\n');
    usage(['--count', '--format', 'csv'], '--count prints only the number of events: --format and --fields do not go with it');
  });

  test('--max-line-length N: longer lines are malformed events', () => {
    const long = join(dir, 'long-mainlog.ec');
    const longLine = `${LINES[2]}${' x'.repeat(30)}`; // 197 bytes
    writeFileSync(long, `${LINES[1]}\n${longLine}\n`);
    const r = ecelog(['parse', '--log', 'mainlog', '--max-line-length', '150', '--fields', 'line,type,reason', long]);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: `{"line":1,"type":"delivery","reason":null}\n{"line":2,"type":"malformed","reason":"line of ${longLine.length} bytes exceeds maxLineLength (150)"}\n`,
    });
    expect(ecelog(['parse', '--log', 'mainlog', '--count', '--type', 'malformed', long]).stdout).toBe('0\n');
    usage(['--max-line-length', '0'], '--max-line-length must be an integer from 1 to 1073741824');
  });

  test('--limit stops reading: a malformed line past it is never reached under --strict', () => {
    const big = join(dir, 'big-mainlog.ec');
    const good = `${LINES[1]}\n`;
    writeFileSync(big, `${good.repeat(Math.ceil((3 << 20) / good.length))}junk\n`); // 3 MiB, then a bad line
    expect(ecelog(['parse', '--log', 'mainlog', '--strict', '--limit', '1', '--fields', 'line', big])).toEqual({
      code: 0,
      stdout: '{"line":1}\n',
      stderr: '',
    });
    const all = ecelog(['parse', '--log', 'mainlog', '--strict', '--count', big]);
    expect(all.code).toBe(1);
  });

  test('--limit on a standard input that never ends: parse stops and exits', async () => {
    const r = await ecelogOpenInput(['parse', '--log', 'mainlog', '--limit', '2', '--fields', 'line,type', '-'], `${LINES.join('\n')}\n`);
    expect(r).toEqual({ code: 0, stdout: '{"line":1,"type":"reception"}\n{"line":2,"type":"delivery"}\n', stderr: '' });
  });
});

describe('stats filters alike', () => {
  test('the same checks and matching', () => {
    const r = ecelog([
      'stats',
      '--log',
      'mainlog',
      '--json',
      '--type',
      'Delivery,Permanent_Failure',
      '--where',
      'domain=example.com',
      file,
    ]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { by_type: object }).by_type).toEqual({ permanent_failure: 1 });
    expect(ecelog(['stats', '--log', 'mainlog', '--where', 'nosuch=1', file])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'ecelog: --where "nosuch=1": no log has events with a field "nosuch" (an eventlog record may carry any field: give --log eventlog)\n',
    });
  });
});
