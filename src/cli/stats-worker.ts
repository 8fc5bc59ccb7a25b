import { parentPort, workerData } from 'node:worker_threads';
import { formatOf } from '../decoders/index';
import { eventFilter, type FilterOptions } from './filters';
import { addFileRange } from './parallel-stats';
import { Stats } from './stats';

/** One worker of `ecelog stats`: the events of one byte range of a plain file, aggregated. */
export interface StatsTask {
  file: string;
  start: number;
  end: number; // exclusive; both at line starts
  log: string;
  filter: FilterOptions;
}

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
