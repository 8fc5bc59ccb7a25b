import { safeText } from '../core/safe-text';
import type { EcelogEvent } from '../decoders/index';
import { formatOf } from '../decoders/index';
import type { LogFormat } from '../decoders/log-format';
import { isJlogDir } from '../jlog/probe';
import { eventBatches, reportDetected } from './command';
import { LineTally, detectFileContent, warnIfMostlyMalformed } from './detect-input';
import type { FilterOptions } from './filters';
import { addFileRange, canSplit, isPlainFile, parallelStats } from './parallel-stats';
import { Progress } from './progress';
import type { Stats } from './stats';

/**
 * What the inputs' events are added to: a Stats, or an aggregate built on one (the report). One
 * that can `merge` a Stats gets large plain files split over worker threads; others read on one.
 */
export interface EventSink {
  add(ev: EcelogEvent): void;
  merge?(o: Stats): void;
}

export interface InputOptions {
  log: LogFormat | 'auto';
  strict: boolean;
  filter: FilterOptions;
  /** The events counted (all when null): eventFilter(filter). */
  keep: ((ev: EcelogEvent) => boolean) | null;
  threads: number;
  /** Told each FILE before its events are added. */
  onFile?: (file: string) => void;
}

/**
 * Adds the events of every FILE (a plain file, compressed, standard input or a jlog directory) to
 * `sink`, the way `ecelog stats` reads them: with a progress bar, and a hint on stderr for a file
 * that is mostly malformed lines under the kind it was read as.
 */
export async function addInputs(files: readonly string[], sink: EventSink, o: InputOptions): Promise<void> {
  const { log, strict, keep, threads } = o;
  for (const file of files) {
    o.onFile?.(file);
    // A plain file is read here with synchronous reads; compressed input and stdin as a stream.
    const plain = file !== '-' && isPlainFile(file);
    // Large plain files of line-independent kinds are split over every core (not under --strict,
    // which stops at the first malformed line in file order).
    // A jlog directory is read record by record (eventBatches).
    const jlog = file !== '-' && (await isJlogDir(file));
    const split = sink.merge !== undefined && !strict && threads >= 2 && file !== '-' && !jlog;
    const kind = split || plain ? await kindOf(file, log) : undefined;
    if (kind === null) continue; // no content (a live log just rotated): no lines to count
    const tally = new LineTally();
    if (split && kind !== undefined && canSplit(file, kind, threads)) {
      process.stderr.write(`ecelog: ${safeText(file)}: split over ${threads} worker threads\n`);
      const progress = new Progress(file);
      sink.merge!(await parallelStats(file, kind, o.filter, threads, tally, (bytes) => progress.update(bytes)));
      progress.end();
    } else {
      const progress = new Progress(file);
      const format = kind === undefined || log !== 'auto' ? log : formatOf(kind)!;
      if (plain && format !== 'auto') {
        addFileRange(sink, file, 0, Infinity, { log: format, strict, keep, tally, onRead: (pos) => progress.update(pos) });
      } else {
        for await (const batch of eventBatches(file, format, strict)) {
          progress.update(batch[batch.length - 1]!.offset);
          tally.add(batch);
          for (const ev of batch) if (keep === null || keep(ev)) sink.add(ev);
        }
      }
      progress.end();
    }
    await warnIfMostlyMalformed(file, tally);
  }
}

/**
 * The kind of a file: --log's, or detected (and reported) from its first lines; null when it has
 * no content to detect from.
 */
async function kindOf(file: string, log: LogFormat | 'auto'): Promise<string | null> {
  if (log !== 'auto') return log.log;
  const d = await detectFileContent(file);
  if (d !== null) reportDetected(file, d);
  return d === null ? null : d.log;
}
