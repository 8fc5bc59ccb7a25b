import { describe, expect, test } from 'vitest';
import { parse, type EcelogEvent } from '../src/index';
import { parseJlog } from '../src/jlog/index';
import {
  eventBody,
  eventId,
  OWN_TRACKING_TYPES,
  SignalsConverter,
  toSparkPostEvents,
  type ConvertOptions,
  type ConvertStats,
  type IngestEvent,
} from '../src/signals/convert/index';
import { expectedPayloads, JLOG_FIXTURES } from './fixtures/jlog';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { convertFiles } from '../src/signals/agent/offline';

/**
 * The eventlog as a Signals source: its records are SparkPost events already (opens, clicks,
 * generation failures, unsubscribes only it has), sent as they are but for whole-second
 * timestamps and strings for numbers; with the logs beside it each event is sent once.
 */

const FIXTURE = join(JLOG_FIXTURES, 'eventlog-2x');

async function convertJlog(options: ConvertOptions & { onStats?: (s: ConvertStats) => void } = {}): Promise<IngestEvent[]> {
  const out: IngestEvent[] = [];
  for await (const e of toSparkPostEvents(parseJlog(FIXTURE, { log: 'eventlog' }) as AsyncIterable<EcelogEvent>, options)) out.push(e);
  return out;
}

/** What the reference reader returns: the record documents (an array payload holds several). */
function records(): Record<string, Record<string, unknown>>[] {
  return expectedPayloads('eventlog-2x').flatMap((p) => {
    const doc = JSON.parse(p) as unknown;
    return (Array.isArray(doc) ? doc : [doc]) as Record<string, Record<string, unknown>>[];
  });
}

const NUMBERS = ['msg_size', 'num_retries', 'queue_time', 'bounce_class', 'error_code'];

describe('eventlog records → Ingest events', () => {
  test('every record goes out in its own envelope, as it was written, timestamps whole, numbers strings', async () => {
    const out = await convertJlog();
    const want = records();
    expect(out).toHaveLength(want.length);
    const envelopes = new Set<string>();
    for (const [i, doc] of want.entries()) {
      const [env, body] = Object.entries(doc.msys!)[0]! as [string, Record<string, unknown>];
      envelopes.add(env);
      const expected: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(body)) {
        if (k === 'timestamp') expected[k] = String(v).replace(/\..*$/, '');
        else expected[k] = NUMBERS.includes(k) ? String(v) : v;
      }
      // Ingest needs recv_method or delv_method: Momentum's feedback records have neither.
      if (env === 'message_event' && body.recv_method === undefined && body.delv_method === undefined) expected.delv_method = 'esmtp';
      // Signals' "IP pool" facet reads ip_pool: a record's binding group is sent as one.
      if (body.ip_pool === undefined && typeof body.binding_group === 'string' && body.binding_group !== '')
        expected.ip_pool = body.binding_group;
      expect(Object.keys(out[i]!.msys)).toEqual([env]);
      expect(eventBody(out[i]!)).toEqual(expected);
      expect(Object.keys(eventBody(out[i]!))).toEqual(Object.keys(expected)); // the record's field order
    }
    expect([...envelopes].sort()).toEqual(['gen_event', 'message_event', 'track_event', 'unsubscribe_event']);
    for (const e of out) expect(eventBody(e).timestamp).toMatch(/^\d{10}$/);
  });

  test("ownTracking (the site tracks opens / clicks itself): Momentum's events of that kind are not sent, counted", async () => {
    const typeOf = (e: IngestEvent) => eventBody(e).type;
    const all = (await convertJlog()).map(typeOf);
    const count = (types: string[], t: string) => types.filter((x) => x === t).length;
    const OPEN = ['open', 'initial_open', 'amp_open', 'amp_initial_open'];
    const CLICK = ['click', 'amp_click'];
    expect(OWN_TRACKING_TYPES).toEqual({ open: OPEN, click: CLICK });
    expect([count(all, 'open'), count(all, 'click')]).toEqual([21, 7]); // the fixture has no initial_open nor amp_*
    for (const [own, gone] of [
      [['open'], OPEN],
      [['click'], CLICK],
      [
        ['open', 'click'],
        [...OPEN, ...CLICK],
      ],
    ] as const) {
      let stats: ConvertStats | undefined;
      const kept = (await convertJlog({ ownTracking: own, onStats: (x) => (stats = x) })).map(typeOf);
      expect(kept).toEqual(all.filter((t) => !gone.includes(t)));
      expect(stats!.ignored).toEqual({ tracked_by_site: all.length - kept.length });
    }
  });

  test('types: Momentum names by default, webhook names on request; stats count them', async () => {
    const c = new SignalsConverter();
    for await (const ev of parseJlog(FIXTURE, { log: 'eventlog' })) c.push(ev as EcelogEvent);
    const names = records().map((d) => (Object.values(d.msys!)[0] as { type: string }).type);
    const count = (list: string[]) => list.reduce<Record<string, number>>((m, t) => ({ ...m, [t]: (m[t] ?? 0) + 1 }), {});
    expect(c.stats.emitted).toEqual(count(names));
    expect(c.stats.from_eventlog).toBe(names.length);
    const webhook = await convertJlog({ types: 'webhook' });
    const rename: Record<string, string> = {
      reception: 'injection',
      tempfail: 'delay',
      inband: 'bounce',
      outofband: 'out_of_band',
      feedback: 'spam_complaint',
      rejection: 'policy_rejection',
      gen_fail: 'generation_failure',
      gen_rejection: 'generation_rejection',
      list: 'list_unsubscribe',
      link: 'link_unsubscribe',
    };
    expect(webhook.map((e) => eventBody(e).type)).toEqual(names.map((t) => rename[t] ?? t));
  });

  test('privacy: rcpt_hash and rcpt_domain instead of the address', async () => {
    const out = await convertJlog({ privacy: true });
    for (const e of out) {
      const b = eventBody(e);
      expect(b).not.toHaveProperty('rcpt_to');
      expect(b).not.toHaveProperty('raw_rcpt_to');
    }
    const open = out.map(eventBody).find((b) => b.type === 'open')!;
    expect(open.rcpt_domain).toBe('gmail.com');
    expect(open.rcpt_hash).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  });

  test('a record without an event_id gets a stable one from its source id', () => {
    const line = '{"msys":{"track_event":{"type":"click","timestamp":"1717221600.9","message_id":"m1","rcpt_to":"a@b.example"}}}';
    const make = () =>
      new SignalsConverter().push({
        ...([...parse(Buffer.from(line), { log: 'eventlog' })] as EcelogEvent[])[0]!,
        id: 'abc:00000001:00000002',
      } as EcelogEvent);
    const [e] = make();
    expect(eventBody(e!)).toEqual({
      type: 'click',
      timestamp: '1717221600',
      message_id: 'm1',
      rcpt_to: 'a@b.example',
      event_id: eventId('eventlog', 'click', 'abc:00000001:00000002'),
    });
    expect(make()).toEqual([e]);
  });
});

describe('the eventlog beside the logs: each event once', () => {
  const R =
    '1717221600@AA/00-00001-00000001@AA/00-00001-00000001@00/00-00001-0000000F@R@bob@example.com@info@sender.example@10.0.0.1@1234@esmtp@group-a@binding-a';
  const D =
    '1717221610@AA/00-00001-00000001@AA/00-00001-00000001@00/00-00001-0000000F@D@example.com@1300@group-a@binding-a@2@1.5@192.0.2.5';
  const ELOG = [
    '{"msys":{"message_event":{"type":"delivery","event_id":"11","timestamp":"1717221610","message_id":"AA/00-00001-00000001","delv_method":"esmtp"}}}',
    '{"msys":{"message_event":{"type":"tempfail","event_id":"12","timestamp":"1717221605","message_id":"AA/00-00001-00000001","delv_method":"esmtp"}}}',
    '{"msys":{"track_event":{"type":"open","event_id":"13","timestamp":"1717221620","message_id":"AA/00-00001-00000001"}}}',
  ];
  const feed = (options: ConvertOptions): { types: string[]; c: SignalsConverter } => {
    const c = new SignalsConverter(options);
    const evs = [
      ...([...parse(Buffer.from(`${R}\n${D}\n`), { log: 'mainlog' })] as EcelogEvent[]),
      ...([...parse(Buffer.from(ELOG.join('\n') + '\n'), { log: 'eventlog' })] as EcelogEvent[]),
    ];
    const out = evs.flatMap((ev) => c.push(ev)).concat(c.flush());
    return {
      types: out.map(
        (e) => `${eventBody(e).type}:${eventBody(e).event_id === '11' || eventBody(e).event_id === '13' ? 'eventlog' : 'logs'}`,
      ),
      c,
    };
  };

  test('eventlogTypes: those types from the eventlog only, the rest from the logs only', () => {
    const { types, c } = feed({ eventlogTypes: ['delivery', 'open'] });
    expect(types).toEqual(['reception:logs', 'delivery:eventlog', 'open:eventlog']);
    expect(c.stats.ignored).toEqual({ left_to_eventlog: 1, eventlog_type_from_logs: 1 });
  });

  test('without eventlogTypes every event of both is sent (right when only one of them is read)', () => {
    const { types } = feed({});
    expect(types).toEqual(['reception:logs', 'delivery:logs', 'delivery:eventlog', 'tempfail:logs', 'open:eventlog']);
  });
});

describe('convertFiles: an eventlog jlog beside a mainlog file', () => {
  const MAINLOG = [
    '1717221600@AA/00-00001-00000001@AA/00-00001-00000001@00/00-00001-0000000F@R@bob@example.com@info@sender.example@10.0.0.1@1234@esmtp@group-a@binding-a',
    '1717221610@AA/00-00001-00000001@AA/00-00001-00000001@00/00-00001-0000000F@D@example.com@1300@group-a@binding-a@2@1.5@192.0.2.5',
  ].join('\n');
  const run = async (convert?: ConvertOptions): Promise<{ types: string[]; ignored: Record<string, number> }> => {
    const dir = mkdtempSync(join(tmpdir(), 'ecelog-elog-'));
    writeFileSync(join(dir, 'mainlog.ec'), MAINLOG + '\n');
    const r = await convertFiles([FIXTURE, join(dir, 'mainlog.ec')], { out: join(dir, 'out'), convert });
    const types = r.batches.flatMap((b) =>
      gunzipSync(readFileSync(join(dir, 'out', b)))
        .toString('utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => eventBody(JSON.parse(l) as IngestEvent).type),
    );
    rmSync(dir, { recursive: true, force: true });
    return { types, ignored: r.converter.ignored };
  };
  const fixtureTypes = () => records().map((d) => (Object.values(d.msys!)[0] as { type: string }).type);

  test('by default the eventlog wins for every type: the mainlog adds nothing, all counted', async () => {
    const { types, ignored } = await run();
    expect(types.sort()).toEqual(fixtureTypes().sort());
    expect(ignored).toEqual({ left_to_eventlog: 2 });
  });

  test('--eventlog-types narrows it: the logs supply the rest', async () => {
    const { types, ignored } = await run({ eventlogTypes: ['open', 'click'] });
    const engagement = fixtureTypes().filter((t) => t === 'open' || t === 'click');
    expect(types.sort()).toEqual([...engagement, 'reception', 'delivery'].sort());
    expect(ignored).toEqual({ eventlog_type_from_logs: fixtureTypes().length - engagement.length });
  });
});
