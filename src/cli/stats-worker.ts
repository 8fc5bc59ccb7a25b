import { parentPort, workerData } from 'node:worker_threads';
import { createReadStream } from 'node:fs';
import type { LogFormat } from '../decoders/line';
import { FORMATS } from '../formats';
import { parseStreamBatches } from '../stream';
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

async function run(task: StatsTask): Promise<Stats> {
  const format = (FORMATS as Partial<Record<string, LogFormat>>)[task.log]!;
  const keep = eventFilter(task.filter);
  const stats = new Stats();
  if (task.end > task.start) {
    const input = createReadStream(task.file, { start: task.start, end: task.end - 1, highWaterMark: 1 << 16 });
    for await (const batch of parseStreamBatches(input, { log: format, startOffset: task.start })) {
      for (const ev of batch) if (keep === null || keep(ev)) stats.add(ev);
    }
  }
  return stats;
}

if (parentPort !== null) {
  run(workerData as StatsTask).then(
    (stats) => parentPort!.postMessage({ stats }),
    (e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) }),
  );
}
