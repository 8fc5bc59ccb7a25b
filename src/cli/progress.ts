import { plainFileSize } from '../io/compression';

/**
 * A progress bar on stderr for long runs: only when stderr is a terminal and the size is known
 * (a plain file: the events' byte offsets against its size; not for compressed input or stdin).
 * Redrawn at most every 200 ms, erased at the end.
 */
export class Progress {
  private last = 0;
  private shown = false;
  private readonly size: number;

  constructor(
    file: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.size = !stream.isTTY || file === '-' ? 0 : plainFileSize(file);
  }

  /** Called with a byte offset reached; cheap when there is nothing to draw. */
  update(offset: number): void {
    if (this.size < 16 << 20) return; // small files are over before a bar helps
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const f = Math.min(1, offset / this.size);
    const width = 30;
    const done = Math.round(f * width);
    this.stream.write(
      `\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${(f * 100).toFixed(0).padStart(3)}% ${(offset / 1e6).toFixed(0)}/${(this.size / 1e6).toFixed(0)} MB`,
    );
    this.shown = true;
  }

  end(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
