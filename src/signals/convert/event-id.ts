import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';

/** `crypto.hash` (Node >= 20.12): one call instead of a Hash object per ID. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** A character outside ASCII (whose UTF-8 length differs from its UTF-16 length). */
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * The SHA-256 of `parts` in hex, each part hashed with its byte length in front (`5:hello`), so
 * the joining is unambiguous: `('ab', 'c')` and `('a', 'bc')` differ. Hex rather than a Buffer:
 * a Buffer per ID (an ArrayBuffer, external memory) cost several times the hash itself.
 */
function digestHex(parts: readonly string[]): string {
  let text = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    text += `${NON_ASCII.test(part) ? Buffer.byteLength(part, 'utf8') : part.length}:${part}`;
  }
  return oneShot !== undefined ? oneShot('sha256', text, 'hex') : createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * A SparkPost `event_id`: a decimal string in 0 .. 2^63-1, the first 63 bits of the SHA-256 of
 * `parts`. The same parts give the same ID on every run, which is what makes replays harmless
 * (SparkPost drops events whose ID it has seen).
 */
export function eventId(...parts: string[]): string {
  return BigInt.asUintN(63, BigInt(`0x${digestHex(parts).slice(0, 16)}`)).toString();
}

/** 20 lower-case hex digits (the length of SparkPost's own message IDs) derived from `parts`. */
export function derivedMessageId(...parts: string[]): string {
  return digestHex(parts).slice(0, 20);
}
