import { bounceCategory } from '../decoders/bounce-classes';
import type { EcelogEvent } from '../decoders/index';
import { QuantileSketch, RELATIVE_ERROR } from './quantile-sketch';
import {
  Stats,
  bindingKeys,
  bump,
  countsTotal,
  groupKeys,
  emptyCounts,
  keyFor,
  top,
  type DomainCounts,
  type Ranked,
  type StatsReport,
} from './stats';

/** Bucket widths (seconds) a series may have; a longer period widens its bucket to the next one. */
export const BUCKETS: Readonly<Record<string, number>> = { '1m': 60, '5m': 300, '15m': 900, '1h': 3600, '6h': 21600, '1d': 86400 };
const WIDTHS = Object.values(BUCKETS);
/** Buckets a series holds at most: a day at 1m fits; more widen the bucket (5m, 15m, ...). */
export const MAX_BUCKETS = 1500;
/** Rows of each ranking (domains, bindings, complaints, ...). */
export const TOP_N = 20;

/** The stacking order of the series (bottom first); others follow by name. */
const ORDER = ['reception', 'delivery', 'transfer', 'transient_failure', 'permanent_failure', 'bounce', 'feedback', 'rejection'];
const rank = (key: string) => {
  const i = ORDER.indexOf(key.split(' ')[0]!);
  return i < 0 ? ORDER.length : i;
};
const byOrder = (a: string, b: string) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);

/** The series of bounces by category (made once: a Map hashes a string it has seen at no cost). */
const BOUNCE_KEYS = new Map<string, string>();
const bounceKey = (category: string) =>
  BOUNCE_KEYS.get(category) ?? (BOUNCE_KEYS.set(category, `bounce (${category})`), `bounce (${category})`);

/** What the stacked chart of events per bucket counts: the event type, a bounce by its category. */
function seriesKey(ev: EcelogEvent): string {
  return ev.type === 'bounce' && ev.log === 'bouncelog' ? bounceKey(bounceCategory(ev.bounce_class)) : ev.type;
}

/** A malformed line's reason with the line's text it quotes left out, so like reasons count together. */
export function reasonClass(reason: string): string {
  return reason.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');
}

class Bucket {
  readonly types = new Map<string, number>();
  /** Bouncelog events (bounces and delays) by bounce category. */
  readonly categories = new Map<string, number>();
  /** Queue times of deliveries. */
  readonly queue = new QuantileSketch(true);

  merge(o: Bucket): void {
    for (const [k, n] of o.types) this.types.set(k, (this.types.get(k) ?? 0) + n);
    for (const [k, n] of o.categories) this.categories.set(k, (this.categories.get(k) ?? 0) + n);
    this.queue.merge(o.queue);
  }
}

/** Columns of counts per bucket: `t` the bucket starts (epoch seconds), each key its counts. */
export interface Columns {
  t: number[];
  series: Record<string, number[]>;
}

/** The report's data, embedded in its page as JSON. */
export interface ReportData {
  meta: {
    /** Seconds per bucket: --bucket's, or wider when the period has more than MAX_BUCKETS of them. */
    bucket: number;
    max_buckets: number;
    top_n: number;
    files: string[];
    backend: string;
    /** The filter options as given (null when not). */
    since: string | null;
    until: string | null;
    where: string[];
    /** A live page: the dashboard's rolling window of this many buckets (null: the whole period). */
    window: number | null;
    generated: number;
  };
  /** `ecelog stats --json` of the same input, as is. */
  stats: StatsReport;
  events: Columns;
  bounce_categories: Columns;
  /** Queue-time quantiles of deliveries per bucket (null where a bucket had none). */
  queue_time: {
    t: number[];
    count: number[];
    p50: Array<number | null>;
    p90: Array<number | null>;
    p99: Array<number | null>;
    relative_error: number;
  };
  bindings: Array<{ name: string } & DomainCounts>;
  binding_groups: Array<{ name: string } & DomainCounts>;
  complaints: Ranked[];
  rejections: Ranked[];
  malformed: Ranked[];
  /** Events per input FILE (a cluster tree's files: one per node). */
  files: Ranked[];
}

/** Counts by type per key (a binding, a binding group), at most MAX_KEYS keys. */
function countFor(map: Map<string, DomainCounts>, name: string, type: keyof DomainCounts): void {
  // Most names are keys already: one lookup.
  let c = map.get(name);
  if (c === undefined) {
    const key = keyFor(map, name);
    c = map.get(key);
    if (c === undefined) map.set(key, (c = emptyCounts()));
  }
  c[type]++;
}

function rankCounts(map: Map<string, DomainCounts>): Array<{ name: string } & DomainCounts> {
  return [...map]
    .map(([name, c]) => ({ name, ...c, total: countsTotal(c) }))
    .sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : 1))
    .slice(0, TOP_N)
    .map(({ total: _total, ...rest }) => rest);
}

/**
 * The aggregate of `ecelog report` and the dashboard: the Stats of `ecelog stats` (its report is
 * embedded as is, so the totals are the same), and beside it series per time bucket and the
 * rankings the charts show. Memory is bounded: at most MAX_BUCKETS buckets (the bucket widens
 * when time runs past them; with `window`, the oldest are dropped instead), and the keyed maps
 * as bounded as those of Stats.
 */
export class ReportAggregate {
  readonly stats = new Stats();
  private buckets = new Map<number, Bucket>();
  private width: number;
  private bindings = new Map<string, DomainCounts>();
  private groups = new Map<string, DomainCounts>();
  private complaints = new Map<string, number>();
  private rejections = new Map<string, number>();
  private malformed = new Map<string, number>();
  private files = new Map<string, number>();
  private file: string | null = null;
  /** Events added, and how many of them before the current file's. */
  private added = 0;
  private fileStart = 0;
  /** The bucket the last event went to (the next one most often goes there too). */
  private last: { start: number; bucket: Bucket } | null = null;

  /** `bucket`: seconds per bucket; `window`: keep only the latest this many buckets (a live view). */
  constructor(
    bucket: number,
    private readonly window: number | null = null,
  ) {
    this.width = bucket;
  }

  get bucket(): number {
    return this.width;
  }

  /** The input FILE the next events come from. */
  setFile(file: string): void {
    this.countFile();
    this.file = file;
  }

  /** Counts the events since the last setFile() for its file. */
  private countFile(): void {
    if (this.file !== null && this.added > this.fileStart)
      this.files.set(this.file, (this.files.get(this.file) ?? 0) + this.added - this.fileStart);
    this.fileStart = this.added;
  }

  add(ev: EcelogEvent): void {
    this.stats.add(ev);
    this.added++;
    if (ev.type === 'malformed') bump(this.malformed, reasonClass(ev.reason));
    else if (ev.log === 'fbllog' && ev.type === 'feedback') bump(this.complaints, ev.orig_rcpt_domain.toLowerCase());
    else if (ev.log === 'rejectlog' && ev.type === 'rejection') bump(this.rejections, ev.phase ?? '(none)');
    if ((ev.log === 'mainlog' || ev.log === 'bouncelog') && ev.type !== 'malformed' && ev.type !== 'heartbeat') {
      const type = ev.type;
      if (ev.binding) countFor(this.bindings, bindingKeys.key(ev.binding), type);
      if (ev.binding_group) countFor(this.groups, groupKeys.key(ev.binding_group), type);
    }
    const t = 'timestamp' in ev ? ev.timestamp : undefined;
    if (t === undefined || !Number.isFinite(t) || ev.type === 'heartbeat') return;
    const b = this.bucketAt(t);
    if (b === null) return;
    bump(b.types, seriesKey(ev));
    if (ev.log === 'bouncelog' && ev.type !== 'malformed') bump(b.categories, bounceCategory(ev.bounce_class));
    if (ev.type === 'delivery' && ev.log === 'mainlog') b.queue.add(ev.queue_time);
  }

  /** The bucket of time `t`, made when new; null when it is older than a live window. */
  private bucketAt(t: number): Bucket | null {
    const last = this.last;
    if (last !== null && t >= last.start && t < last.start + this.width) return last.bucket;
    const start = Math.floor(t / this.width) * this.width;
    let b = this.buckets.get(start);
    if (b !== undefined) {
      this.last = { start, bucket: b };
      return b;
    }
    this.last = null;
    if (this.window !== null) {
      const newest = Math.max(start, ...this.buckets.keys());
      if (start <= newest - this.window * this.width) return null;
      this.buckets.set(start, (b = new Bucket()));
      for (const k of [...this.buckets.keys()]) if (k <= newest - this.window * this.width) this.buckets.delete(k);
      return b;
    }
    this.buckets.set(start, (b = new Bucket()));
    while (this.buckets.size > MAX_BUCKETS) this.widen();
    return this.buckets.get(Math.floor(t / this.width) * this.width)!;
  }

  /** The next bucket width (or twice this one past a day), the buckets merged into it. */
  private widen(): void {
    this.width = WIDTHS.find((w) => w > this.width && w % this.width === 0) ?? this.width * 2;
    const old = this.buckets;
    this.buckets = new Map();
    for (const [start, b] of old) {
      const s = Math.floor(start / this.width) * this.width;
      const into = this.buckets.get(s);
      if (into === undefined) this.buckets.set(s, b);
      else into.merge(b);
    }
  }

  /** The buckets from the first to the last, empty ones included (a chart's time axis has no holes). */
  private timeline(): Array<[number, Bucket | undefined]> {
    if (this.buckets.size === 0) return [];
    const starts = [...this.buckets.keys()];
    const first = Math.min(...starts);
    const last = Math.max(...starts);
    const out: Array<[number, Bucket | undefined]> = [];
    for (let s = first; s <= last; s += this.width) out.push([s, this.buckets.get(s)]);
    return out;
  }

  report(meta: Omit<ReportData['meta'], 'bucket' | 'max_buckets' | 'top_n' | 'window'>): ReportData {
    this.countFile();
    const line = this.timeline();
    const t = line.map(([s]) => s);
    const columns = (pick: (b: Bucket) => Map<string, number>): Columns => {
      const keys = new Set<string>();
      for (const [, b] of line) if (b !== undefined) for (const k of pick(b).keys()) keys.add(k);
      const series: Record<string, number[]> = {};
      for (const k of [...keys].sort(byOrder)) series[k] = line.map(([, b]) => (b === undefined ? 0 : (pick(b).get(k) ?? 0)));
      return { t, series };
    };
    const q = (p: number) => line.map(([, b]) => (b === undefined || b.queue.count === 0 ? null : b.queue.quantile(p)));
    return {
      meta: { ...meta, bucket: this.width, max_buckets: MAX_BUCKETS, top_n: TOP_N, window: this.window },
      stats: this.stats.report(),
      events: columns((b) => b.types),
      bounce_categories: columns((b) => b.categories),
      queue_time: {
        t,
        count: line.map(([, b]) => b?.queue.count ?? 0),
        p50: q(0.5),
        p90: q(0.9),
        p99: q(0.99),
        relative_error: RELATIVE_ERROR,
      },
      bindings: rankCounts(this.bindings),
      binding_groups: rankCounts(this.groups),
      complaints: top(this.complaints, TOP_N),
      rejections: top(this.rejections, TOP_N),
      malformed: top(this.malformed, TOP_N),
      files: top(this.files, TOP_N),
    };
  }
}
