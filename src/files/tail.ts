import { orNull } from '../io/missing';
import { open, type FileHandle } from 'node:fs/promises';
import type { EventsByLog } from '../decoders/index';
import type { LogKind } from '../decoders/event';
import { DEFAULT_MAX_LINE_LENGTH } from '../decoders/log-format';
import { Session, type ParseOptions } from '../session/session';
import type { CheckpointFile, Position } from './checkpoint';
import { contentChunks, DEFAULT_CHUNK_SIZE, readHead, sniffCompression, type Compression } from '../io/compression';
import { fingerprint, HeadCollector, lineId } from '../io/fingerprint';
import type { FollowEvent, FollowFields, GapEvent, TruncatedEvent } from './follow-events';

/** An open file and its identity. The handle stays valid when the file is renamed or unlinked. */
export interface OpenedFile {
  /** The path it was opened under. */
  path: string;
  handle: FileHandle;
  dev: bigint;
  ino: bigint;
  compression: Compression;
}

/** Opens a file for following; null when it does not exist. */
export async function openFile(path: string): Promise<OpenedFile | null> {
  const handle = await orNull(open(path, 'r'));
  if (handle === null) return null;
  try {
    const st = await handle.stat({ bigint: true });
    return { path, handle, dev: st.dev, ino: st.ino, compression: await sniffCompression(handle) };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** Where reading starts in a file: a content offset at a line start, the lines before it, the fingerprint if known. */
export interface StartAt {
  offset: number;
  line: number;
  fingerprint: string | null;
  /** Content bytes known to exist (read before a restart): a file found shorter gives a `gap` event at its end. */
  known?: number;
}

/** The end of the last complete line of a plain file, and the lines before it (for `from: 'end'`). */
export async function lastLineEnd(handle: FileHandle, chunkSize: number): Promise<{ offset: number; line: number }> {
  const size = Number((await handle.stat()).size);
  const buf = Buffer.allocUnsafe(chunkSize);
  let pos = 0;
  let offset = 0;
  let line = 0;
  while (pos < size) {
    const { bytesRead } = await handle.read(buf, 0, Math.min(chunkSize, size - pos), pos);
    if (bytesRead === 0) break;
    for (let nl = buf.indexOf(10); nl >= 0 && nl < bytesRead; nl = buf.indexOf(10, nl + 1)) {
      line++;
      offset = pos + nl + 1;
    }
    pos += bytesRead;
  }
  return { offset, line };
}

/** Bytes read at a time from a plain file (unless chunkSize says): catching up reads large pieces. */
const PLAIN_READ = 1 << 20;
/** Bytes of complete lines decoded at a time. */
const FEED_BYTES = 1 << 16;

export interface TailOptions<L extends LogKind> extends ParseOptions<L> {
  chunkSize?: number;
}

/**
 * One file being followed: reads its content from a line start on, hands the Session complete
 * lines only (a partial last line is held until its newline arrives), so that every batch ends
 * at a line boundary that a checkpoint can point to. Events get their absolute `offset` and
 * `line` in the file, `file` and `id`. An overlong partial line (over maxLineLength) is handed
 * on as it comes (the Session skips it with bounded memory); no batch ends inside it.
 */
export class FileTail<L extends LogKind> {
  fingerprint: string | null;
  private session!: Session;
  private fed = 0; // content offset after the bytes given to the session
  private boundary = 0; // content offset after the last newline given to the session
  private ready: FollowEvent<L>[] = []; // decoded, not given out yet (from readyAt on)
  private readyAt = 0;
  private readPos = 0; // content offset of the next byte to read
  private pending: Buffer = Buffer.alloc(0); // read, not yet given to the session (starts at `fed`)
  private chunks: AsyncGenerator<Buffer> | null = null; // compressed content
  private readonly head = new HeadCollector();
  private ring: Buffer[] | null = null; // a plain file's read buffers
  private turn = 0;
  private ended = false; // compressed content is over (a compressed file does not grow)
  private length = -1; // the compressed content's whole length, once it is over
  private readonly known: number;
  /** The last read of a plain file found nothing more. */
  atEnd = false;
  private readonly maxLine: number;
  private readonly chunkSize: number;
  private readonly kind: LogKind;

  constructor(
    readonly file: OpenedFile,
    private readonly opts: TailOptions<L>,
    kind: LogKind,
    start: StartAt,
  ) {
    this.maxLine = opts.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
    this.chunkSize = opts.chunkSize ?? (file.compression === null ? PLAIN_READ : DEFAULT_CHUNK_SIZE);
    this.kind = kind;
    this.fingerprint = start.fingerprint;
    this.known = start.known ?? 0;
    this.restartAt(start.offset, start.line);
    if (file.compression !== null) {
      this.chunks = contentChunks(file.handle, file.compression, file.path, {
        chunkSize: this.chunkSize,
        skip: start.offset,
        onHead: this.head.add,
        onEnd: (length) => (this.length = length),
      });
    }
  }

  get compressed(): boolean {
    return this.file.compression !== null;
  }

  private restartAt(offset: number, line: number): void {
    this.session = new Session({ ...this.opts, startOffset: offset, startLine: line });
    this.fed = this.boundary = this.readPos = offset;
    this.pending = Buffer.alloc(0);
    this.ready = [];
    this.readyAt = 0;
  }

  /** The next events, at most `max`, from complete lines; [] when there are none now (at the end of what is written). */
  async next(max: number): Promise<FollowEvent<L>[]> {
    const out: FollowEvent<L>[] = [];
    for (;;) {
      this.take(out, max);
      if (out.length >= max) return out;
      if (this.pending.length > 0) {
        // Complete lines are decoded some 64 KiB at a time (what the batch has no room for waits,
        // decoded): few enough events wait that they die young, as a batch's do.
        let cut = this.pending.length > FEED_BYTES ? this.pending.lastIndexOf(10, FEED_BYTES - 1) + 1 : 0;
        if (cut === 0) cut = this.pending.length > FEED_BYTES ? this.pending.indexOf(10) + 1 : this.pending.lastIndexOf(10) + 1;
        if (cut > 0) {
          await this.feed(this.pending.subarray(0, cut), true);
          this.pending = this.pending.subarray(cut);
          continue;
        }
        if (this.pending.length > this.maxLine + 1) {
          // Overlong: the session skips it (given a copy: it may keep the bytes until the next
          // write, and the read buffers are reused).
          await this.feed(Buffer.from(this.pending), false);
          this.pending = Buffer.alloc(0);
          continue;
        }
      }
      const chunk = await this.read();
      if (chunk === null) return out;
      if (this.pending.length === 0) {
        this.pending = chunk;
        continue;
      }
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.pending = Buffer.concat([this.pending, chunk]);
        continue;
      }
      // The partial line gets its end: that one line is joined and fed (a copy of the line, not of
      // the chunk); the rest of the chunk is read in place.
      const line = Buffer.concat([this.pending, chunk.subarray(0, nl + 1)]);
      this.pending = chunk.subarray(nl + 1);
      await this.feed(line, true);
    }
  }

  /** Moves decoded events to `out`, up to `max` in all. */
  private take(out: FollowEvent<L>[], max: number): void {
    const ready = this.ready;
    let i = this.readyAt;
    while (i < ready.length && out.length < max) out.push(ready[i++]!);
    if (i < ready.length) this.readyAt = i;
    else if (ready.length > 0) {
      this.ready = [];
      this.readyAt = 0;
    }
  }

  /** The file is over: its last line, even without newline, and what the decoder still holds. */
  async finish(): Promise<FollowEvent<L>[]> {
    const out: FollowEvent<L>[] = [];
    for (;;) {
      const batch = await this.next(Number.MAX_SAFE_INTEGER);
      out.push(...batch);
      if (batch.length === 0) break;
    }
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    if (rest.length > 0) this.session.write(rest);
    this.fed += rest.length;
    this.boundary = this.fed;
    this.session.end();
    await this.drain(out, true);
    const gap = await this.gap();
    if (gap) out.push(gap);
    return out;
  }

  /** The file is over and holds less than was known to exist: the `gap` event. */
  private async gap(): Promise<GapEvent | null> {
    const length = this.compressed ? this.length : Number((await this.file.handle.stat()).size);
    if (length < 0 || length >= this.known) return null;
    return {
      type: 'gap',
      record: null,
      log: this.kind,
      line: this.session.line,
      offset: length,
      size: this.known,
      bytes: this.known - length,
      id: `${this.fingerprint ?? `inode-${this.file.dev}-${this.file.ino}`}:gap:${length}`,
      file: this.file.path,
    };
  }

  private async read(): Promise<Buffer | null> {
    if (this.chunks !== null) {
      if (this.ended) return null;
      const r = await this.chunks.next();
      if (r.done) {
        this.ended = true;
        return null;
      }
      this.readPos += r.value.length;
      return r.value;
    }
    // Two buffers, taken in turns: what is kept of a read (the pending partial line) is joined into
    // a copy before the next read but one, and the session keeps nothing of a buffer after a drain.
    this.ring ??= [Buffer.allocUnsafe(this.chunkSize), Buffer.allocUnsafe(this.chunkSize)];
    const buf = this.ring[this.turn & 1]!;
    const { bytesRead } = await this.file.handle.read(buf, 0, this.chunkSize, this.readPos);
    this.atEnd = bytesRead === 0;
    if (bytesRead === 0) return null; // the buffer holds nothing: the next read may take it again
    this.turn++;
    this.readPos += bytesRead;
    return bytesRead === this.chunkSize ? buf : buf.subarray(0, bytesRead);
  }

  /** Gives the session bytes (`complete`: they end with a newline) and decodes what it can. */
  private async feed(bytes: Buffer, complete: boolean): Promise<void> {
    this.session.write(bytes);
    this.fed += bytes.length;
    if (complete) this.boundary = this.fed;
    await this.drain(this.ready, false);
  }

  private async drain(out: FollowEvent<L>[], final: boolean): Promise<void> {
    for (let batch = this.session.read(); batch !== null; batch = this.session.read()) {
      const fp = this.fingerprint ?? (await this.identify(final));
      for (let i = 0; i < batch.length; i++) {
        const ev = batch[i] as EventsByLog[L] & FollowFields; // the session's events are L's
        ev.file = this.file.path;
        ev.id = lineId(fp, ev.offset);
        out.push(ev);
      }
    }
  }

  /** The fingerprint, once the first line is complete (always so when a line is decoded). */
  private async identify(final: boolean): Promise<string> {
    const head = this.compressed ? this.head.head : await readHead(this.file.handle);
    this.fingerprint = fingerprint(head, final || this.compressed);
    // Not reachable in practice (a line was decoded, so the first line is complete); an
    // identity of the inode keeps ids unique if the file was rewritten under us meanwhile.
    return this.fingerprint ?? `inode-${this.file.dev}-${this.file.ino}`;
  }

  /** The identity a checkpoint keeps of this file. */
  identity(): CheckpointFile {
    return {
      path: this.file.path,
      dev: String(this.file.dev),
      ino: String(this.file.ino),
      fingerprint: this.fingerprint,
      compressed: this.compressed,
      size: this.readPos,
    };
  }

  /**
   * The position a checkpoint written now holds: everything before the last complete line given
   * out — or, when the decoder still holds a multi-line entry (paniclog), everything before that entry.
   */
  position(): Position {
    // Decoded events not given out yet: the position is the start of the first one's line.
    const first = this.readyAt < this.ready.length ? this.ready[this.readyAt]! : null;
    if (first !== null) return { file: this.identity(), offset: first.offset, line: first.line - 1 };
    const held = this.session.held();
    return {
      file: this.identity(),
      offset: held === null ? this.boundary : held.offset,
      line: held === null ? this.session.line : held.line - 1,
    };
  }

  /**
   * A plain file that shrank below what was read, or whose first line changed (rewritten in
   * place): the `truncated` event, after which reading starts over at 0. Null when neither.
   */
  async truncation(): Promise<TruncatedEvent | null> {
    if (this.compressed) return null;
    const size = Number((await this.file.handle.stat()).size);
    let cut = size < this.readPos;
    if (!cut && this.fingerprint !== null && this.readPos > 0) {
      cut = fingerprint(await readHead(this.file.handle), false) !== this.fingerprint;
    }
    if (!cut) return null;
    const ev: TruncatedEvent = {
      type: 'truncated',
      record: null,
      log: this.kind,
      line: this.session.line,
      offset: this.boundary,
      size,
      id: `${this.fingerprint ?? `inode-${this.file.dev}-${this.file.ino}`}:truncated`,
      file: this.file.path,
    };
    this.fingerprint = null;
    this.atEnd = false;
    this.restartAt(0, 0);
    return ev;
  }

  async close(): Promise<void> {
    if (this.chunks !== null) await this.chunks.return(undefined);
    await this.file.handle.close();
  }
}
