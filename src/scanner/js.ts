import { isAscii } from 'node:buffer';
import {
  FLAG_NON_ASCII,
  FLAG_NUL,
  INFO_ENTRIES,
  INFO_FLAGS,
  INFO_LINES,
  INFO_NEXT,
  NEWLINE_BIT,
  checkScanArgs,
} from './contract';

/** The pure-TypeScript scanner: the contract of ./contract.ts, byte for byte the native output. */
export function scan(buf: Uint8Array, start: number, end: number, out: Uint32Array, info: Uint32Array): number {
  checkScanArgs(buf, start, end, out, info);
  const cap = out.length;
  let n = 0;
  let lines = 0;
  let i = start;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c === 64) {
      out[n++] = i;
      if (n === cap) { i++; break; }
    } else if (c === 10) {
      out[n++] = (i | NEWLINE_BIT) >>> 0;
      lines++;
      if (n === cap) { i++; break; }
    }
  }
  const next = i;
  let flags = 0;
  if (next > start) {
    const view = buf.subarray(start, next);
    if (!isAscii(view)) flags |= FLAG_NON_ASCII;
    if (view.indexOf(0) !== -1) flags |= FLAG_NUL;
  }
  info[INFO_ENTRIES] = n;
  info[INFO_LINES] = lines;
  info[INFO_NEXT] = next;
  info[INFO_FLAGS] = flags;
  return n;
}
