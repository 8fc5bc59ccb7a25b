import type { EventsByLog } from '../decoders/index';
import type { LogKind } from '../decoders/event';
import { AUTHENTICATION_FIELDS, AUTHORIZATION_FIELDS } from '../decoders/acctlog';
import { REQUEST_FIELDS } from '../decoders/http-request';
import { HTTP_REQUEST_FIELDS } from '../decoders/httplog';
import { TIMING_FIELDS } from '../decoders/policylog';
import { REJECTION_FIELDS } from '../decoders/rejectlog';
import type { JlogFields, JlogNoteEvent } from '../jlog/events';

/**
 * The event types and fields of each log kind `ecelog parse` reads, known before any line is:
 * the CSV/TSV columns of the kinds being read, the names `--type` accepts and the fields
 * `--where` accepts. Where a decoder exports the field order its events are made with
 * (rejectlog, policylog, acctlog, httplog, the HTTP request fields), that is the list; the others
 * are the decoders' event declarations written out in the order the records lay them out. The
 * compiler holds them to those declarations (a field missing or one too many is a type error),
 * and test/cli-columns.test.ts to the record tables the decoders are built from.
 */

/** The kinds `ecelog parse` reads (custom_logger files are read by `ecelog signals` alone). */
export type ParseKind = Exclude<LogKind, 'custom'>;

/** The keys of T without its index signature (eventlog events also carry any field of the record). */
type DeclaredKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };
type KeysOf<E> = E extends unknown ? DeclaredKeys<E> : never;

/** What every event starts with, and what any event may end with (`bytes` is never a column). */
const HEAD = ['type', 'record', 'log', 'line', 'offset', 'timestamp', 'timestamp_us'] as const;
const TAIL = ['reason', 'raw', 'invalid_utf8'] as const;
type Common = (typeof HEAD)[number] | (typeof TAIL)[number] | 'bytes';

/** Each field of events E but the common ones, once; the keys' order is the columns' order. */
type Fields<E> = { readonly [K in Exclude<KeysOf<E>, Common>]-?: true };
/** Each type of events E, once. */
type Types<E extends { type: string }> = { readonly [T in E['type']]: true };

interface KindTable<E extends { type: string }> {
  readonly types: Types<E>;
  readonly fields: Fields<E>;
  /** Its events may carry fields that are declared nowhere (eventlog: any field of the record). */
  readonly open?: true;
}

type Tables = { readonly [K in ParseKind]: KindTable<EventsByLog[K]> };

const IDS = { message_id: true, batch_id: true, connection_id: true } as const;
const ADDRESSES = { rcpt_localpart: true, rcpt_domain: true, mailfrom_localpart: true, mailfrom_domain: true } as const;
const BOUNCE_TYPES = { bounce: true, transient_failure: true, heartbeat: true, malformed: true } as const;
const BOUNCE_FIELDS = {
  layout: true,
  ...IDS,
  ...ADDRESSES,
  binding_group: true,
  binding: true,
  stage: true,
  bounce_class: true,
  bounce_class_name: true,
  bounce_category: true,
  size: true,
  remote_ip: true,
  response: true,
  out_of_band: true,
} as const;

const TABLES: Tables = {
  mainlog: {
    types: {
      reception: true,
      delivery: true,
      transfer: true,
      transient_failure: true,
      permanent_failure: true,
      heartbeat: true,
      malformed: true,
    },
    fields: {
      layout: true,
      ...IDS,
      ...ADDRESSES,
      remote_ip: true,
      size: true,
      protocol: true,
      binding_group: true,
      binding: true,
      domain: true,
      retries: true,
      queue_time: true,
      bytes_transferred: true,
      stage: true,
      response: true,
    },
  },
  bouncelog: { types: BOUNCE_TYPES, fields: BOUNCE_FIELDS },
  bouncelog_cl: { types: BOUNCE_TYPES, fields: { ...BOUNCE_FIELDS, user_string: true } },
  fbllog: {
    types: { feedback: true, malformed: true },
    fields: {
      layout: true,
      message_id: true,
      orig_rcpt_localpart: true,
      orig_rcpt_domain: true,
      binding: true,
      binding_group: true,
      feedback_type: true,
      fbl_domain: true,
      user_string: true,
    },
  },
  rejectlog: {
    types: { rejection: true, heartbeat: true, malformed: true },
    fields: REJECTION_FIELDS,
  },
  paniclog: {
    types: { panic: true, malformed: true },
    fields: {
      end_line: true,
      module: true,
      message: true,
      truncated: true,
      // An entry logging an HTTP request (httplog's fields).
      remote_ip: true,
      remote_port: true,
      ...REQUEST_FIELDS,
    },
  },
  policylog: {
    types: { reception_timing: true, malformed: true },
    fields: TIMING_FIELDS,
  },
  acctlog: {
    types: { authentication: true, auth_timeout: true, authorization: true, auth_unknown: true, malformed: true },
    fields: { ...AUTHENTICATION_FIELDS, ...AUTHORIZATION_FIELDS, fields: true },
  },
  importlog: {
    types: { import: true, malformed: true },
    fields: { layout: true, orig_message_id: true, message_id: true, result: true, result_name: true, spool_dir: true },
  },
  httplog: {
    types: { http_request: true, malformed: true },
    fields: HTTP_REQUEST_FIELDS,
  },
  adaptive: {
    types: { adaptive: true, malformed: true },
    fields: { layout: true, version: true, binding: true, domain: true, level: true, message: true },
  },
  eventlog: {
    types: {
      reception: true,
      delivery: true,
      tempfail: true,
      inband: true,
      outofband: true,
      feedback: true,
      rejection: true,
      gen_fail: true,
      gen_rejection: true,
      open: true,
      initial_open: true,
      click: true,
      amp_open: true,
      amp_initial_open: true,
      amp_click: true,
      link: true,
      list: true,
      malformed: true,
    },
    fields: {
      event_class: true,
      event_id: true,
      message_id: true,
      transmission_id: true,
      customer_id: true,
      subaccount_id: true,
      campaign_id: true,
      template_id: true,
      template_version: true,
      rcpt_to: true,
      raw_rcpt_to: true,
      rcpt_hash: true,
      rcpt_meta: true,
      rcpt_tags: true,
      msg_from: true,
      friendly_from: true,
      subject: true,
      sending_domain: true,
      routing_domain: true,
      recipient_domain: true,
      binding: true,
      binding_group: true,
      sending_ip: true,
      ip_pool: true,
      ip_address: true,
      recv_method: true,
      delv_method: true,
      raw_reason: true,
      msg_size: true,
      num_retries: true,
      queue_time: true,
      bounce_class: true,
      error_code: true,
      node_name: true,
      msg_spoolname: true,
      msg_batchname: true,
      conn_name: true,
      conn_stage: true,
      pathway: true,
      pathway_group: true,
      fbtype: true,
      report_by: true,
      report_to: true,
      user_str: true,
      remote_addr: true,
      user_agent: true,
      geo_ip: true,
      target_link_name: true,
      target_link_url: true,
      mailfrom: true,
      invalid_numbers: true,
    },
    open: true,
  },
};

/** What events read from a jlog directory add: their jlog coordinates, and the notes of segments gone or corrupt. */
const JLOG: KindTable<JlogNoteEvent> & { readonly coordinates: { readonly [K in keyof JlogFields]: true } } = {
  types: { segment_missing: true, segment_corrupt: true },
  fields: { from: true, to: true, segment: true },
  coordinates: { id: true, jlog_timestamp: true, jlog_timestamp_us: true },
};

/** The kinds parse reads, in the order of --log's list. */
export const PARSE_KINDS = Object.keys(TABLES) as readonly ParseKind[];

/** The fields of one kind's events, beyond the common ones (for tests and the docs). */
export function kindFields(kind: ParseKind): readonly string[] {
  return Object.keys(TABLES[kind].fields);
}

/** One input of a run: its kind, and whether it is a jlog directory. */
export interface InputKind {
  readonly kind: ParseKind;
  readonly jlog: boolean;
}

/** The CSV/TSV columns of a run, and whether some of the kinds read carry fields declared nowhere. */
export interface ColumnPlan {
  readonly columns: readonly string[];
  readonly open: boolean;
}

/**
 * The columns of the inputs' kinds: `type, record, log, line, offset, timestamp, timestamp_us`,
 * then each kind's own fields (kinds in the order given, each field where it first appears),
 * then, for a jlog, `id, jlog_timestamp, jlog_timestamp_us, from, to, segment`, and last
 * `reason, raw, invalid_utf8` (malformed lines). A head or tail field no kind read has (`layout`
 * of the `@`-logs is a kind's own field) is still a column: the order never depends on the data.
 */
export function columnPlan(inputs: readonly InputKind[]): ColumnPlan {
  const columns = new Set<string>(HEAD);
  let open = false;
  let jlog = false;
  for (const { kind, jlog: j } of inputs) {
    for (const f of Object.keys(TABLES[kind].fields)) columns.add(f);
    open ||= TABLES[kind].open === true;
    jlog ||= j;
  }
  if (jlog) for (const f of [...Object.keys(JLOG.coordinates), ...Object.keys(JLOG.fields)]) columns.add(f);
  for (const f of TAIL) columns.add(f);
  return { columns: [...columns], open };
}

/** Every event type of every kind (jlog notes included), sorted. */
export const EVENT_TYPES: readonly string[] = [
  ...new Set([...Object.values(TABLES).flatMap((t: KindTable<{ type: string }>) => Object.keys(t.types)), ...Object.keys(JLOG.types)]),
].sort();

/** Every field an event of any kind may have (the common ones, each kind's, a jlog's), sorted. */
export const KNOWN_FIELDS: readonly string[] = [
  ...new Set([...HEAD, ...TAIL, ...columnPlan(PARSE_KINDS.map((kind) => ({ kind, jlog: true }))).columns]),
].sort();

/** Whether a kind's events may carry fields declared nowhere. */
export function isOpenKind(kind: string): boolean {
  return Object.hasOwn(TABLES, kind) && TABLES[kind as ParseKind].open === true;
}

/**
 * Each kind's event types and fields (jlog notes as the kind `jlog`), in --log's order: the tables
 * of `ecelog sql` and `ecelog ship` (a table per type, with the fields of the kinds that have it).
 */
export function kindTypesAndFields(): { log: string; types: string[]; fields: string[] }[] {
  return [
    ...PARSE_KINDS.map((log) => ({ log, types: Object.keys(TABLES[log].types), fields: Object.keys(TABLES[log].fields) })),
    { log: 'jlog', types: Object.keys(JLOG.types), fields: [...Object.keys(JLOG.coordinates), ...Object.keys(JLOG.fields)] },
  ];
}
