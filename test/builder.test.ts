// One generated event builder (src/decoders/builder.ts) for every decoder: its key guard, used by
// the built-in record tables, the hand-written decoders' makers and custom_logger formats alike,
// and events equal to what the builders made before they shared it (EXPECTED was printed by the
// previous build from these inputs, key order included).
import { describe, expect, test } from 'vitest';
import { parse, type EcelogEvent, type LogFormat } from '../src/index';
import { acctlog } from '../src/decoders/acctlog';
import { bouncelog } from '../src/decoders/bouncelog';
import { compileBuilder, headerProperties, isFieldName, objectLiteral, type Property } from '../src/decoders/builder';
import { compileFormat, compileFormats } from '../src/decoders/custom/index';
import { httplog, type HttpRequestEvent } from '../src/decoders/httplog';
import { importlog } from '../src/decoders/importlog';
import { eventMaker } from '../src/decoders/log-format';
import { mainlog } from '../src/decoders/mainlog';
import { paniclog } from '../src/decoders/paniclog';
import { defineRecord } from '../src/decoders/record';
import { rejectlog } from '../src/decoders/rejectlog';
import { singleLayoutRecord } from '../src/decoders/single-layout';
import { BACKENDS } from './backends';
import { SPEC } from './fixtures';

const J = JSON.stringify;
const notAField = (where: string, key: string) =>
  `${where}: ${J(key)} is not a valid event field name (snake_case, not a name of Object.prototype)`;
/** Names of Object.prototype (and `prototype`): none may be a key of ours. */
const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'];

/** A function of `v` returning the literal of `keys` with values v[0], v[1], … */
function literalOf(keys: readonly string[], origin: 'ours' | 'user'): (v: unknown[]) => Record<string, unknown> {
  const props: Property[] = keys.map((k, i) => [k, `v[${i}]`]);
  return compileBuilder(`return function make(v) { return ${objectLiteral(props, origin, 'test')}; };`, {});
}

describe('the shared builder', () => {
  test('keys a user wrote: __proto__ and the names of Object.prototype become own data properties', () => {
    const keys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
    keys.push('X-Job', '7', '');
    const payload = { polluted: true };
    const values = [payload, 'c', 'p', 't', 'h', 'v', 'd', 'j', 'seven', 'empty'];
    const ev = literalOf(keys, 'user')(values);
    expect(Object.getPrototypeOf(ev)).toBe(Object.prototype);
    const own = { value: payload, writable: true, enumerable: true, configurable: true };
    expect(Object.getOwnPropertyDescriptor(ev, '__proto__')).toEqual(own);
    keys.forEach((k, i) => expect(Object.getOwnPropertyDescriptor(ev, k)?.value).toBe(values[i]));
    expect(ev.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // In the order given (an integer-like key first, as JavaScript orders every object's keys).
    expect(Object.keys(ev)).toEqual(['7', ...keys.filter((k) => k !== '7')]);
    expect(JSON.parse(J(ev))).toEqual(Object.fromEntries(keys.map((k, i) => [k, values[i]])));
  });

  test('the guard is needed: the same key written plainly sets the prototype', () => {
    const payload = { polluted: true };
    for (const plain of ['{ __proto__: v }', '{ "__proto__": v }']) {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      const make = new Function('v', `return ${plain};`) as (v: object) => Record<string, unknown>;
      const ev = make(payload);
      expect(Object.getPrototypeOf(ev)).toBe(payload);
      expect(Object.hasOwn(ev, '__proto__')).toBe(false);
    }
    expect(objectLiteral([['__proto__', 'v']], 'user', 'test')).toBe('{ ["__proto__"]: v }');
  });

  test('keys of ours: snake_case field names only, none of Object.prototype, checked before anything is compiled', () => {
    const bad = [...PROTOTYPE_NAMES, 'Type', 'x-y', '1a', '_x', '', 'a b', 'x: 1, y', 'x; globalThis.hacked = 1; //'];
    for (const key of bad) {
      expect(isFieldName(key)).toBe(false);
      expect(() =>
        objectLiteral(
          [
            ['type', '1'],
            [key, '2'],
          ],
          'ours',
          'test',
        ),
      ).toThrow(notAField('test', key));
    }
    expect((globalThis as Record<string, unknown>).hacked).toBeUndefined();
    for (const key of ['type', 'timestamp_us', 'message_id', 'x2', 'constructors']) expect(isFieldName(key)).toBe(true);
    expect(
      objectLiteral(
        [
          ['type', '"a"'],
          ['message_id', 'v'],
        ],
        'ours',
        'test',
      ),
    ).toBe('{ type: "a", message_id: v }');
  });

  test('no key twice, whoever names them', () => {
    expect(() =>
      objectLiteral(
        [
          ['size', '1'],
          ['size', '2'],
        ],
        'ours',
        'test',
      ),
    ).toThrow('test: field "size" appears twice');
    expect(() =>
      objectLiteral(
        [
          ['X-Job', '1'],
          ['X-Job', '2'],
        ],
        'user',
        'test',
      ),
    ).toThrow('test: field "X-Job" appears twice');
    expect(() =>
      objectLiteral(
        [
          ['__proto__', '1'],
          ['__proto__', '2'],
        ],
        'user',
        'test',
      ),
    ).toThrow('test: field "__proto__" appears twice');
  });

  test('the header: type, record, log, line, offset, then timestamp and timestamp_us when there is a time', () => {
    const h = { type: 't', record: 'r', log: 'l', line: 'n', offset: 'o' };
    expect(headerProperties({ ...h, time: ['s', 'u'] }).map(([k]) => k)).toEqual([
      'type',
      'record',
      'log',
      'line',
      'offset',
      'timestamp',
      'timestamp_us',
    ]);
    expect(headerProperties({ ...h, time: null })).toEqual([
      ['type', 't'],
      ['record', 'r'],
      ['log', 'l'],
      ['line', 'n'],
      ['offset', 'o'],
    ]);
  });
});

describe('built-in decoders: the same guard, through the same code', () => {
  const def = { type: 'delivery', record: 'X', log: 'mainlog', layout: '4', fields: 6 } as const;

  test('a record table column that is not a field name fails when the record is defined', () => {
    for (const name of ['__proto__', 'constructor', 'prototype', 'toString', 'Size', 'bad-name']) {
      expect(() =>
        defineRecord({
          ...def,
          columns: [
            ['message_id', 1],
            [name, 5],
          ],
        }),
      ).toThrow(notAField('mainlog X', name));
      expect(() => singleLayoutRecord({ ...def, columns: [[name, 3]] })).toThrow(notAField('mainlog X', name));
    }
    expect(() =>
      defineRecord({
        ...def,
        columns: [
          ['size', 5, 'int'],
          ['size', 3],
        ],
      }),
    ).toThrow('mainlog X: field "size" appears twice');
    // A column may not take a header key either.
    expect(() => defineRecord({ ...def, columns: [['timestamp', 5]] })).toThrow('mainlog X: field "timestamp" appears twice');
    expect(
      defineRecord({
        ...def,
        columns: [
          ['message_id', 1],
          ['domain', 5],
        ],
      }).shape.fields,
    ).toBe(6);
  });

  test('the makers of the hand-written decoders (httplog, rejectlog, acctlog, paniclog) check their fields alike', () => {
    const make = (order: object) => eventMaker<HttpRequestEvent>('http_request', null, 'httplog', order as never);
    for (const name of ['__proto__', 'constructor', 'prototype', 'valueOf', 'Method']) {
      expect(() => make({ method: true, [name]: true })).toThrow(notAField('httplog http_request', name));
    }
    expect(() => make({ method: true, line: true })).toThrow('httplog http_request: field "line" appears twice');
    const ev = make({ method: true, status: true })(3, 40, 5, 5e6, { method: 'GET', status: 200 } as never);
    expect(Object.keys(ev)).toEqual(['type', 'record', 'log', 'line', 'offset', 'timestamp', 'timestamp_us', 'method', 'status']);
    const header = { type: 'http_request', record: null, log: 'httplog', line: 3, offset: 40, timestamp: 5, timestamp_us: 5e6 };
    expect(ev).toEqual({ ...header, method: 'GET', status: 200 });
  });
});

describe('custom formats: fields the user names are own data properties', () => {
  test('%h{__proto__}, a macro named __proto__, %vctx_mess{constructor}, %h{toString}', () => {
    const log = compileFormats({
      reception_format: '%i R %h{__proto__}',
      xfer_format: '%i X %__proto__',
      rejection_format: '%i J %vctx_mess{constructor}',
      delivery_format: '%i D %h{toString}',
    });
    const evs = [...parse(Buffer.from('a R {"polluted": 1}\nb X m\nc J v\nd D s\n'), { log })] as unknown as Array<Record<string, object>>;
    const groups: object[] = evs.map((ev) => ev.headers ?? ev.macros ?? ev.vctx_mess ?? {});
    expect(groups.map((g) => Object.keys(g))).toEqual([['__proto__'], ['__proto__'], ['constructor'], ['toString']]);
    expect(groups.map((g) => Object.values(g) as unknown)).toEqual([['{"polluted": 1}'], ['m'], ['v'], ['s']]);
    for (const ev of [...evs, ...groups]) expect(Object.getPrototypeOf(ev)).toBe(Object.prototype);
    expect(Object.hasOwn(groups[0]!, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString.call(groups[3])).toBe('[object Object]');
  });

  test('a single format with %h{__proto__}: the event and its headers keep Object.prototype', () => {
    const log = compileFormat('%t %i %h{__proto__}', { stage: 'delivery' });
    const [ev] = [...parse(Buffer.from('1064871280 ID {"a": 1}\n'), { log })] as unknown as Array<Record<string, object>>;
    if (ev === undefined) throw new Error('no event');
    expect(Object.getPrototypeOf(ev)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(ev.headers)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(ev.headers, '__proto__')?.value).toBe('{"a": 1}');
  });
});

const lines = (...ls: string[]) => Buffer.from(ls.map((l) => `${l}\n`).join(''));
const bytes = (text: string, ...more: number[]) => new Uint8Array(Buffer.concat([Buffer.from(text), Buffer.from(more)]));
const QUOTED = SPEC.mainlogR.replace('1064868656@', '1064868656123456@').replace('@bob@', '@"a@b"@');

/** What the builders printed before builder.ts (record.ts, custom/compile.ts, literals written out in each text-log decoder). */
const EXPECTED = {
  spec: [
    {
      type: 'reception',
      record: 'R',
      log: 'mainlog',
      line: 1,
      offset: 0,
      timestamp: 1064868656,
      timestamp_us: 1064868656000000,
      layout: '4',
      message_id: '00/00-25004-31B987F3',
      batch_id: '00/00-03736-F4101B54',
      connection_id: '00/00-04532-A3456B54',
      rcpt_localpart: 'bob',
      rcpt_domain: 'example.fict',
      mailfrom_localpart: 'info',
      mailfrom_domain: 'postalengine.com',
      remote_ip: '10.0.1.1',
      size: 201,
      protocol: 'esmtp',
      binding_group: 'default',
      binding: 'default',
    },
    {
      type: 'delivery',
      record: 'D',
      log: 'mainlog',
      line: 2,
      offset: 150,
      timestamp: 1064871280,
      timestamp_us: 1064871280000000,
      layout: '2.2',
      message_id: '20/00-25593-945A87F3',
      batch_id: null,
      connection_id: null,
      domain: 'postalengine.com',
      size: 266,
      binding_group: 'group-a',
      binding: 'binding-a',
      retries: 0,
      queue_time: 0.393,
      remote_ip: '10.0.0.1',
    },
    {
      type: 'heartbeat',
      record: 'M1',
      log: 'mainlog',
      line: 3,
      offset: 240,
      timestamp: 1251470342,
      timestamp_us: 1251470342000000,
      layout: '4',
    },
  ],
  quoted: [
    {
      type: 'reception',
      record: 'R',
      log: 'mainlog',
      line: 1,
      offset: 0,
      timestamp: 1064868656,
      timestamp_us: 1064868656123456,
      layout: '4',
      message_id: '00/00-25004-31B987F3',
      batch_id: '00/00-03736-F4101B54',
      connection_id: '00/00-04532-A3456B54',
      rcpt_localpart: '"a@b"',
      rcpt_domain: 'example.fict',
      mailfrom_localpart: 'info',
      mailfrom_domain: 'postalengine.com',
      remote_ip: '10.0.1.1',
      size: 201,
      protocol: 'esmtp',
      binding_group: 'default',
      binding: 'default',
    },
  ],
  utf8: [
    {
      type: 'delivery',
      record: 'D',
      log: 'mainlog',
      line: 1,
      offset: 0,
      timestamp: 1064871280,
      timestamp_us: 1064871280000000,
      layout: '2.2',
      message_id: '20/00-25593-945A87F3',
      batch_id: null,
      connection_id: null,
      domain: 'postalengine.com',
      size: 266,
      binding_group: 'grüppe',
      binding: 'binding-a',
      retries: 0,
      queue_time: 0.393,
      remote_ip: '10.0.0.1',
      bytes: bytes('1064871280@20/00-25593-945A87F3@D@postalengine.com@266@grüppe@binding-a@0@0.393@10.0.0.1'),
    },
    {
      type: 'malformed',
      record: 'D',
      log: 'mainlog',
      line: 2,
      offset: 90,
      reason: 'D record: expected 10 (2.2) or 8 (2.1) fields, found 9',
      raw: '1064871280@20/00-25593-945A87F3@D@postalengine.com@266@gbinding-a@0@0.393@10.0.0.1�',
      invalid_utf8: true,
      bytes: bytes('1064871280@20/00-25593-945A87F3@D@postalengine.com@266@gbinding-a@0@0.393@10.0.0.1', 255),
    },
  ],
  malformed: [
    {
      type: 'malformed',
      record: null,
      log: 'mainlog',
      line: 1,
      offset: 0,
      reason: 'bad timestamp "garbage": is not a number',
      raw: 'garbage',
    },
    { type: 'malformed', record: null, log: 'mainlog', line: 2, offset: 8, reason: 'empty line', raw: '' },
    {
      type: 'malformed',
      record: 'D',
      log: 'mainlog',
      line: 3,
      offset: 9,
      reason: 'D record (2.2 layout): field 4 (size) is not an integer: "2x6"',
      raw: '1064871280@20/00-25593-945A87F3@D@postalengine.com@2x6@group-a@binding-a@0@0.393@10.0.0.1',
    },
  ],
  bouncelog: [
    {
      type: 'bounce',
      record: 'B',
      log: 'bouncelog',
      line: 1,
      offset: 0,
      timestamp: 1064868656,
      timestamp_us: 1064868656000000,
      layout: '4',
      message_id: '91/6D-07914-E67BC044',
      batch_id: '00/00-03736-F4101B54',
      connection_id: '00/00-04532-A3456B54',
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
    },
  ],
  httplog: [
    {
      type: 'http_request',
      record: null,
      log: 'httplog',
      line: 1,
      offset: 0,
      timestamp: 1398088802,
      timestamp_us: 1398088802000000,
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
  ],
  rejectlog: [
    {
      type: 'heartbeat',
      record: 'Marker',
      log: 'rejectlog',
      line: 1,
      offset: 0,
      timestamp: 1252064908,
      timestamp_us: 1252064908000000,
    },
    {
      type: 'rejection',
      record: null,
      log: 'rejectlog',
      line: 2,
      offset: 21,
      timestamp: 1126558766,
      timestamp_us: 1126558766000000,
      remote_ip: '10.0.0.1',
      remote_port: 1234,
      local_ip: '::1',
      local_port: 25,
      connection_id: null,
      pathway: null,
      pathway_group: null,
      phase: null,
      error_code: 550,
      module: null,
      ctx_conn: { a: '1', b: 'c d' },
      ctx_mess: null,
      extra: { X: 'y' },
      message: 'relaying denied',
    },
  ],
  acctlog: [
    {
      type: 'authorization',
      record: 'Z',
      log: 'acctlog',
      line: 1,
      offset: 0,
      timestamp: 1160172233,
      timestamp_us: 1160172233000000,
      listener: '*:2025',
      listener_ip: '*',
      listener_port: 2025,
      peer: '10.0.0.1:25',
      peer_ip: '10.0.0.1',
      peer_port: 25,
      user: 'admin',
      result: '1',
      authorized: true,
      command: 'summary',
      role: null,
    },
    {
      type: 'auth_unknown',
      record: '?',
      log: 'acctlog',
      line: 2,
      offset: 48,
      timestamp: 1160172234,
      timestamp_us: 1160172234000000,
      fields: ['a@b', 'c'],
    },
    {
      type: 'authentication',
      record: 'N',
      log: 'acctlog',
      line: 3,
      offset: 68,
      timestamp: 1160172232,
      timestamp_us: 1160172232000000,
      listener: '/tmp/2025',
      listener_ip: null,
      listener_port: null,
      peer: '',
      peer_ip: null,
      peer_port: null,
      user: 'first\nsecond',
      ok: '1',
      authenticated: true,
    },
  ],
  paniclog: [
    {
      type: 'panic',
      record: null,
      log: 'paniclog',
      line: 1,
      offset: 0,
      timestamp: 1251382104,
      timestamp_us: 1251382104000000,
      end_line: 1,
      module: 'datasource',
      message: 'failed to prepare',
      truncated: false,
    },
    {
      type: 'panic',
      record: null,
      log: 'paniclog',
      line: 2,
      offset: 41,
      timestamp: 1251382105,
      timestamp_us: 1251382105000000,
      end_line: 3,
      module: 'scriptlet',
      message: 'dump:\n  line two',
      truncated: false,
    },
  ],
  importlog: [
    {
      type: 'import',
      record: 'I',
      log: 'importlog',
      line: 1,
      offset: 0,
      timestamp: 1236672125,
      timestamp_us: 1236672125000000,
      layout: '4',
      orig_message_id: '4B/03-01988-6E2F0BD5',
      message_id: '4C/03-01990-7E2F0BD5',
      result: 2,
      result_name: 'metadata read failure',
      spool_dir: '/var/spool/a@b',
    },
  ],
  customAt: [
    {
      type: 'delivery',
      record: 'D',
      log: 'custom',
      line: 1,
      offset: 0,
      timestamp: 1064871280,
      timestamp_us: 1064871280000000,
      message_id: 'ID1',
      domain: 'example.com',
      size: 266,
      queue_time: 0.393,
      headers: { ['X-Job']: 'job-7' },
    },
    {
      type: 'malformed',
      record: null,
      log: 'custom',
      line: 2,
      offset: 45,
      reason: 'delivery_format: no "@" after %t',
      raw: 'nope',
    },
  ],
  customProto: [
    {
      type: 'reception',
      record: 'R',
      log: 'custom',
      line: 1,
      offset: 0,
      message_id: 'ID2',
      headers: { ['__proto__']: '{"a":1}' },
    },
    { type: 'transfer', record: 'X', log: 'custom', line: 2, offset: 14, message_id: 'ID3', macros: { ['__proto__']: 'm' } },
    { type: 'rejection', record: 'J', log: 'custom', line: 3, offset: 22, message_id: 'ID4', vctx_conn: { constructor: 'v' } },
  ],
};

/** The inputs: [format, bytes, rawBytes]. */
const INPUTS: Record<keyof typeof EXPECTED, [LogFormat, Buffer, boolean?]> = {
  spec: [mainlog, lines(SPEC.mainlogR, SPEC.mainlogD22, SPEC.heartbeatM1)],
  quoted: [mainlog, lines(QUOTED)],
  utf8: [
    mainlog,
    Buffer.concat([
      lines(SPEC.mainlogD22.replace('@group-a@', '@grüppe@')),
      Buffer.from(SPEC.mainlogD22.replace('@group-a@', '@g')),
      Buffer.from([0xff, 0x0a]),
    ]),
    true,
  ],
  malformed: [mainlog, lines('garbage', '', SPEC.mainlogD22.replace('@266@', '@2x6@'))],
  bouncelog: [bouncelog, lines(SPEC.bouncelogB)],
  httplog: [httplog, lines('1398088802 10.77.0.158:18906 *:2081 "POST api/v1/transmissions HTTP/1.0" 500 332 1045.000')],
  rejectlog: [
    rejectlog,
    lines('1252064908: Marker 1', '1126558766: R="10.0.0.1:1234" L="[::1]:25" E=550 X=y CTXCONN=[a=1,b="c d"] relaying denied'),
  ],
  acctlog: [
    acctlog,
    lines('1160172233@Z@*:2025@10.0.0.1:25@admin@1@summary', '1160172234@?@a\\@b@c', '1160172232@N@/tmp/2025@@first\\', 'second@1'),
  ],
  paniclog: [paniclog, lines('1251382104:datasource: failed to prepare', '1251382105:scriptlet: dump:', '  line two')],
  importlog: [importlog, lines('1236672125@4B/03-01988-6E2F0BD5@I@4C/03-01990-7E2F0BD5@2@/var/spool/a@b')],
  customAt: [
    compileFormats({ delivery_format: '%t@%i@D@%d@%B@%T@%h{X-Job}' }),
    lines('1064871280@ID1@D@example.com@266@0.393@job-7', 'nope'),
  ],
  customProto: [
    compileFormats({
      reception_format: '%i R %h{__proto__}',
      xfer_format: '%i X %__proto__',
      rejection_format: '%i J %vctx_conn{constructor}',
    }),
    lines('ID2 R {"a":1}', 'ID3 X m', 'ID4 J v'),
  ],
};

describe.each(BACKENDS)('events as the previous builders made them, %s backend', (backend) => {
  test.each(Object.keys(EXPECTED) as Array<keyof typeof EXPECTED>)('%s', (name) => {
    const [log, input, rawBytes] = INPUTS[name];
    const evs = [...parse(input, { log, backend, rawBytes: rawBytes ?? false })] as EcelogEvent[];
    const expected = EXPECTED[name] as unknown[];
    expect(evs).toEqual(expected);
    expect(J(evs)).toBe(J(expected)); // key order too, nested objects included
    for (const ev of evs) {
      expect(Object.getPrototypeOf(ev)).toBe(Object.prototype);
      expect(Object.keys(ev).filter((k) => !isFieldName(k))).toEqual([]);
    }
  });
});
