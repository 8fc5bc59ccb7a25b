import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { plainFileSize } from '../io/compression';
import type { FilterOptions } from './filters';
import { Stats } from './stats';
import type { StatsTask } from './stats-worker';

/** Files at least this large are split over every core (smaller ones are over sooner alone). */
export const PARALLEL_MIN_BYTES = 64 << 20;
/** The kinds whose lines are independent (no multi-line entries): a file of them can be split at any line. */
const SPLITTABLE = new Set(['mainlog', 'bouncelog', 'bouncelog_cl', 'fbllog', 'importlog', 'adaptive', 'httplog', 'rejectlog']);

/** Whether `ecelog stats` should split this file over worker threads. */
export function canSplit(file: string, log: string, threads: number): boolean {
  if (threads < 2 || file === '-' || !SPLITTABLE.has(log)) return false;
  // compressed data cannot be entered mid-stream: its plain size is 0
  return plainFileSize(file) >= PARALLEL_MIN_BYTES;
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

/** The Stats of a plain file, its line ranges aggregated on `threads` worker threads and merged. */
export async function parallelStats(file: string, log: string, filter: FilterOptions, threads = availableParallelism()): Promise<Stats> {
  const points = cuts(file, threads);
  const parts = await Promise.all(
    points.slice(0, -1).map(
      (start, i) =>
        new Promise<Stats>((resolve, reject) => {
          const task: StatsTask = { file, start, end: points[i + 1]!, log, filter };
          const worker = new Worker(join(__dirname, 'stats-worker.js'), { workerData: task });
          worker.once('message', (m: { stats?: object; error?: string }) =>
            m.error !== undefined ? reject(new Error(m.error)) : resolve(Stats.revive(m.stats!)),
          );
          worker.once('error', reject);
        }),
    ),
  );
  const total = new Stats();
  for (const p of parts) total.merge(p);
  return total;
}
