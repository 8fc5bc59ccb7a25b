import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';

/** `crypto.hash` (Node >= 20.12): one call instead of a Hash object per ID. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/**
 * The SHA-256 of `parts` in hex, each part hashed with its byte length in front (`5:hello`), so
 * the joining is unambiguous: `('ab', 'c')` and `('a', 'bc')` differ. Hex rather than a Buffer:
 * a Buffer per ID (an ArrayBuffer, external memory) cost several times the hash itself.
 */
function digestHex(parts: readonly string[]): string {
  let text = '';
  for (const part of parts) text += `${Buffer.byteLength(part, 'utf8')}:${part}`;
  return oneShot !== undefined ? oneShot('sha256', text, 'hex') : createHash('sha256').update(text, 'utf8').digest('hex');
}

const TWO_16 = 65_536;
const E8 = 100_000_000;

/**
 * The 16 hex digits `hex[0..16)` as an unsigned 64-bit number with its top bit cleared, in
 * decimal: in doubles, every intermediate below 2^53 (no BigInt).
 */
export function decimal63(hex: string): string {
  const hi = hexValue(hex, 0, 8) & 0x7fff_ffff; // 31 bits
  const m = hi * TWO_16 + hexValue(hex, 8, 12); // < 2^47; the value is m * 2^16 + lo
  const lo = hexValue(hex, 12, 16);
  const mq = Math.floor(m / E8);
  const t = (m - mq * E8) * TWO_16 + lo; // < 2^43
  const tq = Math.floor(t / E8);
  const high = mq * TWO_16 + tq; // < 2^37
  const low = t - tq * E8;
  return high === 0 ? String(low) : `${high}${String(low).padStart(8, '0')}`;
}

/** The lower-case hex digits `hex[from..to)` (at most 8) as a number. */
function hexValue(hex: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = hex.charCodeAt(i);
    v = v * 16 + (c <= 57 ? c - 48 : c - 87);
  }
  return v;
}

/**
 * A SparkPost `event_id`: a decimal string in 0 .. 2^63-1, the first 63 bits of the SHA-256 of
 * `parts`. The same parts give the same ID on every run, which is what makes replays harmless
 * (SparkPost drops events whose ID it has seen).
 */
export function eventId(...parts: string[]): string {
  return decimal63(digestHex(parts));
}

/** 20 lower-case hex digits (the length of SparkPost's own message IDs) derived from `parts`. */
export function derivedMessageId(...parts: string[]): string {
  return digestHex(parts).slice(0, 20);
}
