import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type MainlogEvent } from '../src/index';
import { BACKENDS } from './backends';
import { IDS, SPEC } from './fixtures';
import type { Backend } from '../src/index';

function events(text: string, backend: Backend): MainlogEvent[] {
  return [...parse(Buffer.from(text, 'latin1'), { log: 'mainlog', backend })];
}
function one(text: string, backend: Backend): MainlogEvent {
  const all = events(text, backend);
  expect(all).toHaveLength(1);
  return all[0]!;
}

const base = (line: number, offset: number, timestamp: number) => ({
  log: 'mainlog',
  line,
  offset,
  timestamp,
  timestamp_us: timestamp * 1e6,
});

describe.each(BACKENDS)('mainlog, %s backend', (backend) => {
  test('spec §4 R example: every field', () => {
    expect(one(SPEC.mainlogR, backend)).toEqual({
      type: 'reception',
      record: 'R',
      ...base(1, 0, 1064868656),
      layout: '4',
      message_id: '00/00-25004-31B987F3',
      batch_id: IDS.batch,
      connection_id: IDS.conn,
      rcpt_localpart: 'bob',
      rcpt_domain: 'example.fict',
      mailfrom_localpart: 'info',
      mailfrom_domain: 'postalengine.com',
      remote_ip: '10.0.1.1',
      size: 201,
      protocol: 'esmtp',
      binding_group: 'default',
      binding: 'default',
    });
  });

  test('spec §4 D example: every field, numbers are numbers', () => {
    expect(one(SPEC.mainlogD, backend)).toEqual({
      type: 'delivery',
      record: 'D',
      ...base(1, 0, 1064871280),
      layout: '4',
      message_id: '20/00-25593-945A87F3',
      batch_id: IDS.batch,
      connection_id: IDS.conn,
      domain: 'postalengine.com',
      size: 266,
      binding_group: 'group-a',
      binding: 'binding-a',
      retries: 0,
      queue_time: 0.393,
      remote_ip: '10.0.0.1',
    });
  });

  test('X is a transfer with the delivery layout', () => {
    const ev = one(SPEC.mainlogD.replace('@D@', '@X@'), backend);
    expect(ev).toMatchObject({ type: 'transfer', record: 'X', domain: 'postalengine.com', queue_time: 0.393 });
  });

  test('spec §4 T and P examples: every field', () => {
    const [t, p] = events(`${SPEC.mainlogT}\n${SPEC.mainlogP}\n`, backend);
    expect(t).toEqual({
      type: 'transient_failure',
      record: 'T',
      ...base(1, 0, 1064869327),
      layout: '4',
      message_id: '00/00-25593-CBD987F3',
      batch_id: IDS.batch,
      connection_id: IDS.conn,
      domain: 'example.fict',
      bytes_transferred: 0,
      binding_group: 'group-a',
      binding: 'binding-a',
      stage: 15,
      retries: 0,
      queue_time: 18.53,
      remote_ip: '10.0.0.1',
      response: '421 no adequate servers',
    });
    expect(p).toEqual({
      type: 'permanent_failure',
      record: 'P',
      ...base(2, SPEC.mainlogT.length + 1, 1064870847),
      layout: '4',
      message_id: '10/00-25593-393A87F3',
      batch_id: IDS.batch,
      connection_id: IDS.conn,
      domain: 'postalengine.com',
      bytes_transferred: 31,
      binding_group: 'group-a',
      binding: 'binding-a',
      stage: 5,
      retries: 1,
      queue_time: 3.89,
      remote_ip: '10.0.0.1',
      response: '552 No such account',
    });
  });

  test('free-text response keeps every @ and trailing empty pieces', () => {
    const line = SPEC.mainlogP.replace('552 No such account', '550 5.1.1 <joe@example.com>: user unknown @ mx@@');
    const ev = one(line, backend);
    expect(ev).toMatchObject({ type: 'permanent_failure', response: '550 5.1.1 <joe@example.com>: user unknown @ mx@@' });
  });

  test('internal failure with empty remote IP', () => {
    const line =
      '1064869327@00/00-25593-CBD987F3@00/00-03736-F4101B54@00/00-00000-00000000@T@nomx.example@0@default@default@0@3@905.00@@421 4.4.0 [internal] no MXs for this domain could be reached at this time';
    expect(one(line, backend)).toMatchObject({
      connection_id: '00/00-00000-00000000',
      remote_ip: '',
      queue_time: 905,
      response: '421 4.4.0 [internal] no MXs for this domain could be reached at this time',
    });
  });

  test('heartbeats M and M1 (the manuals disagree: M + any digits)', () => {
    const evs = events(`${SPEC.heartbeatM1}\n${SPEC.heartbeatM}\n1251470342@@@@M12\n`, backend);
    expect(evs[0]).toEqual({ type: 'heartbeat', record: 'M1', ...base(1, 0, 1251470342), layout: '4' });
    expect(evs[1]).toEqual({ type: 'heartbeat', record: 'M', ...base(2, 17, 1251470342), layout: '4' });
    expect(evs[2]).toMatchObject({ type: 'heartbeat', record: 'M12' });
  });

  test('quoted local parts may contain @ (rcpt and mail from)', () => {
    const line =
      '1064868656@00/00-25004-31B987F3@00/00-03736-F4101B54@00/00-04532-A3456B54@R@"john@home"@example.com@"a@b@c"@sender.example@2001:db8::25@1024@esmtp@g@b';
    expect(one(line, backend)).toMatchObject({
      type: 'reception',
      rcpt_localpart: '"john@home"',
      rcpt_domain: 'example.com',
      mailfrom_localpart: '"a@b@c"',
      mailfrom_domain: 'sender.example',
      remote_ip: '2001:db8::25',
      size: 1024,
      binding_group: 'g',
      binding: 'b',
    });
  });

  test('quoted local part with an escaped quote inside', () => {
    const line =
      '1064868656@00/00-25004-31B987F3@00/00-03736-F4101B54@00/00-04532-A3456B54@R@"a\\"@b"@example.com@info@x.example@10.0.0.1@5@esmtp@g@b';
    expect(one(line, backend)).toMatchObject({ rcpt_localpart: '"a\\"@b"', rcpt_domain: 'example.com', size: 5 });
  });

  test('null sender (empty fields are significant), unknown IP and rest protocol', () => {
    const line = '1064868656@00/00-25004-31B987F3@00/00-03736-F4101B54@00/00-00000-00000000@R@bob@example.fict@@@unknown@201@rest@@';
    expect(one(line, backend)).toMatchObject({
      mailfrom_localpart: '',
      mailfrom_domain: '',
      remote_ip: 'unknown',
      protocol: 'rest',
      binding_group: '',
      binding: '',
    });
  });

  test('16-digit microsecond timestamps', () => {
    const ev = one(SPEC.mainlogD.replace('1064871280@', '1064871280123456@'), backend);
    expect(ev).toMatchObject({ timestamp: 1064871280, timestamp_us: 1064871280123456 });
  });

  test('9-digit timestamps (before 2001)', () => {
    const ev = one(SPEC.mainlogD.replace('1064871280@', '964871280@'), backend);
    expect(ev).toMatchObject({ timestamp: 964871280, timestamp_us: 964871280e6 });
  });

  test('decimal queue times with any number of fraction digits', () => {
    const times = ['0.393', '18.53', '306072.00', '7', '0.0000001', '12.5'];
    const text = times.map((q) => SPEC.mainlogD.replace('@0.393@', `@${q}@`)).join('\n');
    expect(events(text, backend).map((e) => (e.type === 'delivery' ? e.queue_time : null))).toEqual(times.map(Number));
  });

  test('CRLF line ends: the \\r is not part of the last field', () => {
    const evs = events(`${SPEC.mainlogD}\r\n${SPEC.mainlogT}\r\n`, backend);
    expect(evs[0]).toMatchObject({ remote_ip: '10.0.0.1', line: 1, offset: 0 });
    expect(evs[1]).toMatchObject({ response: '421 no adequate servers', line: 2, offset: SPEC.mainlogD.length + 2 });
  });

  test('IPv6 addresses in IP fields', () => {
    const ev = one(SPEC.mainlogD.replace('@10.0.0.1', '@2001:db8:0:1::25'), backend);
    expect(ev).toMatchObject({ remote_ip: '2001:db8:0:1::25' });
  });

  test('a last line without newline is emitted', () => {
    const evs = events(`${SPEC.mainlogR}\n${SPEC.mainlogD}`, backend);
    expect(evs.map((e) => e.type)).toEqual(['reception', 'delivery']);
    expect(evs[1]).toMatchObject({ line: 2, offset: SPEC.mainlogR.length + 1, remote_ip: '10.0.0.1' });
  });

  test('malformed IDs do not make the line unparseable: kept raw', () => {
    const ev = one(SPEC.mainlogD.replace('20/00-25593-945A87F3', 'not-an-id'), backend);
    expect(ev).toMatchObject({ type: 'delivery', message_id: 'not-an-id' });
  });

  test('other protocols are kept as logged', () => {
    const ev = one(SPEC.mainlogR.replace('@esmtp@', '@xfer@'), backend);
    expect(ev).toMatchObject({ protocol: 'xfer' });
  });
});

describe.each(BACKENDS)('mainlog 2.x layouts, %s backend', (backend) => {
  const id = '20/00-25593-945A87F3';
  test('spec §5 2.2 D example: every field', () => {
    expect(one(SPEC.mainlogD22, backend)).toEqual({
      type: 'delivery',
      record: 'D',
      ...base(1, 0, 1064871280),
      layout: '2.2',
      message_id: id,
      batch_id: null,
      connection_id: null,
      domain: 'postalengine.com',
      size: 266,
      binding_group: 'group-a',
      binding: 'binding-a',
      retries: 0,
      queue_time: 0.393,
      remote_ip: '10.0.0.1',
    });
  });

  test('2.1 D has no binding group and no IP', () => {
    expect(one(`1064871280@${id}@D@postalengine.com@266@binding-a@2@0.393`, backend)).toEqual({
      type: 'delivery',
      record: 'D',
      ...base(1, 0, 1064871280),
      layout: '2.1',
      message_id: id,
      batch_id: null,
      connection_id: null,
      domain: 'postalengine.com',
      size: 266,
      binding_group: null,
      binding: 'binding-a',
      retries: 2,
      queue_time: 0.393,
      remote_ip: null,
    });
  });

  test('2.2 and 2.1 R', () => {
    const r22 = one(`1064868656@${id}@R@"x@y"@example.fict@info@postalengine.com@10.0.1.1@201@xfr@group@binding`, backend);
    expect(r22).toMatchObject({
      layout: '2.2',
      rcpt_localpart: '"x@y"',
      protocol: 'xfr',
      binding_group: 'group',
      binding: 'binding',
      batch_id: null,
      connection_id: null,
    });
    const r21 = one(`1064868656@${id}@R@bob@example.fict@info@postalengine.com@10.0.1.1@201@esmtp@binding`, backend);
    expect(r21).toMatchObject({ layout: '2.1', binding_group: null, binding: 'binding', size: 201 });
  });

  test('2.2 and 2.1 T/P with @ in the text', () => {
    const t22 = one(`1064869327@${id}@T@example.fict@0@group-a@binding-a@15@0@18.53@10.0.0.1@451 <a@b.example> try later`, backend);
    expect(t22).toEqual({
      type: 'transient_failure',
      record: 'T',
      ...base(1, 0, 1064869327),
      layout: '2.2',
      message_id: id,
      batch_id: null,
      connection_id: null,
      domain: 'example.fict',
      bytes_transferred: 0,
      binding_group: 'group-a',
      binding: 'binding-a',
      stage: 15,
      retries: 0,
      queue_time: 18.53,
      remote_ip: '10.0.0.1',
      response: '451 <a@b.example> try later',
    });
    const p21 = one(`1064869327@${id}@P@example.fict@31@binding-a@5@1@3.89@550 5.1.1 <a@b.example>: unknown@x`, backend);
    expect(p21).toMatchObject({
      layout: '2.1',
      binding_group: null,
      binding: 'binding-a',
      stage: 5,
      retries: 1,
      queue_time: 3.89,
      remote_ip: null,
      response: '550 5.1.1 <a@b.example>: unknown@x',
    });
  });

  test('2.x heartbeat ts@@M', () => {
    expect(one('1251470342@@M', backend)).toEqual({ type: 'heartbeat', record: 'M', ...base(1, 0, 1251470342), layout: '2' });
  });

  test('layouts are detected per line in one file', () => {
    const text = [SPEC.mainlogD, SPEC.mainlogD22, `1064871280@${id}@D@postalengine.com@266@binding-a@2@0.393`].join('\n');
    expect(events(text, backend).map((e) => (e.type === 'delivery' ? e.layout : e.type))).toEqual(['4', '2.2', '2.1']);
  });
});

describe.each(BACKENDS)('event builders, %s backend', (backend) => {
  const sample = readFileSync(join(__dirname, '..', 'sample', 'mainlog.ec'), 'latin1');
  const lines = sample.split('\n').filter((l) => l !== '');
  const strip = (e: MainlogEvent) => ({ ...e, line: 0, offset: 0 });
  const fast = [...parse(Buffer.from(sample, 'latin1'), { log: 'mainlog', backend })].map(strip);

  test('ASCII lines in a window with non-ASCII lines give the same events', () => {
    const mixed = lines.map((l) => `${l}\n1064868656@caf\u00e9\n`).join('');
    const got = [...parse(Buffer.from(mixed, 'utf8'), { log: 'mainlog', backend })].filter((e) => e.type !== 'malformed').map(strip);
    expect(fast.filter((e) => e.type === 'malformed')).toEqual([]);
    expect(got).toEqual(fast);
    expect(fast.length).toBe(lines.length);
  });

  test('the fast path (fields cut from the window text) and the readers of a non-ASCII line agree', () => {
    // The same lines with a non-ASCII character appended to field 1: no line can take the fast
    // path; each event must differ from the fast path's only by that character in one field.
    const accented = lines.map((l) =>
      l
        .split('@')
        .map((f, i) => (i === 1 ? `${f}\u00e9` : f))
        .join('@'),
    );
    const slow = [...parse(Buffer.from(accented.join('\n'), 'utf8'), { log: 'mainlog', backend })].map(strip);
    expect(slow).toHaveLength(fast.length);
    let changed = 0;
    slow.forEach((ev, n) => {
      const want = fast[n]! as unknown as Record<string, unknown>;
      const got = ev as unknown as Record<string, unknown>;
      const differ = Object.keys(want).filter((key) => got[key] !== want[key]);
      expect(Object.keys(got)).toEqual(Object.keys(want));
      if (ev.type === 'heartbeat') return expect(differ).toEqual([]);
      expect(differ).toEqual(['message_id']);
      expect(got.message_id).toBe(`${want.message_id as string}\u00e9`);
      changed++;
    });
    expect(changed).toBeGreaterThan(lines.length / 2);
  });
});
