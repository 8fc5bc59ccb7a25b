/**
 * The `X-MSYS-API` message header (sparkpost-events.md §4): a JSON object carrying the campaign,
 * metadata, tags and tracking options of a message. It reaches the logs only through a
 * custom_logger format (`%h{X-MSYS-API}`), so it arrives as a header value, possibly folded.
 */

/** The `options` object. Other keys are kept as they are. */
export interface MsysApiOptions {
  open_tracking?: boolean;
  click_tracking?: boolean;
  transactional?: boolean;
  sandbox?: boolean;
  skip_suppression?: boolean;
  inline_css?: boolean;
  ip_pool?: string;
  [key: string]: unknown;
}

/** The parsed header. Keys other than these (e.g. `cc`, `bcc`, `archive`) are kept as they are. */
export interface MsysApiHeader {
  /** At most 64 bytes (UTF-8). */
  campaign_id?: string;
  /** Becomes `rcpt_meta` in SparkPost events. */
  metadata?: Record<string, unknown>;
  /** Becomes `rcpt_tags` in SparkPost events. */
  tags?: string[];
  options?: MsysApiOptions;
  [key: string]: unknown;
}

/** Why a header value was refused; `key` names the offending key (null when the JSON itself is bad). */
export class ParseMsysApiError extends Error {
  readonly key: string | null;
  constructor(message: string, key: string | null = null) {
    super(`X-MSYS-API header: ${message}`);
    this.name = 'ParseMsysApiError';
    this.key = key;
  }
}

/** The limit on `campaign_id` (Momentum's X-MSYS-API page and the SparkPost REST API). */
export const MAX_CAMPAIGN_ID_BYTES = 64;

const BOOLEAN_OPTIONS = ['open_tracking', 'click_tracking', 'transactional', 'sandbox', 'skip_suppression', 'inline_css'];
const STRING_OPTIONS = ['ip_pool'];

/**
 * Parses an `X-MSYS-API` header value. The value is unfolded first (a CRLF or LF followed by
 * spaces or tabs becomes one space — a JSON string may still hold `\r\n` *escapes*, which are
 * text, not folding) and trimmed. Throws a `ParseMsysApiError` when the value is not a JSON
 * object, or a known key has the wrong type: `campaign_id` must be a string of at most 64 bytes
 * (a longer one is refused, not truncated: a truncated ID could merge two campaigns), `metadata`
 * an object, `tags` an array of strings, `options` an object whose tracking flags are booleans.
 * Momentum's limits on metadata size and tag count are not applied: the header is returned as sent.
 */
export function parseMsysApiHeader(value: string): MsysApiHeader {
  const text = value.replace(/\r?\n[ \t]+/g, ' ').trim();
  if (text === '') throw new ParseMsysApiError('the value is empty');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ParseMsysApiError(`not valid JSON (${(err as Error).message})`);
  }
  if (!isObject(parsed)) throw new ParseMsysApiError(`expected a JSON object, found ${typeName(parsed)}`);
  const header = parsed as MsysApiHeader;

  const campaign = header.campaign_id;
  if (campaign !== undefined) {
    if (typeof campaign !== 'string') throw wrongType('campaign_id', 'a string', campaign);
    const bytes = Buffer.byteLength(campaign, 'utf8');
    if (bytes > MAX_CAMPAIGN_ID_BYTES) {
      throw new ParseMsysApiError(`campaign_id is ${bytes} bytes long, the limit is ${MAX_CAMPAIGN_ID_BYTES}`, 'campaign_id');
    }
  }
  if (header.metadata !== undefined && !isObject(header.metadata)) throw wrongType('metadata', 'an object', header.metadata);
  const tags = header.tags;
  if (tags !== undefined) {
    if (!Array.isArray(tags)) throw wrongType('tags', 'an array of strings', tags);
    tags.forEach((tag, i) => {
      if (typeof tag !== 'string') throw wrongType(`tags[${i}]`, 'a string', tag);
    });
  }
  const options = header.options;
  if (options !== undefined) {
    if (!isObject(options)) throw wrongType('options', 'an object', options);
    for (const key of BOOLEAN_OPTIONS) {
      if (options[key] !== undefined && typeof options[key] !== 'boolean') throw wrongType(`options.${key}`, 'true or false', options[key]);
    }
    for (const key of STRING_OPTIONS) {
      if (options[key] !== undefined && typeof options[key] !== 'string') throw wrongType(`options.${key}`, 'a string', options[key]);
    }
  }
  return header;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  const shown = JSON.stringify(v);
  return `a ${typeof v} (${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown})`;
}

function wrongType(key: string, expected: string, found: unknown): ParseMsysApiError {
  return new ParseMsysApiError(`${key} must be ${expected}, found ${typeName(found)}`, key);
}
