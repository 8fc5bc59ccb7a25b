import { beforeAll, describe, expect, test } from 'vitest';
import { parse, type EcelogEvent } from '../src/index';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { generate, type GeneratedLog } from '../src/generator/generate';
import { parseJlog } from '../src/jlog/index';
import { Batcher, INGEST_MAX_RAW_BYTES, type Batch } from '../src/signals/transport/batcher';
import { expectedPayloads, JLOG_FIXTURES } from './fixtures/jlog';
import {
  EVENTLOG_ONLY_TYPES,
  eventBody,
  mergeByTime,
  toSparkPostEvents,
  type ConvertStats,
  type IngestEvent,
  type MessageEvent,
} from '../src/signals/convert/index';

/** The message event of an Ingest event. */
const msg = (e: IngestEvent): MessageEvent => eventBody(e) as MessageEvent;

/**
 * A generated day of traffic (24 h: 4500 messages at 2% of the default rate, complaints and
 * rejections on), every log parsed, merged by time and converted. The expected counts are derived from the generated lines by
 * counting record letters, independently of the converter.
 */

const LOGS: GeneratedLog[] = ['mainlog', 'bouncelog', 'fbllog', 'rejectlog'];
const OPTIONS = { seed: 11, messages: 4500, rate: 0.02, fbl: 0.02, rejections: 0.05 };

async function* each(events: Iterable<EcelogEvent>): AsyncGenerator<EcelogEvent> {
  yield* events;
}

async function convert(lines: Record<GeneratedLog, string[]>): Promise<{ events: MessageEvent[]; stats: ConvertStats }> {
  const sources = LOGS.map((log) => each(parse(Buffer.from(lines[log].join('\n')), { log }) as Iterable<EcelogEvent>));
  const events: MessageEvent[] = [];
  let stats: ConvertStats | undefined;
  for await (const e of toSparkPostEvents(mergeByTime(...sources), { onStats: (s) => (stats = s) })) events.push(msg(e));
  return { events, stats: stats! };
}

/** Lines of `log` whose record letter (field 4 of the 3.x/4.x layout) is `letter`, split on `@`. */
function records(lines: string[], letter: string): string[][] {
  return lines.map((l) => l.split('@')).filter((f) => f[4] === letter);
}

let lines: Record<GeneratedLog, string[]>;
let events: MessageEvent[];
let stats: ConvertStats;

beforeAll(async () => {
  lines = { mainlog: [], bouncelog: [], fbllog: [], rejectlog: [] };
  for (const l of generate(OPTIONS)) lines[l.log].push(l.text);
  ({ events, stats } = await convert(lines));
});

describe('golden: a generated day converted', () => {
  test('counts per output type, derived from the lines', () => {
    const R = records(lines.mainlog, 'R');
    // the protocol is the third field from the end (the local parts before it may hold quoted @)
    const protocol = (f: string[]) => f[f.length - 3];
    const P = records(lines.mainlog, 'P');
    const inbandB = records(lines.bouncelog, 'B').filter((f) => !/@21@\d+@\d+@[^@]*@550 \[internal\] \[oob\] /.test(f.join('@')));
    const oob = lines.bouncelog.filter((l) => /^\d+@[^@]+@[^@]+@[^@]+@B@.*@21@\d+@\d+@[^@]*@550 \[internal\] \[oob\] /.test(l));
    const bounceT = records(lines.bouncelog, 'T');
    const counts = (type: string) => events.filter((e) => e.type === type).length;

    expect(lines.fbllog.length).toBeGreaterThan(20);
    expect(lines.rejectlog.length).toBeGreaterThan(20);
    // Momentum's own DSNs (reception protocol internal): none of their events is sent.
    const internal = new Set(R.filter((f) => protocol(f) === 'internal').map((f) => f[1]));
    const sent = (recs: string[][]) => recs.filter((f) => !internal.has(f[1]));
    // Policy rejections: only refusals of a message (a MAIL FROM / RCPT TO / DATA phase, CTXMESS not empty).
    const refusesMessage = (l: string) => /P="awaiting (mailfrom|rcptto|data)".* CTXMESS=\[[^\]]/.test(l);

    expect(inbandB).toHaveLength(P.length); // the generator writes a B for every P
    expect(internal.size).toBeGreaterThan(5);
    expect(records(lines.mainlog, 'D').filter((f) => internal.has(f[1])).length).toBeGreaterThan(0);
    expect(counts('reception')).toBe(R.filter((f) => protocol(f) !== 'xfer' && protocol(f) !== 'internal').length);
    expect(counts('delivery')).toBe(sent(records(lines.mainlog, 'D')).length);
    expect(counts('tempfail')).toBe(sent(records(lines.mainlog, 'T')).length);
    expect(counts('inband')).toBe(sent(P).length);
    expect(counts('outofband')).toBe(oob.length);
    const fbl = lines.fbllog.map((l) => l.split('@'));
    expect(counts('feedback')).toBe(sent(fbl).length);
    const refusals = lines.rejectlog.filter(refusesMessage).length;
    expect(refusals).toBeGreaterThan(10);
    expect(refusals).toBeLessThan(lines.rejectlog.length);
    expect(counts('rejection')).toBe(refusals);
    expect(events).toHaveLength(Object.values(stats.emitted).reduce((a, b) => a + b, 0));
    // No delivery, delay or bounce of a message that was not injected.
    const injected = new Set(events.filter((e) => e.type === 'reception').map((e) => e.message_id));
    const xfer = new Set(R.filter((f) => protocol(f) === 'xfer').map((f) => f[1]));
    for (const e of events.filter((e) => e.type === 'delivery' || e.type === 'tempfail' || e.type === 'inband'))
      expect(injected.has(e.message_id) || xfer.has(e.message_id)).toBe(true);

    const phaseOf = (l: string) => / P="([^"]*)"/.exec(l)![1]!;
    expect(stats.ignored).toEqual({
      xfer_reception: R.filter((f) => protocol(f) === 'xfer').length,
      internal_reception: internal.size,
      internal_message: [...records(lines.mainlog, 'D'), ...records(lines.mainlog, 'T'), ...P, ...inbandB, ...bounceT, ...fbl].filter((f) =>
        internal.has(f[1]),
      ).length,
      rejection_not_message_phase: lines.rejectlog.filter((l) => !/awaiting (mailfrom|rcptto|data)/.test(phaseOf(l))).length,
      rejection_no_message: lines.rejectlog.filter((l) => /awaiting/.test(phaseOf(l)) && !refusesMessage(l)).length,
      transfer: records(lines.mainlog, 'X').length,
      heartbeat: [...lines.mainlog, ...lines.bouncelog].filter((l) => /^\d+@@@@M\d*$/.test(l)).length,
    });
    expect(stats).toMatchObject({
      inputs: LOGS.reduce((n, log) => n + lines[log].length, 0),
      paired_bounces: P.length,
      unpaired_bounces: 0,
      unpaired_permanent_failures: 0,
      paired_delays: bounceT.length,
      missing_reception: 0,
      evicted_receptions: 0,
      evicted_by_age: 0,
      held: 0,
      receptions_held: 0,
      defaulted_fbtype: lines.fbllog.map((l) => l.split('@')).filter((f) => f[f.length - 3] === '').length,
    });
  });

  test('every event has the required fields; event IDs are unique (one bounce per message)', () => {
    for (const e of events) {
      expect(e.event_id).toMatch(/^\d+$/);
      expect(BigInt(e.event_id) < 2n ** 63n).toBe(true);
      expect(e.message_id).not.toBe('');
      expect(e.timestamp).toMatch(/^\d{10}$/);
      expect(e.recv_method ?? e.delv_method).toBeTypeOf('string');
      // unknown fields are left out; only the null sender is an empty msg_from
      for (const [k, v] of Object.entries(e)) expect(v === null || v === undefined || (v === '' && k !== 'msg_from')).toBe(false);
    }
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
  });

  test('the same input gives the same output', async () => {
    expect((await convert(lines)).events).toEqual(events);
  });

  test("Signals' facets: a binding (its Sending IP reports fall back to it) on every event of an attempt, the binding group as ip_pool", () => {
    const withBinding = ['reception', 'delivery', 'tempfail', 'inband', 'feedback'];
    for (const type of withBinding) {
      const of = events.filter((e) => e.type === type);
      expect(of.length).toBeGreaterThan(0);
      for (const e of of) {
        expect(e.binding).toMatch(/./);
        expect(e.ip_pool).toBe(e.binding_group);
        expect(e.ip_pool).toMatch(/./);
      }
    }
    // Every event with a binding group (out-of-band bounces too, when the bouncelog names one).
    for (const e of events) expect(e.ip_pool).toBe(e.binding_group);
    expect(events.filter((e) => e.type === 'outofband' && e.ip_pool !== undefined).length).toBeGreaterThan(0);
    // A policy rejection refuses a message before any binding: it names none.
    for (const e of events.filter((x) => x.type === 'rejection')) expect([e.binding, e.ip_pool]).toEqual([undefined, undefined]);
  });

  test('one sample of each type, every field', () => {
    const first = (type: string) => events.find((e) => e.type === type);
    expect(first('reception')).toEqual({
      type: 'reception',
      event_id: '7942460574874346770',
      timestamp: '1717221601',
      message_id: '01/00-10447-1E8BA566',
      rcpt_to: 'jasonjackson@contoso.com',
      raw_rcpt_to: 'jasonjackson@contoso.com',
      msg_from: 'info@postalengine.com',
      routing_domain: 'contoso.com',
      binding: 'default',
      binding_group: 'default',
      ip_pool: 'default',
      msg_size: '9486',
      recv_method: 'esmtp',
    });
    expect(first('delivery')).toEqual({
      type: 'delivery',
      event_id: '6854818530360385811',
      timestamp: '1717221601',
      message_id: '01/00-10447-1E8BA566',
      rcpt_to: 'jasonjackson@contoso.com',
      raw_rcpt_to: 'jasonjackson@contoso.com',
      msg_from: 'info@postalengine.com',
      routing_domain: 'contoso.com',
      binding: 'default',
      binding_group: 'default',
      ip_pool: 'default',
      msg_size: '9486',
      delv_method: 'esmtp',
      ip_address: '62.91.159.47',
      num_retries: '0',
      queue_time: '528',
    });
    expect(first('tempfail')).toEqual({
      type: 'tempfail',
      event_id: '237956148003214873',
      timestamp: '1717221747',
      message_id: '0D/00-10447-379BA566',
      rcpt_to: 'thomas.elizabeth@yahoo.com',
      raw_rcpt_to: 'thomas.elizabeth@yahoo.com',
      msg_from: 'noreply@notify.bankly.io',
      routing_domain: 'yahoo.com',
      binding: 'tx-a',
      binding_group: 'transactional',
      ip_pool: 'transactional',
      delv_method: 'esmtp',
      ip_address: '67.195.204.72',
      num_retries: '0',
      queue_time: '52',
      bounce_class: '70',
      error_code: '451',
      reason: '451 4.7.1 ...@... greylisted, try again',
      raw_reason: '451 4.7.1 <thomas.elizabeth@yahoo.com>: greylisted, try again',
    });
    const outlook =
      '550 5.7.606 Access denied, banned sending IP [203.0.113.10]. To request removal from this list please visit https://sender.office.com/ and follow the directions. For more information please go to  http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430) [BN8NAM10FT075.eop-nam10.prod.protection.outlook.com]';
    const outlookMasked = outlook.replace('203.0.113.10', 'a.b.c.d');
    expect(first('inband')).toEqual({
      type: 'inband',
      event_id: '8192825406100028672',
      timestamp: '1717221768',
      message_id: '19/00-10447-589BA566',
      rcpt_to: 'brian.smith@hotmail.com',
      raw_rcpt_to: 'brian.smith@Hotmail.com',
      msg_from: 'info@postalengine.com',
      routing_domain: 'hotmail.com',
      binding: 'default',
      binding_group: 'default',
      ip_pool: 'default',
      msg_size: '24297',
      delv_method: 'esmtp',
      ip_address: '104.47.55.138',
      num_retries: '0',
      bounce_class: '50',
      error_code: '550',
      reason: outlookMasked,
      raw_reason: outlook,
    });
    expect(first('outofband')).toEqual({
      type: 'outofband',
      event_id: '2741018479782082443',
      timestamp: '1717222209',
      message_id: '4B/00-10447-14BBA566',
      rcpt_to: 'elizabeth.hernandez@gmail.com',
      raw_rcpt_to: 'elizabeth.hernandez@gmail.com',
      msg_from: 'msprvs1=19407fgj0s5f9yc3=bounces-501394@sparkpostmail1.com',
      routing_domain: 'gmail.com',
      recv_method: 'esmtp',
      delv_method: 'esmtp',
      bounce_class: '22',
      error_code: '550',
      reason: '550 [internal] [oob] Mailbox Full',
      raw_reason: '550 [internal] [oob] Mailbox Full',
    });
    expect(first('feedback')).toEqual({
      type: 'feedback',
      event_id: '7924466631490660945',
      timestamp: '1717222131',
      message_id: '39/00-10447-29ABA566',
      rcpt_to: 'mian86@openbridge.de',
      raw_rcpt_to: 'mian86@openbridge.de',
      binding: 'mta2-a',
      binding_group: 'mta2-pool',
      ip_pool: 'mta2-pool',
      delv_method: 'esmtp',
      fbtype: 'abuse',
      report_to: 'openbridge.de',
      user_str: 'true',
    });
    expect(first('rejection')).toEqual({
      type: 'rejection',
      event_id: '7108902691328867500',
      timestamp: '1717221762',
      message_id: '62a7e5554b79bcac344d',
      msg_from: 'hello@mail.fitpulse.app',
      recv_method: 'esmtp',
      error_code: '550',
      reason: 'relaying denied',
      raw_reason: 'relaying denied',
      remote_addr: '198.51.100.130',
    });
  });
});

describe('golden: the same day with Momentum eventlog (a jlog) beside the logs', () => {
  const ENGAGEMENT = EVENTLOG_ONLY_TYPES;
  let all: IngestEvent[];

  beforeAll(async () => {
    const sources: AsyncIterable<EcelogEvent>[] = LOGS.map((log) =>
      each(parse(Buffer.from(lines[log].join('\n')), { log }) as Iterable<EcelogEvent>),
    );
    sources.push(parseJlog(join(JLOG_FIXTURES, 'eventlog-2x'), { log: 'eventlog' }) as AsyncIterable<EcelogEvent>);
    all = [];
    for await (const e of toSparkPostEvents(mergeByTime(...sources), { eventlogTypes: ENGAGEMENT })) all.push(e);
  });

  test('engagement from the eventlog, message events from the logs as before, timestamps whole', () => {
    const fromEventlog = all.filter((e) => !('message_event' in e.msys));
    const want = expectedPayloads('eventlog-2x')
      .flatMap((p) => [JSON.parse(p) as unknown].flat() as { msys: Record<string, { type: string; event_id: string }> }[])
      .map((d) => Object.values(d.msys)[0]!)
      .filter((b) => ENGAGEMENT.includes(b.type));
    expect(want.length).toBeGreaterThan(20);
    expect(fromEventlog.map((e) => eventBody(e).event_id).sort()).toEqual(want.map((b) => b.event_id).sort());
    expect(new Set(fromEventlog.map((e) => eventBody(e).type))).toEqual(new Set(['open', 'click', 'gen_fail', 'list']));
    // The logs' message events are those of the day without the eventlog.
    expect(
      all
        .filter((e) => 'message_event' in e.msys)
        .map((e) => msg(e).event_id)
        .sort(),
    ).toEqual(events.map((e) => e.event_id).sort());
    for (const e of all) expect(eventBody(e).timestamp).toMatch(/^\d{10}$/);
  });

  test('batched for Ingest: every batch at most 5 MiB uncompressed (and a smaller cap holds too), none lost', () => {
    for (const maxRawBytes of [INGEST_MAX_RAW_BYTES, 256 * 1024]) {
      const b = new Batcher({ maxRawBytes, maxEventAge: 0 });
      const batches: Batch[] = [];
      for (const e of all) batches.push(...b.add(e));
      batches.push(...b.take());
      for (const batch of batches) {
        const raw = gunzipSync(batch.body);
        expect(raw.length).toBe(batch.rawBytes);
        expect(raw.length).toBeLessThanOrEqual(maxRawBytes);
      }
      expect(batches.reduce((n, x) => n + x.events, 0)).toBe(all.length);
      if (maxRawBytes < INGEST_MAX_RAW_BYTES) expect(batches.length).toBeGreaterThan(4);
    }
  });
});
