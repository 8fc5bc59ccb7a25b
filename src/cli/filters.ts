import type { EcelogEvent } from '../decoders/index';
import { globRegExp } from '../io/glob';

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

/** A time given as epoch seconds (`1717221600`, fractions allowed) or an ISO date/time; seconds. */
export function parseTime(text: string, option: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`${option} ${JSON.stringify(text)}: expected epoch seconds or an ISO date (2024-06-01T06:00:00Z)`);
  return ms / 1000;
}

export interface FilterOptions {
  types?: string[];
  since?: string;
  until?: string;
  where?: string[];
}

/**
 * The predicate of --type, --since/--until and --where. Events without a timestamp (malformed
 * lines) do not match a time bound; --where compares the field's text (numbers as written).
 */
export function eventFilter(o: FilterOptions): ((ev: EcelogEvent) => boolean) | null {
  const tests: Array<(ev: EcelogEvent) => boolean> = [];
  if (o.types && o.types.length > 0) {
    const types = new Set(
      o.types
        .flatMap((t) => t.split(','))
        .map((t) => t.trim())
        .filter(Boolean),
    );
    tests.push((ev) => types.has(ev.type));
  }
  const since = o.since === undefined ? null : parseTime(o.since, '--since');
  const until = o.until === undefined ? null : parseTime(o.until, '--until');
  if (since !== null || until !== null) {
    tests.push((ev) => {
      const t = 'timestamp' in ev ? ev.timestamp : undefined;
      if (typeof t !== 'number') return false;
      return (since === null || t >= since) && (until === null || t < until);
    });
  }
  for (const w of o.where ?? []) {
    const eq = w.indexOf('=');
    if (eq <= 0) throw new Error(`--where ${JSON.stringify(w)}: expected field=value (value may use * and ?)`);
    const field = w.slice(0, eq);
    const re = globRegExp(w.slice(eq + 1));
    tests.push((ev) => {
      const v = fieldValue(ev, field);
      return (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && re.test(String(v));
    });
  }
  if (tests.length === 0) return null;
  return (ev) => tests.every((t) => t(ev));
}
