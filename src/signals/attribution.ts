import { createHash } from 'node:crypto';
import { parseMsysApiHeader } from '../msys-api';

/**
 * Campaign, subaccount and other attribution (sparkpost-events.md §4). It reaches the logs only
 * through custom_logger formats (`%h{Name}` header values, `%vctx_mess{key}` context variables),
 * so it comes from those two maps of a custom event.
 */

/** Event fields learned from headers: strings from the table, `rcpt_meta` / `rcpt_tags` from X-MSYS-API. */
export type Attribution = Record<string, unknown>;

const MSYS_API = 'x-msys-api';

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
        out[field] = value;
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
    if (header.metadata !== undefined) out.rcpt_meta = header.metadata;
    if (header.tags !== undefined) out.rcpt_tags = header.tags;
    return Object.keys(out).length > before;
  }
}

/** base64(SHA-1(rcpt_to)): the recipient as sites that anonymise recipients send it (`rcpt_hash`). */
export function rcptHash(rcptTo: string): string {
  return createHash('sha1').update(rcptTo, 'utf8').digest('base64');
}
