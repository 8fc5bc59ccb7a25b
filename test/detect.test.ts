import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { FORMATS } from '../src/decoders/index';
import type { Cursor } from '../src/core/cursor';
import { bouncelog } from '../src/decoders/bouncelog';
import { checkLine, malformed, type LogFormat } from '../src/decoders/log-format';
import { mainlog } from '../src/decoders/mainlog';
import {
  DETECT_HEAD_BYTES,
  DetectError,
  detectFile,
  detectLog,
  hintFromFileName,
  type DetectOptions,
  type DetectResult,
} from '../src/session/detect';
import type { EcelogEvent } from '../src/decoders/index';
import type { LogKind } from '../src/decoders/event';
import { BACKENDS } from './backends';
import { IDS, SPEC } from './fixtures';

const AT_LOGS: LogFormat[] = [mainlog, bouncelog];
const SAMPLE_MAINLOG = readFileSync('sample/mainlog.ec');
const SAMPLE_BOUNCELOG = readFileSync('sample/bouncelog.ec');

/** Lines of a sample file whose record letter (field 4) is `letter`. */
function sampleLines(file: Buffer, letter: string): string[] {
  return file
    .toString('latin1')
    .split('\n')
    .filter((l) => l.split('@')[4] === letter);
}
const text = (...lines: string[]) => Buffer.from(lines.map((l) => `${l}\n`).join(''), 'latin1');

/** The DetectError `detectLog` throws (fails the test when it returns). */
function refusal(head: Uint8Array, formats: readonly LogFormat[], options: DetectOptions): DetectError {
  let result: DetectResult;
  try {
    result = detectLog(head, formats, options);
  } catch (err) {
    expect(err).toBeInstanceOf(DetectError);
    return err as DetectError;
  }
  throw new Error(`detected ${result.log}`);
}

// 2.x layouts (spec §5): letter at field 2, no batch or connection ID.
const OLD = {
  mainlogR22: '1064868656@00/00-25004-31B987F3@R@bob@example.fict@info@postalengine.com@10.0.1.1@201@esmtp@default@default',
  mainlogR21: '1064868656@00/00-25004-31B987F3@R@bob@example.fict@info@postalengine.com@10.0.1.1@201@xfr@default',
  mainlogD22: SPEC.mainlogD22,
  mainlogD21: '1064871280@20/00-25593-945A87F3@D@postalengine.com@266@binding-a@0@0.393',
  mainlogT22: '1064869327@00/00-25593-CBD987F3@T@example.fict@0@group-a@binding-a@15@0@18.53@10.0.0.1@421 no adequate servers',
  mainlogP21: '1064870847@10/00-25593-393A87F3@P@postalengine.com@31@binding-a@5@1@3.89@552 <joe@postalengine.com> No such account',
  bouncelogB22:
    '1064868656@91/6D-07914-E67BC044@B@johndoe@example.fict@info@postalengine.com@group-a@binding-a@5@10@10.0.0.1@550 <johndoe@example.fict> unknown',
  bouncelogB21:
    '1064868656@91/6D-07914-E67BC044@B@johndoe@example.fict@info@postalengine.com@binding-a@5@10@550 <johndoe@example.fict> unknown',
  heartbeat: '1064868700@@M',
};

// A bouncelog T and a mainlog T whose responses hold many `@`, so each has the field count of the other.
const bouncelogT = (response: string) =>
  `1064869327@00/00-25593-CBD987F3@${IDS.batch}@${IDS.conn}@T@joe@example.fict@info@postalengine.com@group-a@binding-a@4@70@1223@10.0.0.1@${response}`;
const mainlogT = (response: string) =>
  `1064869327@00/00-25593-CBD987F3@${IDS.batch}@${IDS.conn}@T@example.fict@0@group-a@binding-a@15@0@18.53@10.0.0.1@${response}`;
const MANY_AT = '452 4.2.2 <joe@example.fict> over quota; <ann@example.fict>; <bob@example.fict>';

/**
 * A multi-line log for the tests (the real paniclog decoder is written elsewhere): an entry is
 * `<digits>:<text>`; any other line continues the entry before it; an entry's event is held until
 * the next entry starts or the input ends (`end()`).
 */
function multiLineFormat(): LogFormat {
  const log = 'panictest' as LogKind;
  return {
    log,
    create(opts) {
      let held: { line: number; offset: number; text: string } | null = null;
      const event = (h: { line: number; offset: number; text: string }) =>
        ({ type: 'panic', record: null, log, line: h.line, offset: h.offset, text: h.text }) as unknown as EcelogEvent;
      return {
        line(c: Cursor) {
          const bad = checkLine(c, log, opts);
          if (bad !== null) return bad;
          const line = c.lineString();
          if (/^\d+:/.test(line)) {
            const previous = held;
            held = { line: c.line, offset: c.base + c.start, text: line };
            return previous === null ? null : event(previous);
          }
          if (held === null) return malformed(c, log, null, 'continuation line without an entry', opts);
          held.text += `\n${line}`;
          return null;
        },
        end: () => (held === null ? null : event(held)),
      };
    },
  };
}

describe.each(BACKENDS)('detectLog, %s backend', (backend) => {
  const detect = (head: Uint8Array, options: DetectOptions = {}, formats = AT_LOGS) => detectLog(head, formats, { backend, ...options });
  const refuse = (head: Uint8Array, options: DetectOptions = {}, formats = AT_LOGS) => refusal(head, formats, { backend, ...options });

  test('pure mainlog (spec examples): the whole result', () => {
    const head = text(SPEC.mainlogR, SPEC.mainlogD, SPEC.mainlogT, SPEC.mainlogP, SPEC.heartbeatM);
    expect(detect(head)).toEqual({
      log: 'mainlog',
      format: mainlog,
      lines: 5,
      ignored: 0,
      scores: [
        { log: 'mainlog', fit: 5, records: 4, heartbeats: 1, misfit: null },
        {
          log: 'bouncelog',
          fit: 1,
          records: 0,
          heartbeats: 1,
          misfit: {
            line: 1,
            text: `${SPEC.mainlogR.slice(0, 120)}…`,
            reason: 'unknown bouncelog record type "R"',
          },
        },
      ],
      hint: null,
      note: null,
    });
  });

  test('pure bouncelog (spec example and heartbeats)', () => {
    const r = detect(text(SPEC.heartbeatM1, SPEC.bouncelogB, SPEC.heartbeatM1));
    expect(r.log).toBe('bouncelog');
    expect(r.format).toBe(bouncelog);
    expect(r.scores).toEqual([
      {
        log: 'mainlog',
        fit: 2,
        records: 0,
        heartbeats: 2,
        misfit: { line: 2, text: `${SPEC.bouncelogB.slice(0, 120)}…`, reason: 'unknown mainlog record type "B"' },
      },
      { log: 'bouncelog', fit: 3, records: 1, heartbeats: 2, misfit: null },
    ]);
  });

  test('the sample files: 50 lines sniffed by default', () => {
    const main = detect(SAMPLE_MAINLOG.subarray(0, DETECT_HEAD_BYTES));
    expect(main).toMatchObject({ log: 'mainlog', lines: 50, note: null });
    expect(main.scores[0]).toMatchObject({ fit: 50, misfit: null });
    const bounce = detect(SAMPLE_BOUNCELOG.subarray(0, DETECT_HEAD_BYTES));
    expect(bounce).toMatchObject({ log: 'bouncelog', lines: 50, note: null });
    expect(bounce.scores[1]).toMatchObject({ fit: 50, misfit: null });
  });

  test('bouncelog with only T lines (T exists in both logs with other fields)', () => {
    const lines = sampleLines(SAMPLE_BOUNCELOG, 'T');
    expect(lines.length).toBeGreaterThanOrEqual(8);
    const r = detect(text(...lines, bouncelogT(MANY_AT)));
    expect(r.log).toBe('bouncelog');
    expect(r.scores[0]).toMatchObject({
      log: 'mainlog',
      fit: 0,
      misfit: { line: 1, reason: 'T record (3.x/4.x layout): field 6 (bytes_transferred) is not an integer: "att.net"' },
    });
    expect(r.scores[1]).toMatchObject({ log: 'bouncelog', fit: lines.length + 1, records: lines.length + 1 });
  });

  test('mainlog with only T lines, responses with enough @ for the bouncelog field count', () => {
    const lines = sampleLines(SAMPLE_MAINLOG, 'T').slice(0, 20);
    expect(lines.length).toBe(20);
    const r = detect(text(mainlogT(MANY_AT), ...lines));
    expect(r.log).toBe('mainlog');
    expect(r.scores[0]).toEqual({ log: 'mainlog', fit: 21, records: 21, heartbeats: 0, misfit: null });
    expect(r.scores[1]).toMatchObject({
      log: 'bouncelog',
      fit: 0,
      misfit: { line: 1, reason: 'T record (3.x/4.x layout): field 11 (stage) is not an integer: "18.53"' },
    });
  });

  test('2.x layouts: mainlog 2.2 and 2.1 records and 2.x heartbeats', () => {
    const r = detect(text(OLD.heartbeat, OLD.mainlogR22, OLD.mainlogR21, OLD.mainlogD22, OLD.mainlogD21, OLD.mainlogT22, OLD.mainlogP21));
    expect(r.log).toBe('mainlog');
    expect(r.scores[0]).toEqual({ log: 'mainlog', fit: 7, records: 6, heartbeats: 1, misfit: null });
  });

  test('2.x layouts: bouncelog 2.2 and 2.1 B', () => {
    const r = detect(text(OLD.bouncelogB22, OLD.heartbeat, OLD.bouncelogB21));
    expect(r.log).toBe('bouncelog');
    expect(r.scores[1]).toEqual({ log: 'bouncelog', fit: 3, records: 2, heartbeats: 1, misfit: null });
  });

  test('a mainlog spanning an upgrade: 2.x and 3.x/4.x lines', () => {
    expect(detect(text(OLD.mainlogR22, OLD.heartbeat, SPEC.mainlogR, SPEC.heartbeatM)).log).toBe('mainlog');
  });

  test('CRLF line ends', () => {
    expect(detect(Buffer.from(`${SPEC.bouncelogB}\r\n${SPEC.heartbeatM1}\r\n`)).log).toBe('bouncelog');
  });

  test('heartbeats only, no file name: refused, both candidates listed', () => {
    const err = refuse(text(SPEC.heartbeatM1, SPEC.heartbeatM, OLD.heartbeat));
    expect(err.message).toBe(
      'cannot detect the log kind: the first 3 lines fit mainlog, bouncelog alike (heartbeats only), and no file name was given: name the log explicitly\n' +
        '  mainlog: 3 of 3 lines fit (0 records, 3 heartbeats)\n' +
        '  bouncelog: 3 of 3 lines fit (0 records, 3 heartbeats)',
    );
    expect(err.scores.map((s) => s.fit)).toEqual([3, 3]);
    expect(err.lines).toBe(3);
    expect(err.hint).toBeNull();
  });

  test('heartbeats only, the file name decides', () => {
    const head = text(SPEC.heartbeatM1, SPEC.heartbeatM1);
    expect(detect(head, { fileName: '/var/log/ecelerity/bouncelog.ec.1' })).toMatchObject({
      log: 'bouncelog',
      format: bouncelog,
      hint: 'bouncelog',
      note: 'the lines fit mainlog, bouncelog alike (heartbeats only): bouncelog chosen from the file name',
    });
    expect(detect(head, { fileName: 'MAINLOG.EC' })).toMatchObject({ log: 'mainlog', hint: 'mainlog' });
    expect(detect(head, { fileName: '/var/log/eccluster/2024/06/01/bouncelog/default/node1' }).log).toBe('bouncelog');
  });

  test('heartbeats only, the file name names no candidate or no log', () => {
    const head = text(SPEC.heartbeatM1);
    expect(refuse(head, { fileName: 'fbllog.ec' }).message).toMatch(
      /^fbllog\.ec: cannot detect the log kind: the first line fit mainlog, bouncelog alike \(heartbeats only\), and the file name suggests fbllog: name the log explicitly\n/,
    );
    expect(refuse(head, { fileName: '/tmp/today.log' }).message).toContain('and the file name names none of them');
  });

  test('heartbeats in the first 50 lines only: every line of the head is read, the content decides', () => {
    const beats = Array<string>(60).fill(SPEC.heartbeatM1);
    const r = detect(text(...beats, SPEC.bouncelogB), { fileName: 'mainlog.ec' });
    expect(r).toMatchObject({
      log: 'bouncelog',
      lines: 61,
      note: 'the first 50 lines fit mainlog, bouncelog alike: read 61 lines; the file name suggests mainlog, but the content is bouncelog',
    });
    expect(r.scores).toEqual([
      {
        log: 'mainlog',
        fit: 60,
        records: 0,
        heartbeats: 60,
        misfit: { line: 61, text: `${SPEC.bouncelogB.slice(0, 120)}…`, reason: 'unknown mainlog record type "B"' },
      },
      { log: 'bouncelog', fit: 61, records: 1, heartbeats: 60, misfit: null },
    ]);
  });

  test('a mix of mainlog and bouncelog lines: refused, counts and the first misfit of each', () => {
    const err = refuse(text(SPEC.mainlogR, SPEC.heartbeatM1, SPEC.bouncelogB, SPEC.mainlogD));
    expect(err.message).toBe(
      'cannot detect the log kind: the first 4 lines are of several kinds (mainlog and bouncelog mixed)\n' +
        `  mainlog: 3 of 4 lines fit (2 records, 1 heartbeat); line 3 does not (unknown mainlog record type "B"): ${SPEC.bouncelogB.slice(0, 120)}…\n` +
        `  bouncelog: 2 of 4 lines fit (1 record, 1 heartbeat); line 1 does not (unknown bouncelog record type "R"): ${SPEC.mainlogR.slice(0, 120)}…`,
    );
    expect(err.scores.map((s) => [s.log, s.fit, s.misfit?.line])).toEqual([
      ['mainlog', 3, 3],
      ['bouncelog', 2, 1],
    ]);
  });

  test('garbage: refused; the example line is escaped for terminals', () => {
    const err = refuse(text('\x1b]0;pwned\x07hello', 'second line'));
    expect(err.message).toBe(
      'cannot detect the log kind: no candidate (mainlog, bouncelog) fits any of the first 2 lines\n' +
        '  mainlog: 0 of 2 lines fit (0 records, 0 heartbeats); line 1 does not (bad timestamp "\\\\u001b]0;pwned\\\\u0007hello": is not a number): \\x1b]0;pwned\\x07hello\n' +
        '  bouncelog: 0 of 2 lines fit (0 records, 0 heartbeats); line 1 does not (bad timestamp "\\\\u001b]0;pwned\\\\u0007hello": is not a number): \\x1b]0;pwned\\x07hello',
    );
    // eslint-disable-next-line no-control-regex -- the point: no control character but newlines
    expect(err.message).not.toMatch(/[\x00-\x09\x0b-\x1f]/);
  });

  test('one bad line among mainlog lines: refused (every sniffed line must fit)', () => {
    const err = refuse(text(SPEC.mainlogR, `${SPEC.mainlogD}@extra`, SPEC.mainlogP));
    expect(err.message.split('\n')[0]).toBe('cannot detect the log kind: no candidate fits every one of the first 3 lines');
    expect(err.scores[0]).toMatchObject({
      fit: 2,
      misfit: { line: 2, reason: 'D record: expected 12 (3.x/4.x) fields, found 13' },
    });
  });

  test('the file name disagrees with the content: the content wins, the disagreement is noted', () => {
    const r = detect(text(SPEC.mainlogR, SPEC.mainlogD), { fileName: '/var/log/ecelerity/bouncelog.ec' });
    expect(r).toMatchObject({ log: 'mainlog', hint: 'bouncelog', note: 'the file name suggests bouncelog, but the content is mainlog' });
    expect(detect(text(SPEC.bouncelogB), { fileName: 'fbllog.ec' }).note).toBe(
      'the file name suggests fbllog, but the content is bouncelog',
    );
  });

  test('a file name that agrees: no note', () => {
    expect(detect(text(SPEC.mainlogR), { fileName: 'mainlog.ec' })).toMatchObject({ log: 'mainlog', hint: 'mainlog', note: null });
  });

  test('empty input', () => {
    expect(refuse(new Uint8Array(0)).message).toBe('cannot detect the log kind: the input is empty');
    expect(refuse(new Uint8Array(0), { fileName: 'mainlog.ec' }).message).toBe(
      'mainlog.ec: cannot detect the log kind: the input is empty',
    );
  });

  test('no complete line; with eof the last line counts without its newline', () => {
    const head = Buffer.from(SPEC.mainlogR);
    expect(refuse(head).message).toBe(`cannot detect the log kind: no complete line in the first ${head.length} bytes`);
    expect(detect(head, { eof: true })).toMatchObject({ log: 'mainlog', lines: 1 });
    expect(detect(Buffer.concat([text(SPEC.bouncelogB), Buffer.from('1064868656@91/6D')])).lines).toBe(1);
  });

  test('maxLines: only the first lines are read', () => {
    const head = text(SPEC.mainlogR, SPEC.mainlogD, SPEC.bouncelogB);
    expect(detect(head, { maxLines: 2 })).toMatchObject({ log: 'mainlog', lines: 2 });
    expect(refuse(head, { maxLines: 3 }).message).toContain('several kinds');
  });

  test('blank and NUL-bearing lines are evidence of nothing: ignored, and noted', () => {
    const r = detect(text(SPEC.mainlogR, '', ' \t', SPEC.mainlogD, `${SPEC.mainlogP}\0`));
    expect(r).toMatchObject({ log: 'mainlog', lines: 5, ignored: 3, note: '3 blank or NUL-bearing lines ignored' });
    expect(r.scores[0]).toMatchObject({ fit: 2, misfit: null });
    expect(refuse(text('', '\0\0')).message).toBe('cannot detect the log kind: the first 2 lines are blank or hold NUL bytes');
  });

  test('compressed input is refused by its magic bytes', () => {
    expect(refuse(Buffer.from('BZh91AY&SY\x00\x01', 'latin1')).message).toBe(
      'cannot detect the log kind: the input is bzip2-compressed (a rotated log?): decompress it first',
    );
    expect(refuse(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0])).message).toContain('gzip-compressed');
  });

  test('no candidates', () => {
    expect(refuse(text(SPEC.mainlogR), {}, []).message).toBe('cannot detect the log kind: no candidate formats were given');
  });

  describe('a multi-line format', () => {
    const panic = multiLineFormat();
    const formats = [mainlog, bouncelog, panic];
    const entries = ['1251382104:datasource: failed to prepare', '  at line 2', '  at line 3', '1251382105:other: oops', '  continued'];

    test('continuation lines count with their entry; the last entry comes from end()', () => {
      const r = detect(text(...entries), {}, formats);
      expect(r.log).toBe('panictest');
      expect(r.format).toBe(panic);
      expect(r.scores[2]).toEqual({ log: 'panictest', fit: 5, records: 5, heartbeats: 0, misfit: null });
    });

    test('without a newline at the end of input (eof): the held entry is still read', () => {
      const head = Buffer.from(entries.join('\n'));
      expect(detect(head, { eof: true }, formats).scores[2]).toMatchObject({ fit: 5, misfit: null });
    });

    test('a continuation line with no entry before it does not fit', () => {
      const err = refuse(text('  orphan', ...entries), {}, formats);
      expect(err.scores[2]).toMatchObject({ fit: 5, misfit: { line: 1, reason: 'continuation line without an entry' } });
    });
  });

  test('records that fit two formats alike: refused without a name, chosen with one (no "heartbeats only")', () => {
    const a: LogFormat = { log: 'mainlog', create: (o) => mainlog.create(o) };
    const b: LogFormat = { log: 'bouncelog', create: (o) => mainlog.create(o) };
    const head = text(SPEC.mainlogR, SPEC.mainlogD);
    expect(refuse(head, {}, [a, b]).message.split('\n')[0]).toBe(
      'cannot detect the log kind: the first 2 lines fit mainlog, bouncelog alike, and no file name was given: name the log explicitly',
    );
    expect(detect(head, { fileName: 'bouncelog.ec' }, [a, b])).toMatchObject({
      format: b,
      note: 'the lines fit mainlog, bouncelog alike: bouncelog chosen from the file name',
    });
  });
});

describe('hintFromFileName', () => {
  test.each([
    ['mainlog.ec', 'mainlog'],
    ['/var/log/ecelerity/bouncelog.ec.3', 'bouncelog'],
    ['C:\\logs\\FBLLOG.EC', 'fbllog'],
    ['/var/log/ecelerity/adaptive/mx.log', 'adaptive'],
    ['/var/log/eccluster/2024/06/01/rejectlog/default/node1', 'rejectlog'],
    ['/var/log/ecelerity/bouncelog/old/mainlog.ec', 'mainlog'],
    ['/home/me/mainlog-tools/a/b/c/today.log', null],
    ['mainlog-vs-bouncelog.txt', null],
    ['/data/mainlog/mainlog-vs-bouncelog.txt', 'mainlog'],
    ['today.log', null],
  ])('%s → %s', (name, hint) => {
    expect(hintFromFileName(name)).toBe(hint);
  });

  test('candidate names count too, the longest one when one contains another', () => {
    expect(hintFromFileName('/x/custom_mainlog_v2.ec', ['custom_mainlog'])).toBe('custom_mainlog');
    expect(hintFromFileName('/x/weird.ec', ['weird'])).toBe('weird');
    expect(hintFromFileName(undefined, ['mainlog'])).toBeNull();
  });
});

describe('detectFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecelog-detect-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the sample files, their paths as hints', async () => {
    expect(await detectFile('sample/mainlog.ec', AT_LOGS)).toMatchObject({ log: 'mainlog', hint: 'mainlog', lines: 50, note: null });
    expect(await detectFile('sample/bouncelog.ec', AT_LOGS)).toMatchObject({ log: 'bouncelog', hint: 'bouncelog', note: null });
  });

  test('a small file whose last line has no newline: read to its end', async () => {
    const path = join(dir, 'small.log');
    writeFileSync(path, `${SPEC.heartbeatM1}\n${SPEC.bouncelogB}`);
    expect(await detectFile(path, AT_LOGS)).toMatchObject({ log: 'bouncelog', lines: 2, hint: null });
  });

  test('a file larger than 64 KiB whose first line is longer: no complete line in the head', async () => {
    const path = join(dir, 'long.log');
    writeFileSync(path, `${SPEC.mainlogT}${'x'.repeat(DETECT_HEAD_BYTES)}\n`);
    await expect(detectFile(path, AT_LOGS)).rejects.toThrow(
      `${path}: cannot detect the log kind: no complete line in the first 65536 bytes`,
    );
  });

  test('a file of exactly 64 KiB ending without a newline: its last line counts', async () => {
    const path = join(dir, 'exact.log');
    const first = `${SPEC.mainlogR}\n`;
    writeFileSync(path, first + SPEC.mainlogT.padEnd(DETECT_HEAD_BYTES - first.length, 'x'));
    expect(await detectFile(path, AT_LOGS)).toMatchObject({ log: 'mainlog', lines: 2 });
  });

  test('the name hint decides for heartbeats only; options override the hint', async () => {
    const path = join(dir, 'bouncelog.ec');
    writeFileSync(path, `${SPEC.heartbeatM1}\n`);
    expect((await detectFile(path, AT_LOGS)).log).toBe('bouncelog');
    expect((await detectFile(path, AT_LOGS, { fileName: 'mainlog.ec' })).log).toBe('mainlog');
  });

  test('an empty file', async () => {
    const path = join(dir, 'empty.ec');
    writeFileSync(path, '');
    await expect(detectFile(path, AT_LOGS)).rejects.toThrow(`${path}: cannot detect the log kind: the input is empty`);
  });

  test('a missing file: the fs error', async () => {
    await expect(detectFile(join(dir, 'nope'), AT_LOGS)).rejects.toThrow(/ENOENT/);
  });
});

describe('detection prefers a specific kind over a catch-all one', () => {
  test('rejectlog lines also fit paniclog (any text after "<epoch>:"): rejectlog is chosen, with a note', () => {
    const text =
      '1236672125: R="10.79.25.142:42601" L="10.79.25.142:25" C="18/00-07149-D7E16B94" PATH="default" PATH_GRP="default" P="awaiting mailfrom" E=550 M=scriptlet CTXCONN=[pathway=default] CTXMESS=[mailfrom_domain=] relaying denied\n1236672185: Marker 1\n';
    const formats = Object.values(FORMATS);
    const r = detectLog(Buffer.from(text), formats);
    expect(r.log).toBe('rejectlog');
    expect(r.note).toBe('the lines also fit paniclog, which accepts any text after a timestamp: the more specific kind is preferred');
    expect(detectLog(Buffer.from('1251382104:datasource: failed to prepare\n'), formats).log).toBe('paniclog');
  });
});
