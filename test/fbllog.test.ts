import { describe, expect, test } from 'vitest';
import { parse } from '../src/index';
import { fbllog, type FbllogEvent } from '../src/decoders/fbllog';
import { BACKENDS } from './backends';
import { checkDecoderProperty } from './property';
import type { Backend } from '../src/index';

/** Spec §7 example, verbatim. */
const SPEC_F = '1224699438@18/00-02937-E2E6FF84@F@someone@test.com@default@default@abuse@yahoo.com@true';

function events(input: string | Buffer, backend: Backend, more: object = {}): FbllogEvent[] {
  const buf = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  return [...parse(buf, { log: fbllog, backend, ...more })];
}
function one(text: string, backend: Backend): FbllogEvent {
  const all = events(text, backend);
  expect(all).toHaveLength(1);
  return all[0]!;
}

/** One bad line between two good ones: reported at its line and offset, parsing goes on. */
function between(bad: string, backend: Backend) {
  const evs = events(`${SPEC_F}\n${bad}\n${SPEC_F}`, backend);
  expect(evs.map((e) => e.type)).toEqual(['feedback', 'malformed', 'feedback']);
  expect(evs[1]).toMatchObject({ log: 'fbllog', line: 2, offset: SPEC_F.length + 1, raw: bad });
  expect(evs[2]).toMatchObject({ line: 3, offset: SPEC_F.length + bad.length + 2 });
  return evs[1] as Extract<FbllogEvent, { type: 'malformed' }>;
}

const F = (fields: string) => `1224699438@18/00-02937-E2E6FF84@F@${fields}`;

describe.each(BACKENDS)('fbllog, %s backend', (backend) => {
  test('spec §7 F example: every field (binding before binding group)', () => {
    expect(one(SPEC_F, backend)).toEqual({
      type: 'feedback',
      record: 'F',
      log: 'fbllog',
      line: 1,
      offset: 0,
      timestamp: 1224699438,
      timestamp_us: 1224699438e6,
      layout: '4',
      message_id: '18/00-02937-E2E6FF84',
      orig_rcpt_localpart: 'someone',
      orig_rcpt_domain: 'test.com',
      binding: 'default',
      binding_group: 'default',
      feedback_type: 'abuse',
      fbl_domain: 'yahoo.com',
      user_string: 'true',
    });
  });

  test('binding and binding group are told apart by position', () => {
    expect(one(F('someone@test.com@binding-a@group-a@abuse@aol.com@x'), backend)).toMatchObject({
      binding: 'binding-a',
      binding_group: 'group-a',
    });
  });

  test('a JMR report has no feedback type; the user string may be empty', () => {
    expect(one(F('someone@test.com@default@default@@hotmail.com@'), backend)).toMatchObject({
      type: 'feedback',
      feedback_type: '',
      fbl_domain: 'hotmail.com',
      user_string: '',
    });
  });

  test('the user string is free text and may contain @', () => {
    const ev = one(F('someone@test.com@default@default@abuse@yahoo.com@list=news@example.com @ 2'), backend);
    expect(ev).toMatchObject({ fbl_domain: 'yahoo.com', user_string: 'list=news@example.com @ 2' });
  });

  test('a quoted local part holding @ is one field', () => {
    const ev = one(F('"some@one"@test.com@default@default@abuse@yahoo.com@u'), backend);
    expect(ev).toMatchObject({ orig_rcpt_localpart: '"some@one"', orig_rcpt_domain: 'test.com', binding: 'default', user_string: 'u' });
  });

  test('microsecond timestamps, several lines with their offsets', () => {
    const hires = SPEC_F.replace('1224699438', '1224699438123456');
    const evs = events(`${SPEC_F}\r\n${hires}\n`, backend);
    expect(evs.map((e) => [e.type, e.line, e.offset])).toEqual([
      ['feedback', 1, 0],
      ['feedback', 2, SPEC_F.length + 2],
    ]);
    expect(evs[1]).toMatchObject({ timestamp: 1224699438, timestamp_us: 1224699438123456, user_string: 'true' });
  });

  test('malformed: too few fields (no user string field at all)', () => {
    const bad = SPEC_F.slice(0, SPEC_F.lastIndexOf('@'));
    expect(between(bad, backend)).toEqual({
      type: 'malformed',
      record: 'F',
      log: 'fbllog',
      line: 2,
      offset: SPEC_F.length + 1,
      reason: 'F record: expected at least 10 (3.x/4.x) fields, found 9',
      raw: bad,
    });
  });

  test('malformed: unknown record letter', () => {
    expect(between(SPEC_F.replace('@F@', '@Q@'), backend)).toMatchObject({ record: 'Q', reason: 'unknown fbllog record type "Q"' });
  });

  test('malformed: no record letter in field 2 (e.g. a mainlog line)', () => {
    const mainlogD =
      '1064871280@20/00-25593-945A87F3@00/00-03736-F4101B54@00/00-04532-A3456B54@D@postalengine.com@266@group-a@binding-a@0@0.393@10.0.0.1';
    expect(between(mainlogD, backend)).toMatchObject({ record: null, reason: 'no fbllog record type in field 2 (3.x/4.x layout)' });
  });

  test('malformed: bad timestamp', () => {
    expect(between(SPEC_F.replace('1224699438', '12246x9438'), backend).reason).toBe('bad timestamp "12246x9438": is not a number');
  });

  test('invalid UTF-8 in the user string is flagged and the bytes are kept', () => {
    const bad = Buffer.concat([Buffer.from(SPEC_F), Buffer.from([0xff])]);
    const [ev] = events(bad, backend, { rawBytes: true });
    expect(ev).toMatchObject({ type: 'feedback', invalid_utf8: true, user_string: 'true\ufffd' });
    expect(Buffer.from(ev!.bytes!)).toEqual(bad);
  });
});

describe('fbllog property', () => {
  test('random and mutated input: same events on both backends and any chunking, one per line', () => {
    checkDecoderProperty(fbllog, [
      SPEC_F,
      F('someone@test.com@default@default@@hotmail.com@'),
      F('"a@b"@test.com@b@g@abuse@yahoo.com@x@y'),
    ]);
  });
});
