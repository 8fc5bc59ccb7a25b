import { CUSTOM_HELP, CUSTOM_OPTIONS, customFormat } from './custom-format';
import { statSync } from 'node:fs';
import { DEFAULT_MAX_LINE_LENGTH } from '../decoders/log-format';
import type { LogKind } from '../decoders/event';
import { safeText } from '../core/safe-text';
import { isJlogDir } from '../jlog/probe';
import { parseJlogBatches } from '../jlog/parse-jlog';
import type { DetectResult } from '../session/detect';
import { Progress } from './progress';
import { LineTally, MALFORMED_HINT_HELP, detectFileContent, warnIfMostlyMalformed } from './detect-input';
import { columnPlan, type InputKind, type ParseKind } from './columns';
import { eventFilter } from './filters';
import { EventWriter, HELD_EVENTS, OUTPUT_FORMATS, type OutputFormat } from './writers';
import {
  FILTER_HELP,
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
  type Values,
} from './command';

/** The largest --max-line-length: a line is held whole until it ends. */
const MAX_LINE_LENGTH_LIMIT = 1 << 30;

/** `ecelog parse`: events as NDJSON, a JSON array, CSV or TSV. */
export const command: Command = {
  usage: `Usage: ecelog parse [options] FILE...

${INPUT_HELP}
${CUSTOM_HELP}
  --max-line-length N
                    a line longer than N bytes is a malformed event (default ${DEFAULT_MAX_LINE_LENGTH})
  --format F        ndjson (default), json, csv or tsv (CSV/TSV cells that could run as a
                    spreadsheet formula are prefixed with ')
  --fields A,B,...  only these fields (dotted paths such as rcpt_meta.customer allowed)
  --limit N         stop after N matching events (and stop reading)
  --count           print only the number of matching events
${FILTER_HELP}

${MALFORMED_HINT_HELP}

CSV/TSV columns without --fields, known before the first line is read (each file's kind is
detected first): type, record, log, line, offset, timestamp, timestamp_us; then the fields
of each kind read (kinds in the order of the FILEs, each field where it first appears, in
the order the kind's records lay them out); for a jlog directory id, jlog_timestamp,
jlog_timestamp_us, from, to, segment; last reason, raw, invalid_utf8 (malformed lines).
An eventlog record may carry fields no kind declares: those of the first ${HELD_EVENTS} events
follow, in the order first seen; one first met later is left out (name it in --fields).
The fields of each kind: docs/cli.md in the source repository.`,
  options: {
    ...INPUT_OPTIONS,
    ...CUSTOM_OPTIONS,
    ...FILTER_OPTIONS,
    format: { type: 'string' },
    fields: { type: 'string' },
    limit: { type: 'string' },
    count: { type: 'boolean' },
    'max-line-length': { type: 'string' },
  },
  async run(args, v) {
    const files = await inputFiles('parse', args, v);
    const count = v.count === true;
    const format = (str(v, 'format') ?? 'ndjson') as OutputFormat;
    if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}`);
    const fieldsText = str(v, 'fields');
    if (count && (str(v, 'format') !== undefined || fieldsText !== undefined)) {
      throw new UsageError('--count prints only the number of events: --format and --fields do not go with it');
    }
    const fields =
      fieldsText === undefined
        ? null
        : fieldsText
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean);
    const limit = integer(v, 'limit', 0, Number.MAX_SAFE_INTEGER) ?? Infinity;
    const maxLineLength = integer(v, 'max-line-length', 1, MAX_LINE_LENGTH_LIMIT);
    const keep = eventFilter(filterOptions(v));
    const log = (await customFormat(v)) ?? formatFor(str(v, 'log'));
    const strict = v.strict === true;

    // The kinds being read, for the CSV/TSV columns: known ahead where the input can be read twice.
    const planned = !count && fields === null && (format === 'csv' || format === 'tsv');
    const inputs: InputKind[] = [];
    const writer = count ? null : new EventWriter(format, fields, undefined, () => (inputs.length === 0 ? null : columnPlan(inputs)));
    const addKind = (file: string, kind: LogKind, jlog: boolean): void => {
      if (kind === 'custom' || inputs.some((k) => k.kind === kind && k.jlog === jlog)) return;
      if (writer?.columnsFixed === true) {
        process.stderr.write(
          `ecelog: ${safeText(file)}: ${kind}: its fields outside the columns already written are left out (give --fields)\n`,
        );
      }
      inputs.push({ kind, jlog });
    };
    const jlogs = new Map<string, boolean>();
    if (planned) {
      for (const file of files) {
        const jlog = file !== '-' && (await isJlogDir(file));
        jlogs.set(file, jlog);
        const kind = log !== 'auto' ? log.log : await detectAhead(file, jlog);
        if (kind !== null) addKind(file, kind, jlog);
      }
    }

    let matched = 0;
    for (const file of files) {
      if (matched >= limit) break;
      const progress = new Progress(file);
      const onDetect = planned ? (d: DetectResult) => addKind(file, d.log, jlogs.get(file) === true) : undefined;
      const tally = new LineTally();
      for await (const batch of eventBatches(file, log, strict, { maxLineLength, onDetect })) {
        progress.update(batch[batch.length - 1]!.offset);
        tally.add(batch);
        let events = keep === null ? batch : batch.filter(keep);
        if (events.length > limit - matched) events = events.slice(0, limit - matched);
        matched += events.length;
        if (writer !== null) await writer.writeBatch(events);
        if (matched >= limit) break; // leaving the loop closes the input
      }
      progress.end();
      await warnIfMostlyMalformed(file, tally);
    }
    if (writer !== null) await writer.end();
    else process.stdout.write(`${matched}\n`);
    return 0;
  },
};

/** An integer option in [min, max], or undefined when not given. */
function integer(v: Values, name: string, min: number, max: number): number | undefined {
  const text = str(v, name);
  if (text === undefined) return undefined;
  const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}

/**
 * The kind of a file or jlog directory, detected as reading it will detect it (and report it):
 * null for what cannot be read twice (a pipe), or when detection fails (reading it says why).
 */
async function detectAhead(file: string, jlog: boolean): Promise<ParseKind | null> {
  let kind: LogKind | undefined;
  try {
    if (!jlog) kind = isRegularFile(file) ? (await detectFileContent(file))?.log : undefined;
    else {
      const it = parseJlogBatches(file, { onDetect: (d) => (kind = d.log) });
      await it.next();
      await it.return(undefined);
    }
  } catch {
    // the input is read again, and its error reported then
  }
  return kind === undefined || kind === 'custom' ? null : kind;
}

function isRegularFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
