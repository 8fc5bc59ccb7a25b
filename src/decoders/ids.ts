/**
 * Momentum's message, batch and connection IDs (spec §3): `HH/HH-DDDDD-HHHHHHHH`, upper-case hex,
 * e.g. `4B/03-01988-6E2F0BD5`. The last 8 hex digits, read in reverse nibble order, are the Unix
 * second the ID was created (`6E2F0BD5` → `5DB0F2E6` → 1571877606); `DDDDD` is the decimal PID of
 * the ecelerity process. The spec does not say what the two leading bytes mean; they are kept as
 * the `prefix` text.
 */

/** The null ID, logged where there is no such ID (e.g. no connection). */
export const NULL_MESSAGE_ID = '00/00-00000-00000000';

/** An ID taken apart. */
export interface DecodedMessageId {
  /** The ID as given. */
  id: string;
  /** False: see `NullMessageId` for the null ID. */
  null: false;
  /** The two leading hex bytes as logged, e.g. `4B/03`. */
  prefix: string;
  /** PID of the ecelerity process that made the ID. */
  pid: number;
  /** The last 8 hex digits as logged (creation time, nibbles reversed), e.g. `6E2F0BD5`. */
  created_hex: string;
  /** Creation time: Unix seconds. */
  created: number;
}

/**
 * The null ID `00/00-00000-00000000`. It is a well-formed ID that stands for "none", so it is
 * not `null` (that means malformed), and it has no creation time or PID: `created` and `pid` are
 * null rather than a misleading 0 (1970, PID 0).
 */
export interface NullMessageId {
  id: typeof NULL_MESSAGE_ID;
  null: true;
  prefix: '00/00';
  pid: null;
  created_hex: '00000000';
  created: null;
}

const SHAPE = /^[0-9A-F]{2}\/[0-9A-F]{2}-[0-9]{5}-[0-9A-F]{8}$/;

/**
 * Takes an ID apart: its creation second, PID and prefix; `{ null: true, ... }` for the null ID;
 * `null` for anything that is not exactly `HH/HH-DDDDD-HHHHHHHH` with upper-case hex digits (the
 * spec says upper-case: lower-case hex, surrounding spaces or other lengths are malformed).
 */
export function decodeMessageId(id: string): DecodedMessageId | NullMessageId | null {
  if (id.length !== 20 || !SHAPE.test(id)) return null;
  if (id === NULL_MESSAGE_ID) {
    return { id: NULL_MESSAGE_ID, null: true, prefix: '00/00', pid: null, created_hex: '00000000', created: null };
  }
  const hex = id.slice(12);
  let created = 0;
  for (let i = 7; i >= 0; i--) created = created * 16 + parseInt(hex[i]!, 16);
  return { id, null: false, prefix: id.slice(0, 5), pid: Number(id.slice(6, 11)), created_hex: hex, created };
}
