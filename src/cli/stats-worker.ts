import { parentPort, workerData } from 'node:worker_threads';
import { closeSync, openSync, readSync } from 'node:fs';
import type { LogFormat } from '../decoders/line';
import { FORMATS } from '../formats';
import { Session } from '../session';
import { eventFilter, type FilterOptions } from './filters';
import { Stats } from './stats';

/** One worker of `ecelog stats`: the events of one byte range of a plain file, aggregated. */
export interface StatsTask {
  file: string;
  start: number;
  end: number; // exclusive; both at line starts
  log: string;
  filter: FilterOptions;
}

/**
 * Read with synchronous reads in this thread, in 1 MiB chunks: the thread has nothing else to
 * do, and async reads would hand each chunk through libuv's thread pool, whose threads then
 * compete with the other workers for the cores.
 */
const CHUNK = 1 << 20;

async function run(task: StatsTask): Promise<Stats> {
  const format = (FORMATS as Partial<Record<string, LogFormat>>)[task.log]!;
  const keep = eventFilter(task.filter);
  const stats = new Stats();
  const session = new Session({ log: format, startOffset: task.start });
  const drain = () => {
    for (let batch = session.read(); batch !== null; batch = session.read())
      for (const ev of batch) if (keep === null || keep(ev)) stats.add(ev);
  };
  const fd = openSync(task.file, 'r');
  try {
    for (let pos = task.start; pos < task.end; ) {
      // A new buffer per chunk: the session may keep a view of the last one's partial line.
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, task.end - pos));
      const got = readSync(fd, chunk, 0, chunk.length, pos);
      if (got === 0) break;
      pos += got;
      session.write(chunk.subarray(0, got));
      drain();
    }
  } finally {
    closeSync(fd);
  }
  session.end();
  drain();
  return stats;
}

if (parentPort !== null) {
  run(workerData as StatsTask).then(
    (stats) => parentPort!.postMessage({ stats }),
    (e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) }),
  );
}
