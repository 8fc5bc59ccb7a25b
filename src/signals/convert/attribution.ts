import { createHash } from 'node:crypto';
import { parseMsysApiHeader } from '../../decoders/msys-api';

/**
 * Campaign, subaccount and other attribution (sparkpost-events.md §4). It reaches the logs only
 * through custom_logger formats (`%h{Name}` header values, `%vctx_mess{key}` context variables),
 * so it comes from those two maps of a custom event.
 */

/** Event fields learned from headers: strings from the table, `rcpt_meta` / `rcpt_tags` from X-MSYS-API. */
export type Attribution = Record<string, unknown>;

const MSYS_API = 'x-msys-api';
/** The X-MSYS-API `options` sent as event fields (SparkPost's Health Score reads them). */
export const TRACKING = ['open_tracking', 'click_tracking'] as const;

/**
 * Bounds on what one message's attribution may hold. The converter keeps a message's attribution
 * while it waits in the queue (up to maxReceptions messages), and header values come from the
 * injecting client: without bounds a few large headers could take the agent's memory. A value over
 * its bound is dropped (counted in `dropped`), not cut: a cut campaign ID would merge campaigns.
 */
export const ATTRIBUTION_LIMITS = {
  /** A header-table value (campaign ID, subaccount ID, …), in characters. */
  value: 1024,
  /** `rcpt_meta` (X-MSYS-API metadata) as JSON, in characters. */
  metadata: 10_000,
  /** `rcpt_tags` (X-MSYS-API tags) as JSON, in characters. */
  tags: 2048,
} as const;

export interface AttributionSource {
  headers?: Record<string, string>;
  vctx_mess?: Record<string, string>;
}

/**
 * The user's header → field table plus X-MSYS-API. Names (header names and vctx_mess keys) match
 * case-insensitively. For one event, X-MSYS-API is applied first and the table after it, so a
 * field the user mapped explicitly wins. Empty values are not attribution (a format prints an
 * absent header as nothing) and are skipped.
 */
export class AttributionTable {
  private readonly fields: Map<string, string>;
  private readonly msysApi: boolean;
  /** X-MSYS-API values that could not be parsed (they are ignored). */
  badMsysApi = 0;
  /** Values over ATTRIBUTION_LIMITS (dropped). */
  dropped = 0;
  /**
   * Values refused by their field's form (FIELD_FORMS), by field: `sending_domain` without an
   * address domain, `subaccount_id` that is not a decimal number. They are ignored.
   */
  readonly invalid: Record<keyof typeof FIELD_FORMS, number> = { sending_domain: 0, subaccount_id: 0 };

  constructor(headerFields: Record<string, string> = {}, msysApi = true) {
    this.fields = new Map(Object.entries(headerFields).map(([name, field]) => [name.toLowerCase(), field]));
    this.msysApi = msysApi;
  }

  /** The attribution in `src`'s headers and context variables, or null when there is none. */
  of(src: AttributionSource): Attribution | null {
    const out: Attribution = {};
    let found = false;
    if (this.msysApi && src.headers !== undefined) {
      for (const [name, value] of Object.entries(src.headers)) {
        if (name.toLowerCase() === MSYS_API && value.trim() !== '') found = this.addMsysApi(value, out) || found;
      }
    }
    for (const map of [src.headers, src.vctx_mess]) {
      if (map === undefined) continue;
      for (const [name, value] of Object.entries(map)) {
        const field = this.fields.get(name.toLowerCase());
        if (field === undefined || value === '') continue;
        if (value.length > ATTRIBUTION_LIMITS.value) {
          this.dropped++;
          continue;
        }
        const formed = hasForm(field);
        const v = formed ? FIELD_FORMS[field](value) : value;
        if (v === null) {
          if (formed) this.invalid[field]++;
          continue;
        }
        out[field] = v;
        found = true;
      }
    }
    return found ? out : null;
  }

  private addMsysApi(value: string, out: Attribution): boolean {
    let header;
    try {
      header = parseMsysApiHeader(value);
    } catch {
      this.badMsysApi++;
      return false;
    }
    const before = Object.keys(out).length;
    if (header.campaign_id !== undefined && header.campaign_id !== '') out.campaign_id = header.campaign_id;
    if (header.metadata !== undefined) this.bounded(out, 'rcpt_meta', header.metadata, ATTRIBUTION_LIMITS.metadata);
    if (header.tags !== undefined) this.bounded(out, 'rcpt_tags', header.tags, ATTRIBUTION_LIMITS.tags);
    for (const flag of TRACKING) {
      const on = header.options?.[flag];
      if (on !== undefined) out[flag] = on ? '1' : '0'; // parseMsysApiHeader checked it is a boolean
    }
    return Object.keys(out).length > before;
  }

  private bounded(out: Attribution, field: string, value: unknown, limit: number): void {
    if (JSON.stringify(value).length > limit) this.dropped++;
    else out[field] = value;
  }
}

/**
 * The subaccount as SparkPost sends it: a decimal number, as a string (`X-SP-SUBACCOUNT-ID: 0042 `
 * → `"42"`); null when the value is not one.
 */
export function subaccountId(value: string): string | null {
  const digits = /^\s*0*(\d{1,15})\s*$/.exec(value)?.[1];
  return digits === undefined ? null : digits;
}

/** Fields whose values have a form: a header value is reduced to it, or refused (null). */
const FIELD_FORMS = { sending_domain: fromDomain, subaccount_id: subaccountId } as const;

function hasForm(field: string): field is keyof typeof FIELD_FORMS {
  return Object.hasOwn(FIELD_FORMS, field);
}

/**
 * The domain of the (last) address in a From header value — `"Ann" <ann@Mail.Example>`,
 * `ann@mail.example`, `ann@mail.example (Ann)` — lower-cased; null when there is none.
 */
export function fromDomain(value: string): string | null {
  const angle = /<[^<>]*@([^<>@\s]+)>/g;
  let last: string | undefined;
  for (let m = angle.exec(value); m !== null; m = angle.exec(value)) last = m[1];
  last ??= /@([^\s<>()@,;:"[\]]+)/.exec(value)?.[1];
  const dom = last?.replace(/\.$/, '').toLowerCase();
  return dom !== undefined && /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*$/u.test(dom) && dom.length <= 253 ? dom : null;
}

/** base64(SHA-1(rcpt_to)): the recipient as sites that anonymise recipients send it (`rcpt_hash`). */
export function rcptHash(rcptTo: string): string {
  return createHash('sha1').update(rcptTo, 'utf8').digest('base64');
}
