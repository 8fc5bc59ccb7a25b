import type { EcelogEvent, EventsByLog } from '../decoders/index';
import type { LogKind } from '../decoders/event';
import type { LogFormat } from '../decoders/log-format';
import { DETECT_HEAD_BYTES, detectLog, type DetectResult } from './detect';
import { FORMATS } from '../decoders/index';
import { Session, type ParseOptions } from './session';
import { fileChunks } from '../io/compression';

/** Bytes read at a time from a file by parseFile (see FileOptions.chunkSize). */
const FILE_CHUNK_SIZE = 1 << 20;

/**
 * Batches of events (arrays of at most 512) of a stream of bytes cut anywhere: the fastest way
 * to consume a stream, one await per batch instead of one per event.
 */
export async function* parseStreamBatches<L extends LogKind>(
  input: AsyncIterable<Uint8Array | string>,
  options: ParseOptions<L>,
): AsyncGenerator<Array<EventsByLog[L]>> {
  const session = new Session(options);
  for await (const chunk of input) {
    session.write(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- needed: see parse.ts
    for (let batch = session.read(); batch !== null; batch = session.read()) yield batch as Array<EventsByLog[L]>;
  }
  session.end();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- needed: see parse.ts
  for (let batch = session.read(); batch !== null; batch = session.read()) yield batch as Array<EventsByLog[L]>;
}

/**
 * Serves the events of a batch iterator one by one. Hand-written rather than an async generator:
 * an event already decoded is handed out as a resolved promise, without a generator's suspend
 * and resume per event.
 */
class EventIterator<E> implements AsyncGenerator<E, undefined> {
  private batch: E[] = [];
  private i = 0;

  constructor(private readonly batches: AsyncGenerator<E[]>) {}

  next(): Promise<IteratorResult<E, undefined>> {
    if (this.i < this.batch.length) return Promise.resolve({ value: this.batch[this.i++]!, done: false });
    return this.fill();
  }

  private async fill(): Promise<IteratorResult<E, undefined>> {
    for (;;) {
      const r = await this.batches.next();
      if (r.done) return { value: undefined, done: true };
      if (r.value.length === 0) continue;
      this.batch = r.value;
      this.i = 1;
      return { value: r.value[0]!, done: false };
    }
  }

  async return(): Promise<IteratorResult<E, undefined>> {
    this.batch = [];
    await this.batches.return(undefined);
    return { value: undefined, done: true };
  }

  async throw(e: unknown): Promise<IteratorResult<E, undefined>> {
    this.batch = [];
    await this.batches.throw(e);
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }
}

/** Events of a stream of bytes (chunks may be cut anywhere), as an async iterable. */
export function parseStream<L extends LogKind>(
  input: AsyncIterable<Uint8Array | string>,
  options: ParseOptions<L>,
): AsyncGenerator<EventsByLog[L], undefined> {
  return new EventIterator(parseStreamBatches(input, options));
}

export interface FileOptions<L extends LogKind> extends Omit<ParseOptions<L>, 'log'> {
  /**
   * Which log the file is: a kind, a LogFormat, or `'auto'` (the default): detected from the
   * first lines of its (decompressed) content, the file name only a hint (see detectLog).
   */
  log?: L | LogFormat<L> | 'auto';
  /**
   * Bytes read at a time (default 1 MiB: a plain file is read into three reused buffers of this
   * size, so memory stays bounded; see docs/performance.md).
   */
  chunkSize?: number;
  /** With `log: 'auto'`: told which kind was chosen, and why (before the first event). */
  onDetect?: (result: DetectResult) => void;
}

/**
 * Events of a file, read in chunks with bounded memory, as an async iterable. A file compressed
 * with bzip2 or gzip is decompressed as a stream; the compression is told by the first bytes
 * (`BZh`, `1f 8b`), never by the name. Offsets are offsets in the decompressed content.
 * Without `log` (or with `'auto'`) the kind is detected; a file no kind fits throws a DetectError.
 */
export function parseFile<L extends LogKind>(
  path: string,
  options: FileOptions<L> & { log: L | LogFormat<L> },
): AsyncGenerator<EventsByLog[L], undefined>;
export function parseFile(path: string, options?: FileOptions<LogKind>): AsyncGenerator<EcelogEvent, undefined>;
export function parseFile(path: string, options: FileOptions<LogKind> = {}): AsyncGenerator<EcelogEvent, undefined> {
  return new EventIterator(parseFileBatches(path, options));
}

/** Batches of events (arrays of at most 512) of a file: parseFile with one await per batch. */
export function parseFileBatches<L extends LogKind>(
  path: string,
  options: FileOptions<L> & { log: L | LogFormat<L> },
): AsyncGenerator<Array<EventsByLog[L]>>;
export function parseFileBatches(path: string, options?: FileOptions<LogKind>): AsyncGenerator<EcelogEvent[]>;
export function parseFileBatches(path: string, options: FileOptions<LogKind> = {}): AsyncGenerator<EcelogEvent[]> {
  // The session is done with each piece before the one after next is read: the reader reuses buffers.
  const chunks = fileChunks(path, { chunkSize: options.chunkSize ?? FILE_CHUNK_SIZE, reuse: true });
  const log = options.log ?? 'auto';
  if (log !== 'auto') return parseStreamBatches(chunks, { ...options, log });
  return parseDetected(path, chunks, options);
}

/**
 * Reads the first 64 KiB of content, detects the kind, then parses everything (the head included).
 * `name` is the file name hint (and the name errors give); the pieces are copied as they are held,
 * so a reader may reuse its buffers.
 */
export async function* parseDetected(
  name: string,
  chunks: AsyncIterable<Uint8Array>,
  options: Omit<FileOptions<LogKind>, 'log'>,
): AsyncGenerator<EcelogEvent[]> {
  const it = chunks[Symbol.asyncIterator]();
  try {
    const head: Buffer[] = [];
    let size = 0;
    let eof = false;
    while (size < DETECT_HEAD_BYTES) {
      const r = await it.next();
      if (r.done) {
        eof = true;
        break;
      }
      head.push(Buffer.from(r.value)); // the reader reuses its buffers
      size += r.value.length;
    }
    if (eof && size === 0) return; // an empty file (just rotated?): no lines, nothing to detect
    const detected = detectLog(Buffer.concat(head), Object.values(FORMATS), { fileName: name, eof });
    options.onDetect?.(detected);
    async function* all(): AsyncGenerator<Uint8Array> {
      yield* head;
      if (!eof) for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    }
    yield* parseStreamBatches(all(), { ...options, log: detected.format });
  } finally {
    // Stopped early (or failed): close the file.
    await it.return?.(undefined);
  }
}
