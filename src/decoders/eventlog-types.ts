import type { EventBase, MalformedEvent } from './event';

/**
 * The events of Momentum's eventlog (`event_hydrant`): one per JSON record, typed by Momentum's
 * own type name. Field names are the record's own (SparkPost's); every field a record carries is
 * kept, the ones declared here and any other (an index signature types the rest as `unknown`).
 *
 * Changed from the record: `timestamp` is a number (whole seconds) and `timestamp_us` is added;
 * the numeric strings of `EventlogNumbers` become numbers. IDs stay strings: SparkPost's
 * `event_id`, `transmission_id` and the like are 64-bit and would lose digits as numbers.
 */

/** The four envelopes (`{"msys":{"<envelope>":{…}}}`) the eventlog holds. */
export type EventlogClass = 'message_event' | 'track_event' | 'gen_event' | 'unsubscribe_event';

/**
 * The quantities SparkPost sends as numeric strings (`"msg_size":"1337"`), as numbers. A field a
 * record lacks is absent. One whose value is not a decimal integer (0 to 2^53 - 1, as a string of
 * digits or a JSON number) is `null`, and the event's `invalid_numbers` holds the value as sent.
 */
export interface EventlogNumbers {
  /** Size of the message in bytes. */
  msg_size?: number | null;
  /** Delivery attempts before this one. */
  num_retries?: number | null;
  /** Time in the queue, in milliseconds. */
  queue_time?: number | null;
  /** Bounce classification code (10 = invalid recipient, …). */
  bounce_class?: number | null;
  /** The SMTP reply code (`550`). */
  error_code?: number | null;
}

/** What every eventlog record event has: the header, the envelope, the time, the IDs. */
export interface EventlogRecordBase extends EventBase {
  log: 'eventlog';
  /** The envelope the record came in. */
  event_class: EventlogClass;
  /** Unix time in whole seconds, from the record's `timestamp` (`"1717221605.804"` → 1717221605). */
  timestamp: number;
  /** Unix time in microseconds (`"1717221605.804"` → 1717221605804000; digits past the sixth are dropped). */
  timestamp_us: number;
  /** Present when a field of `EventlogNumbers` was not a number: its value as the record sent it, by field name. */
  invalid_numbers?: Record<string, unknown>;
  event_id?: string;
  message_id?: string;
  transmission_id?: string;
  customer_id?: string;
  subaccount_id?: string;
  campaign_id?: string;
  template_id?: string;
  template_version?: string;
  rcpt_to?: string;
  raw_rcpt_to?: string;
  rcpt_hash?: string;
  rcpt_meta?: Record<string, unknown>;
  rcpt_tags?: string[];
  /** Any other field of the record, as sent. */
  [field: string]: unknown;
}

/** Fields of the events about a message in the MTA (message_event, gen_event). */
export interface EventlogMessageFields extends EventlogNumbers {
  msg_from?: string;
  friendly_from?: string;
  subject?: string;
  sending_domain?: string;
  routing_domain?: string;
  recipient_domain?: string;
  binding?: string;
  binding_group?: string;
  sending_ip?: string;
  ip_pool?: string;
  ip_address?: string;
  recv_method?: string;
  delv_method?: string;
  reason?: string;
  raw_reason?: string;
  /** Momentum's own: the node, the spool and batch IDs, the connection, the pathway. */
  node_name?: string;
  msg_spoolname?: string;
  msg_batchname?: string;
  conn_name?: string;
  conn_stage?: string;
  pathway?: string;
  pathway_group?: string;
}

/** Fields of the engagement events (track_event) and unsubscribes. */
export interface EventlogEngagementFields {
  ip_address?: string;
  user_agent?: string;
  delv_method?: string;
  recv_method?: string;
  geo_ip?: Record<string, unknown>;
}

interface MessageEventBase extends EventlogRecordBase, EventlogMessageFields {
  event_class: 'message_event';
}
interface GenEventBase extends EventlogRecordBase, EventlogMessageFields {
  event_class: 'gen_event';
}
interface TrackEventBase extends EventlogRecordBase, EventlogEngagementFields {
  event_class: 'track_event';
  target_link_name?: string;
  target_link_url?: string;
}
interface UnsubscribeEventBase extends EventlogRecordBase, EventlogEngagementFields {
  event_class: 'unsubscribe_event';
  mailfrom?: string;
}

/** `reception` (SparkPost: injection): the message was received or injected. */
export interface EventlogReceptionEvent extends MessageEventBase {
  type: 'reception';
}
/** `delivery`: the remote MTA accepted the message. */
export interface EventlogDeliveryEvent extends MessageEventBase {
  type: 'delivery';
}
/** `tempfail` (SparkPost: delay): the remote MTA refused the message for now. */
export interface EventlogTempfailEvent extends MessageEventBase {
  type: 'tempfail';
}
/** `inband` (SparkPost: bounce): the message failed for good during the SMTP session. */
export interface EventlogInbandEvent extends MessageEventBase {
  type: 'inband';
}
/** `outofband` (SparkPost: out_of_band): a bounce that came back after the remote MTA accepted it. */
export interface EventlogOutofbandEvent extends MessageEventBase {
  type: 'outofband';
}
/** `feedback` (SparkPost: spam_complaint): a feedback-loop report. */
export interface EventlogFeedbackEvent extends MessageEventBase {
  type: 'feedback';
  /** The feedback type (`abuse`, …). */
  fbtype?: string;
  report_by?: string;
  report_to?: string;
  user_str?: string;
}
/** `rejection` (SparkPost: policy_rejection): the MTA refused the message by policy. */
export interface EventlogRejectionEvent extends MessageEventBase {
  type: 'rejection';
  remote_addr?: string;
}
/** `gen_fail` (SparkPost: generation_failure): the message could not be generated. */
export interface EventlogGenFailEvent extends GenEventBase {
  type: 'gen_fail';
}
/** `gen_rejection` (SparkPost: generation_rejection): generation refused by policy. */
export interface EventlogGenRejectionEvent extends GenEventBase {
  type: 'gen_rejection';
}
/** `open`: the tracking pixel at the bottom of the message was loaded. */
export interface EventlogOpenEvent extends TrackEventBase {
  type: 'open';
}
/** `initial_open`: the tracking pixel at the top of the message was loaded. */
export interface EventlogInitialOpenEvent extends TrackEventBase {
  type: 'initial_open';
}
/** `click`: a tracked link was followed. */
export interface EventlogClickEvent extends TrackEventBase {
  type: 'click';
}
/** `amp_open`: `open` of the AMP part. */
export interface EventlogAmpOpenEvent extends TrackEventBase {
  type: 'amp_open';
}
/** `amp_initial_open`: `initial_open` of the AMP part. */
export interface EventlogAmpInitialOpenEvent extends TrackEventBase {
  type: 'amp_initial_open';
}
/** `amp_click`: `click` in the AMP part. */
export interface EventlogAmpClickEvent extends TrackEventBase {
  type: 'amp_click';
}
/** `link` (SparkPost: link_unsubscribe): the recipient followed an unsubscribe link. */
export interface EventlogLinkUnsubscribeEvent extends UnsubscribeEventBase {
  type: 'link';
}
/** `list` (SparkPost: list_unsubscribe): the recipient used the List-Unsubscribe header. */
export interface EventlogListUnsubscribeEvent extends UnsubscribeEventBase {
  type: 'list';
}

/** An eventlog record. `switch (ev.type)` narrows. */
export type EventlogRecordEvent =
  | EventlogReceptionEvent
  | EventlogDeliveryEvent
  | EventlogTempfailEvent
  | EventlogInbandEvent
  | EventlogOutofbandEvent
  | EventlogFeedbackEvent
  | EventlogRejectionEvent
  | EventlogGenFailEvent
  | EventlogGenRejectionEvent
  | EventlogOpenEvent
  | EventlogInitialOpenEvent
  | EventlogClickEvent
  | EventlogAmpOpenEvent
  | EventlogAmpInitialOpenEvent
  | EventlogAmpClickEvent
  | EventlogLinkUnsubscribeEvent
  | EventlogListUnsubscribeEvent;

export type EventlogType = EventlogRecordEvent['type'];

export type EventlogEvent = EventlogRecordEvent | MalformedEvent;

/** Which envelope each type comes in (the decoder's table; a compile error if a type is missing). */
export const EVENTLOG_CLASS_OF: { readonly [T in EventlogType]: Extract<EventlogRecordEvent, { type: T }>['event_class'] } = {
  reception: 'message_event',
  delivery: 'message_event',
  tempfail: 'message_event',
  inband: 'message_event',
  outofband: 'message_event',
  feedback: 'message_event',
  rejection: 'message_event',
  gen_fail: 'gen_event',
  gen_rejection: 'gen_event',
  open: 'track_event',
  initial_open: 'track_event',
  click: 'track_event',
  amp_open: 'track_event',
  amp_initial_open: 'track_event',
  amp_click: 'track_event',
  link: 'unsubscribe_event',
  list: 'unsubscribe_event',
};

/** The fields of `EventlogNumbers`, converted in this order. */
export const EVENTLOG_NUMBERS = ['msg_size', 'num_retries', 'queue_time', 'bounce_class', 'error_code'] as const satisfies ReadonlyArray<
  keyof EventlogNumbers
>;
