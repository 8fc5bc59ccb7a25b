import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Backend } from '../core/backend';
import type { EcelogEvent } from '../decoders/index';
import type { LogFormat } from '../decoders/log-format';
import { plainFileSize } from '../io/compression';
import { Session } from '../session/session';
import type { FilterOptions } from './filters';
import { LineTally } from './detect-input';
import { Stats } from './stats';

/**
 * Files at least this large are split over every core (smaller ones are over sooner alone). The
 * environment variable ECELOG_PARALLEL_MIN_BYTES sets another size (tests split small files).
 */
export const PARALLEL_MIN_BYTES = 64 << 20;

function parallelMinBytes(): number {
  const text = process.env.ECELOG_PARALLEL_MIN_BYTES;
  const n = Number(text);
  return text === undefined || text.trim() === '' || !Number.isSafeInteger(n) || n < 0 ? PARALLEL_MIN_BYTES : n;
}
/** The kinds whose lines are independent (no multi-line entries): a file of them can be split at any line. */
const SPLITTABLE = new Set([
  'mainlog',
  'bouncelog',
  'bouncelog_cl',
  'fbllog',
  'importlog',
  'adaptive',
  'httplog',
  'rejectlog',
  'policylog',
]);

/** Whether `ecelog stats` should split this file over worker threads. */
export function canSplit(file: string, log: string, threads: number): boolean {
  if (threads < 2 || file === '-' || !SPLITTABLE.has(log)) return false;
  // compressed data cannot be entered mid-stream: its plain size is 0
  const size = plainFileSize(file);
  return size > 0 && size >= parallelMinBytes();
}

/** One worker of `ecelog stats`: the events of one byte range of a plain file, aggregated. */
export interface StatsTask {
  file: string;
  start: number;
  end: number; // exclusive; both at line starts
  log: string;
  filter: FilterOptions;
  /** Whether to post progress messages ({ read }) while reading. */
  progress?: boolean;
}

/** Whether a file is read with addFileRange: a regular file, not compressed, not empty. */
export function isPlainFile(file: string): boolean {
  try {
    return statSync(file).isFile() && plainFileSize(file) > 0;
  } catch {
    return false; // the caller's usual reader reports why
  }
}

/**
 * Reads with synchronous reads in the calling thread, in 1 MiB chunks: a worker has nothing else to
 * do, and async reads would hand each chunk through libuv's thread pool, whose threads then compete
 * with the other workers for the cores; on the main thread they leave it idle between reads.
 */
const CHUNK = 1 << 20;

export interface RangeOptions {
  log: LogFormat;
  strict?: boolean;
  backend?: Backend;
  /** The events counted (all when null). */
  keep: ((ev: EcelogEvent) => boolean) | null;
  /** Told the file position after each read. */
  onRead?: (pos: number) => void;
  /** Counts the events read, before `keep`. */
  tally?: LineTally;
}

/**
 * Adds to `stats` the events of the bytes [start, end) of a plain file (start at a line start; end
 * at one, or Infinity: to the end of the file, whose last line may have no newline).
 */
export function addFileRange(stats: { add(ev: EcelogEvent): void }, file: string, start: number, end: number, o: RangeOptions): void {
  const { keep, tally } = o;
  const session = new Session({ log: o.log, strict: o.strict, backend: o.backend, startOffset: start });
  const drain = () => {
    for (let batch = session.read(); batch !== null; batch = session.read()) {
      tally?.add(batch);
      for (const ev of batch) if (keep === null || keep(ev)) stats.add(ev);
    }
  };
  // One buffer: each read is cut after its last newline and the unterminated rest moved to the
  // front for the next read, so the session gets whole lines and never has to join a line across
  // chunks (Buffer.concat of a 1 MiB chunk per read let the workers' external memory pile up
  // between collections: +152 MiB of peak RSS for a 1 GiB file).
  const buf = Buffer.allocUnsafe(CHUNK);
  const fd = openSync(file, 'r');
  try {
    let carry = 0; // buf[0, carry): the start of a line the last read did not finish
    for (let pos = start; pos < end;) {
      const got = readSync(fd, buf, carry, Math.min(CHUNK - carry, end - pos), pos);
      if (got === 0) break;
      pos += got;
      o.onRead?.(pos);
      const filled = carry + got;
      const cut = pos < end ? buf.lastIndexOf(10, filled - 1) + 1 : filled;
      if (cut === 0) {
        // A line longer than the buffer: the session keeps (and bounds) its part, so it gets a copy.
        session.write(Buffer.from(buf.subarray(0, filled)));
        drain();
        carry = 0;
      } else {
        session.write(buf.subarray(0, cut));
        drain();
        buf.copyWithin(0, cut, filled);
        carry = filled - cut;
      }
    }
    // The file ended sooner, or without a newline: its last line.
    if (carry > 0) session.write(buf.subarray(0, carry));
    session.end();
    drain();
  } finally {
    closeSync(fd);
  }
}

/** The byte offsets that cut a file into `n` ranges at line starts. */
function cuts(file: string, n: number): number[] {
  const size = statSync(file).size;
  const points = [0];
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    for (let i = 1; i < n; i++) {
      let pos = Math.max(points[points.length - 1]!, Math.floor((size * i) / n));
      for (;;) {
        const got = readSync(fd, buf, 0, buf.length, pos);
        if (got === 0) {
          pos = size;
          break;
        }
        const nl = buf.subarray(0, got).indexOf(10);
        if (nl >= 0) {
          pos += nl + 1;
          break;
        }
        pos += got;
      }
      points.push(pos);
    }
  } finally {
    closeSync(fd);
  }
  points.push(size);
  return points;
}

/** What a worker posts back: its range's Stats and the tally of the events it read, or an error. */
export interface StatsResult {
  /** A progress message (before the result): the bytes of its range read so far. */
  read?: number;
  stats?: Stats;
  tally?: LineTally;
  error?: string;
}

/**
 * The Stats of a plain file, its line ranges aggregated on `threads` worker threads and merged;
 * the events the workers read (before the filter) are added to `tally`; `onProgress` is told the
 * bytes read so far by all the workers together (a progress bar).
 */
export async function parallelStats(
  file: string,
  log: string,
  filter: FilterOptions,
  threads = availableParallelism(),
  tally = new LineTally(),
  onProgress?: (bytes: number) => void,
): Promise<Stats> {
  const points = cuts(file, threads);
  const read = points.slice(0, -1).map(() => 0);
  const parts = await Promise.all(
    points.slice(0, -1).map(
      (start, i) =>
        new Promise<Required<Omit<StatsResult, 'error' | 'read'>>>((resolve, reject) => {
          const task: StatsTask = { file, start, end: points[i + 1]!, log, filter };
          const worker = new Worker(join(__dirname, 'stats-worker.js'), { workerData: { ...task, progress: onProgress !== undefined } });
          worker.on('message', (m: StatsResult) => {
            if (m.read !== undefined) {
              read[i] = m.read;
              onProgress?.(read.reduce((a, b) => a + b, 0));
            } else if (m.error !== undefined) reject(new Error(m.error));
            else resolve({ stats: m.stats!, tally: m.tally! });
          });
          worker.once('error', reject);
        }),
    ),
  );
  // In file order, so the kind the tally names is that of the file's first event.
  const total = new Stats();
  for (const p of parts) {
    total.merge(Stats.revive(p.stats));
    tally.merge(p.tally);
  }
  return total;
}
