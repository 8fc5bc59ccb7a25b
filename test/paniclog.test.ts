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
  checkDecoderProperty(paniclog, [SPEC_PANIC, ...MULTI, ...DUMP, '1251382104123456:core: x', '', '12: in function'], { multiLine: true });
});
