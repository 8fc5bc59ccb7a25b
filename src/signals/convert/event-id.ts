import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';

/**
 * The SHA-256 of `parts`, each hashed with its byte length in front (`5:hello`), so the joining
 * is unambiguous: `('ab', 'c')` and `('a', 'bc')` differ.
 */
function digest(parts: readonly string[]): Buffer {
  let text = '';
  for (const part of parts) text += `${Buffer.byteLength(part, 'utf8')}:${part}`;
  return oneShot !== undefined ? oneShot('sha256', text, 'buffer') : createHash('sha256').update(text, 'utf8').digest();
}

/** `crypto.hash` (Node >= 20.12): one call instead of a Hash object per ID. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'buffer') => Buffer }).hash;

/**
 * A SparkPost `event_id`: a decimal string in 0 .. 2^63-1, the first 63 bits of the SHA-256 of
 * `parts`. The same parts give the same ID on every run, which is what makes replays harmless
 * (SparkPost drops events whose ID it has seen).
 */
export function eventId(...parts: string[]): string {
  return (digest(parts).readBigUInt64BE(0) & 0x7fff_ffff_ffff_ffffn).toString();
}

/** 20 lower-case hex digits (the length of SparkPost's own message IDs) derived from `parts`. */
export function derivedMessageId(...parts: string[]): string {
  return digest(parts).toString('hex', 0, 10);
}
