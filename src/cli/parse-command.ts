import { Progress } from './progress';
import { LineTally, MALFORMED_HINT_HELP, warnIfMostlyMalformed } from './detect-input';
import { eventFilter } from './filters';
import { EventWriter, OUTPUT_FORMATS, type OutputFormat } from './writers';
import {
  FILTER_OPTIONS,
  INPUT_HELP,
  INPUT_OPTIONS,
  UsageError,
  eventBatches,
  filterOptions,
  formatFor,
  inputFiles,
  str,
  type Command,
} from './command';

/** `ecelog parse`: events as NDJSON, a JSON array, CSV or TSV. */
export const command: Command = {
  usage: `Usage: ecelog parse [options] FILE...

${INPUT_HELP}
  --format F        ndjson (default), json, csv or tsv (CSV/TSV cells that could run as a
                    spreadsheet formula are prefixed with ')
  --fields A,B,...  only these fields (dotted paths such as headers.X-Job allowed)
  --type T,...      only events of these types (reception, delivery, bounce, ...)
  --since TIME      events at or after TIME (epoch seconds or ISO 8601)
  --until TIME      events before TIME
  --where F=V       only events whose field F matches V (* and ? globs); repeatable

${MALFORMED_HINT_HELP}`,
  options: { ...INPUT_OPTIONS, ...FILTER_OPTIONS, format: { type: 'string' }, fields: { type: 'string' } },
  async run(args, v) {
    const files = await inputFiles('parse', args, v);
    const format = (str(v, 'format') ?? 'ndjson') as OutputFormat;
    if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}`);
    const fieldsText = str(v, 'fields');
    const fields =
      fieldsText === undefined
        ? null
        : fieldsText
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean);
    const keep = eventFilter(filterOptions(v));
    const log = formatFor(str(v, 'log'));
    const writer = new EventWriter(format, fields);
    for (const file of files) {
      const progress = new Progress(file);
      const tally = new LineTally();
      for await (const batch of eventBatches(file, log, v.strict === true)) {
        progress.update(batch[batch.length - 1]!.offset);
        tally.add(batch);
        await writer.writeBatch(keep === null ? batch : batch.filter(keep));
      }
      progress.end();
      await warnIfMostlyMalformed(file, tally);
    }
    await writer.end();
    return 0;
  },
};
