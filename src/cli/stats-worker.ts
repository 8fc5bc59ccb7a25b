import { parentPort, workerData } from 'node:worker_threads';
import { closeSync, openSync, readSync } from 'node:fs';
import { formatOf } from '../decoders/index';
import { Session } from '../session/session';
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

function run(task: StatsTask): Stats {
  const format = formatOf(task.log)!;
  const keep = eventFilter(task.filter);
  const stats = new Stats();
  const session = new Session({ log: format, startOffset: task.start });
  const drain = () => {
    for (let batch = session.read(); batch !== null; batch = session.read())
      for (const ev of batch) if (keep === null || keep(ev)) stats.add(ev);
  };
  // One buffer: each read is cut after its last newline and the unterminated rest moved to the
  // front for the next read, so the session gets whole lines and never has to join a line across
  // chunks (Buffer.concat of a 1 MiB chunk per read let the workers' external memory pile up
  // between collections: +152 MiB of peak RSS for a 1 GiB file).
  const buf = Buffer.allocUnsafe(CHUNK);
  const fd = openSync(task.file, 'r');
  try {
    let carry = 0; // buf[0, carry): the start of a line the last read did not finish
    for (let pos = task.start; pos < task.end;) {
      const got = readSync(fd, buf, carry, Math.min(CHUNK - carry, task.end - pos), pos);
      if (got === 0) break;
      pos += got;
      const filled = carry + got;
      const cut = pos < task.end ? buf.lastIndexOf(10, filled - 1) + 1 : filled;
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
  } finally {
    closeSync(fd);
  }
  session.end();
  drain();
  return stats;
}

if (parentPort !== null) {
  try {
    parentPort.postMessage({ stats: run(workerData as StatsTask) });
  } catch (e) {
    parentPort.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
}
