import { describe, expect, test } from 'vitest';
import { ParseError, parse, parseStream, type EcelogEvent } from '../src/index';
import { BACKENDS } from './backends';
import { SPEC } from './fixtures';
import type { Backend } from '../src/index';

function events(input: string | Buffer, backend: Backend, more: object = {}): EcelogEvent[] {
  const buf = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  return [...parse(buf, { log: 'mainlog', backend, ...more })];
}

/** One bad line between two good ones: the bad one is reported exactly and parsing goes on. */
function between(bad: string | Buffer, backend: Backend) {
  const good = Buffer.from(`${SPEC.mainlogR}\n`);
  const badBuf = typeof bad === 'string' ? Buffer.from(bad, 'latin1') : bad;
  const input = Buffer.concat([good, badBuf, Buffer.from('\n'), Buffer.from(SPEC.mainlogD)]);
  const evs = events(input, backend);
  expect(evs.map((e) => e.type)).toEqual(['reception', 'malformed', 'delivery']);
  expect(evs[1]).toMatchObject({ line: 2, offset: good.length, log: 'mainlog' });
  expect(evs[2]).toMatchObject({ line: 3, offset: good.length + badBuf.length + 1 });
  return evs[1] as Extract<EcelogEvent, { type: 'malformed' }>;
}

describe.each(BACKENDS)('malformed lines, %s backend', (backend) => {
  test('too few fields', () => {
    const bad = SPEC.mainlogD.slice(0, SPEC.mainlogD.lastIndexOf('@'));
    const ev = between(bad, backend);
    expect(ev).toEqual({
      type: 'malformed',
      record: 'D',
      log: 'mainlog',
      line: 2,
      offset: SPEC.mainlogR.length + 1,
      reason: 'D record: expected 12 (3.x/4.x) fields, found 11',
      raw: bad,
    });
  });

  test('too many fields (no free text in D)', () => {
    const ev = between(`${SPEC.mainlogD}@extra`, backend);
    expect(ev.reason).toBe('D record: expected 12 (3.x/4.x) fields, found 13');
    expect(ev.raw).toBe(`${SPEC.mainlogD}@extra`);
  });

  test('too few fields for a free-text record', () => {
    const ev = between('1064869327@00/00-25593-CBD987F3@a@b@T@example.fict@0', backend);
    expect(ev.reason).toBe('T record: expected at least 14 (3.x/4.x) fields, found 7');
  });

  test('bad timestamp: not a number', () => {
    const bad = SPEC.mainlogD.replace('1064871280', '10648x1280');
    expect(between(bad, backend)).toMatchObject({ record: null, reason: 'bad timestamp "10648x1280": is not a number' });
  });

  test('bad timestamp: 13 digits is neither seconds nor microseconds', () => {
    const bad = SPEC.mainlogD.replace('1064871280', '1064871280123');
    expect(between(bad, backend).reason).toBe(
      'bad timestamp "1064871280123": has 13 digits (seconds have up to 11, microseconds 15 to 17)',
    );
  });

  test('bad timestamp: empty', () => {
    expect(between('@@@@M', backend).reason).toBe('bad timestamp "": is not a number');
  });

  test('NUL bytes are reported with their column', () => {
    const bad = Buffer.from(SPEC.mainlogD, 'latin1');
    bad[20] = 0;
    const ev = between(bad, backend);
    expect(ev.reason).toBe('NUL byte at column 21');
    expect(ev.raw).toBe(bad.toString('latin1'));
  });

  test('a line of NULs only', () => {
    expect(between(Buffer.alloc(40), backend).reason).toBe('NUL byte at column 1');
  });

  test('unknown record letter', () => {
    const ev = between(SPEC.mainlogD.replace('@D@', '@Q@'), backend);
    expect(ev).toMatchObject({ record: 'Q', reason: 'unknown mainlog record type "Q"' });
  });

  test('no record letter at all', () => {
    const ev = between('1064871280@just some text@with@at signs', backend);
    expect(ev).toMatchObject({
      record: null,
      reason: 'no mainlog record type in field 4 (3.x/4.x layout) or field 2 (2.x layouts)',
    });
  });

  test('a number field that is not a number', () => {
    const ev = between(SPEC.mainlogD.replace('@266@', '@26x@'), backend);
    expect(ev.reason).toBe('D record (3.x/4.x layout): field 6 (size) is not an integer: "26x"');
  });

  test('a queue time that is not a number', () => {
    const ev = between(SPEC.mainlogD.replace('@0.393@', '@0.3.93@'), backend);
    expect(ev.reason).toBe('D record (3.x/4.x layout): field 10 (queue_time) is not a number: "0.3.93"');
  });

  test('empty line', () => {
    expect(between('', backend)).toMatchObject({ reason: 'empty line', raw: '' });
  });

  test('a line longer than maxLineLength', () => {
    const long = `${SPEC.mainlogT}${'x'.repeat(300)}`;
    const evs = events(`${SPEC.mainlogR}\n${long}\n${SPEC.mainlogD}`, backend, { maxLineLength: 200 });
    expect(evs.map((e) => e.type)).toEqual(['reception', 'malformed', 'delivery']);
    expect(evs[1]).toMatchObject({ line: 2, reason: `line of ${long.length} bytes exceeds maxLineLength (200)`, raw: long });
  });

  test('invalid UTF-8 is flagged, decoded with U+FFFD, and the bytes are reachable', () => {
    const bad = Buffer.concat([Buffer.from(SPEC.mainlogT), Buffer.from([0xff, 0xfe, 0x41])]);
    const [ev] = events(bad, backend, { rawBytes: true });
    expect(ev).toMatchObject({ type: 'transient_failure', invalid_utf8: true, response: '421 no adequate servers\ufffd\ufffdA' });
    expect(Buffer.from(ev!.bytes!)).toEqual(bad);
  });

  test('valid UTF-8 is decoded and not flagged', () => {
    const [ev] = events(Buffer.from(`${SPEC.mainlogT} — déjà vu`), backend);
    expect(ev).toMatchObject({ response: '421 no adequate servers — déjà vu' });
    expect(ev).not.toHaveProperty('invalid_utf8');
  });

  test('strict: throws a ParseError with the same facts', () => {
    const bad = SPEC.mainlogD.replace('@D@', '@Q@');
    const input = `${SPEC.mainlogR}\n${bad}\n${SPEC.mainlogD}\n`;
    let thrown: unknown;
    const seen: string[] = [];
    try {
      for (const ev of parse(Buffer.from(input), { log: 'mainlog', backend, strict: true })) seen.push(ev.type);
    } catch (e) {
      thrown = e;
    }
    expect(seen).toEqual(['reception']);
    expect(thrown).toBeInstanceOf(ParseError);
    const err = thrown as ParseError;
    expect(err.line).toBe(2);
    expect(err.offset).toBe(SPEC.mainlogR.length + 1);
    expect(err.reason).toBe('unknown mainlog record type "Q"');
    expect(err.raw).toBe(bad);
    expect(err.message).toBe(`mainlog line 2 (byte ${SPEC.mainlogR.length + 1}): unknown mainlog record type "Q"`);
  });

  test('strict on a stream rejects the iteration', async () => {
    async function* chunks() {
      yield Buffer.from(`${SPEC.mainlogR}\nbroken\n`);
    }
    const it = parseStream(chunks(), { log: 'mainlog', backend, strict: true });
    await expect(
      (async () => {
        for await (const _ of it) void _;
      })(),
    ).rejects.toThrow(ParseError);
  });

  test('the raw text of a malformed line with rawBytes carries the bytes', () => {
    const evs = events(`garbage\r\n`, backend, { rawBytes: true });
    expect(evs[0]).toMatchObject({ type: 'malformed', raw: 'garbage' });
    expect(Buffer.from(evs[0]!.bytes!).toString()).toBe('garbage');
  });
});

describe.each(BACKENDS)('malformed lines and UTF-8, %s backend', (backend) => {
  test('a malformed line of invalid UTF-8 carries invalid_utf8; a valid or overlong one does not', () => {
    const evs = events(
      Buffer.concat([
        Buffer.from('bad\xff line\n', 'latin1'),
        Buffer.from('bad ünïcode\n'),
        Buffer.from(`${'\xff'.repeat(300)}\n`, 'latin1'),
      ]),
      backend,
      { maxLineLength: 200 },
    );
    expect(evs.map((e) => [e.type, e.invalid_utf8 ?? false])).toEqual([
      ['malformed', true],
      ['malformed', false],
      ['malformed', false], // overlong: only its head is kept, so its validity is not judged
    ]);
  });
});
