import { describe, expect, test } from 'vitest';
import { parse } from '../src/index';
import { adaptive, type AdaptiveLogEvent } from '../src/decoders/adaptive';
import { BACKENDS } from './backends';
import { checkDecoderProperty } from './property';
import type { Backend } from '../src/index';

/** The 4.x manual's adaptive log example, verbatim (spec §7 gives the layout). */
const MANUAL_G = '12345679@1@G@default@hotmail.com@NOTICE@ retry_interval from -> to';
const G = (rest: string) => `1398088802@1@G@${rest}`;

function events(input: string, backend: Backend): AdaptiveLogEvent[] {
  return [...parse(Buffer.from(input, 'latin1'), { log: adaptive, backend })];
}
function one(text: string, backend: Backend): AdaptiveLogEvent {
  const all = events(text, backend);
  expect(all).toHaveLength(1);
  return all[0]!;
}

function between(bad: string, backend: Backend) {
  const evs = events(`${MANUAL_G}\n${bad}\n${MANUAL_G}`, backend);
  expect(evs.map((e) => e.type)).toEqual(['adaptive', 'malformed', 'adaptive']);
  expect(evs[1]).toMatchObject({ log: 'adaptive', line: 2, offset: MANUAL_G.length + 1, raw: bad });
  expect(evs[2]).toMatchObject({ line: 3, offset: MANUAL_G.length + bad.length + 2 });
  return evs[1] as Extract<AdaptiveLogEvent, { type: 'malformed' }>;
}

describe.each(BACKENDS)('adaptive log, %s backend', (backend) => {
  test('the manual example: every field; the text is kept as logged', () => {
    expect(one(MANUAL_G, backend)).toEqual({
      type: 'adaptive',
      record: 'G',
      log: 'adaptive',
      line: 1,
      offset: 0,
      timestamp: 12345679,
      timestamp_us: 12345679e6,
      layout: '4',
      version: 1,
      binding: 'default',
      domain: 'hotmail.com',
      level: 'NOTICE',
      message: ' retry_interval from -> to',
    });
  });

  test('spec §7: binding and domain may be empty; the text may contain @', () => {
    expect(one(G('@@WARNING@suspended: 421 <postmaster@example.com> @ 10.0.0.1'), backend)).toMatchObject({
      version: 1,
      binding: '',
      domain: '',
      level: 'WARNING',
      message: 'suspended: 421 <postmaster@example.com> @ 10.0.0.1',
    });
  });

  test('an empty message', () => {
    expect(one(G('b@example.com@INFO@'), backend)).toMatchObject({ binding: 'b', domain: 'example.com', level: 'INFO', message: '' });
  });

  test('malformed: the version is not a number', () => {
    const bad = MANUAL_G.replace('@1@', '@v1@');
    expect(between(bad, backend)).toEqual({
      type: 'malformed',
      record: 'G',
      log: 'adaptive',
      line: 2,
      offset: MANUAL_G.length + 1,
      reason: 'G record (3.x/4.x layout): field 1 (version) is not an integer: "v1"',
      raw: bad,
    });
  });

  test('malformed: too few fields', () => {
    expect(between('12345679@1@G@default@hotmail.com@NOTICE', backend)).toMatchObject({
      record: 'G',
      reason: 'G record: expected at least 7 (3.x/4.x) fields, found 6',
    });
  });

  test('malformed: unknown record letter', () => {
    expect(between(MANUAL_G.replace('@G@', '@H@'), backend)).toMatchObject({ record: 'H', reason: 'unknown adaptive record type "H"' });
  });

  test('malformed: no record letter', () => {
    expect(between('12345679@1@generic@default', backend)).toMatchObject({
      record: null,
      reason: 'no adaptive record type in field 2 (3.x/4.x layout)',
    });
  });
});

describe('adaptive property', () => {
  test('random and mutated input: same events on both backends and any chunking, one per line', () => {
    checkDecoderProperty(adaptive, [MANUAL_G, G('@@ERR@a@b'), G('x@y@INFO@')]);
  });
});
