import type { EcelogEvent } from '../decoders/index';
import { globRegExp } from '../io/glob';
import { EVENT_TYPES, KNOWN_FIELDS } from './columns';
import { UsageError } from './usage-error';

/** A value of an event by a dotted path (`headers.X-Job`), or undefined. */
export function fieldValue(ev: object, path: string): unknown {
  let v: unknown = (ev as Record<string, unknown>)[path];
  if (v !== undefined || !path.includes('.')) return v;
  v = ev;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

const J = JSON.stringify;

/** A decimal number as --where and --since take it (no hex, no Infinity, no empty text). */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
/** `1h`, `1h30m`, `2.5d`: the amount of a relative time. */
const DURATION = /^(?:\d+(?:\.\d+)?[smhdw])+$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const TIME_FORMS =
  'epoch seconds (13 digits: milliseconds), an ISO date or time (UTC unless it ends in Z or an offset such as +02:00), ' +
  'a time back from now (-1h, -30m, -2d, -1h30m, "1h ago") or now, today, yesterday (UTC midnight)';

/** Microseconds of a duration such as `1h30m`. */
function durationUs(text: string): number {
  let us = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)([smhdw])/g)) us += Number(n) * UNIT_SECONDS[unit!]! * 1e6;
  return us;
}

/**
 * Microseconds since the epoch of an ISO date/time read as UTC unless it has an offset; null when
 * the text is no ISO date/time, NaN when one of its parts is out of range (2024-02-30).
 */
function isoUs(text: string): number | null {
  const m = ISO.exec(text);
  if (m === null) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // Date.UTC rolls 2024-02-30 over into March: a part out of range is an error, not a later date.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h) return NaN;
  if (back.getUTCMinutes() !== mi || back.getUTCSeconds() !== s) return NaN;
  const fraction = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1e6);
  const zone = m[8];
  let offsetMin = 0;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 23 || om > 59) return NaN;
    offsetMin = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  return (ms - offsetMin * 60000) * 1000 + fraction;
}

/**
 * A time of --since/--until, in microseconds since the epoch: epoch seconds (up to 11 digits,
 * fractions allowed), milliseconds (13 digits) or microseconds (16 digits); an ISO date or
 * date-time, UTC unless it ends in `Z` or an offset; `-1h`, `-30m`, `-2d`, `-1h30m` or `1h ago`
 * back from `nowMs`; `now`, `today`, `yesterday` (UTC midnight).
 */
export function parseTime(text: string, option: string, nowMs: number): number {
  const t = text.trim();
  const fail = (why = `expected ${TIME_FORMS}`) => new UsageError(`${option} ${J(text)}: ${why}`);
  const lower = t.toLowerCase();
  const nowUs = nowMs * 1000;
  if (lower === 'now') return nowUs;
  if (lower === 'today' || lower === 'yesterday') {
    const midnight = Math.floor(nowMs / 86400000) * 86400000;
    return (midnight - (lower === 'yesterday' ? 86400000 : 0)) * 1000;
  }
  const ago = /^-\s*(\S+)$/.exec(lower)?.[1] ?? /^(\S+)\s+ago$/.exec(lower)?.[1];
  if (ago !== undefined && DURATION.test(ago)) return nowUs - durationUs(ago);
  const epoch = /^(\d+)(?:\.\d+)?$/.exec(t);
  if (epoch !== null) {
    const digits = epoch[1]!.length;
    const scale = digits <= 11 ? 1e6 : digits === 13 ? 1e3 : digits === 16 ? 1 : 0;
    if (scale === 0) throw fail(`${digits} digits: epoch seconds have up to 11, milliseconds 13, microseconds 16`);
    return Math.round(Number(t) * scale);
  }
  const iso = isoUs(t);
  if (iso === null) throw fail();
  if (Number.isNaN(iso)) throw fail('no such date, time or offset');
  return iso;
}

function isoText(us: number): string {
  const d = new Date(Math.floor(us / 1000));
  return Number.isNaN(d.getTime()) ? String(us / 1e6) : d.toISOString().replace('.000Z', 'Z');
}

export interface FilterOptions {
  types?: string[];
  since?: string;
  until?: string;
  where?: string[];
  /**
   * The time (ms since the epoch) that relative times count back from; Date.now() when the filter
   * is made if not given. Set once per run so that worker threads filter alike.
   */
  now?: number;
  /** --where may name fields that no kind declares (the input is an eventlog, whose records carry any field). */
  openFields?: boolean;
}

/**
 * Up to 5 of `names` close to `name`, best first: the same but for case; else an edit or two
 * away; else starting with, then holding, one of its `_`-separated words.
 */
export function closeMatches(name: string, names: readonly string[]): string[] {
  const n = name.toLowerCase();
  const limit = n.length <= 4 ? 1 : 2;
  const words = new Set(n.split(/[_.]/).filter((w) => w.length >= 3));
  // Tiers: 0 the same but for case, 1 and 2 edits away, then 3 starting with a word, 4 holding one.
  const scored: Array<[number, string]> = [];
  for (const c of names) {
    const d = distance(n, c.toLowerCase());
    const parts = c.split('_');
    if (d <= limit) scored.push([d, c]);
    else if (words.has(parts[0]!)) scored.push([3, c]);
    else if (parts.some((w) => words.has(w))) scored.push([4, c]);
  }
  scored.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
  // Only the best kind of match: a name that differs in case alone, else the nearest edits, else shared words.
  const best = scored[0]?.[0] ?? 0;
  const tier = (d: number) => (d === 0 ? 0 : d <= 2 ? 1 : 2);
  return scored
    .filter(([d]) => tier(d) === tier(best))
    .slice(0, 5)
    .map(([, c]) => c);
}

/** Edits (insert, delete, replace, swap of neighbours) from a to b. */
function distance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const r = rows[i]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      r[j] = Math.min(rows[i - 1]![j]! + 1, r[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) r[j] = Math.min(r[j]!, rows[i - 2]![j - 2]! + 1);
    }
  }
  return rows[a.length]![b.length]!;
}

function suggest(matches: readonly string[]): string {
  if (matches.length === 0) return '';
  return `; did you mean ${matches.length === 1 ? matches[0] : `${matches.slice(0, -1).join(', ')} or ${matches[matches.length - 1]}`}?`;
}

/** The types of --type (comma-separated, repeatable), lower-cased and checked. */
function eventTypes(given: readonly string[]): Set<string> {
  const types = new Set<string>();
  for (const t of given.flatMap((x) => x.split(','))) {
    const name = t.trim().toLowerCase();
    if (name === '') continue;
    if (!EVENT_TYPES.includes(name)) {
      throw new UsageError(
        `--type ${J(t.trim())}: no log has events of this type${suggest(closeMatches(name, EVENT_TYPES))} (types: ${EVENT_TYPES.join(', ')})`,
      );
    }
    types.add(name);
  }
  if (types.size === 0) throw new UsageError(`--type needs a type (types: ${EVENT_TYPES.join(', ')})`);
  return types;
}

/** A field compared without regard to case: a domain (`domain`, `rcpt_domain`, `sending_domain`, ...). */
export function isDomainField(path: string): boolean {
  const last = path.slice(path.lastIndexOf('.') + 1);
  return last === 'domain' || last.endsWith('_domain');
}

const WHERE = /^([^=!<>~]*)(!=|!~|<=|>=|=|<|>|~)([\s\S]*)$/;
const WHERE_FORMS = 'FIELD=VALUE (* and ? globs), FIELD!=VALUE, FIELD<N, <=, >, >= or FIELD~REGEX, FIELD!~REGEX';

type Test = (v: unknown) => boolean;

/** Whether a value equals `text`: a number numerically, a domain without regard to case, `*` and `?` as globs. */
function equalTo(text: string, fold: boolean): Test {
  const glob = /[*?]/.test(text) ? new RegExp(globRegExp(text).source, fold ? 'si' : 's') : null;
  const n = NUMBER.test(text) ? Number(text) : null;
  const folded = text.toLowerCase();
  return (v) => {
    if (typeof v === 'string') return glob !== null ? glob.test(v) : fold ? v.toLowerCase() === folded : v === text;
    if (typeof v === 'number') return glob !== null ? glob.test(String(v)) : v === n;
    if (typeof v === 'boolean') return glob !== null ? glob.test(String(v)) : String(v) === text;
    return false;
  };
}

/** Whether a value's text matches a regular expression (compiled here, once). */
function matching(source: string, fold: boolean, w: string): Test {
  let re: RegExp;
  try {
    re = new RegExp(source, fold ? 'i' : '');
  } catch (e) {
    throw new UsageError(`--where ${J(w)}: not a regular expression: ${(e as Error).message}`);
  }
  return (v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && re.test(String(v));
}

const COMPARE: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/** A value as a number: a number, or a string that is a decimal number (eventlog IDs and the like); else null. */
function numberOf(v: unknown): number | null {
  if (typeof v === 'number') return v;
  return typeof v === 'string' && NUMBER.test(v) ? Number(v) : null;
}

/** One --where condition, checked (field, operator, number, regular expression) and compiled once. */
export function whereTest(w: string, openFields = false): (ev: object) => boolean {
  const m = WHERE.exec(w);
  if (m === null || m[1] === '') throw new UsageError(`--where ${J(w)}: expected ${WHERE_FORMS}`);
  const [, field, op, value] = m as unknown as [string, string, string, string];
  const top = field.split('.')[0]!;
  if (!openFields && !KNOWN_FIELDS.includes(top)) {
    const matches = closeMatches(top, KNOWN_FIELDS);
    const hint = matches.length > 0 ? suggest(matches) : ' (an eventlog record may carry any field: give --log eventlog)';
    throw new UsageError(`--where ${J(w)}: no log has events with a field ${J(top)}${hint}`);
  }
  const fold = isDomainField(field);
  const negate = op === '!=' || op === '!~';
  let test: Test;
  if (op === '=' || op === '!=') test = equalTo(value, fold);
  else if (op === '~' || op === '!~') test = matching(value, fold, w);
  else {
    if (!NUMBER.test(value)) throw new UsageError(`--where ${J(w)}: ${op} compares numbers, and ${J(value)} is not one`);
    const n = Number(value);
    const compare = COMPARE[op]!;
    test = (v) => {
      const x = numberOf(v);
      return x !== null && compare(x, n);
    };
  }
  return negate ? (ev) => !test(fieldValue(ev, field)) : (ev) => test(fieldValue(ev, field));
}

/** An event's time in microseconds, or null (malformed lines, jlog notes). */
function eventUs(ev: object): number | null {
  const e = ev as { timestamp?: unknown; timestamp_us?: unknown };
  if (typeof e.timestamp_us === 'number') return e.timestamp_us;
  return typeof e.timestamp === 'number' ? e.timestamp * 1e6 : null;
}

/**
 * The predicate of --type, --since/--until and --where, or null when none is given; every option
 * is checked here (a UsageError names the mistake). Types are case-insensitive. Events without a
 * time (malformed lines) do not match a time bound. See docs/cli.md.
 */
export function eventFilter(o: FilterOptions): ((ev: EcelogEvent) => boolean) | null {
  const tests: Array<(ev: EcelogEvent) => boolean> = [];
  if (o.types !== undefined && o.types.length > 0) {
    const types = eventTypes(o.types);
    tests.push((ev) => types.has(ev.type));
  }
  const now = o.now ?? Date.now();
  const since = o.since === undefined ? null : parseTime(o.since, '--since', now);
  const until = o.until === undefined ? null : parseTime(o.until, '--until', now);
  if (since !== null && until !== null && since >= until) {
    throw new UsageError(
      `--since ${J(o.since)} (${isoText(since)}) is not before --until ${J(o.until)} (${isoText(until)}): no event is in between`,
    );
  }
  if (since !== null || until !== null) {
    tests.push((ev) => {
      const t = eventUs(ev);
      return t !== null && (since === null || t >= since) && (until === null || t < until);
    });
  }
  for (const w of o.where ?? []) tests.push(whereTest(w, o.openFields === true));
  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0]!;
  return (ev) => tests.every((t) => t(ev));
}
