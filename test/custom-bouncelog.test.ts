import { describe, expect, test } from 'vitest';
import { parse } from '../src/index';
import { bouncelogCl, type BouncelogClEvent } from '../src/decoders/custom-bouncelog';
import { BACKENDS } from './backends';
import { IDS, SPEC } from './fixtures';
import { checkDecoderProperty } from './property';
import type { Backend } from '../src/index';

/** Spec §6: the bouncelog B example with the custom_bounce_logger's trailing user string. */
const SPEC_CL = `${SPEC.bouncelogB}@campaign-7`;
const B = (response: string, user: string, record = 'B', stage = 4) =>
  `1064868656@91/6D-07914-E67BC044@${IDS.batch}@${IDS.conn}@${record}@johndoe@example.fict@info@postalengine.com@group-a@binding-a@${stage}@10@1223@10.0.0.1@${response}@${user}`;

function events(input: string, backend: Backend): BouncelogClEvent[] {
  return [...parse(Buffer.from(input, 'latin1'), { log: bouncelogCl, backend })];
}
function one(text: string, backend: Backend): BouncelogClEvent {
  const all = events(text, backend);
  expect(all).toHaveLength(1);
  return all[0]!;
}

function between(bad: string, backend: Backend) {
  const evs = events(`${SPEC_CL}\n${bad}\n${SPEC_CL}`, backend);
  expect(evs.map((e) => e.type)).toEqual(['bounce', 'malformed', 'bounce']);
  expect(evs[1]).toMatchObject({ log: 'bouncelog_cl', line: 2, offset: SPEC_CL.length + 1, raw: bad });
  expect(evs[2]).toMatchObject({ line: 3, offset: SPEC_CL.length + bad.length + 2 });
  return evs[1] as Extract<BouncelogClEvent, { type: 'malformed' }>;
}

describe.each(BACKENDS)('bouncelog.cl (custom_bounce_logger), %s backend', (backend) => {
  test('spec §6 B example plus a user string: every field', () => {
    expect(one(SPEC_CL, backend)).toEqual({
      type: 'bounce',
      record: 'B',
      log: 'bouncelog_cl',
      line: 1,
      offset: 0,
      timestamp: 1064868656,
      timestamp_us: 1064868656e6,
      layout: '4',
      message_id: '91/6D-07914-E67BC044',
      batch_id: IDS.batch,
      connection_id: IDS.conn,
      rcpt_localpart: 'johndoe',
      rcpt_domain: 'example.fict',
      mailfrom_localpart: 'info',
      mailfrom_domain: 'postalengine.com',
      binding_group: 'group-a',
      binding: 'binding-a',
      stage: 21,
      bounce_class: 24,
      bounce_class_name: 'Timeout',
      bounce_category: 'Soft',
      size: 1223,
      remote_ip: '10.0.0.1',
      response: '554 5.4.7 [internal] exceeded max time without delivery',
      out_of_band: true,
      user_string: 'campaign-7',
    });
  });

  test('a response holding @: the user string is split off from the right', () => {
    expect(one(B('550 5.1.1 <johndoe@example.fict>: unknown @ here', 'job=12'), backend)).toMatchObject({
      stage: 4,
      out_of_band: false,
      response: '550 5.1.1 <johndoe@example.fict>: unknown @ here',
      user_string: 'job=12',
    });
  });

  test('an empty user string, and an empty response', () => {
    expect(one(B('550 no such user', ''), backend)).toMatchObject({ response: '550 no such user', user_string: '' });
    expect(one(B('', 'u'), backend)).toMatchObject({ response: '', user_string: 'u' });
  });

  test('quoted local parts holding @ and a response holding @', () => {
    const line = `1064868656@91/6D-07914-E67BC044@${IDS.batch}@${IDS.conn}@B@"j@d"@example.fict@"x@y"@postalengine.com@g@b@4@10@1223@10.0.0.1@550 <"j@d"@example.fict> no@tag`;
    expect(one(line, backend)).toMatchObject({
      rcpt_localpart: '"j@d"',
      mailfrom_localpart: '"x@y"',
      mailfrom_domain: 'postalengine.com',
      response: '550 <"j@d"@example.fict> no',
      user_string: 'tag',
    });
  });

  test('T records: a transient failure with its bounce class and the user string', () => {
    const ev = one(B('452 4.2.2 <johndoe@example.fict> mailbox full', 'x', 'T', 9), backend);
    expect(ev).toMatchObject({
      type: 'transient_failure',
      record: 'T',
      log: 'bouncelog_cl',
      stage: 9,
      bounce_class: 10,
      response: '452 4.2.2 <johndoe@example.fict> mailbox full',
      user_string: 'x',
    });
    expect(ev).not.toHaveProperty('out_of_band');
  });

  test('heartbeat M1', () => {
    expect(one(SPEC.heartbeatM1, backend)).toEqual({
      type: 'heartbeat',
      record: 'M1',
      log: 'bouncelog_cl',
      line: 1,
      offset: 0,
      timestamp: 1251470342,
      timestamp_us: 1251470342e6,
      layout: '4',
    });
  });

  test('malformed: a bouncelog line without the user string', () => {
    const bad = SPEC.bouncelogB;
    expect(between(bad, backend)).toEqual({
      type: 'malformed',
      record: 'B',
      log: 'bouncelog_cl',
      line: 2,
      offset: SPEC_CL.length + 1,
      reason: 'B record: expected at least 17 (3.x/4.x) fields, found 16',
      raw: bad,
    });
  });

  test('malformed: a number field that is not a number', () => {
    expect(between(SPEC_CL.replace('@21@24@', '@2x@24@'), backend).reason).toBe(
      'B record (3.x/4.x layout): field 11 (stage) is not an integer: "2x"',
    );
  });

  test('malformed: a 2.x line (letter in field 2) is not a custom_bounce_logger line', () => {
    const line22 =
      '1064868656@91/6D-07914-E67BC044@B@john@example.fict@info@postalengine.com@group-a@binding-a@4@10@10.0.0.1@550 unknown@u';
    expect(between(line22, backend)).toMatchObject({
      record: null,
      reason: 'no bouncelog_cl record type in field 4 (3.x/4.x layout)',
    });
  });

  test('malformed: unknown record letter', () => {
    expect(between(SPEC_CL.replace('@B@', '@D@'), backend)).toMatchObject({ record: 'D', reason: 'unknown bouncelog_cl record type "D"' });
  });
});

describe('bouncelog.cl property', () => {
  test('random and mutated input: same events on both backends and any chunking, one per line', () => {
    checkDecoderProperty(bouncelogCl, [SPEC_CL, B('550 <a@b> x', 'u@'), B('', ''), SPEC.heartbeatM1]);
  });
});
