import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse, type LogFormat } from '../src/index';
import { compileFormat, compileFormats, CustomFormatError, readCustomLoggerConfig } from '../src/decoders/custom/index';
import { BACKENDS } from './backends';
import { RUNS, checkDecoderProperty } from './property';
import type { Backend } from '../src/index';

/**
 * custom_logger separators longer than a byte: a field is free (may contain its delimiter) only
 * when it may contain the whole literal next to it, and several fields may be free next to such
 * separators: then each line is decoded only when it reads exactly one way.
 *
 * The vendor's example, from the Momentum 4 manual, "custom_logger – User-defined Logging",
 * section "custom_logger and the Rejection Log"
 * (https://support.sparkpost.com/momentum/4/modules/custom-logger). The page prints the format over
 * two lines (`… %r »` / `@ %R …`, its continuation mark) and the line over three; here each is one
 * line again, a fold being the spaces of the ` @ ` it cut (the format writes ` @ ` between every
 * two fields, and nothing after `%S`).
 */
const VENDOR_FORMAT = '%p @ %s @ %BI @ %A @ %U @ %n @ %h{Subject} @ %r @ %R @ %m @ %M @ %i @ %t @ %t{%Y-%m-%d} @ %H @ %mx @ %S';
const VENDOR_LINE =
  'unknown @  @ 00/00-00000-00000000 @  @  @ relaying denied @  @  @  @  @  @ 00/00-00000-00000000 @ 1339007869 @ 2012-06-06 @ 10.79.11.157 @  @ 22';
/** The manual's stanza, its format unfolded. */
const VENDOR_CONF = `custom_logger "custom_logger1" {
    rejection_format = "${VENDOR_FORMAT}"
  rejection_logfile = "/var/log/ecelerity/my_reject.log"
}
`;

type CustomLog = LogFormat<'custom'>;
const vendor = compileFormat(VENDOR_FORMAT, { stage: 'rejection' });

function events(log: CustomLog, input: string | Buffer, backend: Backend) {
  return [...parse(typeof input === 'string' ? Buffer.from(input) : input, { log, backend })];
}
function reason(log: CustomLog, line: string, backend: Backend): string {
  const [ev] = events(log, line, backend);
  if (ev?.type !== 'malformed') throw new Error(`not malformed: ${JSON.stringify(ev)}`);
  return ev.reason;
}
/** The head of an event of line 1, with a time when the format has one. */
const head = (type: string, timestamp?: number) => ({
  type,
  record: null,
  log: 'custom',
  line: 1,
  offset: 0,
  ...(timestamp === undefined ? {} : { timestamp, timestamp_us: timestamp * 1e6 }),
});
const compileError = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CustomFormatError);
    return (e as Error).message;
  }
  throw new Error('compiled without error');
};

/** The documented line with one field's value replaced (fields counted from 0, as in the format). */
function withField(i: number, value: string): string {
  const parts = VENDOR_LINE.split(' @ ');
  expect(parts).toHaveLength(17);
  parts[i] = value;
  return parts.join(' @ ');
}

describe('custom_logger: separators longer than a byte (compile)', () => {
  test("the vendor's example compiles, from the format and from the manual's stanza", () => {
    expect(() => compileFormat(VENDOR_FORMAT, { stage: 'rejection' })).not.toThrow();
    const [stanza] = readCustomLoggerConfig(VENDOR_CONF);
    expect(stanza!.formats).toEqual({ rejection_format: VENDOR_FORMAT });
    expect(stanza!.options).toEqual({ rejection_logfile: '/var/log/ecelerity/my_reject.log' });
    expect(() => compileFormats(stanza!.formats)).not.toThrow();
  });

  test('a field that holds the separator’s bytes but not all of them is bounded (stage text and spaces)', () => {
    // %s holds spaces, not "@": with " @ " it is bounded, so %n is the one free field.
    expect(() => compileFormats({ transient_failure_format: '%t @ %s @ %n' })).not.toThrow();
    // With a one-byte space both hold the delimiter: refused as before.
    expect(compileError(() => compileFormats({ transient_failure_format: '%t %s %n' }))).toBe(
      'transient_failure_format: more than one field may contain its delimiter: %s may contain " ", %n may contain " "',
    );
  });

  test('several free fields are refused when a one-byte literal makes any of them free', () => {
    expect(compileError(() => compileFormats({ delivery_format: '%t @ %n@%h{X} @ %i' }))).toBe(
      'delivery_format: more than one field may contain its delimiter: %n may contain " @ " and "@", %h{X} may contain "@" and " @ "',
    );
  });

  test('stages with such separators: told apart by their literals, or refused with a line both match', () => {
    expect(() =>
      compileFormats({ reception_format: 'R @ %t @ %n @ %U', rejection_format: 'J @ %t @ %n @ %U', delivery_format: 'D @ %t @ %n @ %U' }),
    ).not.toThrow();
    // The fields are told apart by their place, not by what they hold: "D" could be a %t.
    expect(compileError(() => compileFormats({ reception_format: 'R @ %t @ %n', delivery_format: '%t @ D @ %n' }))).toBe(
      'reception_format and delivery_format cannot be told apart by their literals: both match the line "R @ D @ "',
    );
    expect(compileError(() => compileFormats({ delivery_format: '%n @ D @ %U @ %i', xfer_format: '%n @ X @ %U @ %i' }))).toMatch(
      /^delivery_format and xfer_format cannot be told apart by their literals: both match the line ".*"$/,
    );
  });
});

describe.each(BACKENDS)('custom_logger: separators longer than a byte, %s backend', (backend) => {
  test("the vendor's documented line: every field", () => {
    expect(events(vendor, VENDOR_LINE, backend)).toEqual([
      {
        ...head('rejection', 1339007869),
        protocol: 'unknown',
        stage_text: '',
        batch_id: '00/00-00000-00000000',
        auth_method: '',
        auth_user: '',
        response: 'relaying denied',
        rcpt_localpart: '',
        rcpt_domain: '',
        mailfrom_localpart: '',
        mailfrom_domain: '',
        message_id: '00/00-00000-00000000',
        time_text: '2012-06-06',
        remote_ip: '10.79.11.157',
        mx: '',
        stage: 22,
        headers: { Subject: '' },
      },
    ]);
  });

  test('a full line: spaces and single "@" inside fields are read, quoted local parts kept', () => {
    const line = withField(1, 'during MAIL FROM')
      .replace(
        ' @  @  @ relaying denied @  @ ',
        ' @ PLAIN @ bob@example.com @ 550 5.7.1 <joe@example.com>: relaying denied @ Lunch@noon @ ',
      )
      .replace('@  @  @  @  @ 00/00', '@ "a b"@x @ example.com @ info @ example.org @ 00/00');
    expect(events(vendor, line, backend)[0]).toMatchObject({
      type: 'rejection',
      stage_text: 'during MAIL FROM',
      auth_method: 'PLAIN',
      auth_user: 'bob@example.com',
      response: '550 5.7.1 <joe@example.com>: relaying denied',
      headers: { Subject: 'Lunch@noon' },
      rcpt_localpart: '"a b"@x',
      rcpt_domain: 'example.com',
      mailfrom_localpart: 'info',
      mailfrom_domain: 'example.org',
      stage: 22,
    });
  });

  test('one free field next to " @ ": the separator inside it is read, the bounded fields around hold spaces', () => {
    const log = compileFormats({ transient_failure_format: '%t @ %s @ %n' });
    expect(events(log, '1339007869 @ during MAIL FROM @ 421 try @ later', backend)).toEqual([
      {
        ...head('transient_failure', 1339007869),
        stage_text: 'during MAIL FROM',
        response: '421 try @ later',
      },
    ]);
    // %t cannot hold a space: the literal must stand at the first one (as for one-byte literals).
    expect(reason(log, '1339007869 during MAIL FROM', backend)).toBe('transient_failure_format: expected " @ " at column 11');
    expect(reason(log, '1339007869 @ during MAIL FROM', backend)).toBe('transient_failure_format: no " @ " after %s');
  });

  test('a line that reads more than one way is malformed, the fields named, never guessed', () => {
    const why =
      'rejection_format: the line reads more than one way: %U may contain " @ ", %n may contain " @ ", %h{Subject} may contain " @ "';
    expect(reason(vendor, withField(5, 'relaying @ denied'), backend)).toBe(why);
    expect(reason(vendor, withField(6, 'Lunch @ noon'), backend)).toBe(why);
    expect(reason(vendor, withField(4, 'a @ b'), backend)).toBe(why);
    // The next line is read again.
    const evs = events(vendor, `${withField(6, 'Lunch @ noon')}\n${VENDOR_LINE}`, backend);
    expect(evs.map((e) => e.type)).toEqual(['malformed', 'rejection']);
    expect(evs[0]).toMatchObject({ record: null, line: 1, raw: withField(6, 'Lunch @ noon') });
  });

  test('a separator too many that only one free field can hold: the line reads one way', () => {
    // %B cannot hold a space: it ends at the first one, where " @ " must stand.
    const log = compileFormat('%n @ %B @ %U', { stage: 'delivery' });
    expect(events(log, 'a @ x y @ 5 @ c', backend)).toEqual([{ ...head('delivery'), response: 'a @ x y', size: 5, auth_user: 'c' }]);
    expect(reason(log, 'a @ 5 @ c @ d', backend)).toBe(
      'delivery_format: the line reads more than one way: %n may contain " @ ", %U may contain " @ "',
    );
    // %B would be "x y": no reading (explained as if %n were the one free field).
    expect(reason(log, 'a @ x y @ c', backend)).toBe('delivery_format: expected " @ " at column 4');
  });

  test('the readings counted agree with every way of cutting the line (a small format, all short lines)', () => {
    const log = compileFormat('%n @ %B @ %U', { stage: 'delivery' });
    /** The readings: %n ends at any " @ ", %B at the first space after it, which must start " @ ". */
    const readings = (line: string): Array<[string, string, string]> => {
      const out: Array<[string, string, string]> = [];
      for (let o = line.indexOf(' @ '); o >= 0; o = line.indexOf(' @ ', o + 1)) {
        const j = line.indexOf(' ', o + 3);
        if (j >= 0 && line.startsWith(' @ ', j)) out.push([line.slice(0, o), line.slice(o + 3, j), line.slice(j + 3)]);
      }
      return out;
    };
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', '5', ' ', '@', ' @ '), { minLength: 1, maxLength: 12 }), (parts) => {
        const line = parts.join('').replace(/^\s+|\s+$/g, '') || 'a';
        const all = readings(line);
        const [ev] = events(log, line, backend);
        if (all.length === 1) {
          const [response, size, user] = all[0]!;
          if (/^[0-9]+$/.test(size)) expect(ev).toMatchObject({ type: 'delivery', response, size: Number(size), auth_user: user });
          else
            expect(ev).toMatchObject({
              type: 'malformed',
              reason: `delivery_format: size (%B) is not an integer: ${JSON.stringify(size)}`,
            });
        } else {
          expect(ev!.type).toBe('malformed');
          expect(ev).toMatchObject({ reason: expect.stringContaining(all.length > 1 ? 'reads more than one way' : 'delivery_format: ') });
          if (all.length === 0) expect((ev as { reason: string }).reason).not.toContain('more than one way');
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('malformed: truncated lines and missing fields', () => {
    expect(reason(vendor, VENDOR_LINE.slice(0, VENDOR_LINE.lastIndexOf(' @ ')), backend)).toBe(
      'rejection_format: the line holds " @ " 15 times, the format writes it 16 times',
    );
    expect(reason(vendor, VENDOR_LINE.slice(0, 60), backend)).toBe(
      'rejection_format: the line holds " @ " 6 times, the format writes it 16 times',
    );
    expect(reason(vendor, VENDOR_LINE.replace(' @ unknown', '').replace('unknown @ ', ''), backend)).toBe(
      'rejection_format: the line holds " @ " 15 times, the format writes it 16 times',
    );
  });

  test('malformed: a number or time that is not one (the line reads one way)', () => {
    expect(reason(vendor, withField(16, '2x'), backend)).toBe('rejection_format: stage (%S) is not an integer: "2x"');
    expect(reason(vendor, withField(12, '13390O7869'), backend)).toBe('rejection_format: bad timestamp "13390O7869": is not a number');
  });

  test('malformed: empty line and NUL byte', () => {
    expect(reason(vendor, '\n', backend)).toBe('empty line');
    expect(reason(vendor, VENDOR_LINE.replace('relaying', 'rel\0ying'), backend)).toBe(
      `NUL byte at column ${VENDOR_LINE.indexOf('relaying') + 4}`,
    );
  });
});

test('the vendor format: both backends, any chunking, one event per line', () => {
  checkDecoderProperty(vendor, [
    VENDOR_LINE,
    withField(5, 'relaying @ denied'),
    withField(1, 'during MAIL FROM'),
    withField(0, 'esmtp @'),
    '@ @ @',
    ` @ ${VENDOR_LINE}`,
  ]);
});
