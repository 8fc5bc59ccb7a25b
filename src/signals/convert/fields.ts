import type { EcelogEvent } from '../../decoders/index';
import { own } from '../../core/own';
import { rcptHash, type Attribution } from './attribution';
import { canonicalReason, errorCode } from './reason';
import { compileMaker, type Property } from '../../decoders/builder';
import type { MessageEvent } from './types';

/** The field helpers of the converter: from log records to SparkPost's string values. */

export const US = 1_000_000;

/** The fields the converter reads: mainlog, bouncelog and custom_logger events all fit. */
export interface Rec {
  message_id?: string;
  rcpt_localpart?: string;
  rcpt_domain?: string;
  mailfrom_localpart?: string;
  mailfrom_domain?: string;
  remote_ip?: string | null;
  size?: number | null;
  protocol?: string;
  binding_group?: string | null;
  binding?: string;
  domain?: string;
  retries?: number;
  queue_time?: number;
  response?: string;
  bounce_class?: number;
}

/** The output field order after type, event_id, timestamp, message_id (fields of the header table follow). */
export const ORDER = [
  'rcpt_to',
  'raw_rcpt_to',
  'rcpt_hash',
  'rcpt_domain',
  'msg_from',
  'sending_domain',
  'routing_domain',
  'binding',
  'binding_group',
  'ip_pool',
  'campaign_id',
  'subaccount_id',
  'rcpt_meta',
  'rcpt_tags',
  'open_tracking',
  'click_tracking',
  'msg_size',
  'recv_method',
  'delv_method',
  'ip_address',
  'num_retries',
  'queue_time',
  'bounce_class',
  'error_code',
  'reason',
  'raw_reason',
  'remote_addr',
  'fbtype',
  'report_by',
  'report_to',
  'user_str',
] as const;
/** Fields placed first (type, event_id, timestamp, message_id) or in ORDER. */
export const PLACED = new Set<string>(['type', 'event_id', 'timestamp', 'message_id', ...ORDER]);

/** The slot of each ORDER field in a Slots array. */
export const F = Object.fromEntries(ORDER.map((k, i) => [k, i])) as { readonly [K in (typeof ORDER)[number]]: number };

/**
 * The fields of one event being made: one value per ORDER field (slot F.x), then one per field of
 * the header table beyond them. Written field by field, last write wins (undefined included),
 * as object spreads would; read once into the event. An array with fixed slots, rather than an
 * object that gets keys in varying orders, keeps every access monomorphic.
 */
export type Slots = unknown[];

export function defaultSourceId(ev: EcelogEvent): string {
  const extra = ev as { id?: unknown; file?: unknown };
  if (typeof extra.id === 'string') return extra.id;
  return `${typeof extra.file === 'string' ? extra.file : ev.log}:${ev.offset}`;
}

export function timeOf(ev: EcelogEvent): number | undefined {
  const t = (ev as { timestamp_us?: unknown }).timestamp_us;
  return typeof t === 'number' ? t : undefined;
}

/**
 * Unix time in whole seconds, as a string: what every SparkPost source shows (its event samples,
 * its own Ingest feeders), whatever the log's resolution (a hires log's microseconds are cut).
 */
export function timestamp(us: number): string {
  return String((us - (us % US)) / US);
}

/**
 * Decimal seconds → integer milliseconds as a string, in decimal arithmetic: the number's
 * shortest form is the decimal as logged (the decoder parses it correctly rounded), so
 * `306072.00` → `306072000`, `18.53` → `18530`; a fourth decimal rounds half up.
 */
export function milliseconds(seconds: number): string {
  // At most 3 decimals (below 1e12 the doubles are closer than 0.001, so the round trip tells):
  // the integer is exact.
  if (Math.abs(seconds) < 1e12) {
    const ms = Math.round(seconds * 1000);
    if (ms / 1000 === seconds) return String(ms);
  }
  let text = String(seconds);
  const dot = text.indexOf('.');
  // The common case, at most 3 decimals: the digits moved by three places (exact below 2^53).
  if (Number.isInteger(seconds) && Math.abs(seconds) < 1e12) return String(seconds * 1000);
  if (dot > 0 && text.length - dot <= 4 && text.length < 15) return String(Number(text.slice(0, dot) + text.slice(dot + 1).padEnd(3, '0')));
  if (/e/i.test(text)) text = seconds.toFixed(20);
  const [whole = '0', frac = ''] = text.split('.');
  const ms = BigInt(whole + frac.slice(0, 3).padEnd(3, '0'));
  return String((frac[3] ?? '0') >= '5' ? ms + 1n : ms);
}

export function numeric(n: number | null | undefined): string | undefined {
  return n === null || n === undefined ? undefined : String(n);
}

/**
 * rcpt_to (lower-cased), raw_rcpt_to (as logged, quotes of a quoted local part kept) and msg_from.
 * The null sender `<>` (empty local part and domain) is msg_from `""`: it is a known sender, not a
 * missing one. The MAIL FROM domain is what SparkPost calls the bounce domain, not the
 * `sending_domain` (the From header's domain, which only attribution can give). Slots of what the
 * record lacks are left as they are.
 */
export function setAddresses(s: Slots, r: Rec): void {
  if (r.rcpt_localpart !== undefined && r.rcpt_domain !== undefined) {
    const raw = `${r.rcpt_localpart}@${r.rcpt_domain}`;
    s[F.raw_rcpt_to] = raw;
    s[F.rcpt_to] = raw.toLowerCase();
  }
  if (r.mailfrom_localpart !== undefined || r.mailfrom_domain !== undefined) {
    const lp = r.mailfrom_localpart ?? '';
    const dom = r.mailfrom_domain ?? '';
    s[F.msg_from] = lp === '' && dom === '' ? '' : `${lp}@${dom}`;
  }
}

/**
 * The binding and binding group, Signals' facets: its "Sending IP" reports fall back to `binding`
 * when there is no `sending_ip` (SparkPost's Ingest API reference says so; the logs name the
 * binding, not its address), and its "IP pool" reports read `ip_pool`, for which no fallback is
 * documented: the binding group is sent as the IP pool too.
 */
export function setBinding(s: Slots, binding: string | undefined, group: string | null | undefined): void {
  s[F.binding] = binding;
  s[F.binding_group] = group;
  s[F.ip_pool] = group;
}

/** The attempt facts of an outbound record (every one of these slots is written). */
export function setOutbound(s: Slots, r: Rec, delvMethod: string): void {
  s[F.routing_domain] = r.domain;
  setBinding(s, r.binding, r.binding_group);
  s[F.delv_method] = delvMethod;
  s[F.ip_address] = r.remote_ip;
  s[F.num_retries] = numeric(r.retries);
  s[F.queue_time] = outboundQueueTime(r);
}

export function outboundQueueTime(r: Rec | undefined): string | undefined {
  return r?.queue_time === undefined ? undefined : milliseconds(r.queue_time);
}

/** error_code, reason and raw_reason of a response; nothing when there is none. */
export function setFailure(s: Slots, response: string | undefined): void {
  if (response === undefined || response === '') return;
  s[F.error_code] = errorCode(response);
  s[F.reason] = canonicalReason(response);
  s[F.raw_reason] = response;
}

/** What a message's reception tells its later events (strings owned: they are kept). */
export interface ReceptionFields {
  rcpt_to: string | undefined;
  raw_rcpt_to: string | undefined;
  msg_from: string | undefined;
  msg_size: string | undefined;
  recv_method: string | undefined;
}

export function noReceptionFields(): ReceptionFields {
  return {
    rcpt_to: undefined,
    raw_rcpt_to: undefined,
    msg_from: undefined,
    msg_size: undefined,
    recv_method: undefined,
  };
}

/** Fills what `into` does not know yet from the reception record `r`. */
export function learnReception(into: ReceptionFields, r: Rec, protocol: string): void {
  const s: Slots = [];
  setAddresses(s, r);
  into.rcpt_to ??= ownString(s[F.rcpt_to]);
  into.raw_rcpt_to ??= ownString(s[F.raw_rcpt_to]);
  into.msg_from ??= ownString(s[F.msg_from]);
  into.msg_size ??= numeric(r.size);
  into.recv_method ??= own(protocol);
}

function ownString(v: unknown): string | undefined {
  return typeof v === 'string' ? own(v) : undefined;
}

/** Writes the fields the reception knows (those it does not leave their slots as they are). */
export function setReception(s: Slots, f: ReceptionFields): void {
  if (f.rcpt_to !== undefined) s[F.rcpt_to] = f.rcpt_to;
  if (f.raw_rcpt_to !== undefined) s[F.raw_rcpt_to] = f.raw_rcpt_to;
  if (f.msg_from !== undefined) s[F.msg_from] = f.msg_from;
  if (f.msg_size !== undefined) s[F.msg_size] = f.msg_size;
  if (f.recv_method !== undefined) s[F.recv_method] = f.recv_method;
}

export function owned(attribution: Attribution): Attribution {
  const copy: Attribution = {};
  for (const [k, v] of Object.entries(attribution)) copy[k] = typeof v === 'string' ? own(v) : v;
  return copy;
}

/** Privacy mode: rcpt_hash + rcpt_domain instead of the address (and raw_reason masked, as it quotes addresses). */
export function hide(s: Slots): void {
  const rcpt = s[F.rcpt_to];
  s[F.rcpt_to] = undefined;
  s[F.raw_rcpt_to] = undefined;
  if (typeof rcpt === 'string') {
    s[F.rcpt_hash] = rcptHash(rcpt);
    s[F.rcpt_domain] = rcpt.slice(rcpt.lastIndexOf('@') + 1);
  }
  if (s[F.reason] !== undefined) s[F.raw_reason] = s[F.reason];
}

/** A value that is sent: unknown ones (undefined, null, empty string) are left out — except msg_from "" (the null sender). */
function sent(slot: number, v: unknown): boolean {
  return v !== undefined && v !== null && (v !== '' || slot === F.msg_from);
}

type Maker = (type: string, event_id: string, timestamp: string, message_id: string, s: Slots) => MessageEvent;

/** The makers compiled so far, by the set of ORDER slots they send (bit i: slot i). */
const makers = new Map<number, Maker>();
/** Makers kept at most (a run sees a few dozen field sets; beyond this, events are made key by key). */
const MAX_MAKERS = 1024;

/** A function that returns one object literal: the event header, then the slots of `mask` in ORDER. */
function compileEventMaker(mask: number): Maker {
  const props: Property[] = [
    ['type', 'type'],
    ['event_id', 'event_id'],
    ['timestamp', 'timestamp'],
    ['message_id', 'message_id'],
  ];
  for (let i = 0; i < ORDER.length; i++) if ((mask & (1 << i)) !== 0) props.push([ORDER[i]!, `s[${i}]`]);
  return compileMaker<Maker>(['type', 'event_id', 'timestamp', 'message_id', 's'], props, 'SparkPost event');
}

/**
 * The event: type, event_id, timestamp, message_id, the values of `s` that are sent in ORDER,
 * then those of `extra` (the header table's own fields, slots from ORDER.length on). Made by one
 * object literal per set of fields (compiled on first use): one allocation of the final size and
 * one hidden class per set, where adding the keys one by one grew each event several times.
 */
export function makeEvent(type: string, id: string, ts: string, messageId: string, s: Slots, extra: readonly string[]): MessageEvent {
  let mask = 0;
  for (let i = 0; i < ORDER.length; i++) if (sent(i, s[i])) mask |= 1 << i;
  let make = makers.get(mask);
  if (make === undefined && makers.size < MAX_MAKERS) makers.set(mask, (make = compileEventMaker(mask)));
  let e: MessageEvent;
  if (make !== undefined) e = make(type, id, ts, messageId, s);
  else {
    e = { type: type as MessageEvent['type'], event_id: id, timestamp: ts, message_id: messageId };
    for (let i = 0; i < ORDER.length; i++) if ((mask & (1 << i)) !== 0) (e as Record<string, unknown>)[ORDER[i]!] = s[i];
  }
  for (let i = 0; i < extra.length; i++) {
    const v = s[ORDER.length + i];
    if (sent(-1, v)) e[extra[i]!] = v;
  }
  return e;
}
