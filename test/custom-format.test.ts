import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse, type EcelogEvent, type LogFormat, type MainlogEvent } from '../src/index';
import { compileFormat, compileFormats, CustomFormatError, parseFormat, type CustomFormats } from '../src/decoders/custom/index';
import { BACKENDS } from './backends';
import { IDS, SPEC } from './fixtures';
import { RUNS, checkDecoderProperty, mutatedLines, randomBytes } from './property';
import type { Backend } from '../src/index';

type CustomLog = LogFormat<'custom'>;

function events(log: CustomLog, input: string | Buffer, backend: Backend, more: object = {}) {
  const buf = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  return [...parse(buf, { log, backend, ...more })];
}
function one(log: CustomLog, line: string, backend: Backend) {
  const all = events(log, line, backend);
  expect(all).toHaveLength(1);
  return all[0]!;
}
const base = (line: number, offset: number) => ({ log: 'custom', line, offset });
const time = (timestamp: number) => ({ timestamp, timestamp_us: timestamp * 1e6 });
const compileError = (formats: CustomFormats, options = {}) => {
  try {
    compileFormats(formats, options);
  } catch (e) {
    expect(e).toBeInstanceOf(CustomFormatError);
    return (e as Error).message;
  }
  throw new Error('compiled without error');
};

/** Spec §10: the ec_logger mainlog layouts written as custom_logger formats. */
const EC_LOGGER: CustomFormats = {
  reception_format: '%t@%i@%BI@%CI@R@%r@%R@%m@%M@%H@%B@%p@%g@%b',
  delivery_format: '%t@%i@%BI@%CI@D@%d@%B@%g@%b@%N@%T@%H',
  transient_failure_format: '%t@%i@%BI@%CI@T@%d@0@%g@%b@%S@%N@%T@%H@%n',
  permanent_failure_format: '%t@%i@%BI@%CI@P@%d@0@%g@%b@%S@%N@%T@%H@%n',
};
const ecLogger = compileFormats(EC_LOGGER);
const SAMPLE = readFileSync(join(__dirname, '..', 'sample', 'mainlog.ec'));

describe('custom_logger format compile errors (exact messages)', () => {
  test('syntax: empty format, lone %, unterminated {, arguments', () => {
    expect(compileError({ delivery_format: '' })).toBe('delivery_format: empty format');
    expect(compileError({ delivery_format: '%t@%i@%' })).toBe('delivery_format: "%" at column 7 is not followed by a specifier name');
    expect(compileError({ delivery_format: '%t@% i' })).toBe('delivery_format: "%" at column 4 is not followed by a specifier name');
    expect(compileError({ delivery_format: '%t@%h{X-Job' })).toBe('delivery_format: unterminated "{" of %h at column 6');
    expect(compileError({ delivery_format: '%t@%h' })).toBe('delivery_format: %h at column 4 needs a {…} argument');
    expect(compileError({ delivery_format: '%t@%vctx_mess@x' })).toBe('delivery_format: %vctx_mess at column 4 needs a {…} argument');
    expect(compileError({ delivery_format: '%t@%us' })).toBe('delivery_format: %us at column 4 needs a {…} argument');
    expect(compileError({ delivery_format: '%t@%i{x}' })).toBe('delivery_format: %i at column 4 takes no {argument}');
    expect(compileError({ delivery_format: '%t@%h{}' })).toBe('delivery_format: %h{} at column 4 has an empty argument');
    expect(compileError({ delivery_format: '%t@%T{x}' })).toBe(
      'delivery_format: %T{x} at column 4: the argument must be a number of decimals',
    );
    expect(compileError({ delivery_format: '%t\n%i' })).toBe('delivery_format: a line break in the format would split its lines');
  });

  test('%% is a literal %; adjacent literal text is one token', () => {
    expect(parseFormat('%t 100%% %i', 'x')).toEqual([
      { kind: 'specifier', source: '%t', name: 't', arg: null, macro: false, column: 1 },
      { kind: 'literal', text: ' 100% ', column: 3 },
      { kind: 'specifier', source: '%i', name: 'i', arg: null, macro: false, column: 10 },
    ]);
  });

  test('a run that may be a specifier plus text or a macro is refused unless options.macros says', () => {
    expect(compileError({ delivery_format: '%t@%dkim' })).toBe(
      'delivery_format: ambiguous "%dkim" at column 4: %d followed by "kim", or a macro named "dkim" (list the macro names in options.macros)',
    );
    expect(parseFormat('%t@%dkim', 'x', ['dkim'])[2]).toMatchObject({ kind: 'specifier', name: 'dkim', macro: true });
    const split = parseFormat('%t@%dkim', 'x', []);
    expect(split.slice(2)).toMatchObject([
      { kind: 'specifier', name: 'd', macro: false },
      { kind: 'literal', text: 'kim' },
    ]);
  });

  test('two fields with no literal between them', () => {
    expect(compileError({ delivery_format: '%t%i' })).toBe('delivery_format: %t and %i have no literal between them');
    expect(compileError({ reception_format: '%t@%r%R' })).toBe('reception_format: %r and %R have no literal between them');
  });

  test('more than one field that may contain its delimiter, named with the bytes', () => {
    expect(compileError({ delivery_format: '%t@%n@%h{X-MSYS-API}' })).toBe(
      'delivery_format: more than one field may contain its delimiter: %n may contain "@", %h{X-MSYS-API} may contain "@"',
    );
    expect(compileError({ delivery_format: '%t{%Y-%m-%d %H:%M:%S} %i "%n"' })).toBe(
      'delivery_format: more than one field may contain its delimiter: %t{%Y-%m-%d %H:%M:%S} may contain " ", %n may contain " \\"" and "\\""',
    );
    expect(compileError({ delivery_format: '%vctx_conn{a},%vctx_mess{b}' })).toBe(
      'delivery_format: more than one field may contain its delimiter: %vctx_conn{a} may contain ",", %vctx_mess{b} may contain ","',
    );
    expect(compileError({ rejection_format: '%t %U %xyz' })).toBe(
      'rejection_format: more than one field may contain its delimiter: %U may contain " ", %xyz may contain " "',
    );
    // Stage text and bounce class names hold spaces, not "@"; binding names hold ".", "-", ":"…
    expect(compileError({ delivery_format: '%t %s %n' })).toBe(
      'delivery_format: more than one field may contain its delimiter: %s may contain " ", %n may contain " "',
    );
    expect(compileError({ delivery_format: '%b-%g-%i' })).toBe(
      'delivery_format: more than one field may contain its delimiter: %b may contain "-", %g may contain "-", %i may contain "-"',
    );
    expect(() => compileFormats({ delivery_format: '%t@%s@%c@%n' })).not.toThrow();
  });

  test('a field written twice', () => {
    expect(compileError({ delivery_format: '%T@%T{2}' })).toBe('delivery_format: %T and %T{2} both write queue_time');
    expect(compileError({ delivery_format: '%h{X}@%t@%h{X}' })).toBe('delivery_format: %h{X} and %h{X} both write headers.X');
  });

  test('stages whose formats cannot be told apart by their literals, with a line both match', () => {
    expect(compileError({ delivery_format: '%t@%i@%d', xfer_format: '%t@%i@%d' })).toBe(
      'delivery_format and xfer_format cannot be told apart by their literals: both match the line "@@"',
    );
    expect(compileError({ ...EC_LOGGER, permanent_failure_format: EC_LOGGER.transient_failure_format })).toBe(
      'transient_failure_format and permanent_failure_format cannot be told apart by their literals: both match the line "@@@@T@@0@@@@@@@"',
    );
    // A free field first could hold the other stage's literal.
    expect(compileError({ delivery_format: '%n@D@%i', xfer_format: '%n D %i' })).toBe(
      'delivery_format and xfer_format cannot be told apart by their literals: both match the line " D @D@"',
    );
    // Different letters at the same place, or a letter that a bounded field cannot hold: accepted.
    expect(() => compileFormats({ delivery_format: '%n@D@%i', xfer_format: '%n@X@%i' })).not.toThrow();
    expect(() => compileFormats({ reception_format: '%r@%R@R@%i', delivery_format: '%r@%R@D@%i' })).not.toThrow();
  });

  test('options: unknown format keys, no format, unknown stage', () => {
    expect(compileError({ foo_format: 'x' } as CustomFormats)).toBe(
      'unknown format option "foo_format" (expected reception_format, delivery_format, transient_failure_format, permanent_failure_format, xfer_format, rejection_format)',
    );
    expect(compileError({})).toBe('no format given');
    expect(() => compileFormat('%t', { stage: 'bounce' as 'delivery' })).toThrow('unknown stage "bounce"');
  });
});

describe.each(BACKENDS)('custom_logger: the ec_logger layouts of §10, %s backend', (backend) => {
  /**
   * Every line the four formats can have written decodes to the mainlog decoder's event, except:
   * `log` ('custom'), no `layout`, and no `bytes_transferred` on T/P (the formats write a literal
   * `0` there). Lines the four formats cannot have written are malformed: heartbeats (`M`), `X`
   * (no xfer_format here) and T/P lines whose bytes_transferred is not 0.
   */
  function compareWithMainlog(input: Buffer) {
    const main = [...parse(input, { log: 'mainlog', backend })];
    const custom = events(ecLogger, input, backend);
    expect(custom).toHaveLength(main.length);
    const counts = { equal: 0, malformed: 0 };
    main.forEach((m, k) => {
      const c = custom[k]!;
      if (writable(m)) {
        const expected: Record<string, unknown> = { ...m, log: 'custom' };
        delete expected.layout;
        delete expected.bytes_transferred; // T/P: the formats write a literal 0 (checked by writable)
        expect(c).toEqual(expected);
        counts.equal++;
      } else {
        const raw = input.toString('latin1').split('\n')[m.line - 1]!;
        expect(c).toEqual({ type: 'malformed', record: null, ...base(m.line, m.offset), reason: unwritableReason(raw), raw });
        counts.malformed++;
      }
    });
    return counts;
  }
  function writable(m: MainlogEvent): boolean {
    if (m.type === 'reception' || m.type === 'delivery') return true;
    return (m.type === 'transient_failure' || m.type === 'permanent_failure') && m.bytes_transferred === 0;
  }
  /** What the custom matcher says of a line none of the four formats can have written. */
  function unwritableReason(line: string): string {
    const column = (k: number) => line.split('@', k + 1).join('@').length + 1; // column of the k-th `@` (from 0)
    const letter = line.split('@')[4];
    const at4 = column(3);
    const stage = (key: string, own: string) =>
      `${key}: expected ${letter === own ? `"@0@" at column ${column(5)}` : `"@${own}@" at column ${at4}`}`;
    return `matches none of 4 formats: ${[
      stage('reception_format', 'R'),
      stage('delivery_format', 'D'),
      stage('transient_failure_format', 'T'),
      stage('permanent_failure_format', 'P'),
    ].join('; ')}`;
  }

  test('spec §4 examples R, D, T equal mainlog; P (31 bytes transferred) cannot be written by the P format', () => {
    const input = Buffer.from([SPEC.mainlogR, SPEC.mainlogD, SPEC.mainlogT, SPEC.mainlogP].join('\n'));
    expect(compareWithMainlog(input)).toEqual({ equal: 3, malformed: 1 });
  });

  test('spec §4 examples: whole events', () => {
    const [r, d, t] = events(ecLogger, [SPEC.mainlogR, SPEC.mainlogD, SPEC.mainlogT].join('\n'), backend);
    expect(r).toEqual({
      type: 'reception',
      record: 'R',
      ...base(1, 0),
      ...time(1064868656),
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
    expect(d).toEqual({
      type: 'delivery',
      record: 'D',
      ...base(2, SPEC.mainlogR.length + 1),
      ...time(1064871280),
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
    expect(t).toEqual({
      type: 'transient_failure',
      record: 'T',
      ...base(3, SPEC.mainlogR.length + SPEC.mainlogD.length + 2),
      ...time(1064869327),
      message_id: '00/00-25593-CBD987F3',
      batch_id: IDS.batch,
      connection_id: IDS.conn,
      domain: 'example.fict',
      binding_group: 'group-a',
      binding: 'binding-a',
      stage: 15,
      retries: 0,
      queue_time: 18.53,
      remote_ip: '10.0.0.1',
      response: '421 no adequate servers',
    });
  });

  test('sample/mainlog.ec: every writable line equals mainlog; heartbeats, X and T/P with bytes are malformed', () => {
    // 250 R + 224 D + 54 T/P with 0 bytes; 122 heartbeats + 2 X + 26 T/P with bytes transferred.
    expect(compareWithMainlog(SAMPLE)).toEqual({ equal: 528, malformed: 150 });
  });

  test('the same with the @ fast path off (the generic matcher)', () => {
    const generic = compileFormats(EC_LOGGER, { matcher: 'generic' });
    expect(events(generic, SAMPLE, backend)).toEqual(events(ecLogger, SAMPLE, backend));
  });
});

describe.each(BACKENDS)('custom_logger specifiers, %s backend', (backend) => {
  test('time and IDs: %t (16 digits) %i %BI %CI %OC', () => {
    const log = compileFormat('%t@%i@%BI@%CI@%OC', { stage: 'delivery' });
    expect(one(log, `1064868656123456@00/00-25004-31B987F3@${IDS.batch}@${IDS.conn}@00/00-00000-00000000`, backend)).toEqual({
      type: 'delivery',
      record: null,
      ...base(1, 0),
      timestamp: 1064868656,
      timestamp_us: 1064868656123456,
      message_id: '00/00-25004-31B987F3',
      batch_id: IDS.batch,
      connection_id: IDS.conn,
      outbound_connection_id: '00/00-00000-00000000',
    });
  });

  test('addresses: %r %R %m %M %H (empty sender kept)', () => {
    const log = compileFormat('%r@%R %m@%M [%H]', { stage: 'reception' });
    expect(one(log, 'joe@example.com @ [2001:db8::25]', backend)).toEqual({
      type: 'reception',
      record: null,
      ...base(1, 0),
      rcpt_localpart: 'joe',
      rcpt_domain: 'example.com',
      mailfrom_localpart: '',
      mailfrom_domain: '',
      remote_ip: '2001:db8::25',
    });
  });

  test('numbers: %B %N %S %C %T are numbers; %T{N} too', () => {
    const log = compileFormat('size=%B tries=%N stage=%S class=%C queued=%T', { stage: 'permanent_failure' });
    expect(one(log, 'size=1223 tries=3 stage=21 class=24 queued=306072.00', backend)).toEqual({
      type: 'permanent_failure',
      record: null,
      ...base(1, 0),
      size: 1223,
      retries: 3,
      stage: 21,
      bounce_class: 24,
      queue_time: 306072,
    });
    expect(one(compileFormat('%i@%T{3}', { stage: 'delivery' }), 'ID@0.393', backend)).toMatchObject({ queue_time: 0.393 });
  });

  test('names: %p %g %b %d %A %P %PG %mx %U (the user may contain the delimiter)', () => {
    const log = compileFormat('%p|%g|%b|%d|%A|%P|%PG|%mx|%U', { stage: 'reception' });
    expect(one(log, 'esmtp|group-a|binding-a|example.com|CRAM-MD5|default|pw-group|mx1.example.com|joe|x@example.com', backend)).toEqual({
      type: 'reception',
      record: null,
      ...base(1, 0),
      protocol: 'esmtp',
      binding_group: 'group-a',
      binding: 'binding-a',
      domain: 'example.com',
      auth_method: 'CRAM-MD5',
      pathway: 'default',
      pathway_group: 'pw-group',
      mx: 'mx1.example.com',
      auth_user: 'joe|x@example.com',
    });
  });

  test('texts: %s %c %n', () => {
    const log = compileFormat('%t@%s@%c@%n', { stage: 'transient_failure' });
    expect(one(log, '1064868656@after RCPT TO@Generic Bounce: No RCPT@451 <a@b.example> try @ later@', backend)).toEqual({
      type: 'transient_failure',
      record: null,
      ...base(1, 0),
      ...time(1064868656),
      stage_text: 'after RCPT TO',
      bounce_class_name: 'Generic Bounce: No RCPT',
      response: '451 <a@b.example> try @ later@',
    });
  });

  test('times as text: %t{strftime} → time_text, %us{N} → time_us_text (kept as text)', () => {
    const log = compileFormat('%t{%d/%b/%Y:%H:%M:%S}@%us{6}@%i', { stage: 'delivery' });
    expect(one(log, '17/Mar/2024:10:01:02@1710669662.123456@ID', backend)).toEqual({
      type: 'delivery',
      record: null,
      ...base(1, 0),
      time_text: '17/Mar/2024:10:01:02',
      time_us_text: '1710669662.123456',
      message_id: 'ID',
    });
  });

  test('objects: %h{…} → headers, %vctx_conn{…}, %vctx_mess{…}, unknown macros → macros', () => {
    const log = compileFormats({
      reception_format: 'R@%t@%i@%h{X-Job}',
      delivery_format: 'D@%t@%i@%vctx_conn{ehlo_domain}',
      transient_failure_format: 'T@%t@%i@%vctx_mess{smtpapi_campaign_id}',
      permanent_failure_format: 'P@%t@%i@%xjob{a b}',
      rejection_format: 'J@%t@%foo',
    });
    const lines = ['R@1064868656@ID@job@1', 'D@1064868656@ID@mx.example', 'T@1064868656@ID@', 'P@1064868656@ID@x y', 'J@1064868656@a@b'];
    const offsets = lines.map((_, k) => lines.slice(0, k).join('\n').length + (k > 0 ? 1 : 0));
    expect(events(log, lines.join('\n'), backend)).toEqual([
      { type: 'reception', record: 'R', ...base(1, offsets[0]!), ...time(1064868656), message_id: 'ID', headers: { 'X-Job': 'job@1' } },
      {
        type: 'delivery',
        record: 'D',
        ...base(2, offsets[1]!),
        ...time(1064868656),
        message_id: 'ID',
        vctx_conn: { ehlo_domain: 'mx.example' },
      },
      {
        type: 'transient_failure',
        record: 'T',
        ...base(3, offsets[2]!),
        ...time(1064868656),
        message_id: 'ID',
        vctx_mess: { smtpapi_campaign_id: '' },
      },
      {
        type: 'permanent_failure',
        record: 'P',
        ...base(4, offsets[3]!),
        ...time(1064868656),
        message_id: 'ID',
        macros: { 'xjob{a b}': 'x y' },
      },
      { type: 'rejection', record: 'J', ...base(5, offsets[4]!), ...time(1064868656), macros: { foo: 'a@b' } },
    ]);
  });

  test('several objects in one format (a non-@ delimiter none of them holds) and a __proto__ key', () => {
    // A tab is in every text alphabet, so two objects are refused…
    expect(compileError({ delivery_format: '%i\t%h{X-Job}\t%h{__proto__}' })).toBe(
      'delivery_format: more than one field may contain its delimiter: %h{X-Job} may contain "\\t", %h{__proto__} may contain "\\t"',
    );
    // …and one object next to bounded fields is read, with "__proto__" as an own key.
    const ev = one(compileFormat('%i %h{__proto__}', { stage: 'delivery' }), 'ID {"a": 1}', backend);
    expect(ev).toEqual({ type: 'delivery', record: null, ...base(1, 0), message_id: 'ID', headers: { ['__proto__']: '{"a": 1}' } });
    expect(Object.getPrototypeOf((ev as { headers: object }).headers)).toBe(Object.prototype);
    expect(Object.keys((ev as { headers: object }).headers)).toEqual(['__proto__']);
  });

  test('%h{X-MSYS-API}: a JSON header with @ inside, first, in the middle or last', () => {
    const json = '{"campaign_id": "spring@2024", "metadata": {"user": "a@b.example"}, "tags": ["@x"], "options": {}}';
    const middle = compileFormat('%t@%i@%h{X-MSYS-API}@%r@%R', { stage: 'reception' });
    expect(one(middle, `1064868656@ID@${json}@"joe@home"@example.com`, backend)).toEqual({
      type: 'reception',
      record: null,
      ...base(1, 0),
      ...time(1064868656),
      message_id: 'ID',
      rcpt_localpart: '"joe@home"',
      rcpt_domain: 'example.com',
      headers: { 'X-MSYS-API': json },
    });
    const first = compileFormat('%h{X-MSYS-API}@%i@%t', { stage: 'delivery' });
    expect(one(first, `${json}@ID@1064868656`, backend)).toMatchObject({ headers: { 'X-MSYS-API': json }, message_id: 'ID' });
    const last = compileFormat('%t@%i@%h{X-MSYS-API}', { stage: 'delivery' });
    expect(one(last, `1064868656@ID@${json}`, backend)).toMatchObject({ headers: { 'X-MSYS-API': json } });
    expect(one(last, '1064868656@ID@', backend)).toMatchObject({ headers: { 'X-MSYS-API': '' } });
  });

  test('%r and %m are quote-aware like the core (@ and escaped quotes inside quotes)', () => {
    const log = compileFormat('%t@%r@%R@%m@%M@%B', { stage: 'reception' });
    const ev = one(log, '1064868656@"a\\"@b"@example.com@"x@y@z"@sender.example@5', backend);
    expect(ev).toMatchObject({ rcpt_localpart: '"a\\"@b"', rcpt_domain: 'example.com', mailfrom_localpart: '"x@y@z"', size: 5 });
    // An unterminated quote is not a quoted string: the field ends at the next "@".
    expect(one(log, '1064868656@"abc@example.com@info@x.example@5', backend)).toMatchObject({
      rcpt_localpart: '"abc',
      rcpt_domain: 'example.com',
    });
    // In a literal-driven format (a space after the domain) and right of a free field.
    const spaced = compileFormat('%r@%R %m@%M %n', { stage: 'reception' });
    expect(one(spaced, '"a b@c"@example.com "x y"@s.example 250 ok', backend)).toMatchObject({
      rcpt_localpart: '"a b@c"',
      rcpt_domain: 'example.com',
      mailfrom_localpart: '"x y"',
      response: '250 ok',
    });
    const right = compileFormat('%t@%n@%r@%R', { stage: 'reception' });
    expect(one(right, '1064868656@550 <a@b>@"joe@home"@example.com', backend)).toMatchObject({
      response: '550 <a@b>',
      rcpt_localpart: '"joe@home"',
    });
  });

  test('a literal-driven format: %t %i "%n" with quotes and spaces in the response', () => {
    const log = compileFormats({ reception_format: '%t R %i %r@%R', delivery_format: '%t D %i "%n"' });
    const text = '1064868656 D 00/00-25004-31B987F3 "550 "quoted" @ text"\n1064868656 R ID "a b"@example.com\n';
    expect(events(log, text, backend)).toEqual([
      {
        type: 'delivery',
        record: 'D',
        ...base(1, 0),
        ...time(1064868656),
        message_id: '00/00-25004-31B987F3',
        response: '550 "quoted" @ text',
      },
      {
        type: 'reception',
        record: 'R',
        ...base(2, 56),
        ...time(1064868656),
        message_id: 'ID',
        rcpt_localpart: '"a b"',
        rcpt_domain: 'example.com',
      },
    ]);
  });

  test('record letters: a lone uppercase letter of the literals, else null', () => {
    const cases: Array<[string, string, string | null]> = [
      ['%t R %i', '1 R x', 'R'],
      ['[D] %t', '[D] 1', 'D'],
      ['X@%t', 'X@1', 'X'],
      ['%t@%i', '1@x', null],
      ['ID=%i', 'ID=x', null],
      ['%t@Rx@%i', '1@Rx@x', null],
    ];
    for (const [format, line, record] of cases)
      expect(one(compileFormat(format, { stage: 'delivery' }), line, backend).record).toBe(record);
  });

  test('%t{strftime} gives timestamp only when exact: %s, %z, or a given UTC offset', () => {
    const plain = compileFormat('%t{%Y-%m-%d %H:%M:%S}|%i', { stage: 'delivery' });
    expect(one(plain, '2024-03-17 10:01:02|ID', backend)).toEqual({
      type: 'delivery',
      record: null,
      ...base(1, 0),
      time_text: '2024-03-17 10:01:02',
      message_id: 'ID',
    });
    const utc = compileFormat('%t{%Y-%m-%d %H:%M:%S}|%i', { stage: 'delivery', utcOffsetMinutes: 0 });
    expect(one(utc, '2024-03-17 10:01:02|ID', backend)).toEqual({
      type: 'delivery',
      record: null,
      ...base(1, 0),
      ...time(1710669662),
      time_text: '2024-03-17 10:01:02',
      message_id: 'ID',
    });
    const east = compileFormat('%t{%Y-%m-%d %H:%M:%S}|%i', { stage: 'delivery', utcOffsetMinutes: 120 });
    expect(one(east, '2024-03-17 12:01:02|ID', backend)).toMatchObject(time(1710669662));
    const zoned = compileFormat('%t{%FT%T%z}@%i', { stage: 'delivery' });
    expect(one(zoned, '2024-03-17T05:31:02-0430@ID', backend)).toMatchObject({
      ...time(1710669662),
      time_text: '2024-03-17T05:31:02-0430',
    });
    const epoch = compileFormat('%t{%s}@%i', { stage: 'delivery' });
    expect(one(epoch, '1710669662@ID', backend)).toMatchObject(time(1710669662));
    // %t wins for timestamp; %t{…} stays text.
    const both = compileFormat('%t@%t{%s}', { stage: 'delivery' });
    expect(one(both, '1064868656@1710669662', backend)).toEqual({
      type: 'delivery',
      record: null,
      ...base(1, 0),
      ...time(1064868656),
      time_text: '1710669662',
    });
  });
});

describe.each(BACKENDS)('custom_logger malformed lines, %s backend', (backend) => {
  /** One bad line between two good ones: the bad one is reported exactly and parsing goes on. */
  function between(log: CustomLog, good: string, bad: string | Buffer) {
    const badBuf = typeof bad === 'string' ? Buffer.from(bad, 'latin1') : bad;
    const input = Buffer.concat([Buffer.from(`${good}\n`), badBuf, Buffer.from(`\n${good}`)]);
    const evs = events(log, input, backend);
    expect(evs.map((e) => e.type === 'malformed')).toEqual([false, true, false]);
    expect(evs[2]).toMatchObject({ line: 3, offset: good.length + badBuf.length + 2 });
    return evs[1] as Extract<EcelogEvent, { type: 'malformed' }>;
  }
  const D = compileFormat(EC_LOGGER.delivery_format!, { stage: 'delivery' });
  const bracket = compileFormat('[%t] %i', { stage: 'delivery' });
  const quoted = compileFormat('%t "%n"', { stage: 'transient_failure' });

  test('a line of no stage: the reason names every stage tried', () => {
    const bad = SPEC.mainlogD.replace('@D@', '@X@');
    expect(between(ecLogger, SPEC.mainlogR, bad)).toEqual({
      type: 'malformed',
      record: null,
      ...base(2, SPEC.mainlogR.length + 1),
      reason:
        'matches none of 4 formats: reception_format: expected "@R@" at column 74; delivery_format: expected "@D@" at column 74; ' +
        'transient_failure_format: expected "@T@" at column 74; permanent_failure_format: expected "@P@" at column 74',
      raw: bad,
    });
  });

  test('the last field holds its delimiter (an extra @-field)', () => {
    const bad = `${SPEC.mainlogD}@extra`;
    expect(between(D, SPEC.mainlogD, bad)).toEqual({
      type: 'malformed',
      record: null,
      ...base(2, SPEC.mainlogD.length + 1),
      reason: `delivery_format: %H (the last field) contains "@" at column ${SPEC.mainlogD.length + 1}`,
      raw: bad,
    });
  });

  test('too few fields: a literal is missing', () => {
    const bad = SPEC.mainlogD.slice(0, SPEC.mainlogD.lastIndexOf('@'));
    expect(between(D, SPEC.mainlogD, bad)).toMatchObject({ record: null, reason: 'delivery_format: no "@" after %T' });
  });

  test('does not start with the first literal', () => {
    expect(between(bracket, '[1] a', '1] a')).toMatchObject({ record: null, reason: 'delivery_format: does not start with "["' });
  });

  test('a literal not where its first byte is', () => {
    expect(between(bracket, '[1] a', '[1]a')).toMatchObject({ reason: 'delivery_format: expected "] " at column 3' });
  });

  test('text after the end of the format', () => {
    const angle = compileFormat('<%i>', { stage: 'delivery' });
    expect(between(angle, '<a>', '<a>b')).toMatchObject({ reason: 'delivery_format: text after the end of the format at column 4' });
  });

  test('does not end with the last literal (free field)', () => {
    expect(between(quoted, '1 "x"', '1 "x')).toMatchObject({ reason: 'transient_failure_format: does not end with "\\""' });
  });

  test('a literal missing right of the free field', () => {
    const log = compileFormat('%n@%i@%d', { stage: 'transient_failure' });
    expect(between(log, 'a@b@c', 'abc')).toMatchObject({ reason: 'transient_failure_format: no "@" before %d' });
  });

  test('a number field that is not a number (the stage is known: its record letter)', () => {
    const bad = SPEC.mainlogD.replace('@266@', '@26x@');
    expect(between(ecLogger, SPEC.mainlogR, bad)).toMatchObject({
      record: 'D',
      reason: 'delivery_format: size (%B) is not an integer: "26x"',
    });
    const q = SPEC.mainlogD.replace('@0.393@', '@0.3.93@');
    expect(between(ecLogger, SPEC.mainlogR, q)).toMatchObject({
      record: 'D',
      reason: 'delivery_format: queue_time (%T) is not a number: "0.3.93"',
    });
    const empty = SPEC.mainlogT.replace('@15@', '@@');
    expect(between(ecLogger, SPEC.mainlogR, empty)).toMatchObject({
      record: 'T',
      reason: 'transient_failure_format: stage (%S) is not an integer: ""',
    });
  });

  test('a bad timestamp', () => {
    const bad = SPEC.mainlogD.replace('1064871280', '10648x1280');
    expect(between(ecLogger, SPEC.mainlogR, bad)).toMatchObject({
      record: 'D',
      reason: 'delivery_format: bad timestamp "10648x1280": is not a number',
    });
    const long = SPEC.mainlogD.replace('1064871280', '1064871280123');
    expect(between(ecLogger, SPEC.mainlogR, long).reason).toBe(
      'delivery_format: bad timestamp "1064871280123": has 13 digits (seconds have up to 11, microseconds 15 to 17)',
    );
  });

  test('a %t{…} text that is no time of its pattern', () => {
    const zoned = compileFormat('%t{%F %T %z} %i', { stage: 'delivery' });
    expect(between(zoned, '2024-03-17 10:01:02 +0000 a', '2024-02-30 10:01:02 +0000 a')).toMatchObject({
      record: null,
      reason: 'delivery_format: time_text (%t{%F %T %z}) is not a time its pattern writes: "2024-02-30 10:01:02 +0000"',
    });
  });

  test('empty line and NUL bytes (the checks every line goes through)', () => {
    expect(between(D, SPEC.mainlogD, '')).toMatchObject({ record: null, reason: 'empty line', raw: '' });
    const nul = Buffer.from(SPEC.mainlogD);
    nul[5] = 0;
    expect(between(D, SPEC.mainlogD, nul)).toMatchObject({ reason: 'NUL byte at column 6' });
  });

  test('CRLF, invalid UTF-8 (flagged) and rawBytes', () => {
    const bad = Buffer.concat([Buffer.from(`${SPEC.mainlogT}`), Buffer.from([0xff, 0x41]), Buffer.from('\r\n')]);
    const [ev] = events(ecLogger, bad, backend, { rawBytes: true });
    expect(ev).toMatchObject({ type: 'transient_failure', response: '421 no adequate servers\ufffdA', invalid_utf8: true });
    expect(Buffer.from(ev!.bytes!)).toEqual(bad.subarray(0, bad.length - 2));
  });
});

describe('custom_logger properties', () => {
  const sampleLines = SAMPLE.toString('latin1')
    .split('\n')
    .filter((l) => /@[RDTP]@/.test(l))
    .slice(0, 40);

  test('ec_logger formats: same events on both backends and any chunking, one per line', () => {
    checkDecoderProperty(ecLogger, [SPEC.mainlogR, SPEC.mainlogD, SPEC.mainlogT, ...sampleLines]);
  });

  const literalDriven = compileFormats({ reception_format: '%t R %i %r@%R', delivery_format: '%t D %i "%n"' });
  const literalSeeds = ['1064868656 R ID "a b"@example.com', '1064868656 D ID "550 "x" @ y"', '1 R a b@c', '1 D a ""'];
  test('a literal-driven format: the same property', () => {
    checkDecoderProperty(literalDriven, literalSeeds);
  });

  const middle: CustomFormats = { reception_format: '%t@R@%r@%h{X-MSYS-API}@%m@%M@%B', delivery_format: '%t@D@%n@%i' };
  const middleSeeds = ['1@R@"a@b"@{"x": "@"}@"c@d"@e.example@5', '1@R@a@@b@c@0', '1@D@550 <a@b> x@ID', '1@D@@'];
  test('a free field in the middle of an @ format: the same property', () => {
    checkDecoderProperty(compileFormats(middle), middleSeeds);
  });

  test('the @ fast path and the generic matcher give the same events', () => {
    const cases: Array<[CustomFormats, string[]]> = [
      [EC_LOGGER, [SPEC.mainlogR, SPEC.mainlogD, SPEC.mainlogT, ...sampleLines, '1@a@b@c@R@"x@y"@d@"u\\"@"@v@h@1@p@g@b']],
      [middle, middleSeeds],
      [{ delivery_format: '%h{X}@%i@%r@%B' }, ['{"a@b"}@ID@"x@y"@5', '@@@', 'a@b@"c@d"@e@1', 'x@@"@"@1']],
    ];
    for (const [formats, seeds] of cases) {
      const fast = compileFormats(formats);
      const generic = compileFormats(formats, { matcher: 'generic' });
      fc.assert(
        fc.property(fc.oneof(mutatedLines(seeds), randomBytes), (buf) => {
          for (const backend of BACKENDS) {
            expect([...parse(buf, { log: fast, backend })]).toEqual([...parse(buf, { log: generic, backend })]);
          }
        }),
        { numRuns: RUNS },
      );
    }
  });
});
