/**
 * SparkPost events as the converter produces them (sparkpost-events.md §1–2): the Ingest API's
 * `{"msys":{"message_event":{…}}}` shape, scalar values as strings the way SparkPost sends them.
 */

/** Momentum's type names, used by the Ingest API (the default). */
export type IngestType = 'reception' | 'delivery' | 'tempfail' | 'inband' | 'outofband' | 'feedback' | 'rejection';
/** The public (webhook / Events API) type names. */
export type WebhookType = 'injection' | 'delivery' | 'delay' | 'bounce' | 'out_of_band' | 'spam_complaint' | 'policy_rejection';

/** Ingest name → webhook name. */
export const WEBHOOK_TYPE: Readonly<Record<IngestType, WebhookType>> = {
  reception: 'injection',
  delivery: 'delivery',
  tempfail: 'delay',
  inband: 'bounce',
  outofband: 'out_of_band',
  feedback: 'spam_complaint',
  rejection: 'policy_rejection',
};

/**
 * The fields of a message event. Every event has `type`, `event_id`, `timestamp`, `message_id`
 * and one of `recv_method` / `delv_method`; the others are present when known (a field that is
 * not known is left out, never sent empty).
 */
export interface MessageEvent {
  type: IngestType | WebhookType;
  /** Decimal string in 0 .. 2^63-1, the same for the same source line(s) on every run. */
  event_id: string;
  /** Unix seconds, whole (`"1549054731"`), as every SparkPost source shows them. */
  timestamp: string;
  message_id: string;
  rcpt_to?: string;
  raw_rcpt_to?: string;
  /** base64(SHA-1(rcpt_to)), instead of rcpt_to / raw_rcpt_to in privacy mode. */
  rcpt_hash?: string;
  rcpt_domain?: string;
  msg_from?: string;
  routing_domain?: string;
  /** The domain of the From header (from attribution only: never the MAIL FROM domain, SparkPost's bounce domain). */
  sending_domain?: string;
  binding?: string;
  binding_group?: string;
  sending_ip?: string;
  ip_pool?: string;
  campaign_id?: string;
  subaccount_id?: string;
  rcpt_meta?: Record<string, unknown>;
  rcpt_tags?: string[];
  /** `"1"` / `"0"`: from X-MSYS-API `options`, else the converter's default. */
  open_tracking?: string;
  click_tracking?: string;
  transmission_id?: string;
  template_id?: string;
  friendly_from?: string;
  subject?: string;
  msg_size?: string;
  recv_method?: string;
  delv_method?: string;
  ip_address?: string;
  num_retries?: string;
  /** Milliseconds. */
  queue_time?: string;
  bounce_class?: string;
  error_code?: string;
  reason?: string;
  raw_reason?: string;
  remote_addr?: string;
  fbtype?: string;
  report_by?: string;
  report_to?: string;
  user_str?: string;
  /** Fields named by a header → field table that are none of the above. */
  [field: string]: unknown;
}

/** One message event as sent: one line of an Ingest NDJSON body. */
export interface SparkPostEvent {
  msys: { message_event: MessageEvent };
}

/** The other envelopes SparkPost (and Momentum's eventlog) use: engagement, generation, unsubscribes. */
export type OtherEnvelope = 'track_event' | 'gen_event' | 'unsubscribe_event';

/**
 * An event of another envelope, taken from the eventlog: its own fields (SparkPost's), scalars as
 * strings, `timestamp` in whole seconds. Momentum's type names (`open`, `click`, `gen_fail`, `list`…).
 */
export interface OtherEvent {
  type: string;
  event_id: string;
  timestamp: string;
  [field: string]: unknown;
}

/** One line of an Ingest NDJSON body: a message event, or an engagement / generation / unsubscribe event. */
export type IngestEvent = SparkPostEvent | { msys: { [E in OtherEnvelope]: Record<E, OtherEvent> }[OtherEnvelope] };

/** The event inside an IngestEvent's envelope. */
export function eventBody(e: IngestEvent): MessageEvent | OtherEvent {
  const msys = e.msys as Record<string, MessageEvent | OtherEvent>;
  for (const k in msys) return msys[k]!;
  throw new Error('ecelog: an Ingest event without an envelope');
}

/** Webhook names of the eventlog's other types (track types keep their names). */
export const WEBHOOK_OTHER_TYPE: Readonly<Record<string, string>> = {
  gen_fail: 'generation_failure',
  gen_rejection: 'generation_rejection',
  list: 'list_unsubscribe',
  link: 'link_unsubscribe',
};
