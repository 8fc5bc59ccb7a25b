import { backend } from '../core/backend';
import { safeText } from '../core/safe-text';
import { writeFileAtomic } from '../io/atomic';
import { CUSTOM_HELP, CUSTOM_OPTIONS, customFormat } from './custom-format';
import { MALFORMED_HINT_HELP } from './detect-input';
import { eventFilter } from './filters';
import { RELATIVE_ERROR } from './quantile-sketch';
import { BUCKETS, MAX_BUCKETS, ReportAggregate, TOP_N } from './report-data';
import { reportPage } from './report-page';
import { addInputs } from './stats-input';
import {
  FILTER_OPTIONS,
  INPUT_HELP,
  INPUT_OPTIONS,
  UsageError,
  filterOptions,
  formatFor,
  inputFiles,
  list,
  str,
  type Command,
  type Values,
} from './command';

export const BUCKET_HELP = `  --bucket W        the charts' time bucket: ${Object.keys(BUCKETS).join(', ')} (default 1m)`;

/** Seconds per bucket from --bucket. */
export function bucketOption(v: Values): number {
  const given = str(v, 'bucket') ?? '1m';
  const seconds = Object.hasOwn(BUCKETS, given) ? BUCKETS[given] : undefined;
  if (seconds === undefined) throw new UsageError(`--bucket must be one of ${Object.keys(BUCKETS).join(', ')}`);
  return seconds;
}

/** What the page's header says about the filter options. */
export function filterMeta(v: Values): { since: string | null; until: string | null; where: string[] } {
  return { since: str(v, 'since') ?? null, until: str(v, 'until') ?? null, where: list(v, 'where') ?? [] };
}

/** `ecelog report`: one self-contained HTML file of charts and tables. */
export const command: Command = {
  usage: `Usage: ecelog report [options] FILE...

One HTML file of charts, each with a sortable table: events per time bucket by type, delivery
rate, delays and bounces by recipient domain, binding group and binding, queue-time percentiles
per bucket, bounce classes over time, top failure responses (masked as in stats), complaints,
rejections by phase, events per input file, malformed lines by reason. Its totals are those of
ecelog stats --json on the same input. The file needs no network: the chart library (uPlot) is
inlined. Its size is bounded by the buckets (at most ${MAX_BUCKETS}; a longer period widens the
bucket) and the top ${TOP_N} of each ranking, not by the number of events: a few hundred KiB.

${INPUT_HELP}
${CUSTOM_HELP}
  -o, --output F    write the page to F (default report.html)
${BUCKET_HELP}
  --type, --since, --until, --where   as for parse: count only the matching events

Queue-time percentiles are each within ±${RELATIVE_ERROR * 100}% of the exact value, as in stats.
The input is read on one thread.
${MALFORMED_HINT_HELP}`,
  options: {
    ...INPUT_OPTIONS,
    ...CUSTOM_OPTIONS,
    ...FILTER_OPTIONS,
    output: { type: 'string', short: 'o' },
    bucket: { type: 'string' },
  },
  async run(args, v) {
    const files = await inputFiles('report', args, v);
    const bucket = bucketOption(v);
    const output = str(v, 'output') ?? 'report.html';
    const filter = filterOptions(v);
    const log = (await customFormat(v)) ?? formatFor(str(v, 'log'));
    const report = new ReportAggregate(bucket);
    await addInputs(files, report, {
      log,
      strict: v.strict === true,
      filter,
      keep: eventFilter(filter),
      threads: 1,
      onFile: (file) => report.setFile(file),
    });
    const page = reportPage(report.report({ files, backend, generated: Date.now(), ...filterMeta(v) }));
    await writeFileAtomic(output, page);
    process.stderr.write(`ecelog: ${safeText(output)}: ${report.stats.report().events} events, ${Buffer.byteLength(page)} bytes\n`);
    return 0;
  },
};
