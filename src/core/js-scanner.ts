import { isAscii } from 'node:buffer';
import { FLAG_NON_ASCII, FLAG_NUL, INFO_ENTRIES, INFO_FLAGS, INFO_LINES, INFO_NEXT, NEWLINE_BIT, checkScanArgs } from './scan-contract';

/** The pure-TypeScript scanner: the contract of ./scan-contract.ts, byte for byte the native output. */
export function scan(buf: Uint8Array, start: number, end: number, out: Uint32Array, info: Uint32Array): number {
  checkScanArgs(buf, start, end, out, info);
  const cap = out.length;
  let n = 0;
  let lines = 0;
  let i = start;
  // Line ends by the native memchr behind indexOf (one call per line), then one comparison per
  // byte for `@` inside the line: each byte is tested once.
  outer: while (i < end) {
    let nl = buf.indexOf(10, i);
    if (nl < 0 || nl >= end) nl = end;
    for (; i < nl; i++) {
      if (buf[i] === 64) {
        out[n++] = i;
        if (n === cap) {
          i++;
          break outer;
        }
      }
    }
    if (nl === end) break;
    out[n++] = (nl | NEWLINE_BIT) >>> 0;
    lines++;
    i = nl + 1;
    if (n === cap) break;
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
