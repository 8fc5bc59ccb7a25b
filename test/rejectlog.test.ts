import { describe, expect, test } from 'vitest';
import { parse } from '../src/index';
import { rejectlog, type RejectionEvent, type RejectlogEvent } from '../src/decoders/rejectlog';
import { BACKENDS } from './backends';
import { checkDecoderProperty } from './property';
import type { Backend } from '../src/index';

/** Spec §7 examples, verbatim. */
const SPEC_REJECTION =
  '1236672125: R="10.79.25.142:42601" L="10.79.25.142:25" C="18/00-07149-D7E16B94" PATH="default" PATH_GRP="default" P="awaiting mailfrom" E=550 M=scriptlet CTXCONN=[pathway=default,ehlo_string="EHLO rh52-node1",ehlo_domain=rh52-node1] CTXMESS=[mailfrom_domain=,mailfrom_string="MAIL FROM:<>",mailfrom_localpart=] relaying denied';
const SPEC_HEARTBEAT = '1252064908: Marker 1';

/** A realistic rejection during DATA: more context keys, `@` and commas in the message. */
const BODY_REJECTION =
  '1251721963: R="192.168.0.5:34814" L="192.168.0.50:25" C="C0/00-02000-BE2CB9A4" PATH="default" PATH_GRP="default" P="reading body" E=550 M=scriptlet CTXCONN=[can_relay=true,pathway=default,ehlo_domain=mx1,message_rcpt_count=1,ehlo_string="EHLO mx1"] CTXMESS=[mailfrom_localpart=peter,mailfrom_domain=example.lan,mailfrom_string="MAIL FROM:<peter@example.lan>",rcptto_string="RCPT TO:<noreply@example.com>"] 550 No such address <noreply@example.com>, sorry';

function events(input: string | Buffer, backend: Backend, more: object = {}): RejectlogEvent[] {
  const buf = typeof input === 'string' ? Buffer.from(input) : input;
  return [...parse(buf, { log: rejectlog, backend, ...more })];
}
function one(input: string, backend: Backend): RejectlogEvent {
  const all = events(input, backend);
  expect(all).toHaveLength(1);
  return all[0]!;
}
function rejection(input: string, backend: Backend): RejectionEvent {
  const ev = one(input, backend);
  expect(ev.type).toBe('rejection');
  return ev as RejectionEvent;
}

/** Every field null but what a test sets. */
const nothing = {
  remote_ip: null,
  remote_port: null,
  local_ip: null,
  local_port: null,
  connection_id: null,
  pathway: null,
  pathway_group: null,
  phase: null,
  error_code: null,
  module: null,
  ctx_conn: null,
  ctx_mess: null,
  extra: null,
};

/** One bad line between two good ones: the bad one is reported exactly and parsing goes on. */
function between(bad: string | Buffer, backend: Backend) {
  const good = `${SPEC_REJECTION}\n`;
  const badBuf = typeof bad === 'string' ? Buffer.from(bad) : bad;
  const input = Buffer.concat([Buffer.from(good), badBuf, Buffer.from(`\n${SPEC_HEARTBEAT}\n`)]);
  const evs = events(input, backend);
  expect(evs.map((e) => e.type)).toEqual(['rejection', 'malformed', 'heartbeat']);
  expect(evs[2]).toMatchObject({ line: 3, offset: good.length + badBuf.length + 1 });
  const ev = evs[1]!;
  if (ev.type !== 'malformed') throw new Error('not malformed');
  expect(ev).toMatchObject({ line: 2, offset: good.length, log: 'rejectlog', record: null, raw: badBuf.toString() });
  return ev.reason;
}

describe.each(BACKENDS)('rejectlog, %s backend', (backend) => {
  test('spec §7 rejection example: every field', () => {
    expect(one(SPEC_REJECTION, backend)).toEqual({
      type: 'rejection',
      record: null,
      log: 'rejectlog',
      line: 1,
      offset: 0,
      timestamp: 1236672125,
      timestamp_us: 1236672125e6,
      remote_ip: '10.79.25.142',
      remote_port: 42601,
      local_ip: '10.79.25.142',
      local_port: 25,
      connection_id: '18/00-07149-D7E16B94',
      pathway: 'default',
      pathway_group: 'default',
      phase: 'awaiting mailfrom',
      error_code: 550,
      module: 'scriptlet',
      ctx_conn: { pathway: 'default', ehlo_string: 'EHLO rh52-node1', ehlo_domain: 'rh52-node1' },
      ctx_mess: { mailfrom_domain: '', mailfrom_string: 'MAIL FROM:<>', mailfrom_localpart: '' },
      extra: null,
      message: 'relaying denied',
    });
  });

  test('spec §7 heartbeat example: every field', () => {
    expect(one(SPEC_HEARTBEAT, backend)).toEqual({
      type: 'heartbeat',
      record: 'Marker',
      log: 'rejectlog',
      line: 1,
      offset: 0,
      timestamp: 1252064908,
      timestamp_us: 1252064908e6,
    });
  });

  test('a heartbeat with a microsecond timestamp, and one without the number', () => {
    const [a, b] = events(`1252064908123456: Marker 1\n1252064908: Marker\n`, backend);
    expect(a).toMatchObject({ type: 'heartbeat', record: 'Marker', timestamp: 1252064908, timestamp_us: 1252064908123456 });
    expect(b).toMatchObject({ type: 'heartbeat', record: 'Marker', line: 2, offset: 27 });
  });

  test('a realistic body rejection: `@` and commas in quoted context values and in the message', () => {
    const ev = rejection(BODY_REJECTION, backend);
    expect(ev).toMatchObject({ phase: 'reading body', error_code: 550, message: '550 No such address <noreply@example.com>, sorry' });
    expect(ev.ctx_conn).toEqual({
      can_relay: 'true',
      pathway: 'default',
      ehlo_domain: 'mx1',
      message_rcpt_count: '1',
      ehlo_string: 'EHLO mx1',
    });
    expect(ev.ctx_mess).toEqual({
      mailfrom_localpart: 'peter',
      mailfrom_domain: 'example.lan',
      mailfrom_string: 'MAIL FROM:<peter@example.lan>',
      rcptto_string: 'RCPT TO:<noreply@example.com>',
    });
  });

  test('IPv6 addresses bracketed: the brackets are removed', () => {
    const ev = rejection('1236672125: R="[2001:db8::1]:42601" L="[2001:db8::25]:25" E=550 M=scriptlet relaying denied', backend);
    expect(ev).toMatchObject({ remote_ip: '2001:db8::1', remote_port: 42601, local_ip: '2001:db8::25', local_port: 25 });
  });

  test('IPv6 addresses bare: split on the last colon', () => {
    const ev = rejection('1236672125: R="2001:db8::1:42601" L="::ffff:10.0.0.1:25" E=550 relaying denied', backend);
    expect(ev).toMatchObject({ remote_ip: '2001:db8::1', remote_port: 42601, local_ip: '::ffff:10.0.0.1', local_port: 25 });
  });

  test('quoted context values holding "]", ",", spaces and \\" escapes; any key order; empty values', () => {
    const line =
      '1236672125: R="10.0.0.9:5000" CTXMESS=[z=,subject="a ] b, c",quote="say \\"hi\\" \\\\ back",a=1] CTXCONN=[] E=554 M=antivirus virus found: "Eicar-Test"';
    const ev = rejection(line, backend);
    expect(ev).toEqual({
      type: 'rejection',
      record: null,
      log: 'rejectlog',
      line: 1,
      offset: 0,
      timestamp: 1236672125,
      timestamp_us: 1236672125e6,
      ...nothing,
      remote_ip: '10.0.0.9',
      remote_port: 5000,
      error_code: 554,
      module: 'antivirus',
      ctx_conn: {},
      ctx_mess: { z: '', subject: 'a ] b, c', quote: 'say "hi" \\ back', a: '1' },
      message: 'virus found: "Eicar-Test"',
    });
    expect(Object.keys(ev.ctx_mess!)).toEqual(['z', 'subject', 'quote', 'a']);
  });

  test('an older line lacking keys: absent keys are null, never guessed', () => {
    const line =
      '1126558766: R="10.0.0.1:1234" L="10.0.0.2:25" C="00/00-01234-ABCDEF01" P="awaiting rcptto" E=550 M=scriptlet relaying denied';
    expect(one(line, backend)).toEqual({
      type: 'rejection',
      record: null,
      log: 'rejectlog',
      line: 1,
      offset: 0,
      timestamp: 1126558766,
      timestamp_us: 1126558766e6,
      ...nothing,
      remote_ip: '10.0.0.1',
      remote_port: 1234,
      local_ip: '10.0.0.2',
      local_port: 25,
      connection_id: '00/00-01234-ABCDEF01',
      phase: 'awaiting rcptto',
      error_code: 550,
      module: 'scriptlet',
      message: 'relaying denied',
    });
  });

  test('unknown KEY=value tokens are kept in `extra` (strings, lists as objects)', () => {
    const ev = rejection(
      '1236672125: R="10.0.0.1:1234" TLS="TLSv1.2 AES256" X_NEW=7 CTXAUTH=[user="bob smith"] E=535 auth failed',
      backend,
    );
    expect(ev.extra).toEqual({ TLS: 'TLSv1.2 AES256', X_NEW: '7', CTXAUTH: { user: 'bob smith' } });
    expect(ev).toMatchObject({ error_code: 535, message: 'auth failed', ctx_conn: null });
  });

  test('bare (unquoted) values, no space after the colon, an empty message', () => {
    const ev = rejection('1236672125:R=10.0.0.1:1234 C=00/00-01234-ABCDEF01 E=421', backend);
    expect(ev).toMatchObject({
      remote_ip: '10.0.0.1',
      remote_port: 1234,
      connection_id: '00/00-01234-ABCDEF01',
      error_code: 421,
      message: '',
    });
  });

  test('a message that looks like KEY=value after the first plain word stays text', () => {
    const ev = rejection('1236672125: E=550 M=scriptlet policy: X=1 Y="2"', backend);
    expect(ev).toMatchObject({ extra: null, message: 'policy: X=1 Y="2"' });
  });

  test('CRLF line ends, lines and offsets', () => {
    const input = `${SPEC_REJECTION}\r\n${SPEC_HEARTBEAT}\r\n${BODY_REJECTION}\r\n`;
    const evs = events(input, backend);
    expect(evs.map((e) => [e.type, e.line, e.offset])).toEqual([
      ['rejection', 1, 0],
      ['heartbeat', 2, SPEC_REJECTION.length + 2],
      ['rejection', 3, SPEC_REJECTION.length + SPEC_HEARTBEAT.length + 4],
    ]);
    expect(evs[0]).toMatchObject({ message: 'relaying denied' });
    expect(evs[2]).toMatchObject({ message: '550 No such address <noreply@example.com>, sorry' });
  });

  test('UTF-8 in values; invalid UTF-8 is flagged and the bytes are reachable', () => {
    const ok = rejection('1236672125: P="reading body" E=550 Rejected: déjà vu', backend);
    expect(ok.message).toBe('Rejected: déjà vu');
    expect(ok).not.toHaveProperty('invalid_utf8');
    const bad = Buffer.concat([Buffer.from('1236672125: E=550 M=scriptlet bad '), Buffer.from([0xff, 0x41])]);
    const [ev] = events(bad, backend, { rawBytes: true });
    expect(ev).toMatchObject({ type: 'rejection', invalid_utf8: true, message: 'bad \ufffdA' });
    expect(Buffer.from(ev!.bytes!)).toEqual(bad);
  });

  // Malformed lines: one test per reason.
  test('malformed: bad timestamp', () => {
    expect(between('12366x2125: E=550 relaying denied', backend)).toBe('bad timestamp "12366x2125": is not a number');
  });
  test('malformed: no colon after the timestamp', () => {
    expect(between('1236672125 E=550 relaying denied', backend)).toBe('expected ":" after the timestamp');
  });
  test('malformed: nothing after the timestamp', () => {
    expect(between('1236672125: ', backend)).toBe('nothing after the timestamp');
  });
  test('malformed: no KEY=value fields (a Marker that is not a heartbeat)', () => {
    expect(between('1236672125: Marker one', backend)).toBe('no KEY=value fields before the message');
  });
  test('malformed: unterminated quoted value', () => {
    expect(between('1236672125: R="10.0.0.1:25 E=550 denied', backend)).toBe('R: no closing quote');
  });
  test('malformed: text glued to a quoted value', () => {
    expect(between('1236672125: C="a"b E=550 denied', backend)).toBe('C: unexpected "b" after the value');
  });
  test('malformed: an address without a port', () => {
    expect(between('1236672125: R="10.0.0.1" E=550 denied', backend)).toBe('R: "10.0.0.1" is not ip:port');
  });
  test('malformed: an unbalanced IPv6 bracket', () => {
    expect(between('1236672125: L="[2001:db8::1:25" E=550 denied', backend)).toBe('L: "[2001:db8::1:25" is not ip:port');
  });
  test('malformed: E is not an SMTP code', () => {
    expect(between('1236672125: E=5xx denied', backend)).toBe('E: "5xx" is not an SMTP code');
  });
  test('malformed: a context that is not a list', () => {
    expect(between('1236672125: E=550 CTXCONN=pathway denied', backend)).toBe('CTXCONN: expected a [k=v,…] list, found "pathway"');
  });
  test('malformed: a list where a single value belongs', () => {
    expect(between('1236672125: P=[a=1] E=550 denied', backend)).toBe('P: expected a single value, found a [k=v,…] list');
  });
  test('malformed: a list without its closing bracket', () => {
    expect(between('1236672125: E=550 CTXCONN=[pathway=default,ehlo_domain=mx1 denied', backend)).toBe('CTXCONN: no closing "]"');
  });
  test('malformed: a list entry without "="', () => {
    expect(between('1236672125: E=550 CTXMESS=[mailfrom_domain,x=1] denied', backend)).toBe('CTXMESS: entry "mailfrom_domain" has no "="');
  });
  test('malformed: a list entry with an empty key', () => {
    expect(between('1236672125: E=550 CTXMESS=[=1] denied', backend)).toBe('CTXMESS: entry with an empty key');
  });
  test('malformed: an unterminated quote inside a list', () => {
    expect(between('1236672125: E=550 CTXCONN=[ehlo_string="EHLO x] denied', backend)).toBe(
      'CTXCONN: no closing quote in the value of ehlo_string',
    );
  });
  test('malformed: text glued to a quoted list value', () => {
    expect(between('1236672125: E=550 CTXCONN=[ehlo_string="EHLO"x] denied', backend)).toBe(
      'CTXCONN: unexpected text after the quoted value of ehlo_string',
    );
  });
  test('malformed: a key repeated in a list', () => {
    expect(between('1236672125: E=550 CTXCONN=[a=1,a=2] denied', backend)).toBe('CTXCONN: key "a" appears twice');
  });
  test('malformed: a key repeated on the line', () => {
    expect(between('1236672125: E=550 M=a E=551 denied', backend)).toBe('key E appears twice');
    expect(between('1236672125: X=1 X=2 denied', backend)).toBe('key X appears twice');
  });
  test('malformed: empty line, NUL byte', () => {
    expect(between('', backend)).toBe('empty line');
    expect(between('1236672125: E=550 \0 denied', backend)).toBe('NUL byte at column 19');
  });
  test('malformed: a line longer than maxLineLength', () => {
    const long = `${SPEC_REJECTION}${' x'.repeat(200)}`;
    const evs = events(`${SPEC_HEARTBEAT}\n${long}\n${SPEC_HEARTBEAT}`, backend, { maxLineLength: 300 });
    expect(evs.map((e) => e.type)).toEqual(['heartbeat', 'malformed', 'heartbeat']);
    expect(evs[1]).toMatchObject({
      line: 2,
      offset: SPEC_HEARTBEAT.length + 1,
      reason: `line of ${long.length} bytes exceeds maxLineLength (300)`,
    });
  });
});

// The property runs both backends itself.
test('rejectlog property: both backends, any chunking, one event per line', () => {
  checkDecoderProperty(rejectlog, [
    SPEC_REJECTION,
    SPEC_HEARTBEAT,
    BODY_REJECTION,
    '1236672125: R="[2001:db8::1]:42601" L="2001:db8::25:25" E=550 M=scriptlet CTXCONN=[a="x ] y, z",b=] relaying denied',
    '1126558766: R="10.0.0.1:1234" L="10.0.0.2:25" C="00/00-01234-ABCDEF01" P="awaiting rcptto" E=550 M=scriptlet relaying denied',
    '1236672125123456: E=421 X_NEW="v" temporary failure',
  ]);
});
