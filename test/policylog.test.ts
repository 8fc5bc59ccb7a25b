import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { detectFile, detectLog, parse, FORMATS } from '../src/index';
import { policylog, type PolicylogEvent, type ReceptionTimingEvent } from '../src/decoders/policylog';
import { BACKENDS } from './backends';
import { checkDecoderProperty } from './property';
import type { Backend } from '../src/index';

/**
 * The lines of the Momentum 4 manual, "reception_timing - Reception Timing Modules"
 * (https://support.sparkpost.com/momentum/4/modules/reception-timing), verbatim but for the page's
 * folding: it prints each line over two or three, ending all but the last with ` \` and indenting
 * the next; here each is one line again, the fold replaced by one space.
 */
const MANUAL = {
  received:
    '1356769421: received after 0.040929 s (scanned in 0.000519 s) size=1005 src=127.0.0.1:37656 dst=127.0.0.1:8710 pathway=default ID=00/00-10012-D88AED05 batch-ID=00/00-10012-D88AED05 Message-ID=""',
  receivedOf3: [
    '1356769421: received after 0.041026 s (scanned in 0.000625 s) size=1078 src=127.0.0.1:37658 dst=127.0.0.1:8710 pathway=default ID=10/00-10012-D88AED05 batch-ID=10/00-10012-D88AED05 Message-ID=""',
    '1356769421: received after 0.041026 s (scanned in 0.000625 s) size=1078 src=127.0.0.1:37658 dst=127.0.0.1:8710 pathway=default ID=20/00-10012-D88AED05 batch-ID=10/00-10012-D88AED05 Message-ID=""',
    '1356769421: received after 0.041026 s (scanned in 0.000625 s) size=1078 src=127.0.0.1:37658 dst=127.0.0.1:8710 pathway=default ID=30/00-10012-D88AED05 batch-ID=10/00-10012-D88AED05 Message-ID=""',
  ],
  rejectedMailFrom:
    '1356769436: rejected after 0.000000 s (scanned in 0.000000 s) size=0??? src=127.0.0.1:40587 dst=127.0.0.1:8879 pathway=default ID=00/00-10822-C98AED05 batch-ID=00/00-10822-C98AED05 Message-ID="" phase=4 (awaiting mailfrom)',
  rejectedRcptTo:
    '1356769441: rejected after 0.000435 s (scanned in 0.000000 s) size=0??? src=127.0.0.1:41931 dst=127.0.0.1:8992 pathway=default ID=00/00-11022-1A8AED05 batch-ID=00/00-11022-1A8AED05 Message-ID="" phase=6 (awaiting rcptto)',
  rejectedData:
    '1356769445: rejected after 1.039839 s (scanned in 1.000001 s) size=1008 src=127.0.0.1:57889 dst=127.0.0.1:8702 pathway=default ID=00/00-11224-4A8AED05 batch-ID=00/00-11224-4A8AED05 Message-ID="" phase=9 (reading body)',
  rejectedEachRcpt:
    '1356769460: rejected after 3.043582 s (scanned in 3.003623 s) size=1123 src=127.0.0.1:49148 dst=127.0.0.1:8956 pathway=default ID=10/00-11629-1B8AED05 batch-ID=10/00-11629-1B8AED05 Message-ID="" phase=12 (async body response)',
  disconnectMailFrom:
    '1356769476: unexpected disconnect after 1.001713 s (scanned in 0.000000 s) size=0??? src=127.0.0.1:43877 dst=127.0.0.1:9192 pathway=default ID=00/00-12431-3C8AED05 batch-ID=00/00-12431-3C8AED05 Message-ID="" phase=6 (awaiting rcptto)',
  disconnectData:
    '1356769563: unexpected disconnect after 0.007025 s (scanned in 0.007025 s) size=504 src=127.0.0.1:45734 dst=127.0.0.1:9262 pathway=default ID=00/00-15446-B19AED05 batch-ID=00/00-15446-B19AED05 Message-ID="" phase=12 (async body response)',
};
const ALL = [
  MANUAL.received,
  ...MANUAL.receivedOf3,
  MANUAL.rejectedMailFrom,
  MANUAL.rejectedRcptTo,
  MANUAL.rejectedData,
  MANUAL.rejectedEachRcpt,
  MANUAL.disconnectMailFrom,
  MANUAL.disconnectData,
];
/** The paniclog example of the Momentum 4 manual (https://support.sparkpost.com/momentum/4/log-formats-paniclog). */
const PANIC = '1307461172:192.168.0.197 "POST api/v1/transmissions HTTP/1.1" 200 224 5.000';

function events(input: string | Buffer, backend: Backend, more: object = {}): PolicylogEvent[] {
  const buf = typeof input === 'string' ? Buffer.from(input) : input;
  return [...parse(buf, { log: policylog, backend, ...more })];
}
function timing(line: string, backend: Backend): ReceptionTimingEvent {
  const all = events(line, backend);
  expect(all).toHaveLength(1);
  expect(all[0]!.type).toBe('reception_timing');
  return all[0] as ReceptionTimingEvent;
}
const header = (line: number, offset: number, timestamp: number) => ({
  type: 'reception_timing',
  record: null,
  log: 'policylog',
  line,
  offset,
  timestamp,
  timestamp_us: timestamp * 1e6,
});

/** One bad line between two good ones: the bad one is reported exactly and parsing goes on. */
function between(bad: string | Buffer, backend: Backend) {
  const good = `${MANUAL.received}\n`;
  const badBuf = typeof bad === 'string' ? Buffer.from(bad) : bad;
  const evs = events(Buffer.concat([Buffer.from(good), badBuf, Buffer.from(`\n${MANUAL.rejectedData}`)]), backend);
  expect(evs.map((e) => e.type)).toEqual(['reception_timing', 'malformed', 'reception_timing']);
  expect(evs[2]).toMatchObject({ line: 3, offset: good.length + badBuf.length + 1 });
  const ev = evs[1]!;
  if (ev.type !== 'malformed') throw new Error('not malformed');
  expect(ev).toMatchObject({ line: 2, offset: good.length, log: 'policylog', record: null, raw: badBuf.toString() });
  return ev.reason;
}

describe.each(BACKENDS)('policylog (reception timing), %s backend', (backend) => {
  test('the manual: a reception, every field', () => {
    expect(events(MANUAL.received, backend)).toEqual([
      {
        ...header(1, 0, 1356769421),
        outcome: 'received',
        duration_s: 0.040929,
        scan_duration_s: 0.000519,
        size: 1005,
        remote_ip: '127.0.0.1',
        remote_port: 37656,
        local_ip: '127.0.0.1',
        local_port: 8710,
        pathway: 'default',
        message_id: '00/00-10012-D88AED05',
        batch_id: '00/00-10012-D88AED05',
        message_id_header: '',
        phase: null,
        phase_text: null,
        extra: null,
      },
    ]);
  });

  test('the manual: three recipients of one message, one message ID each and the same batch ID', () => {
    const evs = events(MANUAL.receivedOf3.join('\n'), backend);
    expect(evs.map((e) => e.type === 'reception_timing' && [e.line, e.message_id, e.batch_id, e.size, e.duration_s])).toEqual([
      [1, '10/00-10012-D88AED05', '10/00-10012-D88AED05', 1078, 0.041026],
      [2, '20/00-10012-D88AED05', '10/00-10012-D88AED05', 1078, 0.041026],
      [3, '30/00-10012-D88AED05', '10/00-10012-D88AED05', 1078, 0.041026],
    ]);
  });

  test('the manual: a rejection after MAIL FROM, every field (size 0??? is unknown: null)', () => {
    expect(timing(MANUAL.rejectedMailFrom, backend)).toEqual({
      ...header(1, 0, 1356769436),
      outcome: 'rejected',
      duration_s: 0,
      scan_duration_s: 0,
      size: null,
      remote_ip: '127.0.0.1',
      remote_port: 40587,
      local_ip: '127.0.0.1',
      local_port: 8879,
      pathway: 'default',
      message_id: '00/00-10822-C98AED05',
      batch_id: '00/00-10822-C98AED05',
      message_id_header: '',
      phase: 4,
      phase_text: 'awaiting mailfrom',
      extra: null,
    });
  });

  test('the manual: an unexpected disconnect, every field', () => {
    expect(timing(MANUAL.disconnectData, backend)).toEqual({
      ...header(1, 0, 1356769563),
      outcome: 'unexpected_disconnect',
      duration_s: 0.007025,
      scan_duration_s: 0.007025,
      size: 504,
      remote_ip: '127.0.0.1',
      remote_port: 45734,
      local_ip: '127.0.0.1',
      local_port: 9262,
      pathway: 'default',
      message_id: '00/00-15446-B19AED05',
      batch_id: '00/00-15446-B19AED05',
      message_id_header: '',
      phase: 12,
      phase_text: 'async body response',
      extra: null,
    });
  });

  test('every line of the manual: outcome, timings, size, phase', () => {
    const evs = events(ALL.join('\n'), backend);
    expect(
      evs.map((e) => e.type === 'reception_timing' && [e.outcome, e.duration_s, e.scan_duration_s, e.size, e.phase, e.phase_text]),
    ).toEqual([
      ['received', 0.040929, 0.000519, 1005, null, null],
      ['received', 0.041026, 0.000625, 1078, null, null],
      ['received', 0.041026, 0.000625, 1078, null, null],
      ['received', 0.041026, 0.000625, 1078, null, null],
      ['rejected', 0, 0, null, 4, 'awaiting mailfrom'],
      ['rejected', 0.000435, 0, null, 6, 'awaiting rcptto'],
      ['rejected', 1.039839, 1.000001, 1008, 9, 'reading body'],
      ['rejected', 3.043582, 3.003623, 1123, 12, 'async body response'],
      ['unexpected_disconnect', 1.001713, 0, null, 6, 'awaiting rcptto'],
      ['unexpected_disconnect', 0.007025, 0.007025, 504, 12, 'async body response'],
    ]);
    expect(evs.map((e) => e.offset)).toEqual(ALL.map((_, i) => ALL.slice(0, i).join('\n').length + (i > 0 ? 1 : 0)));
  });

  test('lenient: a Message-ID with spaces, quotes and escapes; fields in another order; unknown keys in extra; IPv6', () => {
    const line =
      '1356769421123456:  received  after 0.5 s (scanned in 0.25 s) Message-ID="<a \\"b\\" c@example.com>" batch-ID=B ID=A ' +
      'pathway=p1 size=7 src=[2001:db8::1]:25000 dst=2001:db8::2:25 tls=yes phase=0';
    expect(timing(line, backend)).toMatchObject({
      timestamp: 1356769421,
      timestamp_us: 1356769421123456,
      duration_s: 0.5,
      scan_duration_s: 0.25,
      size: 7,
      remote_ip: '2001:db8::1',
      remote_port: 25000,
      local_ip: '2001:db8::2',
      local_port: 25,
      pathway: 'p1',
      message_id: 'A',
      batch_id: 'B',
      message_id_header: '<a "b" c@example.com>',
      phase: 0,
      phase_text: null,
      extra: { tls: 'yes' },
    });
    // A quote inside the header written without an escape stays in it: the value ends at a quote before a space.
    expect(timing(MANUAL.received.replace('Message-ID=""', 'Message-ID="<a"b@c>"'), backend).message_id_header).toBe('<a"b@c>');
  });

  test('CRLF, rawBytes, invalid UTF-8 flagged', () => {
    const bad = Buffer.concat([Buffer.from(MANUAL.received.replace('""', '"<')), Buffer.from([0xff]), Buffer.from('>"')]);
    const evs = events(Buffer.concat([bad, Buffer.from(`\r\n${MANUAL.rejectedData}\r\n`)]), backend, { rawBytes: true });
    expect(evs[0]).toMatchObject({ type: 'reception_timing', invalid_utf8: true, message_id_header: '<\ufffd>' });
    expect(Buffer.from(evs[0]!.bytes!)).toEqual(bad);
    expect(evs[1]).toMatchObject({ line: 2, offset: bad.length + 2, phase_text: 'reading body' });
    expect(evs[1]).not.toHaveProperty('invalid_utf8');
  });

  // Malformed lines: one test per reason.
  test('malformed: not a timing record (other chunk_logger text, a paniclog line)', () => {
    expect(between('1356769421: hello from lua', backend)).toBe(
      'not a reception timing record: expected "received", "rejected" or "unexpected disconnect", found "hello from lua"',
    );
    expect(between(PANIC, backend)).toMatch(/^not a reception timing record: .*, found "192\.168\.0\.197 /);
    expect(between('1356769421: unexpected error', backend)).toMatch(/^not a reception timing record: .*, found "unexpected error"$/);
  });
  test('malformed: bad or missing timestamp', () => {
    expect(between(MANUAL.received.replace('1356769421', '13567x9421'), backend)).toBe('bad timestamp "13567x9421": is not a number');
    expect(between(MANUAL.received.replace('1356769421:', '1356769421'), backend)).toBe('expected ":" after the timestamp');
  });
  test('malformed: truncated lines', () => {
    const cut = (text: string) => MANUAL.rejectedMailFrom.slice(0, MANUAL.rejectedMailFrom.indexOf(text));
    expect(between('1356769436:', backend)).toMatch(/^not a reception timing record/);
    expect(between(cut(' after'), backend)).toBe('expected "after" after "rejected"');
    expect(between(cut(' 0.000000 s ('), backend)).toBe('missing duration');
    expect(between(cut(' s (scanned'), backend)).toBe('expected "s" after the duration');
    expect(between(cut(' (scanned'), backend)).toBe('expected "(scanned in" after the duration');
    expect(between(cut(' 0.000000 s)'), backend)).toBe('missing scan duration');
    expect(between(cut(' s) size'), backend)).toBe('expected "s)" after the scan duration');
    expect(between(cut(' size='), backend)).toBe('missing size=');
    expect(between(cut(' pathway='), backend)).toBe('missing pathway=');
    expect(between(cut(' Message-ID='), backend)).toBe('missing Message-ID=');
    expect(between(cut('" phase'), backend)).toBe('Message-ID: no closing quote');
    expect(between(MANUAL.rejectedMailFrom.slice(0, -1), backend)).toBe('phase: no ")" after its description');
    expect(between(`${cut(' phase')} phase=`, backend)).toBe('phase "" is not a number');
  });
  test('malformed: values that are not what the field holds', () => {
    expect(between(MANUAL.received.replace('after 0.040929', 'after 0.04.0929'), backend)).toBe('duration "0.04.0929" is not a number');
    expect(between(MANUAL.received.replace('in 0.000519', 'in -1'), backend)).toBe('scan duration "-1" is not a number');
    expect(between(MANUAL.received.replace('size=1005', 'size=1k'), backend)).toBe('size "1k" is not a number of bytes');
    expect(between(MANUAL.received.replace('src=127.0.0.1:37656', 'src=127.0.0.1'), backend)).toBe('src "127.0.0.1" is not ip:port');
    expect(between(MANUAL.received.replace('dst=127.0.0.1:8710', 'dst=:8710'), backend)).toBe('dst ":8710" is not ip:port');
    expect(between(MANUAL.rejectedData.replace('phase=9', 'phase=nine'), backend)).toBe('phase "nine" is not a number');
    expect(between(MANUAL.received.replace(' ID=', ' ID=x ID='), backend)).toBe('ID appears twice');
    expect(between(MANUAL.received.replace('Message-ID=""', 'Message-ID=""x'), backend)).toBe('Message-ID: unexpected "x" after the value');
    expect(between(`${MANUAL.received} trailing words`, backend)).toBe('expected key=value, found "trailing"');
  });
  test('malformed: empty line, NUL byte, overlong line', () => {
    expect(between('', backend)).toBe('empty line');
    expect(between(MANUAL.received.replace('default', 'def\0ult'), backend)).toBe(
      `NUL byte at column ${MANUAL.received.indexOf('default') + 4}`,
    );
    const evs = events(`${MANUAL.received}\n${MANUAL.received}\n`, backend, { maxLineLength: 100 });
    expect(evs.map((e) => e.type === 'malformed' && e.reason)).toEqual([
      `line of ${MANUAL.received.length} bytes exceeds maxLineLength (100)`,
      `line of ${MANUAL.received.length} bytes exceeds maxLineLength (100)`,
    ]);
  });
});

describe.each(BACKENDS)('detection of the reception timing log, %s backend', (backend) => {
  const formats = Object.values(FORMATS);
  const text = `${ALL.join('\n')}\n`;

  test('its lines are policylog, not paniclog (which also reads them), whatever the file is called', () => {
    const r = detectLog(Buffer.from(text), formats, { backend });
    expect(r.log).toBe('policylog');
    expect(r.note).toBe('the lines also fit paniclog, which accepts any text after a timestamp: the more specific kind is preferred');
    expect(detectLog(Buffer.from(text), formats, { backend, fileName: '/var/log/ecelerity/paniclog.ec' })).toMatchObject({
      log: 'policylog',
      hint: 'paniclog',
    });
  });

  test('paniclog lines (HTTP requests included) are still paniclog', () => {
    const panic = `1251382104:datasource: failed to prepare\n${PANIC}\n1307461172:192.168.0.197:51216 "POST /v1.0/inject/ HTTP/1.1" 200 224 5.000\n`;
    const r = detectLog(Buffer.from(panic), formats, { backend });
    expect(r.log).toBe('paniclog');
    expect(r.scores.find((s) => s.log === 'policylog')).toMatchObject({ fit: 0 });
  });

  test('timing lines mixed with other chunk_logger text are paniclog (the one kind that reads all of them)', () => {
    expect(detectLog(Buffer.from(`${text}1356769500: lua says hi\n`), formats, { backend }).log).toBe('paniclog');
  });

  const dir = mkdtempSync(join(tmpdir(), 'ecelog-policylog-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  test('detectFile: policylog.cl, as the manual names it', async () => {
    const path = join(dir, `policylog-${backend}.cl`);
    writeFileSync(path, text);
    expect(await detectFile(path, formats, { backend })).toMatchObject({ log: 'policylog', hint: 'policylog', lines: ALL.length });
  });
});

test('policylog property: both backends, any chunking, one event per line', () => {
  checkDecoderProperty(policylog, [
    ...ALL,
    '1356769421123456:  received  after 0.5 s (scanned in 0.25 s) Message-ID="<a \\"b\\" c@example.com>" batch-ID=B ID=A pathway=p1 size=7 src=[2001:db8::1]:25000 dst=2001:db8::2:25 tls=yes phase=0',
    PANIC,
  ]);
});
