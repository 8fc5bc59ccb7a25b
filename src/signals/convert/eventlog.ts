import { EVENTLOG_CLASS_OF, type EventlogRecordEvent } from '../../decoders/eventlog-types';
import { rcptHash } from './attribution';
import { eventId } from './event-id';
import { WEBHOOK_OTHER_TYPE, WEBHOOK_TYPE, type IngestEvent, type IngestType } from './types';

/**
 * Eventlog records → Ingest events. The eventlog (`event_hydrant`) writes SparkPost's own events
 * in SparkPost's envelopes with Momentum's type names, the names Ingest wants: a record goes out as
 * it came, but for what ecelog changed when reading it. `timestamp` is sent in whole seconds (the
 * record's fraction is cut, as for the logs); the numbers read as numbers (`msg_size`, …) go back
 * to strings, an invalid one as it was sent; what reading added (`timestamp_us`, `log`, `line`,
 * `offset`, `event_class`, `id`, `jlog_timestamp`, …) is left out. A record without an `event_id`
 * gets one from its source id (a jlog's `<identity>:<segment>:<marker>[:n]`, stable across
 * restarts); a message event with neither `recv_method` nor `delv_method` (Momentum writes its
 * feedback records so) gets the converter's `delv_method`, as the fbllog's complaints do: Ingest
 * needs one of them; a record with a `binding_group` and no `ip_pool` gets it as `ip_pool` (what
 * Signals' "IP pool" reports read). Privacy mode treats rcpt_to and raw_reason as for the logs.
 */

/** Fields that reading the eventlog adds to a record. */
const ADDED = new Set([
  'timestamp_us',
  'log',
  'line',
  'offset',
  'event_class',
  'invalid_numbers',
  'invalid_utf8',
  'bytes',
  'id',
  'file',
  'jlog_timestamp',
  'jlog_timestamp_us',
]);

export interface EventlogOutOptions {
  webhook: boolean;
  privacy: boolean;
  sourceId: string;
  /** Given to a message event with neither recv_method nor delv_method (Ingest needs one; Momentum's feedback records have none). */
  delvMethod: string;
}

export function eventlogEvent(ev: EventlogRecordEvent, o: EventlogOutOptions): IngestEvent {
  const body: Record<string, unknown> = {};
  const invalid = ev.invalid_numbers;
  for (const k in ev) {
    if (ADDED.has(k)) continue;
    const v = ev[k];
    if (k === 'timestamp') body[k] = String(v);
    else if (invalid !== undefined && k in invalid) body[k] = invalid[k];
    else body[k] = typeof v === 'number' ? String(v) : v;
  }
  body.event_id ??= eventId('eventlog', ev.type, o.sourceId);
  if (ev.event_class === 'message_event' && body.recv_method === undefined && body.delv_method === undefined)
    body.delv_method = o.delvMethod;
  // Signals' "IP pool" facet reads ip_pool, with no fallback documented: a Momentum binding group is one.
  if (body.ip_pool === undefined && typeof body.binding_group === 'string' && body.binding_group !== '') body.ip_pool = body.binding_group;
  if (o.webhook) body.type = WEBHOOK_TYPE[ev.type as IngestType] ?? WEBHOOK_OTHER_TYPE[ev.type] ?? ev.type;
  if (o.privacy) hideRecipient(body);
  return { msys: { [ev.event_class]: body } } as unknown as IngestEvent;
}

/** rcpt_hash + rcpt_domain instead of the address; raw_reason (it quotes addresses) as reason. */
function hideRecipient(body: Record<string, unknown>): void {
  const rcpt = body.rcpt_to;
  delete body.rcpt_to;
  delete body.raw_rcpt_to;
  if (typeof rcpt === 'string') {
    const lower = rcpt.toLowerCase();
    body.rcpt_hash = rcptHash(lower);
    body.rcpt_domain = lower.slice(lower.lastIndexOf('@') + 1);
  }
  if (body.raw_reason !== undefined) body.raw_reason = body.reason;
}

/** Every type the eventlog may hold (Momentum's names). */
export const EVENTLOG_TYPES: readonly string[] = Object.keys(EVENTLOG_CLASS_OF);

/**
 * Engagement a site may track itself instead of through Momentum (the Signals Agent's `open` and
 * `click` keys), and Momentum's eventlog types of each: those are not sent when the site does.
 */
export type OwnTracking = 'open' | 'click';
export const OWN_TRACKING_TYPES: { readonly [K in OwnTracking]: readonly string[] } = {
  open: ['open', 'initial_open', 'amp_open', 'amp_initial_open'],
  click: ['click', 'amp_click'],
};

/** The types only the eventlog has (engagement, generation, unsubscribes): all but its message events. */
export const EVENTLOG_ONLY_TYPES: readonly string[] = EVENTLOG_TYPES.filter(
  (t) => EVENTLOG_CLASS_OF[t as keyof typeof EVENTLOG_CLASS_OF] !== 'message_event',
);

/**
 * ConvertOptions.eventlogTypes for inputs of these kinds: the list configured, else — the
 * eventlog read beside other logs — every type (the eventlog wins for what it carries; name fewer
 * types when event_hydrant writes fewer), else none (nothing to choose between).
 */
export function eventlogTypesFor(kinds: readonly string[], configured?: readonly string[]): readonly string[] | undefined {
  if (configured !== undefined) return configured;
  return kinds.includes('eventlog') && kinds.some((k) => k !== 'eventlog') ? EVENTLOG_TYPES : undefined;
}
