import { beforeAll, describe, expect, test } from 'vitest';
import { parse, type EcelogEvent } from '../src/index';
import { generate, type GeneratedLog } from '../src/generator';
import { mergeByTime, toSparkPostEvents, type ConvertStats, type MessageEvent } from '../src/signals/index';

/**
 * A generated day of traffic (3000 messages, complaints and rejections on), every log parsed,
 * merged by time and converted. The expected counts are derived from the generated lines by
 * counting record letters, independently of the converter.
 */

const LOGS: GeneratedLog[] = ['mainlog', 'bouncelog', 'fbllog', 'rejectlog'];
const OPTIONS = { seed: 11, messages: 3000, fbl: 0.02, rejections: 0.05 };

async function* each(events: Iterable<EcelogEvent>): AsyncGenerator<EcelogEvent> {
  yield* events;
}

async function convert(lines: Record<GeneratedLog, string[]>): Promise<{ events: MessageEvent[]; stats: ConvertStats }> {
  const sources = LOGS.map((log) => each(parse(Buffer.from(lines[log].join('\n')), { log }) as Iterable<EcelogEvent>));
  const events: MessageEvent[] = [];
  let stats: ConvertStats | undefined;
  for await (const e of toSparkPostEvents(mergeByTime(...sources), { onStats: (s) => (stats = s) })) events.push(e.msys.message_event);
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
    expect(inbandB).toHaveLength(P.length); // the generator writes a B for every P
    expect(counts('reception')).toBe(R.filter((f) => protocol(f) !== 'xfer' && protocol(f) !== 'internal').length);
    expect(counts('delivery')).toBe(records(lines.mainlog, 'D').length);
    expect(counts('tempfail')).toBe(records(lines.mainlog, 'T').length);
    expect(counts('inband')).toBe(P.length);
    expect(counts('outofband')).toBe(oob.length);
    expect(counts('feedback')).toBe(lines.fbllog.length);
    expect(counts('rejection')).toBe(lines.rejectlog.length);
    expect(events).toHaveLength(Object.values(stats.emitted).reduce((a, b) => a + b, 0));

    expect(stats.ignored).toEqual({
      xfer_reception: R.filter((f) => protocol(f) === 'xfer').length,
      internal_reception: R.filter((f) => protocol(f) === 'internal').length,
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

  test('one sample of each type, every field', () => {
    const first = (type: string) => events.find((e) => e.type === type);
    expect(first('reception')).toEqual({
      type: 'reception', event_id: '7942460574874346770', timestamp: '1717221601', message_id: '01/00-10447-1E8BA566',
      rcpt_to: 'jasonjackson@contoso.com', raw_rcpt_to: 'jasonjackson@contoso.com', msg_from: 'info@postalengine.com',
      sending_domain: 'postalengine.com', routing_domain: 'contoso.com', binding: 'default', binding_group: 'default',
      msg_size: '9486', recv_method: 'esmtp',
    });
    expect(first('delivery')).toEqual({
      type: 'delivery', event_id: '6854818530360385811', timestamp: '1717221601', message_id: '01/00-10447-1E8BA566',
      rcpt_to: 'jasonjackson@contoso.com', raw_rcpt_to: 'jasonjackson@contoso.com', msg_from: 'info@postalengine.com',
      sending_domain: 'postalengine.com', routing_domain: 'contoso.com', binding: 'default', binding_group: 'default',
      msg_size: '9486', delv_method: 'esmtp', ip_address: '62.91.159.47', num_retries: '0', queue_time: '528',
    });
    expect(first('tempfail')).toEqual({
      type: 'tempfail', event_id: '5639898917621430283', timestamp: '1717221605', message_id: '19/00-10447-5E8BA566',
      rcpt_to: 'mrobinson@aqualegal.de', raw_rcpt_to: 'mrobinson@aqualegal.de', msg_from: 'deals@em.travelnest.com',
      sending_domain: 'em.travelnest.com', routing_domain: 'aqualegal.de', binding: 'mta1-b', binding_group: 'mta1-pool',
      delv_method: 'esmtp', ip_address: '93.193.254.57', num_retries: '0', queue_time: '127', bounce_class: '70',
      error_code: '451', reason: '451 4.7.1 ...@... greylisted, try again',
      raw_reason: '451 4.7.1 <mrobinson@aqualegal.de>: greylisted, try again',
    });
    const gmail =
      "550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser cbsg7kzxossda-dwi99ddlvfsi78370783hb.188 - gsmtp";
    expect(first('inband')).toEqual({
      type: 'inband', event_id: '2566467148291375719', timestamp: '1717221614', message_id: '4F/00-10447-EE8BA566',
      rcpt_to: 'ryan+box@gmail.com', raw_rcpt_to: 'ryan+box@gmail.com', msg_from: 'alerts@alerts.ridego.com',
      sending_domain: 'alerts.ridego.com', routing_domain: 'gmail.com', binding: 'tx-a', binding_group: 'transactional',
      msg_size: '9279', delv_method: 'esmtp', ip_address: '142.251.16.27', num_retries: '0',
      bounce_class: '10', error_code: '550', reason: gmail, raw_reason: gmail,
    });
    expect(first('outofband')).toEqual({
      type: 'outofband', event_id: '5223468501037640494', timestamp: '1717221689', message_id: '6D/01-10447-939BA566',
      rcpt_to: 'paul2004@gmail.com', raw_rcpt_to: 'paul2004@gmail.com',
      msg_from: 'msprvs1=198695utezviq6r6=bounces-310065@sparkpostmail1.com', sending_domain: 'sparkpostmail1.com',
      routing_domain: 'gmail.com', binding: 'mta1-b', binding_group: 'mta1-pool', recv_method: 'esmtp', delv_method: 'esmtp',
      bounce_class: '60', error_code: '550', reason: '550 [internal] [oob] Auto-Reply', raw_reason: '550 [internal] [oob] Auto-Reply',
    });
    expect(first('feedback')).toEqual({
      type: 'feedback', event_id: '7924466631490660945', timestamp: '1717221742', message_id: '6A/01-10447-739BA566',
      rcpt_to: 'flores.steve@icloud.com', raw_rcpt_to: 'flores.steve@icloud.com', binding: 'mta1-c', binding_group: 'mta1-pool',
      delv_method: 'esmtp', fbtype: 'abuse', report_to: 'icloud.com',
    });
    expect(first('rejection')).toEqual({
      type: 'rejection', event_id: '7108902691328867500', timestamp: '1717221638', message_id: '62a7e5554b79bcac344d',
      recv_method: 'esmtp', error_code: '550', reason: '5.1.1 ...@... Recipient address rejected: User unknown',
      raw_reason: '5.1.1 <annaw511@outlook.com>: Recipient address rejected: User unknown', remote_addr: '100.64.7.104',
    });
  });
});
