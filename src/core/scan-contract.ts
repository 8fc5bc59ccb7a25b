/**
 * The scanner contract — the only part in which the native and TS backends differ.
 *
 *   scan(buf, start, end, out, info) -> entries
 *
 * Scans bytes [start, end) of `buf` and writes, in increasing order, one Uint32 entry per
 * delimiter into `out` (allocated by the caller):
 *   - an `@` (0x40) at byte offset p is written as `p`;
 *   - a `\n` (0x0a) at byte offset p is written as `p | NEWLINE_BIT`.
 * Offsets are absolute indexes into `buf`, so `end` must be <= MAX_SCAN_END.
 *
 * Scanning stops at `end`, or as soon as `out` is full. `info` (a Uint32Array of INFO_LENGTH,
 * also the caller's) receives:
 *   info[INFO_ENTRIES] number of entries written (also the return value)
 *   info[INFO_LINES]   how many of them are newlines
 *   info[INFO_NEXT]    where scanning stopped: `end` when the range was scanned completely,
 *                      otherwise the offset just after the last entry written (resume there)
 *   info[INFO_FLAGS]   FLAG_NON_ASCII if a byte >= 0x80 occurs in [start, next),
 *                      FLAG_NUL if a 0x00 byte occurs in [start, next)
 * Both backends produce exactly the same `out` prefix and `info` for the same arguments. Slots
 * of `out` past the entries are scratch: the native scan may overwrite some of them (it writes a
 * few entries per 64-byte block unconditionally), never past `out.length`.
 */
export const NEWLINE_BIT = 0x80000000;
export const OFFSET_MASK = 0x7fffffff;
export const MAX_SCAN_END = 0x7fffffff;

export const INFO_ENTRIES = 0;
export const INFO_LINES = 1;
export const INFO_NEXT = 2;
export const INFO_FLAGS = 3;
export const INFO_LENGTH = 4;

export const FLAG_NON_ASCII = 1;
export const FLAG_NUL = 2;

export type ScanFunction = (buf: Uint8Array, start: number, end: number, out: Uint32Array, info: Uint32Array) => number;

/** Throws a TypeError/RangeError for arguments that break the contract (both backends agree). */
export function checkScanArgs(buf: Uint8Array, start: number, end: number, out: Uint32Array, info: Uint32Array): void {
  if (!(buf instanceof Uint8Array)) throw new TypeError('scan: buf must be a Uint8Array');
  if (!(out instanceof Uint32Array)) throw new TypeError('scan: out must be a Uint32Array');
  if (!(info instanceof Uint32Array) || info.length < INFO_LENGTH)
    throw new TypeError(`scan: info must be a Uint32Array of length >= ${INFO_LENGTH}`);
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > buf.length)
    throw new RangeError('scan: need 0 <= start <= end <= buf.length');
  if (end > MAX_SCAN_END) throw new RangeError(`scan: end must be <= ${MAX_SCAN_END}`);
  if (out.length === 0) throw new RangeError('scan: out must not be empty');
}
