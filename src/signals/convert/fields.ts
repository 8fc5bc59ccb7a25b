import type { EcelogEvent } from '../../decoders/index';
import { own } from '../../core/own';
import { rcptHash, type Attribution } from './attribution';
import { canonicalReason, errorCode } from './reason';
import type { MessageEvent } from './types';

/** The field helpers of the converter: from log records to SparkPost's string values. */

export type Fields = Record<string, unknown>;

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

/** The output field order after type, event_id, timestamp, message_id (other fields follow in insertion order). */
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
  'campaign_id',
  'subaccount_id',
  'rcpt_meta',
  'rcpt_tags',
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
];
/** Fields placed first (type, event_id, timestamp, message_id) or in ORDER. */
export const PLACED = new Set(['type', 'event_id', 'timestamp', 'message_id', ...ORDER]);

export function defaultSourceId(ev: EcelogEvent): string {
  const extra = ev as { id?: unknown; file?: unknown };
  if (typeof extra.id === 'string') return extra.id;
  return `${typeof extra.file === 'string' ? extra.file : ev.log}:${ev.offset}`;
}

export function timeOf(ev: EcelogEvent): number | undefined {
  const t = (ev as { timestamp_us?: unknown }).timestamp_us;
  return typeof t === 'number' ? t : undefined;
}

/** Unix seconds, with 6 fraction digits when the time has a sub-second part. */
export function timestamp(us: number): string {
  const frac = us % US;
  const seconds = (us - frac) / US;
  return frac === 0 ? String(seconds) : `${seconds}.${String(frac).padStart(6, '0')}`;
}

/**
 * Decimal seconds → integer milliseconds as a string, in decimal arithmetic: the number's
 * shortest form is the decimal as logged (the decoder parses it correctly rounded), so
 * `306072.00` → `306072000`, `18.53` → `18530`; a fourth decimal rounds half up.
 */
export function milliseconds(seconds: number): string {
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
 * rcpt_to (lower-cased), raw_rcpt_to (as logged, quotes of a quoted local part kept), msg_from and
 * sending_domain. The null sender `<>` (empty local part and domain) is msg_from `""`: it is a
 * known sender, not a missing one; it has no sending_domain.
 */
export function addresses(r: Rec): Fields {
  const f: Fields = {};
  if (r.rcpt_localpart !== undefined && r.rcpt_domain !== undefined) {
    f.raw_rcpt_to = `${r.rcpt_localpart}@${r.rcpt_domain}`;
    f.rcpt_to = (f.raw_rcpt_to as string).toLowerCase();
  }
  if (r.mailfrom_localpart !== undefined || r.mailfrom_domain !== undefined) {
    const lp = r.mailfrom_localpart ?? '';
    const dom = r.mailfrom_domain ?? '';
    f.msg_from = lp === '' && dom === '' ? '' : `${lp}@${dom}`;
    f.sending_domain = dom;
  }
  return f;
}

/** The attempt facts of an outbound record. */
export function outbound(r: Rec, delvMethod: string): Fields {
  return {
    routing_domain: r.domain,
    binding: r.binding,
    binding_group: r.binding_group,
    delv_method: delvMethod,
    ip_address: r.remote_ip,
    num_retries: numeric(r.retries),
    queue_time: outboundQueueTime(r),
  };
}

export function outboundQueueTime(r: Rec | undefined): string | undefined {
  return r?.queue_time === undefined ? undefined : milliseconds(r.queue_time);
}

export function failure(response: string | undefined): Fields {
  if (response === undefined || response === '') return {};
  return { error_code: errorCode(response), reason: canonicalReason(response), raw_reason: response };
}

/** Copies `from`'s values into `into` where it has none (strings copied off the input, as they are kept). */
export function fillMissing(into: Fields, from: Fields): void {
  for (const k in from) {
    const v = from[k];
    if (into[k] === undefined && v !== undefined) into[k] = typeof v === 'string' ? own(v) : v;
  }
}

export function owned(attribution: Attribution): Attribution {
  const copy: Attribution = {};
  for (const [k, v] of Object.entries(attribution)) copy[k] = typeof v === 'string' ? own(v) : v;
  return copy;
}

/** Privacy mode: rcpt_hash + rcpt_domain instead of the address (and raw_reason masked, as it quotes addresses). */
export function hide(fields: Fields): void {
  const rcpt = fields.rcpt_to;
  delete fields.rcpt_to;
  delete fields.raw_rcpt_to;
  if (typeof rcpt === 'string') {
    fields.rcpt_hash = rcptHash(rcpt);
    fields.rcpt_domain = rcpt.slice(rcpt.lastIndexOf('@') + 1);
  }
  if (fields.reason !== undefined) fields.raw_reason = fields.reason;
}

/** Sets a known value: unknown ones (undefined, null, empty string) are left out — except msg_from "" (the null sender). */
export function put(event: MessageEvent, key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (value === '' && key !== 'msg_from') return;
  event[key] = value;
}
