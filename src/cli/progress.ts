import { fstatSync } from 'node:fs';
import { plainFileSize } from '../io/compression';

/** A stream as far as Progress needs it (process.stderr and process.stdout in the CLI). */
export interface ProgressStream {
  isTTY?: boolean;
  fd?: number;
  write(text: string): unknown;
}

/** Whether two streams are the same terminal device (stdout and stderr both on the user's terminal). */
export function sameTerminal(a: ProgressStream, b: ProgressStream): boolean {
  if (a.fd === undefined || b.fd === undefined) return true; // unknown: assume the worst
  try {
    const [x, y] = [fstatSync(a.fd), fstatSync(b.fd)];
    return x.rdev === y.rdev && x.dev === y.dev && x.ino === y.ino;
  } catch {
    return true;
  }
}

/**
 * Whether a bar may be drawn on `err`: only on a terminal, and only when `out` (where the output
 * goes) is not that same terminal, whose lines would be glued onto the bar.
 */
export function showsProgress(err: ProgressStream, out: ProgressStream): boolean {
  return err.isTTY === true && !(out.isTTY === true && sameTerminal(err, out));
}

/** The process events a bar listens to (the process in the CLI; injected in tests). */
export interface ProgressProcess {
  on(event: 'exit' | 'SIGINT', fn: () => void): unknown;
  off(event: 'exit' | 'SIGINT', fn: () => void): unknown;
  listenerCount(event: 'SIGINT'): number;
  kill(pid: number, signal: 'SIGINT'): unknown;
  pid: number;
}

/**
 * A progress bar on stderr for long runs: only when stderr is a terminal that stdout is not (see
 * showsProgress) and the size is known (a plain file: the events' byte offsets against its size;
 * not for compressed input or stdin). Redrawn at most every 200 ms, erased at the end, on exit
 * and on Ctrl-C (SIGINT: then the process is interrupted as it would have been without a bar).
 */
export class Progress {
  private last = 0;
  private shown = false;
  private readonly size: number;
  private readonly onExit = () => this.clear();
  private readonly onSigint = () => {
    this.end();
    // Without another listener Node would have ended the process: it still does.
    if (this.proc.listenerCount('SIGINT') === 0) this.proc.kill(this.proc.pid, 'SIGINT');
  };

  constructor(
    file: string,
    private readonly stream: ProgressStream = process.stderr,
    out: ProgressStream = process.stdout,
    private readonly proc: ProgressProcess = process,
    /** Files smaller than this are over before a bar helps. */
    private readonly minSize = 16 << 20,
  ) {
    this.size = file === '-' || !showsProgress(stream, out) ? 0 : plainFileSize(file);
  }

  /** Called with a byte offset reached; cheap when there is nothing to draw. */
  update(offset: number): void {
    if (this.size === 0 || this.size < this.minSize) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const f = Math.min(1, offset / this.size);
    const width = 30;
    const done = Math.round(f * width);
    if (!this.shown) {
      this.proc.on('exit', this.onExit);
      this.proc.on('SIGINT', this.onSigint);
    }
    this.shown = true;
    this.stream.write(
      `\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${(f * 100).toFixed(0).padStart(3)}% ${(offset / 1e6).toFixed(0)}/${(this.size / 1e6).toFixed(0)} MB`,
    );
  }

  /** Erases the bar (if drawn) and stops listening for exit and SIGINT. */
  end(): void {
    this.clear();
    this.proc.off('exit', this.onExit);
    this.proc.off('SIGINT', this.onSigint);
  }

  private clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
