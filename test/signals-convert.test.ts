import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse, type EcelogEvent, type LogFormat, type LogKind } from '../src/index';
import { compileFormats } from '../src/decoders/custom/index';
import {
  canonicalReason,
  derivedMessageId,
  errorCode,
  eventId,
  mergeByTime,
  milliseconds,
  SignalsConverter,
  ATTRIBUTION_LIMITS,
  toSparkPostEvents,
  type ConvertOptions,
  type MessageEvent,
  eventBody,
  type IngestEvent,
} from '../src/signals/convert/index';

/** The message event of an Ingest event. */
const msg = (e: IngestEvent): MessageEvent => eventBody(e) as MessageEvent;

// ---- hand-written lines (3.x/4.x layouts) of one message, MID, sent from info@sender.example to Bob@Example.COM

const MID = 'AA/00-00001-00000001';
const CONN = '00/00-00001-0000000F';
const T0 = 1700000000;
const R = (proto = 'esmtp', id = MID, ts = T0) =>
  `${ts}@${id}@${id}@${CONN}@R@Bob@Example.COM@info@sender.example@10.0.0.1@1234@${proto}@group-a@binding-a`;
const D = (ts = T0 + 10, qt = '306072.00', id = MID) => `${ts}@${id}@${id}@${CONN}@D@example.com@1300@group-a@binding-a@2@${qt}@192.0.2.5`;
const USER_UNKNOWN = '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown';
const P = (ts = T0 + 20) => `${ts}@${MID}@${MID}@${CONN}@P@example.com@31@group-a@binding-a@5@1@3.89@192.0.2.5@${USER_UNKNOWN}`;
const B = (ts = T0 + 20) =>
  `${ts}@${MID}@${MID}@${CONN}@B@Bob@Example.COM@info@sender.example@group-a@binding-a@5@10@1300@192.0.2.5@${USER_UNKNOWN}`;
const GREYLIST = '451 4.7.1 <bob@example.com>: greylisted from [203.0.113.9]';
const mT = (ts = T0 + 5) => `${ts}@${MID}@${MID}@${CONN}@T@example.com@0@group-a@binding-a@4@1@18.53@192.0.2.5@${GREYLIST}`;
const bT = (ts = T0 + 5) =>
  `${ts}@${MID}@${MID}@${CONN}@T@Bob@Example.COM@info@sender.example@group-a@binding-a@4@22@1300@192.0.2.5@${GREYLIST}`;
const OOB_ID = '91/6D-07914-E67BC044';
const OOB = `${T0 + 30}@${OOB_ID}@${OOB_ID}@${CONN}@B@johndoe@example.fict@info@postalengine.com@group-a@binding-a@21@24@1223@10.0.0.1@550 [internal] [oob] Timeout`;
const F = (type = 'abuse') => `${T0 + 40}@${MID}@F@Bob@Example.COM@binding-a@group-a@${type}@example.com@user 1`;
const REJECT = `${T0 + 1}: R="10.79.25.142:42601" L="10.79.25.142:25" C="18/00-07149-D7E16B94" PATH="default" PATH_GRP="default" P="awaiting mailfrom" E=550 M=scriptlet CTXCONN=[pathway=default] CTXMESS=[mailfrom_domain=,mailfrom_string="MAIL FROM:<>",mailfrom_localpart=] relaying denied for 10.79.25.142`;

/** A rejectlog line in phase `phase` with CTXMESS=[`ctx`]. */
function rejectLine(phase: string, ctx: string, text: string): string {
  return `${T0 + 2}: R="192.0.2.7:4000" L="10.0.0.1:25" C="18/00-07149-D7E16B95" PATH="default" PATH_GRP="default" P="${phase}" E=550 M=validate CTXCONN=[pathway=default] CTXMESS=[${ctx}] ${text}`;
}

/** Feeds lines to a converter; each line gets its own byte offset, so its own source ID. */
class Feed {
  readonly c: SignalsConverter;
  /** The byte offset given to each line, in order. */
  readonly offsets: number[] = [];
  private offset = 0;
  constructor(options?: ConvertOptions) {
    this.c = new SignalsConverter(options);
  }
  events(log: LogKind | LogFormat, line: string): EcelogEvent[] {
    this.offsets.push(this.offset);
    const evs = [...parse(Buffer.from(line, 'utf8'), { log, startOffset: this.offset })] as EcelogEvent[];
    this.offset += Buffer.byteLength(line) + 1;
    return evs;
  }
  /** Pushes the lines' events; returns the message events that came out. */
  push(log: LogKind | LogFormat, ...lines: string[]): MessageEvent[] {
    const out: MessageEvent[] = [];
    for (const line of lines) for (const ev of this.events(log, line)) out.push(...this.c.push(ev).map((e) => msg(e)));
    return out;
  }
  flush(): MessageEvent[] {
    return this.c.flush().map((e) => msg(e));
  }
}

// What the R says about the message, as every later event of it carries it.
const RCPT = {
  rcpt_to: 'bob@example.com',
  raw_rcpt_to: 'Bob@Example.COM',
  msg_from: 'info@sender.example',
};
const BINDING = { binding: 'binding-a', binding_group: 'group-a', ip_pool: 'group-a' };
const INJECTION = {
  type: 'reception',
  event_id: eventId('reception', 'mainlog:0'),
  timestamp: String(T0),
  message_id: MID,
  ...RCPT,
  routing_domain: 'Example.COM',
  ...BINDING,
  msg_size: '1234',
  recv_method: 'esmtp',
};
const GREYLIST_REASON = { error_code: '451', reason: '451 4.7.1 ...@... greylisted from [a.b.c.d]', raw_reason: GREYLIST };
const UNKNOWN_REASON = {
  error_code: '550',
  reason: '550 5.1.1 ...@... Recipient address rejected: User unknown',
  raw_reason: USER_UNKNOWN,
};

describe('mainlog R, D, X', () => {
  test('R → injection; D → delivery joined with the R (queue_time exact), which ends the message', () => {
    const f = new Feed();
    const rLen = R().length + 1;
    expect(f.push('mainlog', R())).toEqual([INJECTION]);
    expect(f.push('mainlog', D())).toEqual([
      {
        type: 'delivery',
        event_id: eventId('delivery', `mainlog:${rLen}`),
        timestamp: String(T0 + 10),
        message_id: MID,
        ...RCPT,
        routing_domain: 'example.com',
        ...BINDING,
        msg_size: '1300',
        delv_method: 'esmtp',
        ip_address: '192.0.2.5',
        num_retries: '2',
        queue_time: '306072000',
      },
    ]);
    expect(f.c.stats).toMatchObject({ receptions_held: 0, missing_reception: 0, emitted: { reception: 1, delivery: 1 } });
    // a second D of the message has no R any more: converted with what is known, counted
    expect(f.push('mainlog', D(T0 + 11))[0]).not.toHaveProperty('rcpt_to');
    expect(f.c.stats.missing_reception).toBe(1);
  });

  test('webhook type names', () => {
    const f = new Feed({ types: 'webhook' });
    expect(f.push('mainlog', R(), D()).map((e) => e.type)).toEqual(['injection', 'delivery']);
    expect(f.c.stats.emitted).toEqual({ injection: 1, delivery: 1 });
  });

  test('an xfer R emits nothing but is joined; X and heartbeats emit nothing; malformed lines are counted', () => {
    const f = new Feed();
    expect(
      f.push('mainlog', R('xfer'), `${T0}@@@@M`, 'garbage', `${T0}@${MID}@${MID}@${CONN}@X@example.com@1300@g@b@0@1.5@10.0.0.12`),
    ).toEqual([]);
    expect(f.push('mainlog', R('xfer', 'BB/00-00001-00000001'))).toEqual([]);
    expect(f.push('mainlog', D(T0 + 10, '1.5', 'BB/00-00001-00000001'))[0]).toMatchObject({
      rcpt_to: 'bob@example.com',
      msg_from: 'info@sender.example',
    });
    expect(f.push('rejectlog', `${T0}: Marker 1`)).toEqual([]);
    expect(f.c.stats.ignored).toEqual({ xfer_reception: 2, heartbeat: 2, malformed: 1, transfer: 1 });
    // X ended the message on this node
    expect(f.c.stats.receptions_held).toBe(0);
  });

  test('a message Momentum generated (internal R: its DSN) has no event at all, also after a restart', () => {
    const DSN = 'BB/00-00001-00000001';
    const f = new Feed();
    expect(f.push('mainlog', R('internal', DSN))).toEqual([]);
    expect(f.push('mainlog', mT().replaceAll(MID, DSN))).toEqual([]);
    expect(f.push('mainlog', D(T0 + 10, '1.5', DSN))).toEqual([]);
    expect(f.flush()).toEqual([]);
    expect(f.c.stats.ignored).toEqual({ internal_reception: 1, internal_message: 2 });
    expect(f.c.stats.emitted).toEqual({});
    // Another message is not affected.
    expect(f.push('mainlog', R(), D()).map((e) => e.type)).toEqual(['reception', 'delivery']);
    // What a restarted reader is given back: the D of the DSN still emits nothing.
    const saved = f.c.internalMessages();
    expect(saved).toEqual([[DSN, T0 * 1e6]]);
    const again = new Feed({ internalMessages: saved });
    expect(again.push('mainlog', D(T0 + 10, '1.5', DSN))).toEqual([]);
    expect(again.c.stats.ignored).toEqual({ internal_message: 1 });
    // Live logs read side by side (clock 'wall'): a complaint read before the DSN's R waits for it.
    const live = new Feed({ clock: 'wall', pairWindow: 30 });
    expect(live.push('fbllog', F().replace(MID, DSN))).toEqual([]);
    expect(live.c.oldestHeld).toBe(1);
    expect(live.push('mainlog', R('internal', DSN))).toEqual([]);
    expect(live.c.advance(T0 + 40 + 31)).toEqual([]);
    expect(live.c.stats.ignored).toEqual({ internal_reception: 1, internal_message: 1 });
    // A bounce read before another DSN's R waits for its P as any bounce does; released, it is the DSN's: no event, and not unpaired.
    const DSN2 = 'BB/00-00001-00000002';
    expect(live.push('bouncelog', B(T0 + 20).replaceAll(MID, DSN2))).toEqual([]);
    expect(live.push('mainlog', R('internal', DSN2))).toEqual([]);
    expect(live.c.advance(T0 + 20 + 31)).toEqual([]);
    expect(live.c.stats).toMatchObject({ unpaired_bounces: 0, ignored: { internal_reception: 2, internal_message: 2 } });
    // … and another message's complaint is released after the window, converted.
    expect(live.push('fbllog', F())).toEqual([]);
    expect(live.c.advance(T0 + 40 + 31).map((e) => msg(e).type)).toEqual(['feedback']);
    // Remembered like receptions: up to maxReceptionAge of event time.
    const aged = new Feed({ internalMessages: saved, maxReceptionAge: 60 });
    aged.push('mainlog', R('esmtp', MID, T0 + 61));
    expect(aged.c.internalMessages()).toEqual([]);
  });

  test('null sender: msg_from "" and no sending_domain; a quoted local part keeps its quotes in raw_rcpt_to', () => {
    const f = new Feed();
    const line = `${T0}@${MID}@${MID}@${CONN}@R@"a@B"@example.com@@@10.0.0.1@10@esmtp@g@b`;
    expect(f.push('mainlog', line)).toEqual([
      {
        type: 'reception',
        event_id: eventId('reception', 'mainlog:0'),
        timestamp: String(T0),
        message_id: MID,
        rcpt_to: '"a@b"@example.com',
        raw_rcpt_to: '"a@B"@example.com',
        msg_from: '',
        routing_domain: 'example.com',
        binding: 'b',
        binding_group: 'g',
        ip_pool: 'g',
        msg_size: '10',
        recv_method: 'esmtp',
      },
    ]);
  });

  test('timestamps are whole seconds, also from a hires log (microseconds cut, not rounded)', () => {
    const f = new Feed();
    const [e] = f.push('mainlog', R('esmtp', MID, 1700000000999999));
    expect(e!.timestamp).toBe('1700000000');
    expect(f.push('mainlog', R('esmtp', 'CC/00-00001-00000001', 1700000001000000))[0]!.timestamp).toBe('1700000001');
  });

  test('queue_time: decimal seconds to integer milliseconds without binary rounding', () => {
    expect(milliseconds(306072)).toBe('306072000');
    expect(milliseconds(1.23)).toBe('1230');
    expect(milliseconds(0.393)).toBe('393');
    expect(milliseconds(18.53)).toBe('18530');
    expect(milliseconds(4.35)).toBe('4350');
    expect(milliseconds(0.0005)).toBe('1');
    expect(milliseconds(0.0004)).toBe('0');
    expect(milliseconds(0)).toBe('0');
    expect(milliseconds(1e-7)).toBe('0');
  });

  test('queue_time: milliseconds() equals exact decimal arithmetic on the logged text (random values, 0-5 decimals)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_999_999 }),
        fc.integer({ min: 0, max: 99_999 }),
        fc.integer({ min: 0, max: 5 }),
        (whole, f, decimals) => {
          const frac = String(f).padStart(5, '0').slice(0, decimals);
          const text = decimals === 0 ? String(whole) : `${whole}.${frac}`;
          const padded = (frac + '0000').slice(0, 4);
          const exact = BigInt(whole) * 1000n + BigInt(padded.slice(0, 3)) + (padded[3]! >= '5' ? 1n : 0n);
          expect(milliseconds(Number(text))).toBe(String(exact));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('failures: pairing of P with B and of mainlog T with bouncelog T', () => {
  const BOUNCE = {
    type: 'inband',
    event_id: eventId('inband', MID),
    timestamp: String(T0 + 20),
    message_id: MID,
    ...RCPT,
    routing_domain: 'example.com',
    ...BINDING,
    msg_size: '1300',
    delv_method: 'esmtp',
    ip_address: '192.0.2.5',
    num_retries: '1',
    bounce_class: '10',
    ...UNKNOWN_REASON,
  };

  test('P then B → one bounce with the B class', () => {
    const f = new Feed();
    f.push('mainlog', R());
    expect(f.push('mainlog', P())).toEqual([]);
    expect(f.c.oldestHeld).toBe(2);
    expect(f.push('bouncelog', B())).toEqual([BOUNCE]);
    expect(f.c.oldestHeld).toBe(Infinity);
    expect(f.c.stats).toMatchObject({
      paired_bounces: 1,
      held: 0,
      receptions_held: 0,
      unpaired_bounces: 0,
      unpaired_permanent_failures: 0,
    });
  });

  test('B then P → the same bounce', () => {
    const f = new Feed();
    f.push('mainlog', R());
    expect(f.push('bouncelog', B())).toEqual([]);
    expect(f.push('mainlog', P())).toEqual([BOUNCE]);
    expect(f.c.inputs).toBe(3);
  });

  test('P alone: released when a later event passes the window, with class 1 (Undetermined)', () => {
    const f = new Feed();
    f.push('mainlog', R());
    expect(f.push('mainlog', P())).toEqual([]);
    expect(f.push('mainlog', `${T0 + 50}@@@@M`)).toEqual([]); // exactly 30 s: still waiting
    const out = f.push('mainlog', `${T0 + 51}@@@@M`);
    expect(out).toEqual([{ ...BOUNCE, msg_size: '1234', bounce_class: '1' }]);
    expect(f.c.stats).toMatchObject({ unpaired_permanent_failures: 1, held: 0 });
  });

  test('P alone: released by advance() (wall clock) and by flush()', () => {
    const f = new Feed({ pairWindow: 10 });
    f.push('mainlog', R(), P());
    expect(f.c.advance(T0 + 30)).toEqual([]);
    expect(f.c.advance(T0 + 31).map((e) => msg(e))).toEqual([{ ...BOUNCE, msg_size: '1234', bounce_class: '1' }]);
    const g = new Feed();
    g.push('mainlog', P());
    expect(g.flush()).toEqual([
      {
        type: 'inband',
        event_id: eventId('inband', MID),
        timestamp: String(T0 + 20),
        message_id: MID,
        routing_domain: 'example.com',
        ...BINDING,
        delv_method: 'esmtp',
        ip_address: '192.0.2.5',
        num_retries: '1',
        bounce_class: '1',
        ...UNKNOWN_REASON,
      },
    ]);
    expect(g.c.stats).toMatchObject({ missing_reception: 1, unpaired_permanent_failures: 1 });
  });

  test('B alone: a bounce from the B record, the same event ID as the P would give (dedupe at SparkPost)', () => {
    const f = new Feed();
    f.push('bouncelog', B());
    expect(f.flush()).toEqual([
      {
        type: 'inband',
        event_id: eventId('inband', MID),
        timestamp: String(T0 + 20),
        message_id: MID,
        ...RCPT,
        routing_domain: 'Example.COM',
        ...BINDING,
        msg_size: '1300',
        delv_method: 'esmtp',
        ip_address: '192.0.2.5',
        bounce_class: '10',
        ...UNKNOWN_REASON,
      },
    ]);
    expect(f.c.stats).toMatchObject({ unpaired_bounces: 1, missing_reception: 0 });
  });

  const DELAY = {
    type: 'tempfail',
    event_id: eventId('tempfail', MID, String(T0 + 5)),
    timestamp: String(T0 + 5),
    message_id: MID,
    ...RCPT,
    routing_domain: 'example.com',
    ...BINDING,
    delv_method: 'esmtp',
    ip_address: '192.0.2.5',
    num_retries: '1',
    queue_time: '18530',
    bounce_class: '70',
    ...GREYLIST_REASON,
  };

  test('mainlog T alone → delay with class 70, the R kept for later events', () => {
    const f = new Feed();
    f.push('mainlog', R(), mT());
    expect(f.c.oldestHeld).toBe(2);
    expect(f.flush()).toEqual([DELAY]);
    expect(f.c.stats).toMatchObject({ receptions_held: 1, paired_delays: 0 });
  });

  test('mainlog T + bouncelog T of the same attempt → one delay with the bouncelog class (either order)', () => {
    for (const order of ['main first', 'bounce first']) {
      const f = new Feed({ types: 'webhook' });
      f.push('mainlog', R());
      const out =
        order === 'main first'
          ? [...f.push('mainlog', mT()), ...f.push('bouncelog', bT(T0 + 6))]
          : [...f.push('bouncelog', bT(T0 + 4)), ...f.push('mainlog', mT())];
      expect(out).toEqual([{ ...DELAY, type: 'delay', bounce_class: '22' }]);
      expect(f.flush()).toEqual([]);
      expect(f.c.stats.paired_delays).toBe(1);
    }
  });

  test('two attempts of one message, the bouncelog read ahead of the mainlog: each T pairs with its own', () => {
    const f = new Feed({ pairWindow: 30, clock: 'wall' });
    f.push('mainlog', R());
    const later = (line: string) => line.replace(`${T0 + 5}@`, `${T0 + 65}@`).replace('@22@', '@24@');
    expect(f.push('bouncelog', bT(), later(bT()))).toEqual([]);
    expect(f.c.stats.held).toBe(2);
    const out = f.push('mainlog', mT(), later(mT()));
    expect(out.map((e) => [e.timestamp, e.bounce_class])).toEqual([
      [String(T0 + 5), '22'],
      [String(T0 + 65), '24'],
    ]);
    expect(f.c.stats).toMatchObject({ paired_delays: 2, held: 0 });
  });

  test('bouncelog T alone (or outside the window) → its own delay with its class', () => {
    const f = new Feed();
    f.push('mainlog', R(), mT());
    const out = f.push('bouncelog', bT(T0 + 100)); // the held mainlog T is released (window passed), the bouncelog T waits
    expect(out).toEqual([DELAY]);
    expect(f.flush()).toEqual([
      {
        type: 'tempfail',
        event_id: eventId('tempfail', MID, String(T0 + 100)),
        timestamp: String(T0 + 100),
        message_id: MID,
        ...RCPT,
        routing_domain: 'Example.COM',
        ...BINDING,
        delv_method: 'esmtp',
        ip_address: '192.0.2.5',
        bounce_class: '22',
        ...GREYLIST_REASON,
      },
    ]);
  });

  test('maxHeld: over the bound the oldest is released unpaired', () => {
    const f = new Feed({ maxHeld: 1 });
    f.push('mainlog', mT());
    const out = f.push('mainlog', P());
    expect(out.map((e) => e.type)).toEqual(['tempfail']);
    expect(f.c.stats).toMatchObject({ held_overflow: 1, held: 1 });
    expect(f.c.oldestHeld).toBe(2);
  });

  test('out-of-band B (stage 21) → out_of_band from its own record', () => {
    const f = new Feed();
    expect(f.push('bouncelog', OOB)).toEqual([
      {
        type: 'outofband',
        event_id: eventId('outofband', 'bouncelog:0'),
        timestamp: String(T0 + 30),
        message_id: OOB_ID,
        rcpt_to: 'johndoe@example.fict',
        raw_rcpt_to: 'johndoe@example.fict',
        msg_from: 'info@postalengine.com',
        routing_domain: 'example.fict',
        ...BINDING,
        recv_method: 'esmtp',
        delv_method: 'esmtp',
        bounce_class: '24',
        error_code: '550',
        reason: '550 [internal] [oob] Timeout',
        raw_reason: '550 [internal] [oob] Timeout',
      },
    ]);
  });
});

describe('fbllog and rejectlog', () => {
  test('F → spam complaint; an empty feedback type (JMR) is sent as abuse and counted', () => {
    const f = new Feed({ types: 'webhook' });
    const expected = {
      type: 'spam_complaint',
      event_id: eventId('feedback', 'fbllog:0'),
      timestamp: String(T0 + 40),
      message_id: MID,
      rcpt_to: 'bob@example.com',
      raw_rcpt_to: 'Bob@Example.COM',
      ...BINDING,
      delv_method: 'esmtp',
      fbtype: 'abuse',
      report_to: 'example.com',
      user_str: 'user 1',
    };
    expect(f.push('fbllog', F())).toEqual([expected]);
    const off = F().length + 1;
    expect(f.push('fbllog', F(''))).toEqual([{ ...expected, event_id: eventId('feedback', `fbllog:${off}`) }]);
    expect(f.c.stats.defaulted_fbtype).toBe(1);
  });

  test('rejection of a message → policy_rejection with a message ID derived from the line, its sender and recipient', () => {
    const f = new Feed({ sourceId: (ev) => `node1/rejectlog.ec:${ev.offset}` });
    expect(f.push('rejectlog', REJECT)).toEqual([
      {
        type: 'rejection',
        event_id: eventId('rejection', 'node1/rejectlog.ec:0'),
        timestamp: String(T0 + 1),
        message_id: derivedMessageId('rejection', 'node1/rejectlog.ec:0'),
        msg_from: '',
        recv_method: 'esmtp',
        error_code: '550',
        reason: 'relaying denied for a.b.c.d',
        raw_reason: 'relaying denied for 10.79.25.142',
        remote_addr: '10.79.25.142',
      },
    ]);
    expect(derivedMessageId('rejection', 'node1/rejectlog.ec:0')).toMatch(/^[0-9a-f]{20}$/);
    const rcpt = rejectLine(
      'awaiting rcptto',
      'mailfrom_domain=news.example,mailfrom_localpart=info,rcptto_localpart=Bob,rcptto_domain=Example.COM',
      '5.1.1 unknown user',
    );
    expect(f.push('rejectlog', rcpt)[0]).toMatchObject({
      msg_from: 'info@news.example',
      rcpt_to: 'bob@example.com',
      raw_rcpt_to: 'Bob@Example.COM',
      error_code: '550',
    });
    // Only the command string: its address stands in.
    const cmd = rejectLine('awaiting data', 'mailfrom_string="MAIL FROM:<a@b.example> SIZE=10"', '5.7.1 policy');
    expect(f.push('rejectlog', cmd)[0]).toMatchObject({ msg_from: 'a@b.example' });
    expect(f.c.stats.ignored).toEqual({});
  });

  test('refusals of no message (connect phase, protocol errors) are skipped and counted by reason', () => {
    const f = new Feed();
    const lines = [
      rejectLine('connect', '', 'client blocked using zen.spamhaus.org'),
      rejectLine('ehlo', 'mailfrom_domain=x.example', 'bad helo'),
      rejectLine('awaiting mailfrom', '', '5.5.2 syntax error'),
      rejectLine('awaiting rcptto', 'mailfrom_domain=,mailfrom_localpart=', 'too many errors'),
      `${T0}: R="10.0.0.1:1" E=550 relaying denied`,
    ];
    expect(f.push('rejectlog', ...lines)).toEqual([]);
    expect(f.c.stats.ignored).toEqual({ rejection_not_message_phase: 3, rejection_no_message: 2 });
    expect(f.c.stats.emitted).toEqual({});
  });
});

describe('privacy, attribution, custom_logger', () => {
  test('privacy: rcpt_hash = base64(SHA-1(rcpt_to)) and rcpt_domain instead of the address; raw_reason masked too', () => {
    const f = new Feed({ privacy: true });
    const [inj] = f.push('mainlog', R());
    expect(inj).toEqual({
      type: 'reception',
      event_id: INJECTION.event_id,
      timestamp: String(T0),
      message_id: MID,
      rcpt_hash: 'pGDje/TY6JP4/TlTaZfV2o0h7r4=',
      rcpt_domain: 'example.com',
      msg_from: 'info@sender.example',
      routing_domain: 'Example.COM',
      ...BINDING,
      msg_size: '1234',
      recv_method: 'esmtp',
    });
    f.push('mainlog', mT());
    const [delay] = f.flush();
    expect(delay).toMatchObject({
      rcpt_hash: 'pGDje/TY6JP4/TlTaZfV2o0h7r4=',
      rcpt_domain: 'example.com',
      raw_reason: GREYLIST_REASON.reason,
    });
    expect(delay).not.toHaveProperty('rcpt_to');
    expect(delay).not.toHaveProperty('raw_rcpt_to');
  });

  const CUSTOM = compileFormats({
    reception_format: '%t@%i@R@%r@%R@%m@%M@%B@%p@%g@%b@%h{X-MSYS-API}',
    delivery_format: '%t@%i@D@%d@%B@%g@%b@%N@%T@%H@%h{x-job}',
    transient_failure_format: '%t@%i@T@%d@%g@%b@%N@%T@%H@%vctx_mess{Sub}',
    xfer_format: '%t@%i@X@%d',
  });
  const API = '{"campaign_id":"spring@2024","metadata":{"user":7},"tags":["a","b"]}';
  const cR = (api = API, id = MID) => `${T0}@${id}@R@Bob@Example.COM@info@sender.example@1234@esmtp@group-a@binding-a@${api}`;
  const cD = `${T0 + 10}@${MID}@D@example.com@1300@group-a@binding-a@0@0.5@192.0.2.5@Job-9`;
  const options = { headerFields: { 'X-JOB': 'campaign_id', sub: 'subaccount_id' } };

  test('X-MSYS-API on the reception: campaign_id, rcpt_meta, rcpt_tags on it and on the later events; the header table wins', () => {
    const f = new Feed(options);
    const injection = {
      ...INJECTION,
      event_id: eventId('reception', 'custom:0'),
      campaign_id: 'spring@2024',
      rcpt_meta: { user: 7 },
      rcpt_tags: ['a', 'b'],
    };
    expect(f.push(CUSTOM, cR())).toEqual([injection]);
    expect(f.push(CUSTOM, `${T0 + 5}@${MID}@T@example.com@group-a@binding-a@1@18.53@192.0.2.5@ 0042`)).toEqual([]);
    expect(f.flush()).toEqual([
      {
        type: 'tempfail',
        event_id: eventId('tempfail', MID, String(T0 + 5)),
        timestamp: String(T0 + 5),
        message_id: MID,
        ...RCPT,
        routing_domain: 'example.com',
        ...BINDING,
        campaign_id: 'spring@2024',
        subaccount_id: '42',
        rcpt_meta: { user: 7 },
        rcpt_tags: ['a', 'b'],
        delv_method: 'esmtp',
        ip_address: '192.0.2.5',
        num_retries: '1',
        queue_time: '18530',
        bounce_class: '70',
      },
    ]);
    expect(f.push(CUSTOM, cD)).toEqual([
      {
        type: 'delivery',
        event_id: eventId('delivery', `custom:${f.offsets[2]}`),
        timestamp: String(T0 + 10),
        message_id: MID,
        ...RCPT,
        routing_domain: 'example.com',
        ...BINDING,
        campaign_id: 'Job-9',
        rcpt_meta: { user: 7 },
        rcpt_tags: ['a', 'b'],
        msg_size: '1300',
        delv_method: 'esmtp',
        ip_address: '192.0.2.5',
        num_retries: '0',
        queue_time: '500',
      },
    ]);
  });

  test('a bad X-MSYS-API is counted, not thrown; the event is converted without it', () => {
    const f = new Feed();
    const [e] = f.push(CUSTOM, cR('{"campaign_id": 5}'));
    expect(e).toEqual({ ...INJECTION, event_id: eventId('reception', 'custom:0') });
    f.push(CUSTOM, cR('not json', 'BB/00-00001-00000001'));
    expect(f.c.stats.bad_msys_api).toBe(2);
  });

  test('attribution over its bounds is dropped and counted, the rest kept (bounded memory per queued message)', () => {
    const f = new Feed(options);
    const big = JSON.stringify({ campaign_id: 'c1', metadata: { blob: 'x'.repeat(ATTRIBUTION_LIMITS.metadata) }, tags: ['a'] });
    const [e] = f.push(CUSTOM, cR(big));
    expect(e).toMatchObject({ campaign_id: 'c1', rcpt_tags: ['a'] });
    expect(e).not.toHaveProperty('rcpt_meta');
    const longJob = 'j'.repeat(ATTRIBUTION_LIMITS.value + 1);
    const [d] = f.push(CUSTOM, cD.replace('@Job-9', `@${longJob}`));
    expect(d).toHaveProperty('campaign_id', 'c1'); // the reception's: the too-long header value was dropped
    expect(f.c.stats.attribution_dropped).toBe(2);
  });

  test('a table may name fields of its own: they follow the standard ones', () => {
    const f = new Feed({ headerFields: { 'X-Job': 'job_name', Sub: 'subaccount_id' } });
    f.push(CUSTOM, cR());
    const [d] = f.push(CUSTOM, cD);
    expect(d).toMatchObject({ job_name: 'Job-9', campaign_id: 'spring@2024' });
    expect(Object.keys(d!).at(-1)).toBe('job_name');
  });

  test('msysApi: false ignores the header', () => {
    const f = new Feed({ msysApi: false });
    expect(f.push(CUSTOM, cR())[0]).not.toHaveProperty('campaign_id');
  });

  test('a mainlog R and a custom reception of the same message: one injection (the first), attribution merged for later events', () => {
    const f = new Feed();
    expect(f.push('mainlog', R())).toEqual([INJECTION]);
    expect(f.push(CUSTOM, cR())).toEqual([]);
    expect(f.c.stats.duplicate_receptions).toBe(1);
    f.push('mainlog', mT());
    expect(f.flush()[0]).toMatchObject({ campaign_id: 'spring@2024', rcpt_tags: ['a', 'b'], rcpt_to: 'bob@example.com' });
  });

  test('a complaint after the delivery still carries the attribution of the reception', () => {
    const f = new Feed(options);
    f.push(CUSTOM, cR());
    f.push(CUSTOM, cD);
    expect(f.c.stats.receptions_held).toBe(1);
    expect(f.push('fbllog', F())[0]).toMatchObject({
      type: 'feedback',
      campaign_id: 'spring@2024',
      rcpt_meta: { user: 7 },
      rcpt_tags: ['a', 'b'],
    });
  });

  test('without attribution, a delivered message is forgotten at once', () => {
    const f = new Feed();
    f.push('mainlog', R(), D());
    expect(f.c.stats.receptions_held).toBe(0);
  });

  test('a custom reception without a recipient only attributes: the mainlog R after it injects with its campaign', () => {
    const ONLY = compileFormats({ reception_format: '%t@%i@R@%h{X-MSYS-API}' });
    const f = new Feed();
    expect(f.push(ONLY, `${T0}@${MID}@R@${API}`)).toEqual([]);
    expect(f.c.stats).toMatchObject({ attribution_only: 1, receptions_held: 1 });
    expect(f.push('mainlog', R())).toEqual([
      {
        ...INJECTION,
        event_id: eventId('reception', `mainlog:${f.offsets[1]}`),
        campaign_id: 'spring@2024',
        rcpt_meta: { user: 7 },
        rcpt_tags: ['a', 'b'],
      },
    ]);
    expect(f.push('mainlog', D())[0]).toMatchObject({ type: 'delivery', campaign_id: 'spring@2024', rcpt_to: 'bob@example.com' });
  });

  test('sending_domain only from the From header (header table), never the MAIL FROM domain', () => {
    const FROM = compileFormats({ reception_format: '%t@%i@R@%r@%R@%m@%M@%B@%p@%g@%b@%h{From}' });
    const f = new Feed({ headerFields: { From: 'sending_domain' } });
    const line = (from: string, id = MID) => `${T0}@${id}@R@Bob@Example.COM@bounces@mta.example@1234@esmtp@group-a@binding-a@${from}`;
    expect(f.push(FROM, line('"News, Inc." <news@Mail.Example.COM>'))[0]).toMatchObject({
      msg_from: 'bounces@mta.example',
      sending_domain: 'mail.example.com',
    });
    expect(f.push('mainlog', D())[0]).toMatchObject({ type: 'delivery', sending_domain: 'mail.example.com' });
    expect(f.push(FROM, line('news@brand.example (News)', 'AA/00-00001-00000002'))[0]!.sending_domain).toBe('brand.example');
    // No address in it: left out, counted.
    const bad = f.push(FROM, line('undisclosed-recipients:;', 'AA/00-00001-00000003'))[0]!;
    expect(bad).not.toHaveProperty('sending_domain');
    expect(f.c.stats.bad_from_header).toBe(1);
    // Without the header: no sending_domain at all (the mainlog R has only the MAIL FROM).
    expect(new Feed().push('mainlog', R())[0]).not.toHaveProperty('sending_domain');
  });

  test('subaccount_id (X-SP-SUBACCOUNT-ID) as SparkPost sends it: a decimal number string; anything else left out, counted', () => {
    const SUB = compileFormats({ reception_format: '%t@%i@R@%r@%R@%m@%M@%B@%p@%g@%b@%h{X-SP-SUBACCOUNT-ID}' });
    const f = new Feed({ headerFields: { 'X-SP-SUBACCOUNT-ID': 'subaccount_id' } });
    const line = (sub: string, n: number) =>
      `${T0}@AA/00-00001-0000000${n}@R@Bob@Example.COM@info@sender.example@1234@esmtp@group-a@binding-a@${sub}`;
    expect(f.push(SUB, line('101', 1))[0]).toHaveProperty('subaccount_id', '101');
    expect(f.push(SUB, line(' 0007 ', 2))[0]).toHaveProperty('subaccount_id', '7');
    expect(f.push(SUB, line('0', 3))[0]).toHaveProperty('subaccount_id', '0');
    for (const [n, bad] of ['acct-3', '-1', '1.5', '0x10', '1234567890123456'].entries())
      expect(f.push(SUB, line(bad, n + 4))[0]).not.toHaveProperty('subaccount_id');
    expect(f.c.stats.bad_subaccount_id).toBe(5);
    expect(f.c.stats.bad_from_header).toBe(0);
    // A header table may name a field "constructor" or "toString": a value, not a form.
    const g = new Feed({ headerFields: { 'X-SP-SUBACCOUNT-ID': 'toString' } });
    expect(g.push(SUB, line('x', 1))[0]).toHaveProperty('toString', 'x');
  });

  test('open_tracking / click_tracking from X-MSYS-API options, else the configured default, as "1" / "0"', () => {
    const withOptions = '{"campaign_id":"c1","options":{"open_tracking":false,"click_tracking":true}}';
    const f = new Feed({ openTracking: true });
    const [inj] = f.push(CUSTOM, cR(withOptions));
    expect(inj).toMatchObject({ campaign_id: 'c1', open_tracking: '0', click_tracking: '1' });
    expect(f.push('mainlog', D())[0]).toMatchObject({ open_tracking: '0', click_tracking: '1' });
    // No options in the header: the default where one is configured, nothing where not.
    const other = f.push(CUSTOM, cR(API, 'AA/00-00001-00000002'))[0]!;
    expect(other.open_tracking).toBe('1');
    expect(other).not.toHaveProperty('click_tracking');
    // A rejection is of no message that was sent: no tracking fields.
    expect(f.push('rejectlog', REJECT)[0]).not.toHaveProperty('open_tracking');
    // No default, no header: left out.
    expect(new Feed().push('mainlog', R())[0]).not.toHaveProperty('open_tracking');
  });

  test('custom transfer: nothing', () => {
    const f = new Feed();
    expect(f.push(CUSTOM, `${T0}@${MID}@X@example.com`)).toEqual([]);
    expect(f.c.stats.ignored).toEqual({ transfer: 1 });
  });
});

describe("clock: 'wall'", () => {
  test('a later event does not release a held P; advance(now) does, and expires receptions', () => {
    const f = new Feed({ clock: 'wall', pairWindow: 30, maxReceptionAge: 1000 });
    f.push('mainlog', R(), P());
    expect(f.push('mainlog', `${T0 + 5000}@@@@M`)).toEqual([]);
    expect(f.c.stats.held).toBe(1);
    expect(f.c.oldestHeld).toBe(2);
    expect(f.c.advance(T0 + 20 + 29).map((e) => msg(e).type)).toEqual([]);
    const released = f.c.advance(T0 + 20 + 31).map((e) => msg(e));
    expect(released.map((e) => [e.type, e.bounce_class])).toEqual([['inband', '1']]);
    expect(f.c.oldestHeld).toBe(Infinity);
    expect(f.c.stats.receptions_held).toBe(0);
  });

  test('advance past maxReceptionAge expires a reception that has not ended', () => {
    const f = new Feed({ clock: 'wall', maxReceptionAge: 1000 });
    f.push('mainlog', R());
    f.c.advance(T0 + 999);
    expect(f.c.stats.receptions_held).toBe(1);
    f.c.advance(T0 + 1001);
    expect(f.c.stats).toMatchObject({ receptions_held: 0, evicted_by_age: 1 });
  });
});

describe('join state bounds', () => {
  const id = (i: number) => `AA/00-00001-0000000${i}`;

  test('by count: the oldest reception is evicted and counted', () => {
    const f = new Feed({ maxReceptions: 2 });
    f.push('mainlog', R('esmtp', id(1)), R('esmtp', id(2)), R('esmtp', id(3)));
    expect(f.c.stats).toMatchObject({ evicted_receptions: 1, receptions_held: 2 });
    expect(f.push('mainlog', D(T0 + 10, '1', id(1)))[0]).not.toHaveProperty('rcpt_to');
    expect(f.push('mainlog', D(T0 + 10, '1', id(2)))[0]).toHaveProperty('rcpt_to', 'bob@example.com');
    expect(f.c.stats.missing_reception).toBe(1);
  });

  test('by age: event time (watermark) and advance()', () => {
    const f = new Feed({ maxReceptionAge: 100 });
    f.push('mainlog', R('esmtp', id(1)), R('esmtp', id(2), T0 + 50));
    f.push('mainlog', `${T0 + 101}@@@@M`);
    expect(f.c.stats).toMatchObject({ evicted_by_age: 1, receptions_held: 1 });
    f.c.advance(T0 + 151);
    expect(f.c.stats).toMatchObject({ evicted_by_age: 2, receptions_held: 0 });
  });
});

describe('helpers', () => {
  test('eventId: decimal below 2^63, stable, unambiguous joining', () => {
    const a = eventId('inband', MID);
    expect(a).toMatch(/^\d+$/);
    expect(BigInt(a) < 2n ** 63n).toBe(true);
    expect(eventId('inband', MID)).toBe(a);
    expect(eventId('ab', 'c')).not.toBe(eventId('a', 'bc'));
    expect(eventId('a')).toBe(eventId('a'));
    expect(eventId('x')).not.toBe(eventId('y'));
  });

  test('errorCode and canonicalReason', () => {
    expect(errorCode('550 5.1.1 no')).toBe('550');
    expect(errorCode('421-4.7.0 wait')).toBe('421');
    expect(errorCode('5500 x')).toBeUndefined();
    expect(errorCode('relaying denied')).toBeUndefined();
    expect(errorCode('650 x')).toBeUndefined();
    expect(canonicalReason('MAIL REFUSED - IP (17.99.99.99) is in black list')).toBe('MAIL REFUSED - IP (a.b.c.d) is in black list');
    expect(canonicalReason(USER_UNKNOWN)).toBe('550 5.1.1 ...@... Recipient address rejected: User unknown');
    expect(canonicalReason('no (john.doe@yahoo.com) and "a@b"@x.org')).toBe('no (...@...) and ...@...');
    expect(canonicalReason('host 2607:f8b0:4004:c1b::1b at 12:30:45 and ::ffff:10.0.0.1')).toBe(
      'host a:b:c:d:e:f:g:h at 12:30:45 and a:b:c:d:e:f:g:h',
    );
    expect(canonicalReason('421 4.7.28 version 1.2.3.4.5 [10.0.0.1]:25')).toBe('421 4.7.28 version 1.2.3.4.5 [a.b.c.d]:25');
  });

  test('mergeByTime: by timestamp, ties in source order, untimed events as soon as read', async () => {
    const f = new Feed();
    const main = f.events('mainlog', [R(), mT(), 'garbage', D()].join('\n'));
    const bounce = f.events('bouncelog', [bT(), B(T0 + 8)].join('\n'));
    async function* src(evs: EcelogEvent[]) {
      yield* evs;
    }
    const merged: EcelogEvent[] = [];
    for await (const ev of mergeByTime(src(main), src(bounce))) merged.push(ev);
    expect(merged.map((e) => `${e.log}:${e.type}`)).toEqual([
      // the malformed line is read (and passed on) when the mainlog T's successor is looked for
      'mainlog:reception',
      'mainlog:transient_failure',
      'mainlog:malformed',
      'bouncelog:transient_failure',
      'bouncelog:bounce',
      'mainlog:delivery',
    ]);
  });

  test('toSparkPostEvents: streams, flushes at the end, reports the stats', async () => {
    const f = new Feed();
    const evs = [...f.events('mainlog', [R(), P()].join('\n'))];
    const out = [];
    let inputs = 0;
    for await (const e of toSparkPostEvents(evs, { onStats: (s) => (inputs = s.inputs) })) out.push(msg(e).type);
    expect(out).toEqual(['reception', 'inband']);
    expect(inputs).toBe(2);
  });
});
