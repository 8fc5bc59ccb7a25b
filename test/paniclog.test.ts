import { describe, expect, test } from 'vitest';
import { Session, parse, type EcelogEvent } from '../src/index';
import { paniclog, type PanicEvent, type PaniclogEvent } from '../src/decoders/paniclog';
import { BACKENDS } from './backends';
import { checkDecoderProperty } from './property';
import type { Backend } from '../src/index';

/** Spec §7 example, verbatim. */
const SPEC_PANIC = '1251382104:datasource: failed to prepare';

/** A realistic multi-line entry: a scriptlet's print() of an SQL error. */
const MULTI = [
  '1251382104:scriptlet: set_binding: error querying binding:',
  'prepare: 1: no such column: bindings',
  'failed to prepare:     SELECT bindings FROM customer_binding WHERE',
  'customer_id = ? LIMIT 1',
];
/**
 * HTTP requests logged with `log_requests_to_paniclog`, verbatim: the Momentum 4 manual's paniclog
 * page (https://support.sparkpost.com/momentum/4/log-formats-paniclog) and the Momentum 3
 * HTTP_Listener page (https://support.sparkpost.com/momentum/3/3-rest/rest-http-listener).
 */
const REQUEST_4X = '1307461172:192.168.0.197 "POST api/v1/transmissions HTTP/1.1" 200 224 5.000';
const REQUEST_3X = '1307461172:192.168.0.197:51216 "POST /v1.0/inject/ HTTP/1.1" 200 224 5.000';
const DUMP = [
  '1251390180:scriptlet: return { recipient="no-reply@mydomain.com",',
  '  note="No email received at this address", code="550"}',
];

function events(input: string | Buffer, backend: Backend, more: object = {}): PaniclogEvent[] {
  const buf = typeof input === 'string' ? Buffer.from(input) : input;
  return [...parse(buf, { log: paniclog, backend, ...more })];
}

const base = (line: number, offset: number, timestamp: number) => ({
  type: 'panic',
  record: null,
  log: 'paniclog',
  line,
  offset,
  timestamp,
  timestamp_us: timestamp * 1e6,
});

describe.each(BACKENDS)('paniclog, %s backend', (backend) => {
  test('spec §7 example: every field', () => {
    expect(events(SPEC_PANIC, backend)).toEqual([
      { ...base(1, 0, 1251382104), end_line: 1, module: 'datasource', message: 'failed to prepare', truncated: false },
    ]);
  });

  test('continuation lines join the entry before them, with \\n', () => {
    const input = `${MULTI.join('\n')}\n${SPEC_PANIC}\n`;
    expect(events(input, backend)).toEqual([
      {
        ...base(1, 0, 1251382104),
        end_line: 4,
        module: 'scriptlet',
        message: [MULTI[0]!.slice(22), ...MULTI.slice(1)].join('\n'),
        truncated: false,
      },
      {
        ...base(5, MULTI.join('\n').length + 1, 1251382104),
        end_line: 5,
        module: 'datasource',
        message: 'failed to prepare',
        truncated: false,
      },
    ]);
  });

  test('the last entry is emitted at the end of input (unterminated last line); `@` and indentation are kept', () => {
    const evs = events(DUMP.join('\n'), backend);
    expect(evs).toEqual([
      {
        ...base(1, 0, 1251390180),
        end_line: 2,
        module: 'scriptlet',
        message: 'return { recipient="no-reply@mydomain.com",\n  note="No email received at this address", code="550"}',
        truncated: false,
      },
    ]);
  });

  test('entries without a module prefix, and module names with digits and dashes', () => {
    const input = [
      "1251465831:Unable to open '/opt/msys/lua/x.lua', errno=2 No such file or directory",
      '1252601378:scriptlet-00147: validate_ehlo error: (null)',
      '1252601378:a:b',
      '1252601378:scriptlet:',
      '1252601378: core: startup complete',
    ].join('\n');
    expect(events(input, backend).map((e) => e.type === 'panic' && [e.line, e.module, e.message])).toEqual([
      [1, null, "Unable to open '/opt/msys/lua/x.lua', errno=2 No such file or directory"],
      [2, 'scriptlet-00147', 'validate_ehlo error: (null)'],
      [3, null, 'a:b'],
      [4, 'scriptlet', ''],
      [5, 'core', 'startup complete'],
    ]);
  });

  test('lines starting with a short number or a 13-digit one and a colon are continuations', () => {
    const input = `${SPEC_PANIC}\n1: in function 'error'\n12345678: x\n1251382104123: y\n1251382104 no colon`;
    const evs = events(input, backend);
    expect(evs).toHaveLength(1);
    expect(evs[0]).toMatchObject({
      end_line: 5,
      message: "failed to prepare\n1: in function 'error'\n12345678: x\n1251382104123: y\n1251382104 no colon",
    });
  });

  test('a microsecond timestamp starts an entry', () => {
    const [ev] = events('1251382104123456:ec_console: reload', backend);
    expect(ev).toMatchObject({
      type: 'panic',
      timestamp: 1251382104,
      timestamp_us: 1251382104123456,
      module: 'ec_console',
      message: 'reload',
    });
  });

  test('CRLF line ends; an empty line inside an entry is part of its text', () => {
    const input = `${DUMP[0]}\r\n\r\n${DUMP[1]}\r\n${SPEC_PANIC}\r\n`;
    const evs = events(input, backend);
    expect(evs.map((e) => e.type === 'panic' && [e.line, e.end_line, e.offset, e.message])).toEqual([
      [1, 3, 0, `${DUMP[0]!.slice(22)}\n\n${DUMP[1]}`],
      [4, 4, DUMP[0]!.length + DUMP[1]!.length + 6, 'failed to prepare'],
    ]);
  });

  test("rawBytes: the entry's lines joined with \\n; invalid UTF-8 in a continuation is flagged", () => {
    const cont = Buffer.concat([Buffer.from('bad byte '), Buffer.from([0xff]), Buffer.from(' here')]);
    const input = Buffer.concat([Buffer.from(`${MULTI[0]}\r\n`), cont, Buffer.from(`\r\n${SPEC_PANIC}`)]);
    const [a, b] = events(input, backend, { rawBytes: true });
    expect(a).toMatchObject({ end_line: 2, invalid_utf8: true, message: 'set_binding: error querying binding:\nbad byte \ufffd here' });
    expect(Buffer.from(a!.bytes!)).toEqual(Buffer.concat([Buffer.from(`${MULTI[0]}\n`), cont]));
    expect(b).not.toHaveProperty('invalid_utf8');
    expect(Buffer.from(b!.bytes!).toString()).toBe(SPEC_PANIC);
  });

  test('an entry is capped at maxLineLength bytes, cut between characters: truncated', () => {
    const head = '1251382104:scriptlet: dump:'; // 27 bytes
    const input = `${head}\n${'é'.repeat(20)}\n${'x'.repeat(50)}\nmore\n${SPEC_PANIC}`;
    const evs = events(input, backend, { maxLineLength: 60, rawBytes: true });
    // 27 + 1 + 32 = 60 bytes: 16 two-byte characters of the second line fit, nothing after.
    expect(evs[0]).toMatchObject({ line: 1, end_line: 4, truncated: true, message: `dump:\n${'é'.repeat(16)}` });
    expect(evs[0]!.bytes!.length).toBe(60);
    expect(evs[0]).not.toHaveProperty('invalid_utf8');
    expect(evs[1]).toMatchObject({ line: 5, truncated: false, message: 'failed to prepare' });
  });

  test('a cut that would split a character keeps the whole characters only', () => {
    const head = '1251382104:x: y'; // 15 bytes
    const evs = events(`${head}\n${'é'.repeat(10)}`, backend, { maxLineLength: 21 });
    // 21 - 15 - 1 = 5 bytes of room: two characters (4 bytes).
    expect(evs[0]).toMatchObject({ truncated: true, message: `y\n${'éé'}` });
  });

  test('the same events whatever the chunking (the held entry crosses chunks)', () => {
    const input = Buffer.from(`${MULTI.join('\r\n')}\r\n${DUMP.join('\n')}\n${SPEC_PANIC}`);
    const whole = events(input, backend, { rawBytes: true });
    const session = new Session({ log: paniclog, backend, rawBytes: true });
    const out: EcelogEvent[] = [];
    for (let i = 0; i < input.length; i++) {
      session.write(input.subarray(i, i + 1));
      for (let b = session.read(); b !== null; b = session.read()) out.push(...b);
    }
    session.end();
    for (let b = session.read(); b !== null; b = session.read()) out.push(...b);
    expect(out).toEqual(whole);
    expect(whole.map((e) => (e as PanicEvent).end_line)).toEqual([4, 6, 7]);
  });

  test('an HTTP request (4.x manual): a panic entry with the request fields, its message as logged', () => {
    expect(events(REQUEST_4X, backend)).toEqual([
      {
        ...base(1, 0, 1307461172),
        end_line: 1,
        module: null,
        message: REQUEST_4X.slice(11),
        truncated: false,
        remote_ip: '192.168.0.197',
        remote_port: null,
        request: 'POST api/v1/transmissions HTTP/1.1',
        method: 'POST',
        path: 'api/v1/transmissions',
        protocol: 'HTTP/1.1',
        status: 200,
        response_bytes: 224,
        duration_ms: 5,
      },
    ]);
  });

  test('an HTTP request (3.x manual, ip:port), between ordinary entries that have no request fields', () => {
    const evs = events(`${SPEC_PANIC}\n${REQUEST_3X}\n${SPEC_PANIC}`, backend);
    expect(evs[1]).toEqual({
      ...base(2, SPEC_PANIC.length + 1, 1307461172),
      end_line: 2,
      module: null,
      message: REQUEST_3X.slice(11),
      truncated: false,
      remote_ip: '192.168.0.197',
      remote_port: 51216,
      request: 'POST /v1.0/inject/ HTTP/1.1',
      method: 'POST',
      path: '/v1.0/inject/',
      protocol: 'HTTP/1.1',
      status: 200,
      response_bytes: 224,
      duration_ms: 5,
    });
    for (const ev of [evs[0]!, evs[2]!]) {
      expect(ev).toEqual({
        ...base(ev.line, ev.offset, 1251382104),
        end_line: ev.line,
        module: 'datasource',
        message: 'failed to prepare',
        truncated: false,
      });
    }
  });

  test('HTTP request addresses: IPv6 with and without brackets and port, a space after the colon, microseconds', () => {
    const req = (address: string, head = '1307461172:') => {
      const ev = events(`${head}${address} "GET / HTTP/1.0" 404 0 0.25`, backend)[0]!;
      return ev.type === 'panic' ? [ev.remote_ip, ev.remote_port, ev.status, ev.duration_ms] : ev;
    };
    expect(req('[2001:db8::7]:51216')).toEqual(['2001:db8::7', 51216, 404, 0.25]);
    expect(req('[2001:db8::7]')).toEqual(['2001:db8::7', null, 404, 0.25]);
    expect(req('2001:db8::7')).toEqual(['2001:db8::7', null, 404, 0.25]); // bare IPv6: whether the last group is a port cannot be told
    expect(req('::1')).toEqual(['::1', null, 404, 0.25]);
    expect(req('10.0.0.1', '1307461172: ')).toEqual(['10.0.0.1', null, 404, 0.25]);
    const [us] = events(`1307461172123456:${REQUEST_4X.slice(11)}`, backend);
    expect(us).toMatchObject({ timestamp: 1307461172, timestamp_us: 1307461172123456, remote_ip: '192.168.0.197', status: 200 });
  });

  test('the request line split as httplog splits it: escapes kept, parts missing are null', () => {
    const parts = (request: string) => {
      const ev = events(`1307461172:10.0.0.1 ${request} 200 1 1`, backend)[0]!;
      return ev.type === 'panic' ? [ev.request, ev.method, ev.path, ev.protocol] : ev;
    };
    expect(parts('"GET /a\\"b c HTTP/1.1"')).toEqual(['GET /a\\"b c HTTP/1.1', 'GET', '/a\\"b c', 'HTTP/1.1']);
    expect(parts('""')).toEqual(['', null, null, null]);
    expect(parts('"GET /"')).toEqual(['GET /', 'GET', '/', null]);
  });

  test('a continuation line after an HTTP request joins its message; the request fields stay those of the first line', () => {
    const [ev] = events(`${REQUEST_3X}\n  more text\n${SPEC_PANIC}`, backend);
    expect(ev).toMatchObject({ line: 1, end_line: 2, message: `${REQUEST_3X.slice(11)}\n  more text`, remote_port: 51216, status: 200 });
  });

  test('lenient: lines that only look like HTTP requests are ordinary entries, kept whole, without request fields', () => {
    const looks = [
      REQUEST_4X.slice(0, REQUEST_4X.lastIndexOf(' ')), // truncated: no duration
      REQUEST_4X.slice(0, REQUEST_4X.indexOf(' 200')), // truncated: no numbers
      REQUEST_4X.slice(0, 40), // truncated inside the request line
      REQUEST_4X.replace(' 200 ', ' OK '), // a status that is not a number
      REQUEST_4X.replace('5.000', '5.000 ms'), // text after the duration
      REQUEST_4X.replace('"POST', 'POST'), // no quotes
      REQUEST_4X.replace('192.168.0.197', 'mx.example.com'), // a host name, not an address
      REQUEST_4X.replace('192.168.0.197', '192.168.0.197:port'),
      REQUEST_4X.replace('192.168.0.197', '[::1'),
      '1307461172:httpsrv: 192.168.0.197 "GET / HTTP/1.1" 200 1 1', // a module's message
    ];
    const evs = events(looks.join('\n'), backend);
    expect(evs).toHaveLength(looks.length);
    evs.forEach((ev, i) => {
      expect(ev.type).toBe('panic');
      expect(ev).not.toHaveProperty('remote_ip');
      expect(ev).not.toHaveProperty('status');
      expect(Object.keys(ev)).toEqual(Object.keys(evs[0]!));
      const module = i === looks.length - 1 ? 'httpsrv' : null;
      expect(ev).toMatchObject({ module, message: module === null ? looks[i]!.slice(11) : looks[i]!.slice(20) });
    });
  });

  test('rawBytes and invalid UTF-8 in an HTTP request entry', () => {
    const bad = Buffer.concat([Buffer.from('1307461172:10.0.0.1 "GET /'), Buffer.from([0xe9]), Buffer.from(' HTTP/1.1" 404 9 1.000')]);
    const [ev] = events(bad, backend, { rawBytes: true });
    expect(ev).toMatchObject({ type: 'panic', invalid_utf8: true, path: '/\ufffd', response_bytes: 9, remote_ip: '10.0.0.1' });
    expect(Buffer.from(ev!.bytes!)).toEqual(bad);
  });

  // Malformed lines.
  test('malformed: a continuation line before any entry (e.g. at the top of a rotated file)', () => {
    const input = `customer_id = ? LIMIT 1\n  at line 2\n${SPEC_PANIC}`;
    const reason = 'continuation line before any entry (an entry starts with "<timestamp>:")';
    expect(events(input, backend)).toEqual([
      { type: 'malformed', record: null, log: 'paniclog', line: 1, offset: 0, reason, raw: 'customer_id = ? LIMIT 1' },
      { type: 'malformed', record: null, log: 'paniclog', line: 2, offset: 24, reason, raw: '  at line 2' },
      { ...base(3, 36, 1251382104), end_line: 3, module: 'datasource', message: 'failed to prepare', truncated: false },
    ]);
  });

  test('malformed: an empty line before any entry', () => {
    expect(events(`\n${SPEC_PANIC}`, backend)[0]).toEqual({
      type: 'malformed',
      record: null,
      log: 'paniclog',
      line: 1,
      offset: 0,
      reason: 'empty line',
      raw: '',
    });
  });

  test('malformed: a NUL line inside an entry is reported and neither ends nor joins it', () => {
    const input = `${DUMP[0]}\nab\0c\n${DUMP[1]}\n${SPEC_PANIC}`;
    const evs = events(input, backend);
    expect(evs.map((e) => e.type)).toEqual(['malformed', 'panic', 'panic']);
    expect(evs[0]).toEqual({
      type: 'malformed',
      record: null,
      log: 'paniclog',
      line: 2,
      offset: DUMP[0]!.length + 1,
      reason: 'NUL byte at column 3',
      raw: 'ab\0c',
    });
    expect(evs[1]).toMatchObject({ line: 1, end_line: 3, message: `${DUMP[0]!.slice(22)}\n${DUMP[1]}` });
  });

  test('malformed: an overlong line inside an entry is reported and neither ends nor joins it', () => {
    const long = 'y'.repeat(120);
    const evs = events(`${SPEC_PANIC}\n${long}\nnext\n${SPEC_PANIC}`, backend, { maxLineLength: 100 });
    expect(evs.map((e) => e.type)).toEqual(['malformed', 'panic', 'panic']);
    expect(evs[0]).toMatchObject({ line: 2, offset: SPEC_PANIC.length + 1, reason: 'line of 120 bytes exceeds maxLineLength (100)' });
    expect(evs[1]).toMatchObject({ line: 1, end_line: 3, message: 'failed to prepare\nnext', truncated: false });
  });
});

test('paniclog property: both backends, any chunking, lines joined into entries', () => {
  checkDecoderProperty(
    paniclog,
    [SPEC_PANIC, ...MULTI, ...DUMP, '1251382104123456:core: x', '', '12: in function', REQUEST_4X, REQUEST_3X],
    {
      multiLine: true,
    },
  );
});
