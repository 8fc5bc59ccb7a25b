import { describe, expect, test } from 'vitest';
import { parse } from '../src/index';
import { httplog, type HttpRequestEvent, type HttplogEvent } from '../src/decoders/httplog';
import { BACKENDS } from './backends';
import { checkDecoderProperty } from './property';
import type { Backend } from '../src/index';

/** Spec §7 example, verbatim. */
const SPEC_HTTP = '1398088802 10.77.0.158:18906 *:2081 "POST api/v1/transmissions HTTP/1.0" 500 332 1045.000';
const GET =
  '1398088803 10.77.0.159:40112 10.77.0.1:2081 "GET /api/v1/metrics/deliverability?from=2014-04-21T00:00 HTTP/1.1" 200 18734 12.5';

function events(input: string | Buffer, backend: Backend, more: object = {}): HttplogEvent[] {
  const buf = typeof input === 'string' ? Buffer.from(input) : input;
  return [...parse(buf, { log: httplog, backend, ...more })];
}
function request(input: string, backend: Backend): HttpRequestEvent {
  const all = events(input, backend);
  expect(all).toHaveLength(1);
  expect(all[0]!.type).toBe('http_request');
  return all[0] as HttpRequestEvent;
}
const line = (req: string, rest = '200 10 1.0') => `1398088802 10.0.0.1:5000 *:2081 ${req} ${rest}`;

/** One bad line between two good ones: the bad one is reported exactly and parsing goes on. */
function between(bad: string | Buffer, backend: Backend) {
  const good = `${SPEC_HTTP}\n`;
  const badBuf = typeof bad === 'string' ? Buffer.from(bad) : bad;
  const evs = events(Buffer.concat([Buffer.from(good), badBuf, Buffer.from(`\n${GET}`)]), backend);
  expect(evs.map((e) => e.type)).toEqual(['http_request', 'malformed', 'http_request']);
  expect(evs[2]).toMatchObject({ line: 3, offset: good.length + badBuf.length + 1 });
  const ev = evs[1]!;
  if (ev.type !== 'malformed') throw new Error('not malformed');
  expect(ev).toMatchObject({ line: 2, offset: good.length, log: 'httplog', record: null, raw: badBuf.toString() });
  return ev.reason;
}

describe.each(BACKENDS)('httplog, %s backend', (backend) => {
  test('spec §7 example: every field, numbers are numbers, `*` kept', () => {
    expect(events(SPEC_HTTP, backend)).toEqual([
      {
        type: 'http_request',
        record: null,
        log: 'httplog',
        line: 1,
        offset: 0,
        timestamp: 1398088802,
        timestamp_us: 1398088802e6,
        remote_ip: '10.77.0.158',
        remote_port: 18906,
        local_ip: '*',
        local_port: 2081,
        request: 'POST api/v1/transmissions HTTP/1.0',
        method: 'POST',
        path: 'api/v1/transmissions',
        protocol: 'HTTP/1.0',
        status: 500,
        response_bytes: 332,
        duration_ms: 1045,
      },
    ]);
  });

  test('a second line: offsets, query string, fractional duration', () => {
    const [, ev] = events(`${SPEC_HTTP}\n${GET}\n`, backend);
    expect(ev).toMatchObject({
      line: 2,
      offset: SPEC_HTTP.length + 1,
      local_ip: '10.77.0.1',
      method: 'GET',
      path: '/api/v1/metrics/deliverability?from=2014-04-21T00:00',
      status: 200,
      response_bytes: 18734,
      duration_ms: 12.5,
    });
  });

  test('IPv6 addresses bracketed and bare', () => {
    const ev = request('1398088802 [2001:db8::7]:18906 [::]:2081 "GET / HTTP/1.1" 200 1 0.1', backend);
    expect(ev).toMatchObject({ remote_ip: '2001:db8::7', remote_port: 18906, local_ip: '::', local_port: 2081 });
    const bare = request('1398088802 2001:db8::7:18906 ::1:2081 "GET / HTTP/1.1" 200 1 0.1', backend);
    expect(bare).toMatchObject({ remote_ip: '2001:db8::7', remote_port: 18906, local_ip: '::1', local_port: 2081 });
  });

  test('a request line with escaped quotes, spaces and `@`: kept raw, split leniently', () => {
    const ev = request(line('"GET /api/v1/recipient-lists/\\"a b\\"@x HTTP/1.1"'), backend);
    expect(ev).toMatchObject({
      request: 'GET /api/v1/recipient-lists/\\"a b\\"@x HTTP/1.1',
      method: 'GET',
      path: '/api/v1/recipient-lists/\\"a b\\"@x',
      protocol: 'HTTP/1.1',
    });
  });

  test('request lines with missing parts: the parts are null, `request` is kept', () => {
    const parts = (req: string) => {
      const ev = request(line(req), backend);
      return [ev.request, ev.method, ev.path, ev.protocol];
    };
    expect(parts('""')).toEqual(['', null, null, null]);
    expect(parts('"-"')).toEqual(['-', '-', null, null]);
    expect(parts('"GET /"')).toEqual(['GET /', 'GET', '/', null]);
    expect(parts('"GET HTTP/1.0"')).toEqual(['GET HTTP/1.0', 'GET', null, 'HTTP/1.0']);
    expect(parts('"HTTP/1.0"')).toEqual(['HTTP/1.0', 'HTTP/1.0', null, null]);
    expect(parts('" GET  /a  b  HTTP/1.1 "')).toEqual([' GET  /a  b  HTTP/1.1 ', 'GET', '/a  b', 'HTTP/1.1']);
  });

  test('CRLF, runs of spaces, a microsecond timestamp, an integer duration', () => {
    const first = '1398088802123456  10.0.0.1:5000   *:2081  "GET / HTTP/1.1"  204  0  7 ';
    const evs = events(`${first}\r\n${SPEC_HTTP}\r\n`, backend);
    expect(evs[0]).toMatchObject({ timestamp: 1398088802, timestamp_us: 1398088802123456, status: 204, response_bytes: 0, duration_ms: 7 });
    expect(evs[1]).toMatchObject({ line: 2, offset: first.length + 2, status: 500 });
  });

  test('rawBytes: `bytes` is the line, `response_bytes` the response size; invalid UTF-8 is flagged', () => {
    const bad = Buffer.concat([
      Buffer.from('1398088802 10.0.0.1:5000 *:2081 "GET /'),
      Buffer.from([0xe9]),
      Buffer.from(' HTTP/1.1" 404 9 1.000'),
    ]);
    const [ev] = events(bad, backend, { rawBytes: true });
    expect(ev).toMatchObject({ type: 'http_request', invalid_utf8: true, path: '/\ufffd', response_bytes: 9 });
    expect(Buffer.from(ev!.bytes!)).toEqual(bad);
  });

  // Malformed lines: one test per reason.
  test('malformed: bad timestamp', () => {
    expect(between(SPEC_HTTP.replace('1398088802', '139808880x'), backend)).toBe('bad timestamp "139808880x": is not a number');
  });
  test('malformed: missing remote address', () => {
    expect(between('1398088802', backend)).toBe('missing remote address');
  });
  test('malformed: remote address is not ip:port', () => {
    expect(between(SPEC_HTTP.replace('10.77.0.158:18906', '10.77.0.158'), backend)).toBe('remote address "10.77.0.158" is not ip:port');
  });
  test('malformed: missing local address', () => {
    expect(between('1398088802 10.77.0.158:18906 ', backend)).toBe('missing local address');
  });
  test('malformed: local address is not ip:port', () => {
    expect(between(SPEC_HTTP.replace('*:2081', '*:http'), backend)).toBe('local address "*:http" is not ip:port');
  });
  test('malformed: missing request line', () => {
    expect(between('1398088802 10.77.0.158:18906 *:2081', backend)).toBe('missing request line');
  });
  test('malformed: request line not quoted', () => {
    expect(between(SPEC_HTTP.replace('"POST', 'POST'), backend)).toBe('request line does not start with a quote: "POST"');
  });
  test('malformed: request line without its closing quote', () => {
    expect(between('1398088802 10.77.0.158:18906 *:2081 "POST api/v1 500 332 1045.000', backend)).toBe('request line has no closing quote');
  });
  test('malformed: text glued to the request line', () => {
    expect(between(SPEC_HTTP.replace('1.0" 500', '1.0"500'), backend)).toBe('no space after the request line');
  });
  test('malformed: missing status, response bytes, duration', () => {
    const cut = SPEC_HTTP.slice(0, SPEC_HTTP.indexOf(' 500'));
    expect(between(cut, backend)).toBe('missing status');
    expect(between(`${cut} 500`, backend)).toBe('missing response bytes');
    expect(between(`${cut} 500 332 `, backend)).toBe('missing duration');
  });
  test('malformed: numbers that are not numbers', () => {
    expect(between(SPEC_HTTP.replace(' 500 ', ' 5o0 '), backend)).toBe('status "5o0" is not an integer');
    expect(between(SPEC_HTTP.replace(' 332 ', ' - '), backend)).toBe('response bytes "-" is not an integer');
    expect(between(SPEC_HTTP.replace('1045.000', '1045.0.0'), backend)).toBe('duration "1045.0.0" is not a number');
  });
  test('malformed: text after the duration', () => {
    expect(between(`${SPEC_HTTP} "curl/7.35"`, backend)).toBe('unexpected text after the duration: "\\"curl/7.35\\""');
  });
  test('malformed: empty line, NUL byte, overlong line', () => {
    expect(between('', backend)).toBe('empty line');
    expect(between(SPEC_HTTP.replace('POST', 'PO\0T'), backend)).toBe('NUL byte at column 40');
    const evs = events(`${SPEC_HTTP}\n${SPEC_HTTP}${' '.repeat(100)}\n${GET}`, backend, { maxLineLength: 150 });
    expect(evs.map((e) => e.type)).toEqual(['http_request', 'malformed', 'http_request']);
    expect(evs[1]).toMatchObject({ line: 2, reason: `line of ${SPEC_HTTP.length + 100} bytes exceeds maxLineLength (150)` });
  });
});

test('httplog property: both backends, any chunking, one event per line', () => {
  checkDecoderProperty(httplog, [
    SPEC_HTTP,
    GET,
    '1398088802 [2001:db8::7]:18906 [::]:2081 "GET / HTTP/1.1" 200 1 0.1',
    '1398088802123456 2001:db8::7:18906 *:2081 "DELETE /api/v1/templates/\\"x\\" HTTP/1.1" 404 0 3.250',
  ]);
});
