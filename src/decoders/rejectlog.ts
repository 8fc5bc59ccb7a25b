import type { Cursor } from '../core/cursor';
import type { EventBase, MalformedEvent } from './event';
import { checkLine, eventMaker, finish, malformed, Stamp, type DecodeOptions, type FieldOrder, type LogFormat } from './log-format';
import { closingQuote, colonTimestamp, nextSpace, QUOTE, shown, skipDigits, skipSpaces, SPACE, splitHostPort, unquote } from './tokens';

/**
 * rejectlog (ec_logger, spec §7): `<epoch>: R="ip:port" L="ip:port" C="conn-id" PATH="pathway"
 * PATH_GRP="group" P="phase" E=<code> M=<module> CTXCONN=[k=v,…] CTXMESS=[…] <message>`, and the
 * heartbeat `<epoch>: Marker 1`.
 *
 * `KEY=value` tokens (KEY: `A-Z`, then `A-Z 0-9 _`) are read until the first word that is not
 * one; the rest of the line is the message. Values are `"quoted"` (`\"` escapes; spaces allowed),
 * `[k=v,k="v",…]` lists, or bare (up to the next space). Keys may come in any order; a key a
 * version does not write is `null`; a key this decoder does not know is kept in `extra`.
 */

/** A validation context (`CTXCONN`, `CTXMESS`): keys as logged, string values (`k=` is `''`). Null prototype. */
export type RejectlogContext = Record<string, string>;

/** A rejection line. Keys the line lacks (older versions) are `null`. */
export interface RejectionEvent extends EventBase {
  type: 'rejection';
  record: null;
  log: 'rejectlog';
  timestamp: number;
  timestamp_us: number;
  /** `R`, split on its last colon; brackets of `[v6]:port` removed. */
  remote_ip: string | null;
  remote_port: number | null;
  /** `L`, split like `R`. */
  local_ip: string | null;
  local_port: number | null;
  /** `C`. */
  connection_id: string | null;
  /** `PATH`. */
  pathway: string | null;
  /** `PATH_GRP`. */
  pathway_group: string | null;
  /** `P`, e.g. `awaiting mailfrom`. */
  phase: string | null;
  /** `E`, the SMTP code. */
  error_code: number | null;
  /** `M`, the last module run. */
  module: string | null;
  /** `CTXCONN`, the connection's validation context. */
  ctx_conn: RejectlogContext | null;
  /** `CTXMESS`, the message's validation context. */
  ctx_mess: RejectlogContext | null;
  /** `KEY=value` tokens this decoder does not know, by key (lists as objects); null when there are none. */
  extra: Record<string, string | RejectlogContext> | null;
  /** The free-text error message: the rest of the line (may be empty, may contain `@`). */
  message: string;
}

/** `<epoch>: Marker 1`, written periodically by each logger instance. */
export interface RejectlogHeartbeatEvent extends EventBase {
  type: 'heartbeat';
  record: 'Marker';
  log: 'rejectlog';
  timestamp: number;
  timestamp_us: number;
}

export type RejectlogEvent = RejectionEvent | RejectlogHeartbeatEvent | MalformedEvent;

const LOG = 'rejectlog';
const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]
const COMMA = 0x2c;
const EQUALS = 0x3d;
const MARKER = Buffer.from('Marker', 'latin1');

/** The value readValue just read: a string, or a `[…]` list; `end` is the index after it. Each decoder owns one. */
class Value {
  end = 0;
  text = '';
  list: RejectlogContext | null = null;
}

/** The LogFormat of rejectlog: one event per line. */
export const rejectlog: LogFormat<'rejectlog'> = {
  log: LOG,
  create: (opts) => {
    const time = new Stamp();
    const value = new Value();
    return { line: (c) => decodeRejectLine(c, opts, time, value), end: () => null };
  },
};

/** A rejection's fields in the order the events hold them (also the CLI's columns). */
export const REJECTION_FIELDS = {
  remote_ip: true,
  remote_port: true,
  local_ip: true,
  local_port: true,
  connection_id: true,
  pathway: true,
  pathway_group: true,
  phase: true,
  error_code: true,
  module: true,
  ctx_conn: true,
  ctx_mess: true,
  extra: true,
  message: true,
} as const satisfies FieldOrder<RejectionEvent>;
const makeRejection = eventMaker<RejectionEvent>('rejection', null, LOG, REJECTION_FIELDS);
const makeHeartbeat = eventMaker<RejectlogHeartbeatEvent>('heartbeat', 'Marker', LOG, {});

// Bits of the known keys already seen on the line (a repeated key is malformed).
const CTXCONN = 256;
const CTXMESS = 512;
const SEEN = new Map(Object.entries({ R: 1, L: 2, C: 4, PATH: 8, PATH_GRP: 16, P: 32, E: 64, M: 128, CTXCONN, CTXMESS }));

/** The event of the cursor's line; `time` and `value` are the decoder's scratch. */
function decodeRejectLine(c: Cursor, opts: DecodeOptions, time: Stamp, value: Value): RejectlogEvent {
  const bad = checkLine(c, LOG, opts);
  if (bad !== null) return bad;
  const buf = c.buf;
  const stop = c.stop;
  const start = colonTimestamp(c, time);
  if (typeof start === 'string') return malformed(c, LOG, null, start, opts);
  const timestamp = time.seconds;
  const timestampUs = time.micros;
  let p = skipSpaces(buf, start, stop);
  if (isMarker(buf, p, stop)) return finish(makeHeartbeat(c.line, c.base + c.start, timestamp, timestampUs, {}), c, opts);

  let remote: ReturnType<typeof splitHostPort> = null;
  let local: ReturnType<typeof splitHostPort> = null;
  let connection: string | null = null;
  let pathway: string | null = null;
  let group: string | null = null;
  let phase: string | null = null;
  let code: number | null = null;
  let module: string | null = null;
  let ctxConn: RejectlogContext | null = null;
  let ctxMess: RejectlogContext | null = null;
  let extra: Record<string, string | RejectlogContext> | null = null;
  let seen = 0;
  let keys = 0;
  for (; ; keys++) {
    p = skipSpaces(buf, p, stop);
    const eq = keyEnd(buf, p, stop);
    if (eq < 0) break;
    const key = c.text(p, eq);
    const why = readValue(c, key, eq + 1, value);
    if (why !== null) return malformed(c, LOG, null, why, opts);
    p = value.end;
    const bit = SEEN.get(key) ?? 0;
    if ((seen & bit) !== 0 || (extra !== null && key in extra)) return malformed(c, LOG, null, `key ${key} appears twice`, opts);
    seen |= bit;
    const text = value.text;
    const list = value.list;
    if (bit === 0) {
      extra ??= Object.create(null) as Record<string, string | RejectlogContext>;
      extra[key] = list ?? text;
      continue;
    }
    if ((bit & (CTXCONN | CTXMESS)) !== 0) {
      if (list === null) return malformed(c, LOG, null, `${key}: expected a [k=v,…] list, found ${shown(text)}`, opts);
      if (bit === CTXCONN) ctxConn = list;
      else ctxMess = list;
      continue;
    }
    if (list !== null) return malformed(c, LOG, null, `${key}: expected a single value, found a [k=v,…] list`, opts);
    switch (key) {
      case 'R':
      case 'L': {
        const hp = splitHostPort(text);
        if (hp === null) return malformed(c, LOG, null, `${key}: ${shown(text)} is not ip:port`, opts);
        if (key === 'R') remote = hp;
        else local = hp;
        break;
      }
      case 'E':
        if (!/^[0-9]+$/.test(text)) return malformed(c, LOG, null, `E: ${shown(text)} is not an SMTP code`, opts);
        code = Number(text);
        break;
      case 'C':
        connection = text;
        break;
      case 'PATH':
        pathway = text;
        break;
      case 'PATH_GRP':
        group = text;
        break;
      case 'P':
        phase = text;
        break;
      default: // 'M'
        module = text;
    }
  }
  if (keys === 0) {
    return malformed(c, LOG, null, p >= stop ? 'nothing after the timestamp' : 'no KEY=value fields before the message', opts);
  }
  const ev = makeRejection(c.line, c.base + c.start, timestamp, timestampUs, {
    remote_ip: remote === null ? null : remote.ip,
    remote_port: remote === null ? null : remote.port,
    local_ip: local === null ? null : local.ip,
    local_port: local === null ? null : local.port,
    connection_id: connection,
    pathway,
    pathway_group: group,
    phase,
    error_code: code,
    module,
    ctx_conn: ctxConn,
    ctx_mess: ctxMess,
    extra,
    message: c.text(p, stop),
  });
  return finish(ev, c, opts);
}

/** `Marker` or `Marker <digits>` up to the end of the line. */
function isMarker(buf: Buffer, p: number, stop: number): boolean {
  const after = p + MARKER.length;
  if (after > stop || buf.compare(MARKER, 0, MARKER.length, p, after) !== 0) return false;
  if (after === stop) return true;
  return buf[after] === SPACE && after + 1 < stop && skipDigits(buf, after + 1, stop) === stop;
}

/** At `p`, a key `[A-Z][A-Z0-9_]*` followed by `=`: the index of the `=`, else -1. */
function keyEnd(buf: Uint8Array, p: number, stop: number): number {
  if (p >= stop || buf[p]! < 0x41 || buf[p]! > 0x5a) return -1;
  for (let i = p + 1; i < stop; i++) {
    const b = buf[i]!;
    if (b === EQUALS) return i;
    if (!((b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x5f)) return -1;
  }
  return -1;
}

/** Reads the value of `key` starting at `p` into `value`; returns why it cannot, or null. */
function readValue(c: Cursor, key: string, p: number, value: Value): string | null {
  const buf = c.buf;
  const stop = c.stop;
  value.list = null;
  value.text = '';
  if (p < stop && buf[p] === QUOTE) {
    const close = closingQuote(buf, p + 1, stop);
    if (close < 0) return `${key}: no closing quote`;
    value.text = unquote(c, p + 1, close);
    value.end = close + 1;
  } else if (p < stop && buf[p] === OPEN) {
    const why = readList(c, key, p + 1, value);
    if (why !== null) return why;
  } else {
    value.end = nextSpace(buf, p, stop);
    value.text = c.text(p, value.end);
  }
  const e = value.end;
  if (e < stop && buf[e] !== SPACE) return `${key}: unexpected ${shown(c.text(e, nextSpace(buf, e, stop)))} after the value`;
  return null;
}

/** Reads a `k=v,k="v",…]` list starting at `p` (after the `[`) into `value.list`; returns why it cannot, or null. */
function readList(c: Cursor, key: string, p: number, value: Value): string | null {
  const buf = c.buf;
  const stop = c.stop;
  const list = Object.create(null) as RejectlogContext;
  let i = p;
  for (;;) {
    i = skipSpaces(buf, i, stop);
    if (i >= stop) return `${key}: no closing "]"`;
    if (buf[i] === CLOSE) break; // `[]`, or a trailing comma
    let k = i;
    while (k < stop && buf[k] !== EQUALS && buf[k] !== COMMA && buf[k] !== CLOSE) k++;
    if (k >= stop) return `${key}: no closing "]"`;
    if (buf[k] !== EQUALS) return `${key}: entry ${shown(c.text(i, k))} has no "="`;
    if (k === i) return `${key}: entry with an empty key`;
    const name = c.text(i, k);
    let text: string;
    let j = k + 1;
    if (j < stop && buf[j] === QUOTE) {
      const close = closingQuote(buf, j + 1, stop);
      if (close < 0) return `${key}: no closing quote in the value of ${name}`;
      text = unquote(c, j + 1, close);
      j = close + 1;
      if (j < stop && buf[j] !== COMMA && buf[j] !== CLOSE) return `${key}: unexpected text after the quoted value of ${name}`;
    } else {
      while (j < stop && buf[j] !== COMMA && buf[j] !== CLOSE) j++;
      text = c.text(k + 1, j);
    }
    if (j >= stop) return `${key}: no closing "]"`;
    if (name in list) return `${key}: key ${shown(name)} appears twice`;
    list[name] = text;
    i = j + 1;
    if (buf[j] === CLOSE) {
      i = j;
      break;
    }
  }
  value.list = list;
  value.end = i + 1;
  return null;
}
