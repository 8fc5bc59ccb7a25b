import { describe, expect, test } from 'vitest';
import { BOUNCE_CLASSES, parse, type BouncelogEvent } from '../src/index';
import { BACKENDS } from './backends';
import { IDS, SPEC } from './fixtures';
import type { Backend } from '../src/index';

function events(text: string, backend: Backend): BouncelogEvent[] {
  return [...parse(Buffer.from(text, 'latin1'), { log: 'bouncelog', backend })];
}
function one(text: string, backend: Backend): BouncelogEvent {
  const all = events(text, backend);
  expect(all).toHaveLength(1);
  return all[0]!;
}

const B = (stage: number, cls: number, response: string, extra = '') =>
  `1064868656@91/6D-07914-E67BC044@${IDS.batch}@${IDS.conn}@B@johndoe${extra}@example.fict@info@postalengine.com@group-a@binding-a@${stage}@${cls}@1223@10.0.0.1@${response}`;

describe.each(BACKENDS)('bouncelog, %s backend', (backend) => {
  test('spec §6 B example: every field; stage 21 is out-of-band', () => {
    expect(one(SPEC.bouncelogB, backend)).toEqual({
      type: 'bounce',
      record: 'B',
      log: 'bouncelog',
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
    });
  });

  test('in-band bounce: stage other than 21, response with @', () => {
    const ev = one(B(4, 10, '550 5.1.1 <johndoe@example.fict>: Recipient address rejected'), backend);
    expect(ev).toMatchObject({
      type: 'bounce',
      stage: 4,
      out_of_band: false,
      bounce_class: 10,
      bounce_class_name: 'Invalid Recipient',
      bounce_category: 'Hard',
      response: '550 5.1.1 <johndoe@example.fict>: Recipient address rejected',
    });
  });

  test('every bounce class of spec §8 has its name and category', () => {
    const text = [...BOUNCE_CLASSES.keys()].map((cls) => B(4, cls, 'x')).join('\n');
    const got = events(text, backend).map((e) => (e.type === 'bounce' ? [e.bounce_class, e.bounce_class_name, e.bounce_category] : null));
    expect(got).toEqual([...BOUNCE_CLASSES].map(([code, { name, category }]) => [code, name, category]));
    expect(got).toContainEqual([30, 'Generic Bounce: No RCPT', 'Hard']);
    expect(got).toContainEqual([54, 'Relaying Denied', 'Block']);
  });

  test('unknown (site-defined) bounce classes are kept as numbers, category Undetermined', () => {
    expect(one(B(4, 97, 'custom'), backend)).toMatchObject({
      bounce_class: 97,
      bounce_class_name: 'Unknown',
      bounce_category: 'Undetermined',
    });
  });

  test('out-of-band text form', () => {
    const ev = one(B(21, 10, '550 [internal] [oob] Invalid Recipient'), backend);
    expect(ev).toMatchObject({ out_of_band: true, response: '550 [internal] [oob] Invalid Recipient' });
  });

  test('T records carry a bounce class and are transient failures', () => {
    const line = B(9, 20, '452 4.2.2 <johndoe@example.fict> mailbox full, try later').replace('@B@', '@T@');
    const ev = one(line, backend);
    expect(ev).toMatchObject({
      type: 'transient_failure',
      record: 'T',
      log: 'bouncelog',
      bounce_class: 20,
      bounce_class_name: 'Soft Bounce',
      bounce_category: 'Soft',
      response: '452 4.2.2 <johndoe@example.fict> mailbox full, try later',
    });
    expect(ev).not.toHaveProperty('out_of_band');
  });

  test('empty binding group and binding', () => {
    const line = SPEC.bouncelogB.replace('@group-a@binding-a@', '@@@');
    expect(one(line, backend)).toMatchObject({ binding_group: '', binding: '', stage: 21 });
  });

  test('quoted local parts with @ and a free-text response with @', () => {
    const line = `1064868656@91/6D-07914-E67BC044@${IDS.batch}@${IDS.conn}@B@"j@d"@example.fict@"x@y"@postalengine.com@g@b@4@10@1223@10.0.0.1@550 <"j@d"@example.fict> no`;
    expect(one(line, backend)).toMatchObject({
      rcpt_localpart: '"j@d"',
      rcpt_domain: 'example.fict',
      mailfrom_localpart: '"x@y"',
      mailfrom_domain: 'postalengine.com',
      response: '550 <"j@d"@example.fict> no',
    });
  });

  test('heartbeat M1 (3.x manual, bouncelog)', () => {
    expect(one(SPEC.heartbeatM1, backend)).toEqual({
      type: 'heartbeat',
      record: 'M1',
      log: 'bouncelog',
      line: 1,
      offset: 0,
      timestamp: 1251470342,
      timestamp_us: 1251470342e6,
      layout: '4',
    });
  });

  test('2.2 B layout: every field', () => {
    const line =
      '1064868656@91/6D-07914-E67BC044@B@john@example.fict@info@postalengine.com@group-a@binding-a@4@10@10.0.0.1@550 <john@example.fict> unknown';
    expect(one(line, backend)).toEqual({
      type: 'bounce',
      record: 'B',
      log: 'bouncelog',
      line: 1,
      offset: 0,
      timestamp: 1064868656,
      timestamp_us: 1064868656e6,
      layout: '2.2',
      message_id: '91/6D-07914-E67BC044',
      batch_id: null,
      connection_id: null,
      rcpt_localpart: 'john',
      rcpt_domain: 'example.fict',
      mailfrom_localpart: 'info',
      mailfrom_domain: 'postalengine.com',
      binding_group: 'group-a',
      binding: 'binding-a',
      stage: 4,
      bounce_class: 10,
      bounce_class_name: 'Invalid Recipient',
      bounce_category: 'Hard',
      size: null,
      remote_ip: '10.0.0.1',
      response: '550 <john@example.fict> unknown',
      out_of_band: false,
    });
  });

  test('2.1 B layout: no binding group, no IP', () => {
    const line =
      '1064868656@91/6D-07914-E67BC044@B@john@example.fict@info@postalengine.com@binding-a@21@24@550 [internal] [oob] Timeout @ x';
    expect(one(line, backend)).toMatchObject({
      layout: '2.1',
      binding_group: null,
      binding: 'binding-a',
      stage: 21,
      out_of_band: true,
      bounce_class: 24,
      size: null,
      remote_ip: null,
      response: '550 [internal] [oob] Timeout @ x',
    });
  });

  test('a mainlog record letter is unknown to the bouncelog', () => {
    expect(one(SPEC.mainlogD, backend)).toMatchObject({
      type: 'malformed',
      record: 'D',
      reason: 'unknown bouncelog record type "D"',
    });
  });
});
