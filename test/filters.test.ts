import { describe, expect, test } from 'vitest';
import { closeMatches, eventFilter, isDomainField, parseTime, whereTest, type FilterOptions } from '../src/cli/filters';
import { UsageError } from '../src/cli/usage-error';
import type { EcelogEvent } from '../src/decoders/index';

/** `ecelog parse`/`stats` filters: the parser of --type, --since/--until and --where, without the CLI. */

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0); // 2024-06-01T12:00:00Z
const S = 1e6;

/** The usage error a call throws (failing when it throws none, or another error). */
function usageError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('no error thrown');
}

const delivery = {
  type: 'delivery',
  record: 'D',
  log: 'mainlog',
  timestamp: 1717221600,
  timestamp_us: 1717221600_000000,
  domain: 'Gmail.com',
  size: 266,
  queue_time: 7200,
  binding_group: null,
  response: undefined,
  ctx: { key: 'v' },
} as const;
const malformed = { type: 'malformed', record: null, log: 'mainlog', line: 2, offset: 9, reason: 'x', raw: 'junk' } as const;

function matches(o: FilterOptions, ev: object = delivery): boolean {
  const keep = eventFilter({ now: NOW, ...o });
  if (keep === null) return true;
  return keep(ev as EcelogEvent);
}

describe('parseTime: one rule, UTC unless an offset is given', () => {
  test.each([
    ['1717221600', 1717221600 * S],
    ['1717221600.25', 1717221600.25 * S],
    ['0', 0],
    ['1717221600123', 1717221600123 * 1000],
    ['1717221600123456', 1717221600123456],
    ['2024-06-01', Date.UTC(2024, 5, 1) * 1000],
    ['2024-06-01T07:00:00', Date.UTC(2024, 5, 1, 7) * 1000],
    ['2024-06-01 07:00', Date.UTC(2024, 5, 1, 7) * 1000],
    ['2024-06-01T07:00:00Z', Date.UTC(2024, 5, 1, 7) * 1000],
    ['2024-06-01T07:00:00.5z', Date.UTC(2024, 5, 1, 7) * 1000 + 500000],
    ['2024-06-01T07:00:00+02:00', Date.UTC(2024, 5, 1, 5) * 1000],
    ['2024-06-01T07:00:00-0130', Date.UTC(2024, 5, 1, 8, 30) * 1000],
    ['2024-06-01T07:00+02', Date.UTC(2024, 5, 1, 5) * 1000],
    ['-1h', (NOW - 3600000) * 1000],
    ['-30m', (NOW - 1800000) * 1000],
    ['-2d', (NOW - 2 * 86400000) * 1000],
    ['-1h30m', (NOW - 5400000) * 1000],
    ['1h ago', (NOW - 3600000) * 1000],
    ['-1w', (NOW - 7 * 86400000) * 1000],
    ['now', NOW * 1000],
    ['today', Date.UTC(2024, 5, 1) * 1000],
    ['YESTERDAY', Date.UTC(2024, 4, 31) * 1000],
  ])('%s', (text, us) => {
    expect(parseTime(text, '--since', NOW)).toBe(us);
  });

  test('anything else is a usage error naming the option and the forms', () => {
    const forms =
      'expected epoch seconds (13 digits: milliseconds), an ISO date or time (UTC unless it ends in Z or an offset such as +02:00), ' +
      'a time back from now (-1h, -30m, -2d, -1h30m, "1h ago") or now, today, yesterday (UTC midnight)';
    expect(usageError(() => parseTime('yesterday-ish', '--since', NOW))).toBe(`--since "yesterday-ish": ${forms}`);
    expect(usageError(() => parseTime('June 1 2024', '--until', NOW))).toBe(`--until "June 1 2024": ${forms}`);
    expect(usageError(() => parseTime('-1x', '--since', NOW))).toBe(`--since "-1x": ${forms}`);
    expect(usageError(() => parseTime('171722160012', '--since', NOW))).toBe(
      '--since "171722160012": 12 digits: epoch seconds have up to 11, milliseconds 13, microseconds 16',
    );
    for (const bad of ['2024-02-30', '2024-06-01T24:00', '2024-13-01', '2024-06-01T07:60', '2024-06-01T07:00+24:00']) {
      expect(usageError(() => parseTime(bad, '--since', NOW))).toBe(`--since ${JSON.stringify(bad)}: no such date, time or offset`);
    }
  });
});

describe('--since/--until', () => {
  test('since inclusive, until exclusive, to the microsecond; events without a time never match', () => {
    expect(matches({ since: '1717221600' })).toBe(true);
    expect(matches({ since: '1717221600001' })).toBe(false);
    expect(matches({ until: '1717221600' })).toBe(false);
    expect(matches({ until: '2024-06-01T06:00:00.000001Z' })).toBe(true);
    expect(matches({ since: '2024-06-01T07:00:00+01:00' })).toBe(true);
    expect(matches({ since: '2024-06-01T07:00:00' })).toBe(false);
    expect(matches({ since: '-1d' })).toBe(true);
    expect(matches({ since: '-1h' })).toBe(false);
    expect(matches({ since: '0' }, malformed)).toBe(false);
    expect(matches({ since: '1717221600.5' }, { ...delivery, timestamp_us: 1717221600_600000 })).toBe(true);
    expect(matches({ since: '1717221600' }, { type: 'x', timestamp: 1717221600 })).toBe(true);
  });

  test('--since not before --until is a usage error showing both in UTC', () => {
    expect(usageError(() => eventFilter({ since: '2024-06-02', until: '2024-06-01', now: NOW }))).toBe(
      '--since "2024-06-02" (2024-06-02T00:00:00Z) is not before --until "2024-06-01" (2024-06-01T00:00:00Z): no event is in between',
    );
    expect(usageError(() => eventFilter({ since: '-1h', until: '-2h', now: NOW }))).toBe(
      '--since "-1h" (2024-06-01T11:00:00Z) is not before --until "-2h" (2024-06-01T10:00:00Z): no event is in between',
    );
    expect(usageError(() => eventFilter({ since: '1717221600', until: '1717221600000', now: NOW }))).toContain('is not before');
  });
});

describe('--type', () => {
  test('any case, comma-separated and repeated', () => {
    expect(matches({ types: ['Delivery'] })).toBe(true);
    expect(matches({ types: ['RECEPTION, delivery'] })).toBe(true);
    expect(matches({ types: ['reception', 'bounce'] })).toBe(false);
  });

  test('a type no log has is a usage error suggesting close ones and listing them all', () => {
    const message = usageError(() => eventFilter({ types: ['delivry'] }));
    expect(message).toMatch(
      /^--type "delivry": no log has events of this type; did you mean delivery\? \(types: adaptive, amp_click, .*\)$/,
    );
    for (const t of ['reception', 'bounce', 'malformed', 'heartbeat', 'panic', 'http_request', 'click', 'segment_missing']) {
      expect(message).toContain(` ${t},`);
    }
    expect(usageError(() => eventFilter({ types: ['nosuch'] }))).toMatch(/^--type "nosuch": no log has events of this type \(types: /);
    expect(usageError(() => eventFilter({ types: [','] }))).toMatch(/^--type needs a type \(types: /);
  });
});

describe('--where', () => {
  test.each([
    // [condition, matches the delivery]
    ['domain=Gmail.com', true],
    ['domain=gmail.com', true],
    ['domain=GMAIL.COM', true],
    ['domain=gmail*', true],
    ['domain~^gmail\\.', true],
    ['domain!=gmail.com', false],
    ['domain!=yahoo.com', true],
    ['type=Delivery', false],
    ['type~^deliv', true],
    ['type!~^deliv', false],
    ['size=266', true],
    ['size=266.0', true],
    ['size=2.66e2', true],
    ['size=26*', true],
    ['size=abc', false],
    ['queue_time=7200.00', true],
    ['queue_time>7199.5', true],
    ['queue_time>7200', false],
    ['queue_time>=7200', true],
    ['queue_time<7200', false],
    ['queue_time<=7200', true],
    ['queue_time<1e5', true],
    ['size~^2', true],
    ['binding_group=', false],
    ['binding_group!=', true],
    ['response=x', false],
    ['response!=x', true],
    ['response!~.', true],
    ['ctx_conn.key=v', false],
    ['record=D', true],
    ['record~d', false],
  ])('%s: %s', (where, expected) => {
    expect(matches({ where: [where] })).toBe(expected);
  });

  test('numbers in text compare numerically with < and >, a field holding an object matches nothing', () => {
    const ev = { type: 'delivery', msg_size: '1024', rcpt_meta: { tier: 'gold' }, ctx_conn: { n: '3' } };
    expect(whereTest('msg_size>1000')(ev)).toBe(true);
    expect(whereTest('msg_size=1024.0')(ev)).toBe(false); // a string equals text only
    expect(whereTest('rcpt_meta=x')(ev)).toBe(false);
    expect(whereTest('rcpt_meta.tier=gold')(ev)).toBe(true);
    expect(whereTest('ctx_conn.n<4')(ev)).toBe(true);
  });

  test('every condition must hold', () => {
    expect(matches({ where: ['domain=gmail.com', 'size>300'] })).toBe(false);
    expect(matches({ where: ['domain=gmail.com', 'size<300'], types: ['delivery'], since: '2024-06-01' })).toBe(true);
  });

  test('a regular expression is compiled once, case-insensitive on a domain', () => {
    const keep = whereTest('rcpt_domain~^(gmail|googlemail)\\.com$');
    expect(keep({ rcpt_domain: 'GoogleMail.com' })).toBe(true);
    expect(keep({ rcpt_domain: 'gmail.co' })).toBe(false);
    expect(whereTest('response~^5\\d\\d ')({ response: '550 no' })).toBe(true);
  });

  test('mistakes are usage errors', () => {
    const forms = 'expected FIELD=VALUE (* and ? globs), FIELD!=VALUE, FIELD<N, <=, >, >= or FIELD~REGEX, FIELD!~REGEX';
    expect(usageError(() => whereTest('nofield'))).toBe(`--where "nofield": ${forms}`);
    expect(usageError(() => whereTest('=x'))).toBe(`--where "=x": ${forms}`);
    expect(usageError(() => whereTest('nosuch=x'))).toBe(
      '--where "nosuch=x": no log has events with a field "nosuch" (an eventlog record may carry any field: give --log eventlog)',
    );
    expect(usageError(() => whereTest('domian=x'))).toBe(
      '--where "domian=x": no log has events with a field "domian"; did you mean domain?',
    );
    expect(usageError(() => whereTest('Domain=x'))).toBe(
      '--where "Domain=x": no log has events with a field "Domain"; did you mean domain?',
    );
    expect(usageError(() => whereTest('rcpt=x'))).toBe(
      '--where "rcpt=x": no log has events with a field "rcpt"; did you mean rcpt_domain, rcpt_hash, rcpt_localpart, rcpt_meta or rcpt_tags?',
    );
    expect(usageError(() => whereTest('size>big'))).toBe('--where "size>big": > compares numbers, and "big" is not one');
    expect(usageError(() => whereTest('size<'))).toBe('--where "size<": < compares numbers, and "" is not one');
    expect(usageError(() => whereTest('response~(unclosed'))).toBe(
      '--where "response~(unclosed": not a regular expression: Invalid regular expression: /(unclosed/: Unterminated group',
    );
  });

  test('with an open kind (--log eventlog) any field may be named', () => {
    expect(whereTest('sms_text=hi', true)({ sms_text: 'hi' })).toBe(true);
    expect(eventFilter({ where: ['custom_x~a'], openFields: true })!({ custom_x: 'a' } as unknown as EcelogEvent)).toBe(true);
  });
});

describe('helpers', () => {
  test('domain fields', () => {
    for (const f of [
      'domain',
      'rcpt_domain',
      'mailfrom_domain',
      'orig_rcpt_domain',
      'fbl_domain',
      'sending_domain',
      'ctx_conn.ehlo_domain',
    ])
      expect(isDomainField(f)).toBe(true);
    for (const f of ['domains', 'domain_name', 'rcpt_to', 'binding']) expect(isDomainField(f)).toBe(false);
  });

  test('close matches: the same but for case, else one or two edits, else a shared word', () => {
    expect(closeMatches('queue_tme', ['queue_time', 'queue', 'size'])).toEqual(['queue_time']);
    expect(closeMatches('Queue_Time', ['queue_time', 'queue_tim', 'queue'])).toEqual(['queue_time']);
    expect(closeMatches('queue', ['queue_time', 'old_queue', 'size'])).toEqual(['queue_time', 'old_queue']);
    expect(closeMatches('sise', ['size', 'site', 'stage'])).toEqual(['site', 'size']);
    expect(closeMatches('zzz', ['size'])).toEqual([]);
  });

  test('no option, no filter', () => {
    expect(eventFilter({})).toBeNull();
    expect(eventFilter({ types: [], where: [] })).toBeNull();
  });
});
