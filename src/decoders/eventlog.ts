import { isUtf8 } from 'node:buffer';
import type { Cursor } from '../core/cursor';
import type { DecodedEvent, MalformedEvent } from './event';
import { Stamp, checkLine, finish, malformed, type DecodeOptions, type LineDecoder, type LogFormat } from './log-format';
import { jsonError } from './json-error';
import { EVENTLOG_CLASS_OF, EVENTLOG_NUMBERS, type EventlogClass, type EventlogRecordEvent } from './eventlog-types';

export * from './eventlog-types';

/**
 * eventlog (`event_hydrant`): one JSON document a line, an event in SparkPost's envelope
 * `{"msys":{"<envelope>":{…}}}` with Momentum's own type names (docs/eventlog.md). A line may
 * also hold a JSON array of such documents: each element is an event, all with the line's number
 * and offset (the Session takes them through `more()`).
 *
 * The event is the record's own object, as JSON.parse made it, completed in place (a copy would
 * cost more than the parse): its fields keep their order, `timestamp` becomes a number where it
 * stands, the numbers of `EVENTLOG_NUMBERS` too, and `timestamp_us`, `log`, `line`, `offset`,
 * `event_class` follow the record's fields (then `invalid_numbers`, `invalid_utf8` and `bytes`
 * when the event has them). A record field of one of those names is replaced.
 */

const LOG = 'eventlog';
const CLASS_OF: ReadonlyMap<string, EventlogClass> = new Map(Object.entries(EVENTLOG_CLASS_OF));
const ENVELOPES: ReadonlySet<string> = new Set(CLASS_OF.values());
/** A line's own names, which no record field may supply. */
const OWN_NAMES = ['invalid_numbers', 'invalid_utf8', 'bytes'] as const;

type Fields = Record<string, unknown>;

class EventlogDecoder implements LineDecoder {
  private readonly opts: DecodeOptions;
  private readonly stamp = new Stamp();
  private queue: DecodedEvent[] = []; // the further events of an array line
  private next = 0;

  constructor(opts: DecodeOptions) {
    this.opts = opts;
  }

  line(c: Cursor): DecodedEvent | null {
    const bad = checkLine(c, LOG, this.opts);
    if (bad !== null) return bad;
    let doc: unknown;
    try {
      doc = JSON.parse(c.buf.toString(c.lineIsAscii() ? 'latin1' : 'utf8', c.start, c.stop));
    } catch {
      return malformed(c, LOG, null, invalidJson(c.lineBytes()), this.opts);
    }
    if (Array.isArray(doc)) return this.array(doc, c);
    const ev = this.record(doc, c.line, c.offset);
    return typeof ev === 'string' ? malformed(c, LOG, null, ev, this.opts) : finish(ev, c, this.opts);
  }

  more(): DecodedEvent | null {
    if (this.next < this.queue.length) return this.queue[this.next++]!;
    if (this.next > 0) {
      this.queue = [];
      this.next = 0;
    }
    return null;
  }

  end(): DecodedEvent | null {
    return null;
  }

  /** The events of an array line: the first is returned, the rest queued for `more()`. */
  private array(docs: unknown[], c: Cursor): DecodedEvent {
    const n = docs.length;
    if (n === 0) return malformed(c, LOG, null, 'empty array: no event', this.opts);
    // What the line's events share is made once: its text for `raw`, whether it is valid UTF-8, its bytes.
    const invalid = !c.lineIsAscii() && !isUtf8(c.lineBytes());
    const bytes = this.opts.rawBytes ? new Uint8Array(c.lineBytes()) : undefined;
    let failed: MalformedEvent | undefined; // the line's first malformed element: the others share its raw text and bytes
    const events: DecodedEvent[] = [];
    for (let k = 0; k < n; k++) {
      const ev = this.record(docs[k], c.line, c.offset);
      if (typeof ev === 'string') {
        const reason = `element ${k + 1} of ${n}: ${ev}`;
        events.push(failed === undefined ? (failed = malformed(c, LOG, null, reason, this.opts)) : { ...failed, reason });
        continue;
      }
      if (invalid) ev.invalid_utf8 = true;
      if (bytes !== undefined) ev.bytes = bytes;
      events.push(ev);
    }
    this.queue = events;
    this.next = 1;
    return events[0]!;
  }

  /** The event of one JSON document, or why it is none. */
  private record(doc: unknown, line: number, offset: number): EventlogRecordEvent | string {
    if (!isObject(doc)) return `expected a JSON object, found ${kindOf(doc)}`;
    const msys = doc.msys;
    if (msys === undefined) return 'no "msys" key: expected {"msys":{"<envelope>":{…}}}';
    if (!isObject(msys)) return `"msys" is ${kindOf(msys)}, expected an object`;
    let env: string | undefined;
    for (const key in msys) {
      if (env !== undefined) return `"msys" holds ${Object.keys(msys).length} envelopes (${listed(Object.keys(msys))}), expected one`;
      env = key;
    }
    if (env === undefined) return '"msys" holds no envelope';
    if (!ENVELOPES.has(env)) return `unknown envelope ${shown(env)}`;
    const body = msys[env];
    if (!isObject(body)) return `${env} is ${kindOf(body)}, expected an object`;
    const type = body.type;
    if (type === undefined) return `no "type" in ${env}`;
    const cls = typeof type === 'string' ? CLASS_OF.get(type) : undefined;
    if (cls === undefined) return `unknown type ${shown(type)} in ${env}`;
    if (cls !== env) return `type ${shown(type)} in ${env}: it is a ${cls} type`;
    const ts = body.timestamp;
    if (ts === undefined) return `no "timestamp" in ${env}`;
    const stamp = this.stamp;
    if (!parseSeconds(ts, stamp)) return `bad timestamp ${shown(ts)} in ${env}: expected Unix seconds ("1717221605" or "1717221605.804")`;

    if (body.invalid_numbers !== undefined || body.invalid_utf8 !== undefined || body.bytes !== undefined) {
      for (const name of OWN_NAMES) delete body[name];
    }
    let invalid: Fields | undefined;
    for (const name of EVENTLOG_NUMBERS) {
      const v = body[name];
      if (v === undefined) continue;
      const count = toCount(v);
      body[name] = count;
      if (count === null) (invalid ??= {})[name] = v;
    }
    body.timestamp = stamp.seconds;
    body.timestamp_us = stamp.micros;
    body.log = LOG;
    body.line = line;
    body.offset = offset;
    body.event_class = env;
    if (invalid !== undefined) body.invalid_numbers = invalid;
    return body as unknown as EventlogRecordEvent;
  }
}

/** The eventlog format: pass as `log` to any iterator. */
export const eventlog: LogFormat<'eventlog'> = {
  log: LOG,
  create: (opts) => new EventlogDecoder(opts),
};

function isObject(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What a JSON value is, for a reason: `a string`, `an array`, `null`, … */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  const t = typeof v;
  return t === 'object' ? 'an object' : `a ${t}`;
}

/** A JSON value in a reason: as JSON, at most 40 characters. */
function shown(v: unknown): string {
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

function listed(keys: string[]): string {
  return keys.length > 3 ? `${keys.slice(0, 3).map(shown).join(', ')}, …` : keys.map(shown).join(', ');
}

/** The reason for a line JSON.parse refused: where, by the grammar (json-error.ts), and what. */
function invalidJson(bytes: Buffer): string {
  const blank = bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0d);
  if (blank) return 'blank line';
  const e = jsonError(bytes);
  return e === null ? 'invalid JSON' : `invalid JSON at column ${e.at + 1}: ${e.found}`;
}

/**
 * Unix seconds, `"1717221605"` or `"1717221605.804"` (a string, or a JSON number): 1 to 11
 * digits, then optionally a `.` and digits, of which the first six count (microseconds; the rest
 * are dropped). Read from the digits, so no float rounding. False when it is not such a time or
 * its microseconds pass 2^53.
 */
function parseSeconds(v: unknown, out: Stamp): boolean {
  const s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
  if (s === null) return false;
  const n = s.length;
  let i = 0;
  let seconds = 0;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    seconds = seconds * 10 + d;
  }
  if (i === 0 || i > 11) return false;
  let micros = 0;
  if (i < n) {
    if (s.charCodeAt(i) !== 46 || i + 1 === n) return false;
    let scale = 100000;
    for (let j = i + 1; j < n; j++) {
      const d = s.charCodeAt(j) - 48;
      if (d < 0 || d > 9) return false;
      micros += d * scale;
      scale = scale >= 10 ? scale / 10 : 0;
    }
  }
  const us = seconds * 1e6 + micros;
  if (!Number.isSafeInteger(us)) return false;
  out.seconds = seconds;
  out.micros = us;
  return true;
}

/** A field of EVENTLOG_NUMBERS: a decimal integer from 0 to 2^53 - 1, as digits or a JSON number; else null. */
function toCount(v: unknown): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v + 0 : null; // + 0: -0 is 0
  if (typeof v !== 'string' || v.length === 0 || v.length > 16) return null;
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
  }
  return Number.isSafeInteger(n) ? n : null;
}
