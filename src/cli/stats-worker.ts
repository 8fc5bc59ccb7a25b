import { parentPort, workerData } from 'node:worker_threads';
import { formatOf } from '../decoders/index';
import { eventFilter } from './filters';
import { addFileRange, type StatsTask } from './parallel-stats';
import { Stats } from './stats';

/** A worker of `ecelog stats`: the Stats of one byte range of a plain file (a StatsTask), posted back. */
function run(task: StatsTask): Stats {
  const stats = new Stats();
  addFileRange(stats, task.file, task.start, task.end, { log: formatOf(task.log)!, keep: eventFilter(task.filter) });
  return stats;
}

if (parentPort !== null) {
  try {
    parentPort.postMessage({ stats: run(workerData as StatsTask) });
  } catch (e) {
    parentPort.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
}
