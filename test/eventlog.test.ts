import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  FORMATS,
  ParseError,
  Session,
  detectLog,
  parse,
  type Backend,
  type EventlogEvent,
  type EventlogRecordEvent,
  type MalformedEvent,
} from '../src/index';
import { eventlog } from '../src/decoders/eventlog';
import { SignalsConverter } from '../src/signals/convert/index';
import { jsonError } from '../src/decoders/json-error';
import { BACKENDS } from './backends';
import { SPEC } from './fixtures';
import { RUNS, checkDecoderProperty, mutatedLines, randomBytes } from './property';
import { GEN_EVENTLOG, JLOG_FIXTURES } from './fixtures/jlog';

const GEN = GEN_EVENTLOG;

function events(input: string | Buffer, backend: Backend, more: object = {}): EventlogEvent[] {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  return [...parse(buf, { log: 'eventlog', backend, ...more })];
}
function one(text: string, backend: Backend): EventlogEvent {
  const all = events(text, backend);
  expect(all).toHaveLength(1);
  return all[0]!;
}
/** The one event of `text`, which must be a record. */
function record(text: string, backend: Backend): EventlogRecordEvent {
  const ev = one(text, backend);
  if (ev.type === 'malformed') throw new Error(`malformed: ${ev.reason}`);
  return ev;
}
const msys = (cls: string, fields: object) => JSON.stringify({ msys: { [cls]: fields } });

const GOOD = msys('message_event', { type: 'delivery', timestamp: '1717221603.131', message_id: '00068e726d5491f8d90b' });

/** One bad line between two good ones: reported at its line and offset, parsing goes on. */
function between(bad: string, backend: Backend): MalformedEvent {
  const evs = events(`${GOOD}\n${bad}\n${GOOD}`, backend);
  expect(evs.map((e) => e.type)).toEqual(['delivery', 'malformed', 'delivery']);
  expect(evs[1]).toMatchObject({ log: 'eventlog', record: null, line: 2, offset: Buffer.byteLength(GOOD) + 1, raw: bad });
  expect(evs[2]).toMatchObject({ line: 3, offset: Buffer.byteLength(GOOD) + Buffer.byteLength(bad) + 2 });
  return evs[1] as MalformedEvent;
}
const reason = (bad: string, backend: Backend) => between(bad, backend).reason;

/** Fields every message_event below shares (as SparkPost sends them: strings). */
const MESSAGE = {
  message_id: '000443ee14578172be22',
  event_id: '92356927693813856',
  transmission_id: '65946784328843389',
  customer_id: '1',
  subaccount_id: '101',
  campaign_id: 'spring-sale',
  template_id: 'template_1',
  template_version: '0',
  rcpt_to: 'recipient@example.com',
  raw_rcpt_to: 'Recipient@example.com',
  msg_from: 'bounces@mail.example.com',
  friendly_from: 'Example <news@example.com>',
  sending_domain: 'mail.example.com',
  routing_domain: 'example.com',
  binding: 'mta1-a',
  binding_group: 'mta1-pool',
  rcpt_meta: { plan: 'pro' },
  rcpt_tags: ['newsletter', 'US'],
  node_name: 'mta1.example.com',
  msg_spoolname: '22/00-10000-4E0E234C',
};
const TRACK = {
  message_id: '000443ee14578172be22',
  event_id: '92356927693813857',
  transmission_id: '65946784328843389',
  customer_id: '1',
  campaign_id: 'spring-sale',
  rcpt_to: 'recipient@example.com',
  ip_address: '198.51.100.23',
  user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
  geo_ip: { country: 'US', region: 'CA', city: 'San Jose', latitude: '37.33', longitude: '-121.89' },
};
const LINK = { target_link_name: 'Shop now', target_link_url: 'https://shop.example.com/?utm=mail' };
const GEN_FIELDS = {
  event_id: '92356927693813858',
  transmission_id: '65946784328843390',
  customer_id: '1',
  campaign_id: 'receipts',
  rcpt_to: 'user0@example.org',
  template_id: 'template_1',
  template_version: '3',
  raw_reason: '554 5.3.3 [internal] Error while rendering part html: substitution value undefined',
  reason: '554 5.3.3 [internal] Error while rendering part html: substitution value undefined',
};
const UNSUB = { ...TRACK, event_id: '92356927693813859', delv_method: 'esmtp', recv_method: 'esmtp', mailfrom: 'bounces@mail.example.com' };

/**
 * One record of each of the 17 types: [type, envelope, the record's other fields as sent, the
 * numbers they become]. Each is decoded from `{"msys":{envelope:{type, timestamp, ...fields}}}`.
 */
const RECORDS: Array<[string, string, Record<string, unknown>, Record<string, number>]> = [
  ['reception', 'message_event', { ...MESSAGE, recv_method: 'esmtp', msg_size: '37122', conn_stage: '22' }, { msg_size: 37122 }],
  [
    'delivery',
    'message_event',
    { ...MESSAGE, delv_method: 'esmtp', ip_address: '203.0.113.9', num_retries: '2', queue_time: '1344', msg_size: '5120' },
    { num_retries: 2, queue_time: 1344, msg_size: 5120 },
  ],
  [
    'tempfail',
    'message_event',
    {
      ...MESSAGE,
      num_retries: '1',
      queue_time: '86399',
      bounce_class: '22',
      error_code: '452',
      raw_reason: '452 4.2.2 <recipient@example.com>... Over quota',
      reason: '452 4.2.2 <...@...>... Over quota',
    },
    { num_retries: 1, queue_time: 86399, bounce_class: 22, error_code: 452 },
  ],
  [
    'inband',
    'message_event',
    { ...MESSAGE, num_retries: '0', bounce_class: '10', error_code: '550', raw_reason: '550 5.1.1 User unknown', msg_size: '1337' },
    { num_retries: 0, bounce_class: 10, error_code: 550, msg_size: 1337 },
  ],
  [
    'outofband',
    'message_event',
    { ...MESSAGE, bounce_class: '10', error_code: '550', raw_reason: '550 5.1.1 mailbox unavailable', recv_method: 'esmtp' },
    { bounce_class: 10, error_code: 550 },
  ],
  ['feedback', 'message_event', { ...MESSAGE, fbtype: 'abuse', report_by: 'fbl.example.net', report_to: 'fbl@mail.example.com' }, {}],
  [
    'rejection',
    'message_event',
    { ...MESSAGE, error_code: '554', bounce_class: '25', raw_reason: '554 5.7.1 blocked by policy', remote_addr: '10.1.2.3' },
    { error_code: 554, bounce_class: 25 },
  ],
  ['gen_fail', 'gen_event', { ...GEN_FIELDS, error_code: '554' }, { error_code: 554 }],
  ['gen_rejection', 'gen_event', { ...GEN_FIELDS, error_code: '554', bounce_class: '25' }, { error_code: 554, bounce_class: 25 }],
  ['open', 'track_event', TRACK, {}],
  ['initial_open', 'track_event', TRACK, {}],
  ['click', 'track_event', { ...TRACK, ...LINK }, {}],
  ['amp_open', 'track_event', TRACK, {}],
  ['amp_initial_open', 'track_event', TRACK, {}],
  ['amp_click', 'track_event', { ...TRACK, ...LINK }, {}],
  ['link', 'unsubscribe_event', UNSUB, {}],
  ['list', 'unsubscribe_event', UNSUB, {}],
];

/** The types in `text` (one JSON document a line), counted from JSON.parse alone. */
function countTypes(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const envelope = Object.values((JSON.parse(line) as { msys: Record<string, { type: string }> }).msys)[0]!;
    counts.set(envelope.type, (counts.get(envelope.type) ?? 0) + 1);
  }
  return counts;
}

function eventCounts(evs: readonly EventlogEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ev of evs) counts.set(ev.type, (counts.get(ev.type) ?? 0) + 1);
  return counts;
}

describe.each(BACKENDS)('eventlog, %s backend', (backend) => {
  test.each(RECORDS)('%s (%s): every field, numbers converted, ids kept as strings', (type, cls, fields, numbers) => {
    const line = msys(cls, { type, timestamp: '1717221605.804', ...fields });
    const ev = record(line, backend);
    expect(ev).toEqual({
      type,
      ...fields,
      ...numbers,
      timestamp: 1717221605,
      timestamp_us: 1717221605804000,
      log: 'eventlog',
      line: 1,
      offset: 0,
      event_class: cls,
    });
    for (const id of ['event_id', 'transmission_id', 'customer_id', 'subaccount_id', 'message_id', 'template_version'] as const) {
      if (id in fields) expect(ev[id]).toBe(fields[id]);
    }
  });

  test('the record keeps its field order; timestamp_us, log, line, offset, event_class follow', () => {
    const ev = one(msys('track_event', { timestamp: '1717221605', type: 'open', ip_address: '198.51.100.23' }), backend);
    expect(Object.keys(ev)).toEqual(['timestamp', 'type', 'ip_address', 'timestamp_us', 'log', 'line', 'offset', 'event_class']);
  });

  test('switch (ev.type) narrows an eventlog event', () => {
    const ev = one(msys('message_event', { type: 'delivery', timestamp: '1', queue_time: '7' }), backend);
    if (ev.type !== 'delivery') throw new Error(`expected a delivery, got ${ev.type}`);
    const queue: number | null | undefined = ev.queue_time;
    expect(queue).toBe(7);
    expect(ev.event_class).toBe('message_event');
  });

  describe('numbers', () => {
    const numberOf = (value: unknown) => record(msys('message_event', { type: 'reception', timestamp: '1', msg_size: value }), backend);

    test.each([
      ['1337', 1337],
      ['0', 0],
      ['007', 7],
      ['9007199254740991', 9007199254740991],
      [1337, 1337],
      [0, 0],
      [-0, 0],
    ])('%j becomes %j', (value, expected) => {
      const ev = numberOf(value);
      expect(ev.msg_size).toBe(expected);
      expect(Object.is(ev.msg_size, expected)).toBe(true);
      expect(ev).not.toHaveProperty('invalid_numbers');
    });

    test.each([
      ['12x'],
      [''],
      ['-1'],
      ['1.5'],
      [' 1'],
      ['1e3'],
      ['9007199254740992'],
      ['12345678901234567'],
      [1.5],
      [-1],
      [1e300],
      [null],
      [true],
      [{ n: 1 }],
      [['1']],
    ])('%j is kept in invalid_numbers; the field is null', (value) => {
      const ev = numberOf(value);
      expect(ev.msg_size).toBeNull();
      expect(ev.invalid_numbers).toEqual({ msg_size: value });
    });

    test('each of the five fields, several invalid at once, in the event after the header', () => {
      const ev = record(
        msys('message_event', {
          type: 'tempfail',
          timestamp: '1',
          msg_size: '1',
          num_retries: 'x',
          queue_time: '3',
          bounce_class: '',
          error_code: '421',
          conn_stage: '22',
          event_id: '1',
        }),
        backend,
      );
      expect(ev).toMatchObject({ msg_size: 1, num_retries: null, queue_time: 3, bounce_class: null, error_code: 421 });
      expect(ev.invalid_numbers).toEqual({ num_retries: 'x', bounce_class: '' });
      expect(Object.keys(ev).slice(-2)).toEqual(['event_class', 'invalid_numbers']);
      // Not in the list: kept as sent.
      expect(ev.conn_stage).toBe('22');
      expect(ev.event_id).toBe('1');
    });

    test("a record's own invalid_numbers, invalid_utf8 and bytes are not the event's: dropped", () => {
      const ev = one(
        msys('message_event', {
          type: 'delivery',
          timestamp: '1',
          invalid_numbers: { a: 1 },
          invalid_utf8: true,
          bytes: 'x',
          log: 'l',
          line: 'x',
        }),
        backend,
      );
      expect(ev).toEqual({
        type: 'delivery',
        timestamp: 1,
        log: 'eventlog',
        line: 1,
        timestamp_us: 1e6,
        offset: 0,
        event_class: 'message_event',
      });
    });
  });

  describe('timestamps', () => {
    const at = (timestamp: unknown) => {
      const ev = one(msys('track_event', { type: 'click', timestamp }), backend);
      return [ev.type === 'malformed' ? ev.reason : ev.timestamp, ev.type === 'malformed' ? null : ev.timestamp_us];
    };

    test.each([
      ['1717221605.804', 1717221605, 1717221605804000],
      ['1717221605', 1717221605, 1717221605000000],
      ['1717221605.000001', 1717221605, 1717221605000001],
      ['1717221605.999999', 1717221605, 1717221605999999],
      ['1717221605.1234567', 1717221605, 1717221605123456],
      ['1717221605.80', 1717221605, 1717221605800000],
      ['0', 0, 0],
      ['8999999999.999999', 8999999999, 8999999999999999],
      [1717221605, 1717221605, 1717221605000000],
      [1717221605.804, 1717221605, 1717221605804000],
      [1549054731.1, 1549054731, 1549054731100000],
    ])('%j → %d s, %d µs (from the digits: no float rounding)', (value, seconds, micros) => {
      expect(at(value)).toEqual([seconds, micros]);
    });

    test.each([
      ['', '""'],
      ['abc', '"abc"'],
      ['1717221605.', '"1717221605."'],
      ['.5', '".5"'],
      ['-1', '"-1"'],
      ['1e9', '"1e9"'],
      [' 1', '" 1"'],
      ['123456789012', '"123456789012"'],
      ['9999999999', '"9999999999"'],
      ['2024-06-01T06:00:05Z', '"2024-06-01T06:00:05Z"'],
      [1e21, '1e+21'],
      [-5, '-5'],
      [true, 'true'],
      [null, 'null'],
    ])('%j is malformed', (value, shown) => {
      expect(at(value)).toEqual([`bad timestamp ${shown} in track_event: expected Unix seconds ("1717221605" or "1717221605.804")`, null]);
    });
  });

  describe('array lines', () => {
    const rec = (type: string, cls: string, ts: string) => ({ msys: { [cls]: { type, timestamp: ts } } });

    test('each element is an event with the line and offset of the line; the next line counts on', () => {
      const line = JSON.stringify([
        rec('reception', 'message_event', '1'),
        rec('open', 'track_event', '2'),
        rec('list', 'unsubscribe_event', '3'),
      ]);
      const evs = events(`${GOOD}\n${line}\n${GOOD}\n`, backend);
      const second = Buffer.byteLength(GOOD) + 1;
      expect(evs.map((e) => [e.type, e.line, e.offset])).toEqual([
        ['delivery', 1, 0],
        ['reception', 2, second],
        ['open', 2, second],
        ['list', 2, second],
        ['delivery', 3, second + line.length + 1],
      ]);
      expect(evs.slice(1, 4).map((e) => (e.type === 'malformed' ? null : e.timestamp_us))).toEqual([1e6, 2e6, 3e6]);
    });

    test('malformed elements: each its own event, with its index; the others decode', () => {
      const line = JSON.stringify([{ msys: {} }, 5, rec('gen_fail', 'gen_event', '4'), [rec('open', 'track_event', '1')]]);
      const evs = events(`${line}\n`, backend);
      expect(evs).toEqual([
        {
          type: 'malformed',
          record: null,
          log: 'eventlog',
          line: 1,
          offset: 0,
          reason: 'element 1 of 4: "msys" holds no envelope',
          raw: line,
        },
        {
          type: 'malformed',
          record: null,
          log: 'eventlog',
          line: 1,
          offset: 0,
          reason: 'element 2 of 4: expected a JSON object, found a number',
          raw: line,
        },
        { type: 'gen_fail', timestamp: 4, timestamp_us: 4e6, log: 'eventlog', line: 1, offset: 0, event_class: 'gen_event' },
        {
          type: 'malformed',
          record: null,
          log: 'eventlog',
          line: 1,
          offset: 0,
          reason: 'element 4 of 4: expected a JSON object, found an array',
          raw: line,
        },
      ]);
    });

    test('an empty array is one malformed event', () => {
      expect(reason('[]', backend)).toBe('empty array: no event');
      expect(reason(' [ ] ', backend)).toBe('empty array: no event');
    });

    test('with rawBytes and invalid UTF-8, every event of the line carries the line bytes and the flag', () => {
      const line = Buffer.concat([
        Buffer.from('[{"msys":{"track_event":{"type":"open","timestamp":"1","user_agent":"'),
        Buffer.from([0xff]),
        Buffer.from('"}}},7]'),
      ]);
      const evs = events(line, backend, { rawBytes: true });
      expect(evs.map((e) => e.type)).toEqual(['open', 'malformed']);
      for (const ev of evs) {
        expect(ev.invalid_utf8).toBe(true);
        expect(Buffer.from(ev.bytes!)).toEqual(line);
      }
      expect(evs[0]).toMatchObject({ user_agent: '\ufffd' });
    });

    test('a line of 1500 events: every one, in order; a batch never ends inside a line', () => {
      const many = Array.from({ length: 1500 }, (_, i) => rec('click', 'track_event', String(i)));
      const input = Buffer.from(`${GOOD}\n${JSON.stringify(many)}\n${GOOD}\n`);
      const session = new Session({ log: 'eventlog', backend });
      session.write(input);
      session.end();
      const batches: number[][] = [];
      for (let b = session.read(); b !== null; b = session.read()) batches.push(b.map((e) => e.line));
      expect(batches).toEqual([[1, ...Array<number>(1500).fill(2)], [3]]);
      const evs = events(input, backend);
      expect(evs.slice(1, 1501).map((e) => (e.type === 'click' ? e.timestamp : -1))).toEqual(many.map((_, i) => i));
    });

    test('batches of 512 end between lines, before an array line that would not fit is split', () => {
      const lines = [
        ...Array<string>(511).fill(GOOD),
        JSON.stringify([rec('open', 'track_event', '1'), rec('click', 'track_event', '2')]),
        GOOD,
      ];
      const session = new Session({ log: 'eventlog', backend });
      session.write(Buffer.from(lines.join('\n') + '\n'));
      const sizes: number[] = [];
      for (let b = session.read(); b !== null; b = session.read()) sizes.push(b.length);
      expect(sizes).toEqual([513, 1]);
    });

    test('strict: the events before a malformed element, then the ParseError', () => {
      const line = JSON.stringify([rec('open', 'track_event', '1'), rec('bounce', 'message_event', '1'), rec('click', 'track_event', '1')]);
      const seen: string[] = [];
      let thrown: unknown;
      try {
        for (const ev of parse(Buffer.from(`${GOOD}\n${line}\n`), { log: 'eventlog', backend, strict: true })) seen.push(ev.type);
      } catch (e) {
        thrown = e;
      }
      expect(seen).toEqual(['delivery', 'open']);
      expect(thrown).toBeInstanceOf(ParseError);
      expect((thrown as ParseError).message).toBe(
        `eventlog line 2 (byte ${Buffer.byteLength(GOOD) + 1}): element 2 of 3: unknown type "bounce" in message_event`,
      );
    });
  });

  describe('malformed lines: the reason, the line and the offset', () => {
    test.each([
      ['{"a":}', 'invalid JSON at column 6: unexpected "}"'],
      ['{"msys":{"message_event":{"type":"delivery"', 'invalid JSON at column 44: unexpected end of line'],
      ['{"a":"x\ty"}', 'invalid JSON at column 8: unexpected byte 0x09 in a string'],
      ['{"a":"x\\qy"}', 'invalid JSON at column 9: unexpected "q" in a string'],
      ['{"a":"\\u12g4"}', 'invalid JSON at column 11: unexpected "g" in a string'],
      ['{} x', 'invalid JSON at column 4: unexpected "x"'],
      ["{'a':1}", 'invalid JSON at column 2: unexpected "\'"'],
      ['{"a" 1}', 'invalid JSON at column 6: unexpected "1"'],
      ['{"a":1,}', 'invalid JSON at column 8: unexpected "}"'],
      ['[1,]', 'invalid JSON at column 4: unexpected "]"'],
      ['{"a":01}', 'invalid JSON at column 7: unexpected "1"'],
      ['{"a":-}', 'invalid JSON at column 7: unexpected "}"'],
      ['{"a":tru}', 'invalid JSON at column 9: unexpected "}"'],
      ['{"a":1.}', 'invalid JSON at column 8: unexpected "}"'],
      ['\ufeff{}', 'invalid JSON at column 1: unexpected byte 0xef'],
      ['msys', 'invalid JSON at column 1: unexpected "m"'],
      [SPEC.mainlogD, 'invalid JSON at column 11: unexpected "@"'],
      ['  \t ', 'blank line'],
      ['5', 'expected a JSON object, found a number'],
      ['"msys"', 'expected a JSON object, found a string'],
      ['null', 'expected a JSON object, found null'],
      ['true', 'expected a JSON object, found a boolean'],
      ['{"message_event":{"type":"delivery","timestamp":"1"}}', 'no "msys" key: expected {"msys":{"<envelope>":{…}}}'],
      ['{"msys":[]}', '"msys" is an array, expected an object'],
      ['{"msys":"x"}', '"msys" is a string, expected an object'],
      ['{"msys":{}}', '"msys" holds no envelope'],
      ['{"msys":{"message_event":{},"track_event":{}}}', '"msys" holds 2 envelopes ("message_event", "track_event"), expected one'],
      ['{"msys":{"a":1,"b":2,"c":3,"d":4}}', '"msys" holds 4 envelopes ("a", "b", "c", …), expected one'],
      ['{"msys":{"foo_event":{"type":"delivery","timestamp":"1"}}}', 'unknown envelope "foo_event"'],
      ['{"msys":{"relay_event":{"type":"relay_delivery","timestamp":"1"}}}', 'unknown envelope "relay_event"'],
      ['{"msys":{"__proto__":{"type":"delivery","timestamp":"1"}}}', 'unknown envelope "__proto__"'],
      ['{"msys":{"message_event":"delivery"}}', 'message_event is a string, expected an object'],
      ['{"msys":{"message_event":null}}', 'message_event is null, expected an object'],
      ['{"msys":{"message_event":{"timestamp":"1"}}}', 'no "type" in message_event'],
      ['{"msys":{"track_event":{"type":"x","timestamp":"1"}}}', 'unknown type "x" in track_event'],
      ['{"msys":{"track_event":{"type":5,"timestamp":"1"}}}', 'unknown type 5 in track_event'],
      ['{"msys":{"track_event":{"type":"toString","timestamp":"1"}}}', 'unknown type "toString" in track_event'],
      ['{"msys":{"message_event":{"type":"bounce","timestamp":"1"}}}', 'unknown type "bounce" in message_event'],
      ['{"msys":{"message_event":{"type":"open","timestamp":"1"}}}', 'type "open" in message_event: it is a track_event type'],
      ['{"msys":{"gen_event":{"type":"delivery","timestamp":"1"}}}', 'type "delivery" in gen_event: it is a message_event type'],
      [
        '{"msys":{"unsubscribe_event":{"type":"gen_fail","timestamp":"1"}}}',
        'type "gen_fail" in unsubscribe_event: it is a gen_event type',
      ],
      ['{"msys":{"track_event":{"type":"list","timestamp":"1"}}}', 'type "list" in track_event: it is a unsubscribe_event type'],
      ['{"msys":{"message_event":{"type":"delivery"}}}', 'no "timestamp" in message_event'],
      [`{"msys":{"message_event":{"type":"${'x'.repeat(60)}","timestamp":"1"}}}`, `unknown type "${'x'.repeat(38)}… in message_event`],
    ])('%s', (bad, why) => {
      expect(reason(bad, backend)).toBe(why);
    });

    test('an empty line, a NUL byte and an overlong line go through the checks every kind shares', () => {
      expect(reason('', backend)).toBe('empty line');
      expect(reason('{"a":"\0"}', backend)).toBe('NUL byte at column 7');
      const long = msys('message_event', { type: 'delivery', timestamp: '1', reason: 'x'.repeat(300) });
      const [ev] = events(long, backend, { maxLineLength: 200 });
      expect(ev).toMatchObject({ type: 'malformed', reason: `line of ${long.length} bytes exceeds maxLineLength (200)` });
    });

    test('CRLF line ends and white space around the document are fine', () => {
      const evs = events(`  ${GOOD} \r\n\t${GOOD}\r\n`, backend);
      expect(evs.map((e) => [e.type, e.line, e.offset])).toEqual([
        ['delivery', 1, 0],
        ['delivery', 2, GOOD.length + 5],
      ]);
    });

    test('non-ASCII text is decoded as UTF-8; invalid UTF-8 is flagged', () => {
      const ev = one(msys('message_event', { type: 'delivery', timestamp: '1', friendly_from: 'Zoë — déjà vu <z@example.com>' }), backend);
      expect(ev).toMatchObject({ friendly_from: 'Zoë — déjà vu <z@example.com>' });
      expect(ev).not.toHaveProperty('invalid_utf8');
      const bad = Buffer.concat([
        Buffer.from('{"msys":{"message_event":{"type":"delivery","timestamp":"1","subject":"'),
        Buffer.from([0xc3]),
        Buffer.from('"}}}'),
      ]);
      const [got] = events(bad, backend, { rawBytes: true });
      expect(got).toMatchObject({ type: 'delivery', subject: '\ufffd', invalid_utf8: true });
      expect(Buffer.from(got!.bytes!)).toEqual(bad);
    });
  });

  test.each([1, 2])('gen-eventlog.mjs, seed %i: every line decodes; counts per type as JSON.parse sees them', (seed) => {
    const text = execFileSync(process.execPath, [GEN, '400', String(seed)], { encoding: 'utf8' });
    const expected = countTypes(text);
    const evs = events(text, backend);
    expect(eventCounts(evs)).toEqual(expected);
    expect(expected.size).toBeGreaterThanOrEqual(10);
    const lines = text.split('\n').slice(0, -1);
    expect(evs).toHaveLength(lines.length);
    let offset = 0;
    evs.forEach((ev, i) => {
      expect([ev.line, ev.offset]).toEqual([i + 1, offset]);
      offset += Buffer.byteLength(lines[i]!) + 1;
      if (ev.type !== 'malformed')
        expect(ev.event_id).toBe(
          Object.values((JSON.parse(lines[i]!) as { msys: Record<string, { event_id: string }> }).msys)[0]!.event_id,
        );
    });
  });

  test('the payloads of the eventlog-2x jlog fixture: one record each, none malformed', () => {
    const payloads = readFileSync(join(JLOG_FIXTURES, 'eventlog-2x.expected.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as string);
    expect(payloads.length).toBeGreaterThan(100);
    const evs = events(payloads.join('\n'), backend);
    expect(evs).toHaveLength(payloads.length);
    expect(evs.filter((e) => e.type === 'malformed')).toEqual([]);
    expect(eventCounts(evs)).toEqual(countTypes(payloads.join('\n')));
  });
});

test('the Signals converter sends eventlog events as they are (one each); a malformed line is counted', () => {
  const converter = new SignalsConverter();
  const text = execFileSync(process.execPath, [GEN, '20', '3'], { encoding: 'utf8' });
  const evs = [...parse(Buffer.from(`${text}{"msys":{}}\n`), { log: 'eventlog' })];
  const out = [...evs.flatMap((ev) => converter.push(ev)), ...converter.flush()];
  expect(out).toHaveLength(evs.length - 1);
  expect(out.map((e) => Object.keys(e.msys)[0])).toEqual(evs.slice(0, -1).map((e) => (e as { event_class: string }).event_class));
  expect(converter.stats.ignored).toEqual({ malformed: 1 });
  expect(converter.stats.from_eventlog).toBe(evs.length - 1);
});

describe('detection', () => {
  const formats = Object.values(FORMATS);
  const generated = execFileSync(process.execPath, [GEN, '30', '5'], { encoding: 'utf8' });

  test.each(BACKENDS)('generated eventlog lines are an eventlog, and no other kind (%s backend)', (backend) => {
    const r = detectLog(Buffer.from(generated), formats, { backend });
    expect(r.log).toBe('eventlog');
    expect(r.note).toBeNull();
    for (const s of r.scores) if (s.log !== 'eventlog') expect(s.fit).toBe(0);
  });

  test('an array line first, blank lines between, CRLF: still an eventlog', () => {
    const lines = generated.split('\n').slice(0, 6);
    const text = `[${lines[0]},${lines[1]}]\r\n\r\n${lines.slice(2).join('\r\n')}\r\n`;
    const r = detectLog(Buffer.from(text), formats);
    expect(r.log).toBe('eventlog');
    expect(r.note).toBe('1 blank or NUL-bearing line ignored');
  });

  test.each(BACKENDS)('the lines of the other kinds are no eventlog lines, and mainlog lines are a mainlog (%s backend)', (backend) => {
    for (const line of Object.values(SPEC)) expect(events(line, backend).map((e) => e.type)).toEqual(['malformed']);
    const text = [SPEC.mainlogR, SPEC.mainlogD, SPEC.mainlogT, SPEC.mainlogP].join('\n') + '\n';
    const r = detectLog(Buffer.from(text), formats, { backend });
    expect(r.log).toBe('mainlog');
    expect(r.scores.find((s) => s.log === 'eventlog')).toMatchObject({
      fit: 0,
      misfit: { line: 1, reason: 'invalid JSON at column 11: unexpected "@"' },
    });
  });

  test('eventlog lines mixed with a mainlog line: several kinds', () => {
    const text = `${generated.split('\n')[0]}\n${SPEC.mainlogR}\n`;
    expect(() => detectLog(Buffer.from(text), formats)).toThrow(
      /^cannot detect the log kind: the first 2 lines are of several kinds \(mainlog and eventlog mixed\)\n/,
    );
  });
});

describe('the JSON error locator agrees with JSON.parse', () => {
  const seeds = execFileSync(process.execPath, [GEN, '20', '9'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l !== '')
    .concat(['[1,-2.5e+3,true,false,null,"\\u00e9\\n\\"",{}]', '{"a":[[],[{}]],"b":{"c":"d"}}', ' 0 ', '"x"']);

  test('valid when JSON.parse accepts, at an error when it refuses, on mutated and random lines', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedLines(seeds), randomBytes), (buf) => {
        for (const line of Buffer.from(buf).toString('latin1').split(/\r?\n/)) {
          const bytes = Buffer.from(line, 'latin1');
          let parsed = true;
          try {
            JSON.parse(bytes.toString('utf8'));
          } catch {
            parsed = false;
          }
          const error = jsonError(bytes);
          expect(error === null).toBe(parsed);
          if (error !== null) expect(error.at).toBeLessThanOrEqual(bytes.length);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('deep nesting is no problem', () => {
    expect(jsonError(Buffer.from('['.repeat(100000) + ']'.repeat(100000)))).toBeNull();
    expect(jsonError(Buffer.from('['.repeat(100000)))).toEqual({ at: 100000, found: 'unexpected end of line' });
  });
});

describe('eventlog property', () => {
  const seeds = execFileSync(process.execPath, [GEN, '15', '11'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l !== '');
  seeds.push(`[${seeds[0]},${seeds[1]}]`, '[]', '{"msys":{}}');

  test('any bytes: no throw, the same events on both backends and any chunking, at least one event per line', () => {
    checkDecoderProperty(eventlog, seeds, { manyPerLine: true });
  });
});
