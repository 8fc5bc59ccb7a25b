import { describe, expect, test } from 'vitest';
import { parse } from '../src/index';
import { acctlog, splitEndpoint, type AcctlogEvent } from '../src/decoders/acctlog';
import { MAX_RAW_TEXT } from '../src/decoders/log-format';
import { BACKENDS } from './backends';
import { checkDecoderProperty } from './property';
import type { Backend } from '../src/index';

/** Spec §7 example, verbatim. */
const SPEC_N = '1160172232@N@*:2025@10.80.116.126:37164@ec_user@1';
/** The 4.x manual's acctlog examples, verbatim (spec §7 gives their layouts). */
const MANUAL = {
  unixN: '1160503808@N@/tmp/2025@@ec-user@1',
  unixZ: ['1160503811@Z@/tmp/2025@@ec-user@1@summary@users', '1160504707@Z@/tmp/2025@@ec-user@0@shutdown'],
  tcpZ: ['1160172223@Z@*:2025@10.80.116.126:37162@ec-user@1@summary@users', '1160172219@Z@*:2025@10.80.116.126:37162@ec-user@0@shutdown'],
};

type Malformed = Extract<AcctlogEvent, { type: 'malformed' }>;

function events(input: string | Buffer, backend: Backend, more: object = {}): AcctlogEvent[] {
  const buf = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  return [...parse(buf, { log: acctlog, backend, ...more })];
}
function one(text: string, backend: Backend): AcctlogEvent {
  const all = events(text, backend);
  expect(all).toHaveLength(1);
  return all[0]!;
}

/** One bad line between two good ones: reported at its line and offset, parsing goes on. */
function between(bad: string, backend: Backend): Malformed {
  const evs = events(`${SPEC_N}\n${bad}\n${SPEC_N}`, backend);
  expect(evs.map((e) => e.type)).toEqual(['authentication', 'malformed', 'authentication']);
  expect(evs[1]).toMatchObject({ log: 'acctlog', line: 2, offset: SPEC_N.length + 1, raw: bad });
  expect(evs[2]).toMatchObject({ line: 3, offset: SPEC_N.length + bad.length + 2 });
  return evs[1] as Malformed;
}

const base = (line: number, offset: number, timestamp: number) => ({
  log: 'acctlog',
  line,
  offset,
  timestamp,
  timestamp_us: timestamp * 1e6,
});
const unixEnds = { listener: '/tmp/2025', listener_ip: null, listener_port: null, peer: '', peer_ip: null, peer_port: null };
const tcpEnds = (peerPort: number) => ({
  listener: '*:2025',
  listener_ip: '*',
  listener_port: 2025,
  peer: `10.80.116.126:${peerPort}`,
  peer_ip: '10.80.116.126',
  peer_port: peerPort,
});

describe.each(BACKENDS)('acctlog, %s backend', (backend) => {
  test('spec §7 N example: every field; listener and peer split into ip and port', () => {
    expect(one(SPEC_N, backend)).toEqual({
      type: 'authentication',
      record: 'N',
      ...base(1, 0, 1160172232),
      ...tcpEnds(37164),
      user: 'ec_user',
      ok: '1',
      authenticated: true,
    });
  });

  test('manual N example on a Unix socket: a path listener and an empty peer have no ip or port', () => {
    expect(one(MANUAL.unixN, backend)).toEqual({
      type: 'authentication',
      record: 'N',
      ...base(1, 0, 1160503808),
      ...unixEnds,
      user: 'ec-user',
      ok: '1',
      authenticated: true,
    });
  });

  test('manual Z examples: every field; the role is optional', () => {
    const lines = [...MANUAL.unixZ, ...MANUAL.tcpZ];
    const offsets = lines.map((_, i) => lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0));
    const z = (i: number, ts: number, ends: object, result: '0' | '1', command: string, role: string | null) => ({
      type: 'authorization',
      record: 'Z',
      ...base(i + 1, offsets[i]!, ts),
      ...ends,
      user: 'ec-user',
      result,
      authorized: result === '1',
      command,
      role,
    });
    expect(events(lines.join('\n'), backend)).toEqual([
      z(0, 1160503811, unixEnds, '1', 'summary', 'users'),
      z(1, 1160504707, unixEnds, '0', 'shutdown', null),
      z(2, 1160172223, tcpEnds(37162), '1', 'summary', 'users'),
      z(3, 1160172219, tcpEnds(37162), '0', 'shutdown', null),
    ]);
  });

  test('T, an authentication timeout: the authentication layout', () => {
    expect(one('1160172240@T@*:2025@10.80.116.126:37170@ec_user@0', backend)).toEqual({
      type: 'auth_timeout',
      record: 'T',
      ...base(1, 0, 1160172240),
      ...tcpEnds(37170),
      user: 'ec_user',
      ok: '0',
      authenticated: false,
    });
  });

  test('?, an unknown record: the fields after the letter, unescaped', () => {
    expect(one(String.raw`1160172241@?@*:2025@a\@b@@x\\y`, backend)).toEqual({
      type: 'auth_unknown',
      record: '?',
      ...base(1, 0, 1160172241),
      fields: ['*:2025', 'a@b', '', 'x\\y'],
    });
  });

  test('escapes: \\@ is no delimiter, \\\\ is a backslash, \\n a newline, \\<control> the control character', () => {
    const ev = one(String.raw`1160172232@N@*:2025@10.0.0.1:25@us\@er\\x\ny` + '\\\tz@0', backend);
    expect(ev).toMatchObject({ type: 'authentication', user: 'us@er\\x\ny\tz', ok: '0', authenticated: false });
  });

  test('escaped non-ASCII text is decoded as UTF-8', () => {
    const [ev] = events(Buffer.from(String.raw`1160172232@N@*:2025@10.0.0.1:25@j\@sé\\@1`), backend);
    expect(ev).toMatchObject({ user: 'j@sé\\', authenticated: true });
    expect(ev).not.toHaveProperty('invalid_utf8');
  });

  test('a line ending in an escaped backslash does not continue', () => {
    const evs = events(String.raw`1160503811@Z@/tmp/2025@@ec-user@1@summary@users\\` + `\n${SPEC_N}`, backend);
    expect(evs.map((e) => e.type)).toEqual(['authorization', 'authentication']);
    expect(evs[0]).toMatchObject({ role: 'users\\' });
  });

  test('an escaped line break continues the record on the next line: one event at the first line', () => {
    const first = '1160172232@N@*:2025@10.0.0.1:25@first\\';
    const text = `${first}\nsecond@1\n${SPEC_N}`;
    const evs = events(text, backend, { rawBytes: true });
    expect(evs).toHaveLength(2);
    expect(evs[0]).toEqual({
      type: 'authentication',
      record: 'N',
      ...base(1, 0, 1160172232),
      listener: '*:2025',
      listener_ip: '*',
      listener_port: 2025,
      peer: '10.0.0.1:25',
      peer_ip: '10.0.0.1',
      peer_port: 25,
      user: 'first\nsecond',
      ok: '1',
      authenticated: true,
      bytes: new Uint8Array(Buffer.from(`${first}\nsecond@1`)),
    });
    expect(evs[1]).toMatchObject({ type: 'authentication', line: 3, offset: first.length + 10 });
  });

  test('an empty line after an escaped line break ends the record', () => {
    const evs = events('1160503811@Z@/tmp/2025@@ec-user@1@summary@users\\\n\n' + SPEC_N, backend);
    expect(evs.map((e) => [e.type, e.line])).toEqual([
      ['authorization', 1],
      ['authentication', 3],
    ]);
    expect(evs[0]).toMatchObject({ role: 'users\n' });
  });

  test('a record continued over three lines, and one held at the end of the input', () => {
    const evs = events('1160172232@N@*:2025@10.0.0.1:25@a\\\n\\\nb@1\n1160504707@Z@/tmp/2025@@u@0@cmd@role\\\n', backend);
    expect(evs.map((e) => [e.type, e.line])).toEqual([
      ['authentication', 1],
      ['authorization', 4],
    ]);
    expect(evs[0]).toMatchObject({ user: 'a\n\nb' });
    expect(evs[1]).toMatchObject({ command: 'cmd', role: 'role\n' });
  });

  test('CRLF line ends: a backslash before CRLF is an escaped line break too', () => {
    const evs = events(`1160172232@N@*:2025@10.0.0.1:25@a\\\r\nb@1\r\n${SPEC_N}\r\n`, backend);
    expect(evs.map((e) => e.type)).toEqual(['authentication', 'authentication']);
    expect(evs[0]).toMatchObject({ user: 'a\nb', ok: '1' });
    expect(evs[1]).toMatchObject({ line: 3, user: 'ec_user', ok: '1' });
  });

  test('IPv6 endpoints split at the last colon, brackets removed', () => {
    expect(one('1160172232@N@[::]:2025@2001:db8::17:37164@u@1', backend)).toMatchObject({
      listener: '[::]:2025',
      listener_ip: '::',
      listener_port: 2025,
      peer: '2001:db8::17:37164',
      peer_ip: '2001:db8::17',
      peer_port: 37164,
    });
  });

  test('an ok that is neither 1 nor 0 is kept, with no boolean', () => {
    expect(one('1160172232@N@*:2025@10.0.0.1:25@u@yes', backend)).toMatchObject({ ok: 'yes', authenticated: null });
  });

  test('invalid UTF-8 in a continued record is flagged', () => {
    const bad = Buffer.concat([Buffer.from('1160172232@N@*:2025@10.0.0.1:25@a\\\n'), Buffer.from([0xff]), Buffer.from('@1')]);
    const [ev] = events(bad, backend);
    expect(ev).toMatchObject({ type: 'authentication', user: 'a\n\ufffd', invalid_utf8: true });
  });

  test('malformed: N with too few fields (an escaped @ is no delimiter)', () => {
    const bad = String.raw`1160172232@N@*:2025@10.0.0.1:25@user\@1`;
    expect(between(bad, backend)).toEqual({
      type: 'malformed',
      record: 'N',
      log: 'acctlog',
      line: 2,
      offset: SPEC_N.length + 1,
      reason: 'N record: expected 6 fields, found 5',
      raw: bad,
    });
  });

  test('malformed: T with too many fields', () => {
    expect(between('1160172240@T@*:2025@10.0.0.1:25@u@0@x', backend)).toMatchObject({
      record: 'T',
      reason: 'T record: expected 6 fields, found 7',
    });
  });

  test('malformed: Z with too few and too many fields', () => {
    expect(between('1160504707@Z@/tmp/2025@@ec-user@0', backend).reason).toBe('Z record: expected 7 or 8 fields, found 6');
    expect(between('1160504707@Z@/tmp/2025@@ec-user@0@a@b@c', backend).reason).toBe('Z record: expected 7 or 8 fields, found 9');
  });

  test('malformed: unknown record letter', () => {
    expect(between(SPEC_N.replace('@N@', '@n@'), backend)).toMatchObject({ record: 'n', reason: 'unknown acctlog record type "n"' });
  });

  test('malformed: no record letter in field 1', () => {
    expect(between(SPEC_N.replace('@N@', '@NZ@'), backend)).toMatchObject({ record: null, reason: 'no acctlog record type in field 1' });
    expect(between('1160172232', backend)).toMatchObject({ record: null, reason: 'no acctlog record type in field 1' });
  });

  test('malformed: bad timestamp', () => {
    expect(between(SPEC_N.replace('1160172232', '11601722x2'), backend)).toMatchObject({
      record: null,
      reason: 'bad timestamp "11601722x2": is not a number',
    });
  });

  test('malformed: empty line', () => {
    expect(between('', backend)).toMatchObject({ record: null, reason: 'empty line' });
  });

  test('malformed: a bad timestamp on a continued record is reported at its first line, with all its text', () => {
    const evs = events(`x1@N@*:2025@p@a\\\nb@1\n${SPEC_N}`, backend);
    expect(evs).toEqual([
      {
        type: 'malformed',
        record: null,
        log: 'acctlog',
        line: 1,
        offset: 0,
        reason: 'bad timestamp "x1": is not a number',
        raw: 'x1@N@*:2025@p@a\\\nb@1',
      },
      expect.objectContaining({ type: 'authentication', line: 3 }),
    ]);
  });

  test('malformed: the input ends in a lone backslash', () => {
    const bad = '1160172232@N@*:2025@10.0.0.1:25@u@1\\';
    const evs = events(`${SPEC_N}\n${bad}`, backend);
    expect(evs[1]).toEqual({
      type: 'malformed',
      record: 'N',
      log: 'acctlog',
      line: 2,
      offset: SPEC_N.length + 1,
      reason: 'the line ends in an escape of nothing (a lone "\\")',
      raw: bad,
    });
  });

  test('malformed: a NUL byte in a continuation line, at its column in the record', () => {
    const first = '1160172232@N@*:2025@10.0.0.1:25@a\\';
    const evs = events(Buffer.from(`${first}\nb\0@1\n${SPEC_N}`, 'latin1'), backend);
    expect(evs.map((e) => e.type)).toEqual(['malformed', 'authentication']);
    expect(evs[0]).toMatchObject({ line: 1, offset: 0, record: null, reason: `NUL byte at column ${first.length + 3}` });
  });

  test('malformed: a continued record longer than maxLineLength', () => {
    const first = '1160172232@N@*:2025@10.0.0.1:25@a\\';
    const evs = events(`${first}\n${'b'.repeat(30)}\\\n@1\n${SPEC_N}`, backend, { maxLineLength: 60 });
    expect(evs.map((e) => [e.type, e.line])).toEqual([
      ['malformed', 1],
      ['authentication', 4],
    ]);
    expect(evs[0]).toMatchObject({
      offset: 0,
      reason: `3 lines joined by escaped line breaks make ${first.length + 1 + 31 + 1 + 2} bytes, more than maxLineLength (60)`,
      raw: `${first}\n${'b'.repeat(30)}\\\n@1`,
    });
  });

  test('malformed: of a very long continued record only the first 64 KiB are kept', () => {
    const first = '1160172232@N@*:2025@10.0.0.1:25@a\\';
    const chunk = `${'c'.repeat(39_999)}\\`;
    const evs = events(`${first}\n${chunk}\n${chunk}\n@1\n${SPEC_N}`, backend, { maxLineLength: 50_000 });
    const length = first.length + 1 + 2 * (chunk.length + 1) + 2;
    expect(evs.map((e) => [e.type, e.line])).toEqual([
      ['malformed', 1],
      ['authentication', 5],
    ]);
    const ev = evs[0] as Malformed;
    expect(ev.reason).toBe(`4 lines joined by escaped line breaks make ${length} bytes, more than maxLineLength (50000)`);
    expect(ev.raw).toBe(`${first}\n${chunk}\n${chunk}`.slice(0, MAX_RAW_TEXT));
  });

  test('malformed: an overlong line inside a continued record is reported alone; the record goes on', () => {
    const first = '1160172232@N@*:2025@10.0.0.1:25@a\\';
    const long = 'x'.repeat(80);
    const evs = events(`${first}\n${long}\nb@1\n${SPEC_N}`, backend, { maxLineLength: 60 });
    expect(evs.map((e) => [e.type, e.line])).toEqual([
      ['malformed', 2],
      ['authentication', 1],
      ['authentication', 4],
    ]);
    expect(evs[0]).toMatchObject({ reason: 'line of 80 bytes exceeds maxLineLength (60)', raw: long });
    expect(evs[1]).toMatchObject({ user: 'a\nb' });
  });
});

describe('splitEndpoint', () => {
  test('host:port shapes, and values that have none', () => {
    expect(splitEndpoint('*:2025')).toEqual({ ip: '*', port: 2025 });
    expect(splitEndpoint('10.0.0.1:0')).toEqual({ ip: '10.0.0.1', port: 0 });
    expect(splitEndpoint('::1:25')).toEqual({ ip: '::1', port: 25 });
    expect(splitEndpoint('[2001:db8::1]:587')).toEqual({ ip: '2001:db8::1', port: 587 });
    for (const none of ['', '/tmp/2025', '/tmp/a:25', 'host', ':25', 'host:', 'host:http', 'host:+25', '[::1:25'])
      expect(splitEndpoint(none), none).toEqual({ ip: null, port: null });
  });
});

describe('acctlog property', () => {
  test('random and mutated input: same events on both backends and any chunking', () => {
    checkDecoderProperty(
      acctlog,
      [
        SPEC_N,
        MANUAL.unixZ[0]!,
        MANUAL.tcpZ[1]!,
        String.raw`1160172232@N@*:2025@10.0.0.1:25@us\@er\\x\n@1`,
        '1160172232@N@*:2025@10.0.0.1:25@a\\',
        '\\',
        'b@1',
        '1160172241@?@x',
      ],
      { multiLine: true },
    );
  });
});
