import { CUSTOM_HELP, CUSTOM_OPTIONS, customFormat } from './custom-format';
import { availableParallelism } from 'node:os';
import { backend } from '../core/backend';
import { MALFORMED_HINT_HELP } from './detect-input';
import { eventFilter } from './filters';
import { PARALLEL_MIN_BYTES } from './parallel-stats';
import { addInputs } from './stats-input';
import { RELATIVE_ERROR } from './quantile-sketch';
import { Stats, formatStats } from './stats';
import { safeJson } from './writers';
import { FILTER_OPTIONS, INPUT_HELP, INPUT_OPTIONS, UsageError, filterOptions, formatFor, inputFiles, str, type Command } from './command';

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
    await addInputs(files, stats, { log, strict: v.strict === true, filter, keep, threads });
    process.stdout.write(v.json === true ? `${safeJson(stats.report(), 2)}\n` : formatStats(stats.report(), backend));
    return 0;
  },
};
