import type { EcelogEvent, EventsByLog } from '../decoders/index';
import { bounceCategory, bounceClassName } from '../decoders/bounce-classes';
import { safeText } from '../core/safe-text';
import { own } from '../core/own';
import { QuantileSketch, RELATIVE_ERROR } from './quantile-sketch';

/** Per-domain counts. */
export interface DomainCounts {
  reception: number;
  delivery: number;
  transfer: number;
  transient_failure: number;
  permanent_failure: number;
  bounce: number;
}

export interface Ranked {
  name: string;
  count: number;
}

export interface StatsReport {
  events: number;
  by_type: Record<string, number>;
  by_log: Record<string, number>;
  malformed: number;
  first_timestamp: number | null;
  last_timestamp: number | null;
  /** The busiest domains (recipient domain of R/B, destination domain of D/X/T/P), most events first. */
  domains: Array<{ domain: string; total: number } & DomainCounts>;
  bindings: Ranked[];
  binding_groups: Ranked[];
  bounce_classes: Array<{ class: number; name: string; category: string; count: number }>;
  /** Deliveries / (deliveries + permanent failures) of the mainlog, or null without either. */
  delivery_rate: number | null;
  /**
   * Queue times (seconds) of deliveries: their count and maximum, exact; percentiles from a
   * quantile sketch, each within `relative_error` of the exact value (the same for any split of
   * the input over threads).
   */
  queue_time: { count: number; p50: number; p90: number; p99: number; max: number; relative_error: number } | null;
  /** The most frequent failure responses, addresses and IPs masked (`<addr>`, `<ip>`). */
  failure_responses: Ranked[];
}

const TOP = 20;

export function emptyCounts(): DomainCounts {
  return { reception: 0, delivery: 0, transfer: 0, transient_failure: 0, permanent_failure: 0, bounce: 0 };
}

/** The events of counts by type, all types together. */
export const countsTotal = (c: DomainCounts) =>
  c.reception + c.delivery + c.transfer + c.transient_failure + c.permanent_failure + c.bounce;

/** An event of the message path: a mainlog or bouncelog record that is not a malformed line. */
export type MessageEvent = Exclude<EventsByLog['mainlog'] | EventsByLog['bouncelog'], { type: 'malformed' }>;

/**
 * The domain an event of the message path counts for: the recipient domain of a reception or a
 * bounce, the destination domain of a delivery, transfer or failure. Other events have none.
 */
export function domainOf(ev: MessageEvent): string | null {
  switch (ev.type) {
    case 'reception':
    case 'bounce':
      return ev.rcpt_domain;
    case 'transient_failure':
      return ev.log === 'bouncelog' ? ev.rcpt_domain : ev.domain;
    case 'delivery':
    case 'transfer':
    case 'permanent_failure':
      return ev.domain;
    default:
      return null;
  }
}

/**
 * A failure response with what varies per message masked, so like responses count together:
 * e-mail addresses → `<addr>`, IPv4/IPv6 addresses → `<ip>`, long digit runs (ids) → `<n>`.
 */
export function normaliseResponse(text: string): string {
  let t = text;
  // Each pattern only where it can match: the regexes cost more than the tests that skip them (an
  // IPv4 address has three dots, an IPv6 one two colons; one loop over the characters for all
  // four tests measured slower than these native searches).
  // The lookbehind lets a local part start only where a run of its characters starts: without
  // it a long run with no address in it is rescanned from every position (quadratic time).
  if (t.includes('@')) t = t.replace(/<?(?<![^\s<>@"])[^\s<>@"]+@[^\s<>@"]+>?|<?"[^"]*"@[^\s<>@"]+>?/g, '<addr>');
  if (has(t, '.', 3)) t = t.replace(/\b(?:\d{1,3}\.){3}\d{1,3}\b/g, '<ip>');
  if (has(t, ':', 2)) t = t.replace(/\b(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{0,4}\b/g, '<ip>');
  if (/\d{6}/.test(t)) t = t.replace(/\b\d{6,}\b/g, '<n>');
  return t.trim();
}

/** Whether `text` holds `char` at least `n` times. */
function has(text: string, char: string, n: number): boolean {
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) if (--n === 0) return true;
  return false;
}

/** Distinct keys a stats map keeps; later new keys count under `(other)`: memory stays bounded. */
export const MAX_KEYS = 100_000;
/** Longer keys (a crafted 1 MiB domain) are cut to this many characters. */
export const MAX_KEY_LENGTH = 256;
export const OTHER = '(other)';

/** The key a value counts under: cut to MAX_KEY_LENGTH, `(other)` once the map is full. */
export function keyFor(map: Map<string, unknown>, value: string): string {
  const key = value.length > MAX_KEY_LENGTH ? `${value.slice(0, MAX_KEY_LENGTH)}…` : value;
  if (map.has(key)) return key;
  return map.size >= MAX_KEYS ? OTHER : own(key);
}

const CACHE_BITS = 12;
const CACHE_SLOTS = 1 << CACHE_BITS;
const CACHE_PROBES = 4;

/**
 * Values met before and the keys they count under, found by a hash of their length and three of
 * their characters. A field of each event is a new string, which a Map lookup hashes whole (a
 * sliced string of 13 characters or more, slowly); the key handed out is a map key already, whose
 * hash V8 keeps. Bounded: once its slots are taken, other values go without it.
 */
class KeyCache {
  private readonly values: Array<string | undefined> = new Array<string | undefined>(CACHE_SLOTS).fill(undefined);
  private readonly keys: string[] = new Array<string>(CACHE_SLOTS).fill('');

  constructor(private readonly toKey: (value: string) => string) {}

  /** `toKey(value)`, or a string equal to it. */
  key(value: string): string {
    const n = value.length;
    if (n === 0 || n > MAX_KEY_LENGTH) return this.toKey(value);
    const h =
      Math.imul(n, 0x9e3779b1) ^
      Math.imul(value.charCodeAt(0), 0x85ebca6b) ^
      Math.imul(value.charCodeAt(n >> 1), 0xc2b2ae35) ^
      Math.imul(value.charCodeAt(n - 1), 0x27d4eb2f);
    for (let p = 0, i = h >>> (32 - CACHE_BITS); p < CACHE_PROBES; p++, i = (i + 1) & (CACHE_SLOTS - 1)) {
      const known = this.values[i];
      if (known === value) return this.keys[i]!;
      if (known === undefined) {
        // Copies: the cache outlives the input blocks its values were cut from.
        const key = own(this.toKey(value));
        this.values[i] = key === value ? key : own(value);
        this.keys[i] = key;
        return key;
      }
    }
    return this.toKey(value);
  }
}

const asIs = (value: string) => value;
export const bindingKeys = new KeyCache(asIs);
export const groupKeys = new KeyCache(asIs);
const domainKeys = new KeyCache((domain) => domain.toLowerCase());

export function bump(map: Map<string, number>, value: string): void {
  // Most values are keys already: one lookup finds the count (hashing the value once), one stores it.
  const n = value.length <= MAX_KEY_LENGTH ? map.get(value) : undefined;
  if (n !== undefined) {
    map.set(value, n + 1);
    return;
  }
  const key = keyFor(map, value);
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Whether `a` ranks before `b`: more events first, then by name. */
const before = (a: Ranked, b: Ranked) => a.count > b.count || (a.count === b.count && a.name < b.name);

/** The `n` largest counts, most first (ties by name): one pass that keeps the best `n` in order. */
export function top(map: Map<string, number>, n = TOP): Ranked[] {
  const best: Ranked[] = [];
  for (const [name, count] of map) {
    if (best.length === n && !before({ name, count }, best[n - 1]!)) continue;
    let i = best.length === n ? n - 1 : best.length;
    while (i > 0 && before({ name, count }, best[i - 1]!)) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = { name, count };
  }
  return best;
}

/** Aggregates events into the report of `ecelog stats`. */
export class Stats {
  private events = 0;
  private byType = new Map<string, number>();
  private byLog = new Map<string, number>();
  private domains = new Map<string, DomainCounts>();
  private bindings = new Map<string, number>();
  private groups = new Map<string, number>();
  private classes = new Map<number, number>();
  private responses = new Map<string, number>();
  private queueTimes = new QuantileSketch();
  private first: number | null = null;
  private last: number | null = null;

  add(ev: EcelogEvent): void {
    this.events++;
    bump(this.byType, ev.type);
    bump(this.byLog, ev.log);
    if (ev.log === 'mainlog' || ev.log === 'bouncelog') {
      if (ev.type !== 'malformed') this.addMessageEvent(ev);
    } else if ('timestamp' in ev) this.time(ev.timestamp);
  }

  private time(t: number | undefined): void {
    if (t === undefined) return;
    if (this.first === null || t < this.first) this.first = t;
    if (this.last === null || t > this.last) this.last = t;
  }

  private addMessageEvent(ev: MessageEvent): void {
    this.time(ev.timestamp);
    if (ev.type === 'heartbeat') return;
    const domain = domainOf(ev);
    if (domain !== null) {
      const lower = domainKeys.key(domain);
      // The domain's counts in one lookup when it has them (its key is the domain itself).
      let counts = lower.length <= MAX_KEY_LENGTH ? this.domains.get(lower) : undefined;
      if (counts === undefined) {
        const key = keyFor(this.domains, lower);
        counts = this.domains.get(key);
        if (counts === undefined) this.domains.set(key, (counts = emptyCounts()));
      }
      counts[ev.type]++;
    }
    if (ev.binding) bump(this.bindings, bindingKeys.key(ev.binding));
    if (ev.binding_group) bump(this.groups, groupKeys.key(ev.binding_group));
    if (ev.log === 'bouncelog') this.classes.set(ev.bounce_class, (this.classes.get(ev.bounce_class) ?? 0) + 1);
    if (ev.type === 'delivery') this.queueTimes.add(ev.queue_time);
    if (ev.type === 'permanent_failure' || ev.type === 'transient_failure' || ev.type === 'bounce') {
      bump(this.responses, normaliseResponse(ev.response));
    }
  }

  /** Adds another aggregate's counts (a worker's share of the input), as if its events had come here. */
  merge(o: Stats): void {
    this.events += o.events;
    for (const [k, v] of o.byType) this.byType.set(k, (this.byType.get(k) ?? 0) + v);
    for (const [k, v] of o.byLog) this.byLog.set(k, (this.byLog.get(k) ?? 0) + v);
    for (const [k, v] of o.bindings) this.bindings.set(k, (this.bindings.get(k) ?? 0) + v);
    for (const [k, v] of o.groups) this.groups.set(k, (this.groups.get(k) ?? 0) + v);
    for (const [k, v] of o.classes) this.classes.set(k, (this.classes.get(k) ?? 0) + v);
    for (const [k, v] of o.responses) this.responses.set(k, (this.responses.get(k) ?? 0) + v);
    for (const [k, c] of o.domains) {
      const mine = this.domains.get(k);
      if (mine === undefined) this.domains.set(k, { ...c });
      else for (const t of Object.keys(c) as Array<keyof DomainCounts>) mine[t] += c[t];
    }
    this.queueTimes.merge(o.queueTimes);
    if (o.first !== null && (this.first === null || o.first < this.first)) this.first = o.first;
    if (o.last !== null && (this.last === null || o.last > this.last)) this.last = o.last;
  }

  /** A copy of the state that survives structured cloning (postMessage), for merge(). */
  static revive(data: object): Stats {
    const stats = Object.assign(new Stats(), data);
    stats.queueTimes = QuantileSketch.revive(stats.queueTimes);
    return stats;
  }

  report(): StatsReport {
    const domains = [...this.domains]
      .map(([domain, c]) => ({ domain, total: countsTotal(c), ...c }))
      .sort((a, b) => b.total - a.total || (a.domain < b.domain ? -1 : 1))
      .slice(0, TOP);
    // Both from the message path (mainlog, bouncelog): an eventlog's `delivery` events are no
    // mainlog deliveries, and its bounces (`inband`) no permanent failures.
    const delivered = [...this.domains.values()].reduce((n, c) => n + c.delivery, 0);
    const failed = [...this.domains.values()].reduce((n, c) => n + c.permanent_failure, 0);
    const q = this.queueTimes;
    return {
      events: this.events,
      by_type: Object.fromEntries([...this.byType].sort((a, b) => b[1] - a[1])),
      by_log: Object.fromEntries(this.byLog),
      malformed: this.byType.get('malformed') ?? 0,
      first_timestamp: this.first,
      last_timestamp: this.last,
      domains,
      bindings: top(this.bindings),
      binding_groups: top(this.groups),
      bounce_classes: [...this.classes]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .map(([cls, count]) => ({ class: cls, name: bounceClassName(cls), category: bounceCategory(cls), count })),
      delivery_rate: delivered + failed === 0 ? null : delivered / (delivered + failed),
      queue_time:
        q.count === 0
          ? null
          : {
              count: q.count,
              p50: q.quantile(0.5),
              p90: q.quantile(0.9),
              p99: q.quantile(0.99),
              max: q.largest,
              relative_error: RELATIVE_ERROR,
            },
      failure_responses: top(this.responses, 10),
    };
  }
}

/** Rows under a head, columns aligned (the first to the left, the others to the right), text escaped. */
export function table(head: string[], rows: Array<Array<string | number>>): string {
  const cells = [head, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? String(c) : safeText(c))))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const iso = (t: number | null) => (t === null ? '-' : new Date(t * 1000).toISOString().replace('.000Z', 'Z'));

/** The human-readable report (log text in it is escaped: no terminal control characters). */
export function formatStats(r: StatsReport, backend: string): string {
  const logs = Object.entries(r.by_log).map(([k, v]) => `${k} ${v}`);
  const parts = [
    `${r.events} events${logs.length === 0 ? '' : ` (${logs.join(', ')})`}, ` +
      `${iso(r.first_timestamp)} .. ${iso(r.last_timestamp)}, ${backend} scanner`,
    '',
    table(['type', 'events'], Object.entries(r.by_type)),
  ];
  if (r.delivery_rate !== null)
    parts.push('', `delivery rate ${(r.delivery_rate * 100).toFixed(1)}% (deliveries / (deliveries + permanent failures))`);
  if (r.queue_time !== null) {
    const q = r.queue_time;
    const within = `percentiles ±${q.relative_error * 100}%`;
    parts.push(`queue time of ${q.count} deliveries (s): p50 ${q.p50}  p90 ${q.p90}  p99 ${q.p99} (${within})  max ${q.max}`);
  }
  if (r.domains.length > 0) {
    parts.push(
      '',
      table(
        ['domain', 'total', 'rcpt', 'deliv', 'xfer', 'tempfail', 'permfail', 'bounce'],
        r.domains.map((d) => [d.domain, d.total, d.reception, d.delivery, d.transfer, d.transient_failure, d.permanent_failure, d.bounce]),
      ),
    );
  }
  if (r.bindings.length > 0)
    parts.push(
      '',
      table(
        ['binding', 'events'],
        r.bindings.map((b) => [b.name, b.count]),
      ),
    );
  if (r.binding_groups.length > 0)
    parts.push(
      '',
      table(
        ['binding group', 'events'],
        r.binding_groups.map((b) => [b.name, b.count]),
      ),
    );
  if (r.bounce_classes.length > 0) {
    parts.push(
      '',
      table(
        ['bounce class', 'name', 'category', 'events'],
        r.bounce_classes.map((b) => [String(b.class), b.name, b.category, b.count]),
      ),
    );
  }
  if (r.failure_responses.length > 0) {
    parts.push(
      '',
      table(
        ['failure response (masked)', 'events'],
        r.failure_responses.map((b) => [b.name.slice(0, 100), b.count]),
      ),
    );
  }
  parts.push('');
  return parts.join('\n');
}
