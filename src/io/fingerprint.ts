import { createHash } from 'node:crypto';
import { fileChunks, HEAD_BYTES } from './compression';

/**
 * A file's identity by content, for finding it again after it was renamed or compressed: a hash
 * of its first line including the `\n` (its first 4 KiB if the first line is longer). It is known
 * as soon as the first line is complete, which is before any event of the file exists, and it
 * never changes as the file grows — so event ids built on it are the same on every run.
 * 16 hex digits (64 bits of SHA-256).
 *
 * `head` is the file's first bytes (up to 4 KiB); `final` says the file will not grow (a
 * rotated or compressed file), so a first line without newline is complete. Null while the
 * first line is still being written (or for an empty file).
 */
export function fingerprint(head: Uint8Array, final: boolean): string | null {
  const nl = head.indexOf(10);
  let length: number;
  if (nl >= 0 && nl < HEAD_BYTES) length = nl + 1;
  else if (head.length >= HEAD_BYTES) length = HEAD_BYTES;
  else if (final && head.length > 0) length = head.length;
  else return null;
  return createHash('sha256').update(head.subarray(0, length)).digest('hex').slice(0, 16);
}

/** The stable id of the line at `offset` of the file whose fingerprint is `fp` (follow's `id`; offline conversion gives the same). */
export function lineId(fp: string, offset: number): string {
  return `${fp}:${offset}`;
}

/** Collects the first 4 KiB of a file's content from pieces going by (see ChunkOptions.onHead). */
export class HeadCollector {
  private parts: Buffer[] = [];
  private length = 0;

  readonly add = (bytes: Buffer): void => {
    if (this.length >= HEAD_BYTES) return;
    const part = Buffer.from(bytes.subarray(0, HEAD_BYTES - this.length));
    this.parts.push(part);
    this.length += part.length;
  };

  get head(): Buffer {
    return Buffer.concat(this.parts, this.length);
  }
}

/**
 * The fingerprint of a whole file at `path` (decompressed if compressed): what `follow` gives the
 * same file, so ids built on it match between a one-off read and a follow of the same file.
 */
export async function fingerprintOf(path: string): Promise<string | null> {
  const head = new HeadCollector();
  for await (const piece of fileChunks(path)) {
    head.add(piece);
    if (head.head.length >= HEAD_BYTES) break;
  }
  return fingerprint(head.head, true);
}
