import type { EcelogEvent } from '../events';
import { safeText } from './safe-text';

/** Per-domain counts. */
export interface DomainCounts {
  reception: number;
  delivery: number;
  transfer: number;
  transient_failure: number;
  permanent_failure: number;
  bounce: number;
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
}

const TOP = 20;

function emptyCounts(): DomainCounts {
  return { reception: 0, delivery: 0, transfer: 0, transient_failure: 0, permanent_failure: 0, bounce: 0 };
}

/**
 * The domain an event of the message path counts for: the recipient domain of a reception or a
 * bounce, the destination domain of a delivery, transfer or failure. Other events have none.
 */
function domainOf(ev: EcelogEvent): string | null {
  if (ev.log !== 'mainlog' && ev.log !== 'bouncelog') return null;
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

/** Aggregates events into counts by type, log and domain. */
export class Stats {
  private events = 0;
  private byType = new Map<string, number>();
  private byLog = new Map<string, number>();
  private domains = new Map<string, DomainCounts>();
  private first: number | null = null;
  private last: number | null = null;

  add(ev: EcelogEvent): void {
    this.events++;
    this.byType.set(ev.type, (this.byType.get(ev.type) ?? 0) + 1);
    this.byLog.set(ev.log, (this.byLog.get(ev.log) ?? 0) + 1);
    const t = 'timestamp' in ev ? ev.timestamp : undefined;
    if (t !== undefined) {
      if (this.first === null || t < this.first) this.first = t;
      if (this.last === null || t > this.last) this.last = t;
    }
    const domain = domainOf(ev);
    if (domain === null) return;
    const key = domain.toLowerCase();
    let counts = this.domains.get(key);
    if (counts === undefined) this.domains.set(key, (counts = emptyCounts()));
    counts[ev.type as keyof DomainCounts]++;
  }

  report(): StatsReport {
    const total = (c: DomainCounts) =>
      c.reception + c.delivery + c.transfer + c.transient_failure + c.permanent_failure + c.bounce;
    const domains = [...this.domains]
      .map(([domain, c]) => ({ domain, total: total(c), ...c }))
      .sort((a, b) => b.total - a.total || (a.domain < b.domain ? -1 : 1))
      .slice(0, TOP);
    return {
      events: this.events,
      by_type: Object.fromEntries([...this.byType].sort((a, b) => b[1] - a[1])),
      by_log: Object.fromEntries(this.byLog),
      malformed: this.byType.get('malformed') ?? 0,
      first_timestamp: this.first,
      last_timestamp: this.last,
      domains,
    };
  }
}

function table(head: string[], rows: Array<Array<string | number>>): string {
  const cells = [head, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? String(c) : safeText(c))))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd())
    .join('\n');
}

const iso = (t: number | null) => (t === null ? '-' : new Date(t * 1000).toISOString().replace('.000Z', 'Z'));

/** The human-readable report (log text in it is escaped: no terminal control characters). */
export function formatStats(r: StatsReport, backend: string): string {
  const parts = [
    `${r.events} events (${Object.entries(r.by_log).map(([k, v]) => `${k} ${v}`).join(', ')}), ` +
      `${iso(r.first_timestamp)} .. ${iso(r.last_timestamp)}, ${backend} scanner`,
    '',
    table(['type', 'events'], Object.entries(r.by_type)),
    '',
    table(
      ['domain', 'total', 'rcpt', 'deliv', 'xfer', 'tempfail', 'permfail', 'bounce'],
      r.domains.map((d) => [d.domain, d.total, d.reception, d.delivery, d.transfer, d.transient_failure, d.permanent_failure, d.bounce]),
    ),
    '',
  ];
  return parts.join('\n');
}
