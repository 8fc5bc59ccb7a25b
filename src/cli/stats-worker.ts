import { parentPort, workerData } from 'node:worker_threads';
import { formatOf } from '../decoders/index';
import { eventFilter } from './filters';
import { LineTally } from './detect-input';
import { addFileRange, type StatsResult, type StatsTask } from './parallel-stats';
import { Stats } from './stats';

/**
 * A worker of `ecelog stats`: the Stats of one byte range of a plain file (a StatsTask) and the
 * tally of the events it read, posted back.
 */
function run(task: StatsTask): StatsResult {
  const stats = new Stats();
  const tally = new LineTally();
  const onRead =
    task.progress === true ? (pos: number) => parentPort?.postMessage({ read: pos - task.start } satisfies StatsResult) : undefined;
  addFileRange(stats, task.file, task.start, task.end, { log: formatOf(task.log)!, keep: eventFilter(task.filter), tally, onRead });
  return { stats, tally };
}

if (parentPort !== null) {
  try {
    parentPort.postMessage(run(workerData as StatsTask));
  } catch (e) {
    parentPort.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies StatsResult);
  }
}
