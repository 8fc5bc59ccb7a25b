import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { bunzip2, CompressedDataError } from './bzip2';

/** How a file is compressed, told by its first bytes (never by its name). */
export type Compression = 'bzip2' | 'gzip' | null;

/** The default size of the pieces files are read in (measured as fast as 1 MiB, with a lower peak RSS). */
export const DEFAULT_CHUNK_SIZE = 1 << 16;

/** The bytes that tell a compression: the most `detectCompression` looks at. */
export const MAGIC_BYTES = 4;

/**
 * `BZh` and the block size digit `1`-`9` → bzip2, `1f 8b` → gzip, anything else → null (plain).
 * A head that ends right after `BZh` counts as bzip2: a file that bzip2 is still writing may have
 * no more bytes yet, and no log line starts with those letters.
 */
export function detectCompression(head: Uint8Array): Compression {
  if (head.length >= 3 && head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68) {
    if (head.length === 3 || (head[3]! >= 0x31 && head[3]! <= 0x39)) return 'bzip2';
  }
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  return null;
}

/** The compression of an open file, from its first bytes. */
export async function sniffCompression(handle: FileHandle): Promise<Compression> {
  const head = Buffer.alloc(MAGIC_BYTES);
  const { bytesRead } = await handle.read(head, 0, MAGIC_BYTES, 0);
  return detectCompression(head.subarray(0, bytesRead));
}

export interface ChunkOptions {
  /** Bytes per piece (default 64 KiB). */
  chunkSize?: number;
  /** Skip this many (decompressed) bytes first. */
  skip?: number;
  /**
   * Given the first 4 KiB of content, skipped or not: a plain file's read once at the start,
   * decompressed content piece by piece as it goes by.
   */
  onHead?: (bytes: Buffer) => void;
  /** Given the whole content's length once a compressed file's content is over (skipped bytes included). */
  onEnd?: (length: number) => void;
  /**
   * A plain file's pieces are read into a ring of three buffers, reused: a piece stays intact only
   * until the piece after the next one is asked for. For a consumer that is done with each piece
   * by then (a Session copies what it keeps of a piece when the next one is written): no
   * allocation, and no garbage, per read.
   */
  reuse?: boolean;
}

export const HEAD_BYTES = 4096;

/**
 * The content of an open file as pieces of bytes: read as is, or decompressed as a stream (gzip
 * with node:zlib, bzip2 with seek-bzip), from `skip` bytes of content on. Memory is bounded by
 * the piece size (one bzip2 block for bzip2), whatever the file size. The handle stays open.
 */
export async function* contentChunks(
  handle: FileHandle,
  compression: Compression,
  name: string,
  opts: ChunkOptions = {},
): AsyncGenerator<Buffer> {
  const size = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
  let skip = opts.skip ?? 0;
  if (compression === null) {
    if (opts.onHead) opts.onHead(await readHead(handle));
    yield* plainPieces(handle, skip, size, opts.reuse === true);
    return;
  }
  const pieces = compression === 'bzip2' ? bzip2Pieces(handle, size, name) : gunzipPieces(handle, size, name);
  let pos = 0;
  for await (const piece of pieces) {
    if (opts.onHead && pos < HEAD_BYTES) opts.onHead(piece.subarray(0, Math.min(piece.length, HEAD_BYTES - pos)));
    pos += piece.length;
    if (skip >= piece.length) {
      skip -= piece.length;
      continue;
    }
    const out = skip > 0 ? piece.subarray(skip) : piece;
    skip = 0;
    yield out;
  }
  opts.onEnd?.(pos);
}

/** The size of a plain (uncompressed) file at `path`; 0 when it is compressed or cannot be read. Synchronous. */
export function plainFileSize(path: string): number {
  try {
    const head = Buffer.alloc(MAGIC_BYTES);
    const fd = openSync(path, 'r');
    let n: number;
    try {
      n = readSync(fd, head, 0, MAGIC_BYTES, 0);
    } finally {
      closeSync(fd);
    }
    return detectCompression(head.subarray(0, n)) === null ? statSync(path).size : 0;
  } catch {
    return 0;
  }
}

/** The first (at most 4 KiB) bytes of a plain file. */
export async function readHead(handle: FileHandle): Promise<Buffer> {
  const head = Buffer.alloc(HEAD_BYTES);
  const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
  return head.subarray(0, bytesRead);
}

async function* bzip2Pieces(handle: FileHandle, size: number, name: string): AsyncGenerator<Buffer> {
  let since = 0;
  for (const piece of bunzip2(handle.fd, 0, size, name)) {
    yield piece;
    // Decoding is synchronous: let I/O and timers run now and then (every ~1 MB).
    since += piece.length;
    if (since >= 1 << 20) {
      since = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

/**
 * A plain file's bytes from `from` on, in pieces of `size`. One read is always under way while the
 * consumer works on the previous piece (read-ahead of one piece: the parser does not wait idle
 * for each read, and memory stays bounded by two pieces).
 */
async function* plainPieces(handle: FileHandle, from: number, size: number, reuse = false): AsyncGenerator<Buffer> {
  const ring = reuse ? [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)] : null;
  let turn = 0;
  const readAt = async (pos: number): Promise<Buffer> => {
    const buf = ring === null ? Buffer.allocUnsafe(size) : ring[turn++ % 3]!;
    const { bytesRead } = await handle.read(buf, 0, size, pos);
    return bytesRead === size ? buf : buf.subarray(0, bytesRead);
  };
  let pos = from;
  let next = readAt(pos);
  try {
    for (;;) {
      const piece = await next;
      if (piece.length === 0) return;
      pos += piece.length;
      next = readAt(pos);
      yield piece;
    }
  } finally {
    // Do not leave a read in flight on a handle the caller is about to close.
    await next.catch(() => undefined);
  }
}

function gunzipPieces(handle: FileHandle, size: number, name: string): AsyncGenerator<Buffer> {
  return gunzipStream(plainPieces(handle, 0, size), size, name);
}

/** gzip data given in pieces (a file's, standard input's), decompressed in pieces of at most `size` bytes. */
export async function* gunzipStream(pieces: AsyncIterable<Buffer>, size: number, name: string): AsyncGenerator<Buffer> {
  // Streams and zlib load with the first gzip file (they are a third of what parsing loads).
  const [{ Readable }, { createGunzip }] = await Promise.all([import('node:stream'), import('node:zlib')]);
  const input = Readable.from(pieces, { objectMode: false });
  const gunzip = createGunzip({ chunkSize: size });
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  try {
    for await (const piece of gunzip) yield piece as Buffer;
  } catch (err) {
    throw new CompressedDataError(name, `bad gzip data (${(err as Error).message})`);
  } finally {
    input.unpipe(gunzip);
    input.destroy();
    gunzip.destroy();
  }
}

/** The content of the file at `path` (decompressed if its first bytes say so), as pieces of bytes. */
export async function* fileChunks(path: string, opts: ChunkOptions = {}): AsyncGenerator<Buffer> {
  const handle = await (await import('node:fs/promises')).open(path, 'r'); // fs/promises loads on first use
  try {
    yield* contentChunks(handle, await sniffCompression(handle), path, opts);
  } finally {
    await handle.close();
  }
}
