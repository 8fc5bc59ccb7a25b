import { isUtf8 } from 'node:buffer';
import type { Cursor } from '../core/cursor';
import type { DecodedEvent, EventBase, MalformedEvent } from './event';
import { EscapedFields, endsInEscape, type RecordBytes } from './escaped';
import { splitHostPort } from './tokens';
import {
  DEFAULT_MAX_LINE_LENGTH,
  MAX_RAW_TEXT,
  checkLine,
  eventMaker,
  finish,
  malformedEvent,
  parseTimestamp,
  Stamp,
  type DecodeOptions,
  type FieldOrder,
  type HeldEntry,
  type LineDecoder,
  type LogFormat,
} from './log-format';

/**
 * acctlog (ec_logger, `acctlog.ec`), spec §7: authentication (`N`), authorization (`Z`),
 * authentication timeout (`T`) and unknown (`?`) records of the ESMTP and control listeners, the
 * letter in field 1. The one log that escapes (escaped.ts): fields are split on unescaped `@`,
 * values are unescaped, and a record whose physical line ends in an escaped line break continues
 * on the next line (one event, at the first line's number and offset).
 *
 * Layouts: `N` and `T` are `ts@N@listener@peer@user@ok` — the 4.x manual's authentication table
 * reads "N indicating an authentication entry or T indicating an authentication timeout". `Z` is
 * `ts@Z@listener@peer@user@result@command[@role]`. No layout is documented for `?`: its fields
 * after the letter are kept, unescaped, as `fields`.
 */

/** What every acctlog record has. There is one layout, so no `layout`. */
export interface AcctRecordBase extends EventBase {
  log: 'acctlog';
  /** Unix time in whole seconds. */
  timestamp: number;
  /** Unix time in microseconds. */
  timestamp_us: number;
}

/** The endpoints and user of `N`, `T` and `Z`; values unescaped. */
export interface AcctEndpoints {
  /** Listener endpoint as logged: `*:2025`, `10.0.0.1:25`, or a Unix socket path (`/tmp/2025`). */
  listener: string;
  /** The host part where the listener is `host:port` (split at the last colon; `[v6]` unbracketed), else null. */
  listener_ip: string | null;
  listener_port: number | null;
  /** Peer as logged: `ip:port`; empty for Unix domain connections. */
  peer: string;
  peer_ip: string | null;
  peer_port: number | null;
  user: string;
}

/** `N` and `T`: the authentication layout. */
export interface AuthenticationFields extends AcctRecordBase, AcctEndpoints {
  /** As logged: `1` success, `0` failure. */
  ok: string;
  /** `ok` as a boolean; null when it is neither `1` nor `0`. */
  authenticated: boolean | null;
}

/** acctlog `N`: an authentication. */
export interface AuthenticationEvent extends AuthenticationFields {
  type: 'authentication';
  record: 'N';
}

/** acctlog `T`: an authentication timeout (the authentication layout). */
export interface AuthTimeoutEvent extends AuthenticationFields {
  type: 'auth_timeout';
  record: 'T';
}

/** acctlog `Z`: an authorization. */
export interface AuthorizationEvent extends AcctRecordBase, AcctEndpoints {
  type: 'authorization';
  record: 'Z';
  /** As logged: `1` authorized, `0` not. */
  result: string;
  /** `result` as a boolean; null when it is neither `1` nor `0`. */
  authorized: boolean | null;
  /** The command authorized (`summary`, `shutdown`, …). */
  command: string;
  /** The optional last field; null when the line has none. */
  role: string | null;
}

/** acctlog `?`: an unknown record; its layout is undocumented. */
export interface AuthUnknownEvent extends AcctRecordBase {
  type: 'auth_unknown';
  record: '?';
  /** The fields after the letter, unescaped. */
  fields: string[];
}

export type AcctlogEvent = AuthenticationEvent | AuthTimeoutEvent | AuthorizationEvent | AuthUnknownEvent | MalformedEvent;

type AcctRecord = Exclude<AcctlogEvent, MalformedEvent>;

const LOG = 'acctlog';

/**
 * A listener or peer as ip and port: `host:port` split at the last colon (IPv6; `[v6]:port`
 * unbracketed). A Unix socket path (starting with `/`), an empty peer, or any other value has neither.
 */
export function splitEndpoint(value: string): { ip: string | null; port: number | null } {
  return (value.startsWith('/') ? null : splitHostPort(value)) ?? { ip: null, port: null };
}

function flag(value: string): boolean | null {
  return value === '1' ? true : value === '0' ? false : null;
}

// The makers of the events (log-format.ts: the header, then the fields in the order listed here).
const ENDPOINTS = {
  listener: true,
  listener_ip: true,
  listener_port: true,
  peer: true,
  peer_ip: true,
  peer_port: true,
  user: true,
} as const;
/** The fields of each record's events in the order they hold them (also the CLI's columns). */
export const AUTHENTICATION_FIELDS = { ...ENDPOINTS, ok: true, authenticated: true } as const satisfies FieldOrder<AuthenticationEvent>;
export const AUTHORIZATION_FIELDS = {
  ...ENDPOINTS,
  result: true,
  authorized: true,
  command: true,
  role: true,
} as const satisfies FieldOrder<AuthorizationEvent>;
const makeAuthentication = eventMaker<AuthenticationEvent>('authentication', 'N', LOG, AUTHENTICATION_FIELDS);
const makeAuthTimeout = eventMaker<AuthTimeoutEvent>('auth_timeout', 'T', LOG, AUTHENTICATION_FIELDS);
const makeAuthorization = eventMaker<AuthorizationEvent>('authorization', 'Z', LOG, AUTHORIZATION_FIELDS);
const makeUnknown = eventMaker<AuthUnknownEvent>('auth_unknown', '?', LOG, { fields: true });

/** Why a record is malformed, and its letter if it has one. */
interface Rejection {
  record: string | null;
  reason: string;
}

/** The event of one record (all of its bytes), or why it is malformed. */
function decodeRecord(f: EscapedFields, src: RecordBytes, line: number, offset: number, ts: number, us: number): AcctRecord | Rejection {
  f.split(src);
  const letter = f.count > 1 ? f.value(1) : '';
  if (f.dangling) return { record: letter.length === 1 ? letter : null, reason: 'the line ends in an escape of nothing (a lone "\\")' };
  switch (letter) {
    case 'N':
    case 'T': {
      if (f.count !== 6) return { record: letter, reason: `${letter} record: expected 6 fields, found ${f.count}` };
      const listener = f.value(2);
      const peer = f.value(3);
      const l = splitEndpoint(listener);
      const p = splitEndpoint(peer);
      const ok = f.value(5);
      return (letter === 'N' ? makeAuthentication : makeAuthTimeout)(line, offset, ts, us, {
        listener,
        listener_ip: l.ip,
        listener_port: l.port,
        peer,
        peer_ip: p.ip,
        peer_port: p.port,
        user: f.value(4),
        ok,
        authenticated: flag(ok),
      });
    }
    case 'Z': {
      if (f.count !== 7 && f.count !== 8) return { record: letter, reason: `Z record: expected 7 or 8 fields, found ${f.count}` };
      const listener = f.value(2);
      const peer = f.value(3);
      const l = splitEndpoint(listener);
      const p = splitEndpoint(peer);
      const result = f.value(5);
      return makeAuthorization(line, offset, ts, us, {
        listener,
        listener_ip: l.ip,
        listener_port: l.port,
        peer,
        peer_ip: p.ip,
        peer_port: p.port,
        user: f.value(4),
        result,
        authorized: flag(result),
        command: f.value(6),
        role: f.count === 8 ? f.value(7) : null,
      });
    }
    case '?':
      return makeUnknown(line, offset, ts, us, { fields: f.values(2) });
    default:
      if (letter.length === 1) return { record: letter, reason: `unknown acctlog record type ${JSON.stringify(letter)}` };
      return { record: null, reason: 'no acctlog record type in field 1' };
  }
}

/** Whether the cursor's line ends in an escaped line break: the record goes on on the next line. */
function continues(c: Cursor): boolean {
  return c.terminated && endsInEscape(c.buf, c.start, c.stop);
}

const LINE_BREAK = Buffer.from('\n');

/**
 * One input's acctlog decoder. Holds a record continued over physical lines until its last line;
 * a physical line longer than `maxLineLength` inside one is reported on its own and skipped, as
 * the Session skips it on a stream, so both give the same events.
 */
class AcctlogDecoder implements LineDecoder {
  private readonly fields = new EscapedFields();
  private readonly time = new Stamp();
  private readonly max: number;
  // The record being continued: its bytes so far (lines and the escaped line breaks between).
  private parts: Buffer[] = [];
  private lines = 0; // physical lines held; 0 when no record is
  private length = 0;
  private kept = 0; // bytes in parts
  private overflow = false; // longer than maxLineLength: only the first bytes are kept
  private line0 = 0;
  private offset0 = 0;
  private ts = 0;
  private us = 0;
  private tsError: string | null = null;

  constructor(private readonly opts: DecodeOptions) {
    this.max = opts.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  }

  line(c: Cursor): DecodedEvent | null {
    if (this.lines > 0) {
      if (c.stop - c.start > this.max) return checkLine(c, LOG, this.opts);
      this.hold(c);
      return continues(c) ? null : this.flush();
    }
    const bad = checkLine(c, LOG, this.opts);
    if (bad !== null) return bad;
    const time = this.time;
    const why = parseTimestamp(c, c.start, c.rawEnd(0), time);
    if (continues(c)) {
      this.line0 = c.line;
      this.offset0 = c.base + c.start;
      this.ts = time.seconds;
      this.us = time.micros;
      this.tsError = why;
      this.hold(c);
      return null;
    }
    if (why !== null) return malformedEvent(LOG, c.line, c.base + c.start, null, why, c.lineBytes(), this.opts);
    const ev = decodeRecord(this.fields, c, c.line, c.base + c.start, time.seconds, time.micros);
    if ('reason' in ev) return malformedEvent(LOG, c.line, c.base + c.start, ev.record, ev.reason, c.lineBytes(), this.opts);
    return finish(ev, c, this.opts);
  }

  end(): DecodedEvent | null {
    return this.lines > 0 ? this.flush() : null;
  }

  held(): HeldEntry | null {
    return this.lines > 0 ? { line: this.line0, offset: this.offset0 } : null;
  }

  /** Adds the cursor's line to the held record, with the escaped line break after it if it continues. */
  private hold(c: Cursor): void {
    const breaks = continues(c);
    this.lines++;
    this.length += c.stop - c.start + (breaks ? 1 : 0);
    this.keep(c.lineBytes());
    if (breaks) this.keep(LINE_BREAK);
    if (!this.overflow && this.length > this.max) {
      // Too long: only its first MAX_RAW_TEXT bytes are kept, for the report.
      this.overflow = true;
      const head = Buffer.concat(this.parts, Math.min(this.kept, MAX_RAW_TEXT));
      this.parts = [head];
      this.kept = head.length;
    }
  }

  /** Copies bytes into the held record (once too long, up to MAX_RAW_TEXT in all). */
  private keep(bytes: Buffer): void {
    const room = this.overflow ? MAX_RAW_TEXT - this.kept : bytes.length;
    if (room <= 0) return;
    const part = Buffer.from(bytes.subarray(0, room));
    this.parts.push(part);
    this.kept += part.length;
  }

  /** The event of the held record. */
  private flush(): DecodedEvent {
    const bytes = Buffer.concat(this.parts);
    const { lines, length, line0, offset0, opts } = this;
    this.parts = [];
    this.lines = 0;
    this.length = 0;
    this.kept = 0;
    const bad = (record: string | null, reason: string, whole = true) =>
      malformedEvent(LOG, line0, offset0, record, reason, bytes, opts, whole);
    if (this.overflow) {
      this.overflow = false;
      return bad(null, `${lines} lines joined by escaped line breaks make ${length} bytes, more than maxLineLength (${this.max})`, false);
    }
    const nul = bytes.indexOf(0);
    if (nul >= 0) return bad(null, `NUL byte at column ${nul + 1}`);
    if (this.tsError !== null) return bad(null, this.tsError);
    const src: RecordBytes = { buf: bytes, start: 0, stop: bytes.length, text: (s, e) => bytes.toString('utf8', s, e) };
    const ev = decodeRecord(this.fields, src, line0, offset0, this.ts, this.us);
    if ('reason' in ev) return bad(ev.record, ev.reason);
    if (!isUtf8(bytes)) ev.invalid_utf8 = true;
    if (opts.rawBytes) ev.bytes = new Uint8Array(bytes);
    return ev;
  }
}

/** The acctlog format: pass as `log` to any iterator. */
export const acctlog: LogFormat<'acctlog'> = {
  log: LOG,
  create: (opts) => new AcctlogDecoder(opts),
};
