import type { Cursor } from '../core/cursor';
import { parseTimestamp, type Stamp } from './log-format';
export { closingQuote } from '../core/cursor';

/**
 * What the space-separated text logs (rejectlog, paniclog, httplog) share: byte searches within
 * the current line, quoted values with `\"` escapes, `ip:port` addresses, and short quotations of
 * bad values for malformed reasons. Everything works on the cursor's bytes (`c.buf`, within
 * `c.start`..`c.stop`); strings are made only for the values an event keeps.
 */

export const SPACE = 0x20;
export const QUOTE = 0x22;
export const COLON = 0x3a;
export const BACKSLASH = 0x5c;

/** Index of the first byte `a` or `b` in `buf[from, stop)`, or `stop`. */
export function findEither(buf: Uint8Array, from: number, stop: number, a: number, b: number): number {
  let i = from;
  while (i < stop && buf[i] !== a && buf[i] !== b) i++;
  return i;
}

/** Index of the first space in `buf[from, stop)`, or `stop`. */
export function nextSpace(buf: Uint8Array, from: number, stop: number): number {
  return findEither(buf, from, stop, SPACE, SPACE);
}

/** Index of the first byte that is not a space in `buf[from, stop)`, or `stop`. */
export function skipSpaces(buf: Uint8Array, from: number, stop: number): number {
  let i = from;
  while (i < stop && buf[i] === SPACE) i++;
  return i;
}

/** Index of the first byte that is not an ASCII digit in `buf[from, stop)`, or `stop`. */
export function skipDigits(buf: Uint8Array, from: number, stop: number): number {
  let i = from;
  while (i < stop && buf[i]! >= 0x30 && buf[i]! <= 0x39) i++;
  return i;
}

/**
 * The text of a quoted value's content `[s, e)` with `\"` and `\\` unescaped. Any other
 * backslash is kept as logged (the manuals only mention `\"`).
 */
export function unquote(c: Cursor, s: number, e: number): string {
  const text = c.text(s, e);
  return text.indexOf('\\') < 0 ? text : text.replace(/\\(["\\])/g, '$1');
}

/**
 * The timestamp token at the start of the current line, which ends at the first `sep` byte or
 * space: on success `out` holds it (see parseTimestamp) and the token's end is returned (the index
 * of that byte, or `c.stop`); otherwise the reason it is not a timestamp.
 */
export function leadingTimestamp(c: Cursor, sep: number, out: Stamp): number | string {
  const end = findEither(c.buf, c.start, c.stop, sep, SPACE);
  return parseTimestamp(c, c.start, end, out) ?? end;
}

/**
 * The `<epoch>:` that starts the lines of rejectlog and the reception timing log: on success `out`
 * holds the time and the index after the colon is returned; otherwise the reason the line does
 * not start so.
 */
export function colonTimestamp(c: Cursor, out: Stamp): number | string {
  const end = leadingTimestamp(c, COLON, out);
  if (typeof end === 'string') return end;
  return end < c.stop && c.buf[end] === COLON ? end + 1 : 'expected ":" after the timestamp';
}

/** An `ip:port` address. */
export interface HostPort {
  /** As logged, brackets of `[v6]:port` removed; `*` (any address) is kept. */
  ip: string;
  port: number;
}

/**
 * Splits `ip:port` on the LAST colon (so a bare IPv6 address keeps its own colons) and removes
 * the brackets of `[2001:db8::1]:25`. Null when there is no colon, the IP is empty, the port is
 * not an unsigned integer, or a bracket is unbalanced.
 */
export function splitHostPort(text: string): HostPort | null {
  const colon = text.lastIndexOf(':');
  if (colon <= 0 || colon === text.length - 1) return null;
  let ip = text.slice(0, colon);
  const open = ip.charCodeAt(0) === 0x5b;
  const close = ip.charCodeAt(ip.length - 1) === 0x5d;
  if (open !== close) return null;
  if (open) {
    ip = ip.slice(1, -1);
    if (ip.length === 0) return null;
  }
  let port = 0;
  for (let i = colon + 1; i < text.length; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return null;
    port = port * 10 + d;
  }
  return { ip, port };
}

/** An address that may lack its port: `ip`, `ip:port`, `[v6]` or `[v6]:port`. */
export interface Address {
  /** As logged, brackets removed. */
  ip: string;
  /** Null when the address has none. */
  port: number | null;
}

/**
 * Reads an address that may lack its port (the paniclog's request lines: `ip` in 4.x, `ip:port`
 * in 3.x). Only the bytes of IP addresses are accepted (hex digits, `.`, `:`, brackets), with at
 * least one hex digit and one `.` or `:`. One colon splits `ip:port`; an unbracketed address with more colons is a
 * bare IPv6 address (whether its last group is a port cannot be told), kept whole without a port.
 * Null when the text is not such an address.
 */
export function splitAddress(text: string): Address | null {
  if (!/^[0-9A-Fa-f.:[\]]+$/.test(text) || !/[.:]/.test(text) || !/[0-9A-Fa-f]/.test(text)) return null;
  if (text.charCodeAt(0) === 0x5b) {
    if (text.charCodeAt(text.length - 1) === 0x5d && text.length > 2 && text.indexOf(']') === text.length - 1) {
      return { ip: text.slice(1, -1), port: null };
    }
    return splitHostPort(text);
  }
  if (text.includes('[') || text.includes(']')) return null;
  const colon = text.indexOf(':');
  if (colon < 0) return { ip: text, port: null };
  if (text.indexOf(':', colon + 1) < 0) return splitHostPort(text);
  return { ip: text, port: null };
}

/** A value quoted for a malformed reason: JSON, at most 64 characters of it. */
export function shown(text: string): string {
  return JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text);
}
