import { describe, expect, test } from 'vitest';
import { parse } from '../src/index';
import { importlog, type ImportlogEvent } from '../src/decoders/importlog';
import { BACKENDS } from './backends';
import { checkDecoderProperty } from './property';
import type { Backend } from '../src/index';

/** Spec §7 gives the layout only (`ts@orig_msgid@I@new_msgid@result@spool_dir`): a line of that layout. */
const I = (result: string, spool = '/var/spool/ecelerity') => `1236672125@4B/03-01988-6E2F0BD5@I@4C/03-01990-7E2F0BD5@${result}@${spool}`;
const GOOD = I('1');

function events(input: string, backend: Backend): ImportlogEvent[] {
  return [...parse(Buffer.from(input, 'latin1'), { log: importlog, backend })];
}
function one(text: string, backend: Backend): ImportlogEvent {
  const all = events(text, backend);
  expect(all).toHaveLength(1);
  return all[0]!;
}

function between(bad: string, backend: Backend) {
  const evs = events(`${GOOD}\n${bad}\n${GOOD}`, backend);
  expect(evs.map((e) => e.type)).toEqual(['import', 'malformed', 'import']);
  expect(evs[1]).toMatchObject({ log: 'importlog', line: 2, offset: GOOD.length + 1, raw: bad });
  expect(evs[2]).toMatchObject({ line: 3, offset: GOOD.length + bad.length + 2 });
  return evs[1] as Extract<ImportlogEvent, { type: 'malformed' }>;
}

describe.each(BACKENDS)('importlog, %s backend', (backend) => {
  test('spec §7 I layout: every field', () => {
    expect(one(GOOD, backend)).toEqual({
      type: 'import',
      record: 'I',
      log: 'importlog',
      line: 1,
      offset: 0,
      timestamp: 1236672125,
      timestamp_us: 1236672125e6,
      layout: '4',
      orig_message_id: '4B/03-01988-6E2F0BD5',
      message_id: '4C/03-01990-7E2F0BD5',
      result: 1,
      result_name: 'success',
      spool_dir: '/var/spool/ecelerity',
    });
  });

  test('every result code of spec §7 has its name; other codes are kept as unknown', () => {
    const evs = events(['1', '2', '3', '4', '0', '17'].map((r) => I(r)).join('\n'), backend);
    expect(evs.map((e) => (e.type === 'import' ? [e.result, e.result_name] : e.type))).toEqual([
      [1, 'success'],
      [2, 'metadata read failure'],
      [3, 'message read failure'],
      [4, 'write failure'],
      [0, 'unknown'],
      [17, 'unknown'],
    ]);
  });

  test('the spool directory is free text: a path may hold @', () => {
    expect(one(I('3', '/var/spool/ecelerity@old/a@b'), backend)).toMatchObject({ result: 3, spool_dir: '/var/spool/ecelerity@old/a@b' });
  });

  test('an empty spool directory', () => {
    expect(one(I('4', ''), backend)).toMatchObject({ result_name: 'write failure', spool_dir: '' });
  });

  test('malformed: the result is not an integer (the field is named, not taken for the letter)', () => {
    expect(between(I('x1'), backend)).toEqual({
      type: 'malformed',
      record: 'I',
      log: 'importlog',
      line: 2,
      offset: GOOD.length + 1,
      reason: 'I record (3.x/4.x layout): field 4 (result) is not an integer: "x1"',
      raw: I('x1'),
    });
  });

  test('malformed: an empty result', () => {
    expect(between(I(''), backend).reason).toBe('I record (3.x/4.x layout): field 4 (result) is not an integer: ""');
  });

  test('malformed: too few fields', () => {
    expect(between('1236672125@4B/03-01988-6E2F0BD5@I@4C/03-01990-7E2F0BD5@1', backend)).toMatchObject({
      record: 'I',
      reason: 'I record: expected at least 6 (3.x/4.x) fields, found 5',
    });
  });

  test('malformed: unknown record letter', () => {
    expect(between(GOOD.replace('@I@', '@F@'), backend)).toMatchObject({ record: 'F', reason: 'unknown importlog record type "F"' });
  });

  test('malformed: empty line', () => {
    expect(between('', backend)).toMatchObject({ record: null, reason: 'empty line' });
  });
});

describe('importlog property', () => {
  test('random and mutated input: same events on both backends and any chunking, one per line', () => {
    checkDecoderProperty(importlog, [GOOD, I('2', '/a@b'), I('9', '')]);
  });
});
