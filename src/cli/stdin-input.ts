import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { DEFAULT_CHUNK_SIZE, detectCompression, fileChunks, gunzipStream, MAGIC_BYTES, type Compression } from '../io/compression';

/**
 * The content of a byte stream (standard input), decompressed when its first bytes say so, as
 * files are (`BZh` bzip2, `1f 8b` gzip; never by a name). gzip is decompressed as it arrives;
 * bzip2, whose decoder reads a file descriptor, is first copied to a temporary file (the
 * compressed bytes, removed at the end).
 */
export async function* streamContent(input: AsyncIterable<Uint8Array | string>, name: string): AsyncGenerator<Uint8Array> {
  const it = input[Symbol.asyncIterator]();
  try {
    const head: Buffer[] = [];
    let size = 0;
    let done = false;
    while (size < MAGIC_BYTES && !done) {
      const r = await it.next();
      if (r.done) done = true;
      else {
        const piece = typeof r.value === 'string' ? Buffer.from(r.value, 'latin1') : Buffer.from(r.value);
        head.push(piece);
        size += piece.length;
      }
    }
    async function* all(): AsyncGenerator<Buffer> {
      yield* head;
      if (!done)
        for (let r = await it.next(); !r.done; r = await it.next())
          yield typeof r.value === 'string' ? Buffer.from(r.value, 'latin1') : Buffer.from(r.value);
    }
    const compression: Compression = detectCompression(Buffer.concat(head).subarray(0, MAGIC_BYTES));
    if (compression === null) yield* all();
    else if (compression === 'gzip') yield* gunzipStream(all(), DEFAULT_CHUNK_SIZE, name);
    else yield* spooled(all());
  } finally {
    // Stopped early (parse --limit) or failed: let go of the input (standard input is then closed).
    await it.return?.(undefined);
  }
}

async function* spooled(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'ecelog-stdin-'));
  try {
    const path = join(dir, 'input.bz2');
    const out = createWriteStream(path);
    for await (const piece of input) if (!out.write(piece)) await once(out, 'drain');
    out.end();
    await finished(out);
    yield* fileChunks(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
