import { readSync } from 'node:fs';

/**
 * Streaming bzip2 decompression with seek-bzip (pure JS, MIT; see docs/bzip2.md for why this
 * candidate). seek-bzip's public `decode` wants the whole input and output in memory, so this
 * drives its block decoder directly: the input is read from the file descriptor in small pieces
 * as the bit reader asks for bytes, and each block's output (about 900 kB for `-9`) is handed
 * out before the next block is decoded. Memory: one block (the decoder's 3.6 MB table plus its
 * output), whatever the file size. Concatenated streams (pbzip2, `cat a.bz2 b.bz2`) are read
 * in turn; trailing bytes that are not a bzip2 stream are ignored, as bzip2(1) does.
 */

interface BunzipStream {
  readByte(): number;
  writeByte(byte: number): void;
  eof(): boolean;
}
interface Bunzip {
  _init_block(): boolean;
  _read_bunzip(): number;
  _start_bunzip(input: BunzipStream, output: BunzipStream): void;
  reader: { read(bits: number): number };
  streamCRC: number;
}
interface BunzipModule {
  new (input: BunzipStream, output: BunzipStream): Bunzip;
  Stream: new () => BunzipStream;
}

/** seek-bzip, loaded with the first bzip2 file: a program that reads none does not pay for it. */
function seekBzip(): BunzipModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('seek-bzip') as BunzipModule;
}

const IN_CHUNK = 1 << 16;

/** An error in compressed data (bad CRC, truncated stream, not bzip2 data). */
export class CompressedDataError extends Error {
  constructor(what: string, detail: string) {
    super(`ecelog: ${what}: ${detail}`);
    this.name = 'CompressedDataError';
  }
}

/**
 * The decompressed bytes of the bzip2 data in file descriptor `fd` from byte `position` on, in
 * pieces of at most `chunkSize` bytes, one block at a time. Synchronous per block: the caller
 * yields to the event loop between pieces if it wants to.
 */
export function* bunzip2(fd: number, position: number, chunkSize: number, name: string): Generator<Buffer> {
  const inBuf = Buffer.allocUnsafe(IN_CHUNK);
  let inPos = 0;
  let inLen = 0;
  let filePos = position;
  let atEnd = false;
  /** Makes at least `n` unread input bytes available if the file has them. */
  const ensure = (n: number): boolean => {
    if (inLen - inPos >= n) return true;
    if (atEnd) return false;
    inBuf.copy(inBuf, 0, inPos, inLen);
    inLen -= inPos;
    inPos = 0;
    while (inLen < n && !atEnd) {
      const got = readSync(fd, inBuf, inLen, IN_CHUNK - inLen, filePos);
      filePos += got;
      inLen += got;
      if (got === 0) atEnd = true;
    }
    return inLen - inPos >= n;
  };
  let out = Buffer.allocUnsafe(chunkSize);
  let outPos = 0;
  let ready: Buffer[] = [];
  const SeekBzip = seekBzip();
  const stream = new SeekBzip.Stream();
  stream.readByte = () => {
    if (inPos >= inLen && !ensure(1)) throw new CompressedDataError(name, 'bzip2 data ends in the middle of a stream');
    return inBuf[inPos++]!;
  };
  stream.eof = () => !ensure(1);
  stream.writeByte = (byte: number) => {
    if (outPos === out.length) {
      ready.push(out);
      out = Buffer.allocUnsafe(chunkSize);
      outPos = 0;
    }
    out[outPos++] = byte;
  };
  const guard = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof CompressedDataError) throw err;
      throw new CompressedDataError(name, `bad bzip2 data (${(err as Error).message})`);
    }
  };

  const bz = guard(() => new SeekBzip(stream, stream));
  for (;;) {
    if (guard(() => bz._init_block())) {
      guard(() => bz._read_bunzip());
      if (outPos > 0) ready.push(out.subarray(0, outPos));
      out = Buffer.allocUnsafe(chunkSize);
      outPos = 0;
      const pieces = ready;
      ready = [];
      for (const piece of pieces) yield piece;
      continue;
    }
    const crc = guard(() => bz.reader.read(32) >>> 0);
    if (crc !== bz.streamCRC) throw new CompressedDataError(name, 'bad bzip2 stream CRC');
    if (stream.eof()) return;
    // Another stream may follow; anything else is trailing garbage, ignored like bzip2(1) does.
    if (!ensure(3) || inBuf[inPos] !== 0x42 || inBuf[inPos + 1] !== 0x5a || inBuf[inPos + 2] !== 0x68) return;
    guard(() => bz._start_bunzip(stream, stream));
  }
}
