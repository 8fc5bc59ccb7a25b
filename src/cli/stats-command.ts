import { CUSTOM_HELP, CUSTOM_OPTIONS, customFormat } from './custom-format';
import { availableParallelism } from 'node:os';
import { backend } from '../core/backend';
import { safeText } from '../core/safe-text';
import { formatOf } from '../decoders/index';
import type { LogFormat } from '../decoders/log-format';
import { LineTally, MALFORMED_HINT_HELP, detectFileContent, warnIfMostlyMalformed } from './detect-input';
import { eventFilter } from './filters';
import { PARALLEL_MIN_BYTES, addFileRange, canSplit, isPlainFile, parallelStats } from './parallel-stats';
import { Progress } from './progress';
import { isJlogDir } from '../jlog/probe';
import { RELATIVE_ERROR } from './quantile-sketch';
import { Stats, formatStats } from './stats';
import { safeJson } from './writers';
import {
  FILTER_OPTIONS,
  INPUT_HELP,
  INPUT_OPTIONS,
  UsageError,
  eventBatches,
  filterOptions,
  formatFor,
  inputFiles,
  reportDetected,
  str,
  type Command,
} from './command';

/** `ecelog stats`: a report of counts, domains, bindings, bounce classes and queue times. */
export const command: Command = {
  usage: `Usage: ecelog stats [options] FILE...

${INPUT_HELP}
${CUSTOM_HELP}
  --json            the report as JSON
  --threads N       worker threads for plain files of ${PARALLEL_MIN_BYTES >> 20} MiB or more (default: every core;
                    1: none); the report is the same for any N
  --type, --since, --until, --where   as for parse: count only the matching events

Queue-time percentiles (p50, p90, p99) are each within ±${RELATIVE_ERROR * 100}% of the exact value (a
quantile sketch of logarithmic buckets, in bounded memory); the count and the maximum are exact.
An empty file counts as no lines.
${MALFORMED_HINT_HELP}`,
  options: { ...INPUT_OPTIONS, ...CUSTOM_OPTIONS, ...FILTER_OPTIONS, json: { type: 'boolean' }, threads: { type: 'string' } },
  async run(args, v) {
    const files = await inputFiles('stats', args, v);
    const stats = new Stats();
    const filter = filterOptions(v);
    const keep = eventFilter(filter);
    const log = (await customFormat(v)) ?? formatFor(str(v, 'log'));
    const threadsText = str(v, 'threads');
    const threads = threadsText === undefined ? availableParallelism() : Number(threadsText);
    if (!Number.isInteger(threads) || threads < 1) throw new UsageError('--threads must be a positive integer');
    const strict = v.strict === true;
    for (const file of files) {
      // A plain file is read here with synchronous reads; compressed input and stdin as a stream.
      const plain = file !== '-' && isPlainFile(file);
      // Large plain files of line-independent kinds are split over every core (not under --strict,
      // which stops at the first malformed line in file order).
      // A jlog directory is read record by record (eventBatches).
      const jlog = file !== '-' && (await isJlogDir(file));
      const split = !strict && threads >= 2 && file !== '-' && !jlog;
      const kind = split || plain ? await kindOf(file, log) : undefined;
      if (kind === null) continue; // no content (a live log just rotated): no lines to count
      const tally = new LineTally();
      if (split && kind !== undefined && canSplit(file, kind, threads)) {
        process.stderr.write(`ecelog: ${safeText(file)}: split over ${threads} worker threads\n`);
        const progress = new Progress(file);
        stats.merge(await parallelStats(file, kind, filter, threads, tally, (bytes) => progress.update(bytes)));
        progress.end();
      } else {
        const progress = new Progress(file);
        const format = kind === undefined || log !== 'auto' ? log : formatOf(kind)!;
        if (plain && format !== 'auto') {
          addFileRange(stats, file, 0, Infinity, { log: format, strict, keep, tally, onRead: (pos) => progress.update(pos) });
        } else {
          for await (const batch of eventBatches(file, format, strict)) {
            progress.update(batch[batch.length - 1]!.offset);
            tally.add(batch);
            for (const ev of batch) if (keep === null || keep(ev)) stats.add(ev);
          }
        }
        progress.end();
      }
      await warnIfMostlyMalformed(file, tally);
    }
    process.stdout.write(v.json === true ? `${safeJson(stats.report(), 2)}\n` : formatStats(stats.report(), backend));
    return 0;
  },
};

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
