import { parseArgs } from 'node:util';
import type { EcelogEvent } from '../decoders/index';
import type { LogFormat } from '../decoders/log-format';
import { DetectError, type DetectResult } from '../session/detect';
import { FORMATS, LOG_KINDS } from '../decoders/index';
import { ParseError } from '../session/errors';
import { backend } from '../core/backend';
import { parseFile, parseFileBatches, parseStreamBatches } from '../session/stream';
import { follow } from '../files/follow';
import { rotatedFiles } from '../files/rotated';
import { generate } from '../generator/generate';
import { safeText } from '../core/safe-text';
import { Stats, formatStats } from './stats';
import { Progress } from './progress';
import { runBench } from './bench-command';
import { runSignals, SIGNALS_HELP } from './signals-command';
import { canSplit, parallelStats } from './parallel-stats';
import { availableParallelism } from 'node:os';
import { eventFilter } from './filters';
import { EventWriter, OUTPUT_FORMATS, Output, safeJson, type OutputFormat } from './writers';

const LOG_HELP = `  --log KIND        auto (default: detected from the first lines and reported on stderr;
                    standard input needs a kind) or one of ${LOG_KINDS.join(', ')}
  --strict          stop at the first malformed line (exit code 1)
  --rotated         each FILE is a rotated set: read its generations oldest first
                    (mainlog.ec.7.bz2 ... mainlog.ec.1, then mainlog.ec); a glob also works`;

const HELP: Record<string, string> = {
  main: `Usage: ecelog <command> [options]

Commands:
  parse FILE...     events as NDJSON (default), a JSON array, CSV or TSV
  stats FILE...     a report: counts by type and log, domains, bindings, bounce classes,
                    delivery rate, queue-time percentiles, failure responses
  follow FILE       follow a live log (tail -F, rotation-aware) as NDJSON, resuming from --checkpoint
  signals FILE...   SparkPost events (Signals, Ingest API) in gzip NDJSON batches; with
                    --follow, an agent that spools and uploads them and loses nothing
  generate          write realistic sample mainlog/bouncelog lines
  bench [FILE]      throughput of the native and TS backends against readline + split('@'),
                    on FILE (a mainlog, uncompressed) or on generated data

Options: -h, --help (also after a command), -v, --version
FILE may be - for standard input. Compressed (bzip2, gzip) files are read as they are.
Exit codes: 0 ok, 1 malformed lines under --strict, 2 usage or I/O error.`,
  parse: `Usage: ecelog parse [options] FILE...

${LOG_HELP}
  --format F        ndjson (default), json, csv or tsv (CSV/TSV cells that could run as a
                    spreadsheet formula are prefixed with ')
  --fields A,B,...  only these fields (dotted paths such as headers.X-Job allowed)
  --type T,...      only events of these types (reception, delivery, bounce, ...)
  --since TIME      events at or after TIME (epoch seconds or ISO 8601)
  --until TIME      events before TIME
  --where F=V       only events whose field F matches V (* and ? globs); repeatable`,
  stats: `Usage: ecelog stats [options] FILE...

${LOG_HELP}
  --json            the report as JSON
  --threads N       worker threads for large plain files (default: every core; 1: none)
  --type, --since, --until, --where   as for parse: count only the matching events`,
  follow: `Usage: ecelog follow [options] FILE

  --log KIND        the log kind (default mainlog) or one of ${LOG_KINDS.join(', ')}
  --checkpoint F    resume from / store the position in F (written after each batch is out)
  --from start|end  where to begin without a checkpoint (default end)
Events are written as NDJSON, each with a stable "id" and its "file".`,
  bench: `Usage: ecelog bench [FILE]

Measures, in this process: the scanner (offsets only) and full events on each backend, and
readline + split('@') on the same bytes; best of 3 runs each. FILE: an uncompressed mainlog (its
first 256 MB); without it, 64 MB of generated mainlog.`,
  signals: SIGNALS_HELP,
  generate: `Usage: ecelog generate [options]

  --messages N      how many messages (default 100)
  --log KIND        mainlog (default) or bouncelog lines
  --seed N          the random seed (default 1: the same lines every time)
  --hires           16-digit microsecond timestamps`,
};

class UsageError extends Error {}

/** The format --log names, or 'auto' (detect each file from its first lines). */
function formatFor(given: string | undefined): LogFormat | 'auto' {
  if (given === undefined || given === 'auto') return 'auto';
  const format = (FORMATS as Partial<Record<string, LogFormat>>)[given];
  if (format === undefined) throw new UsageError(`--log must be auto or one of ${LOG_KINDS.join(', ')}`);
  return format;
}

/** The events of an input in batches (one await per batch, not per event). */
function eventBatches(file: string, log: LogFormat | 'auto', strict: boolean): AsyncIterable<EcelogEvent[]> {
  if (file !== '-') {
    // The detected kind is reported on stderr, so stdout stays the events alone.
    const onDetect = (d: DetectResult) =>
      process.stderr.write(`ecelog: ${safeText(file)}: ${d.log}${d.note === null ? '' : ` (${d.note})`}\n`);
    return parseFileBatches(file, { log, strict, onDetect });
  }
  if (log === 'auto') throw new UsageError('reading standard input needs --log KIND');
  return parseStreamBatches(process.stdin, { log, strict });
}

type Values = Record<string, string | boolean | string[] | undefined>;

function str(v: Values, name: string): string | undefined {
  const x = v[name];
  return typeof x === 'string' ? x : undefined;
}

function filterOf(v: Values) {
  return eventFilter({
    types: v.type as string[] | undefined,
    since: str(v, 'since'),
    until: str(v, 'until'),
    where: v.where as string[] | undefined,
  });
}

async function runParse(files: string[], v: Values): Promise<number> {
  const format = (str(v, 'format') ?? 'ndjson') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}`);
  const fieldsText = str(v, 'fields');
  const fields = fieldsText === undefined ? null : fieldsText.split(',').map((f) => f.trim()).filter(Boolean);
  const keep = filterOf(v);
  const log = formatFor(str(v, 'log'));
  const writer = new EventWriter(format, fields);
  for (const file of files) {
    const progress = new Progress(file);
    for await (const batch of eventBatches(file, log, v.strict === true)) {
      progress.update(batch[batch.length - 1]!.offset);
      for (const ev of batch) if (keep === null || keep(ev)) await writer.write(ev);
    }
    progress.end();
  }
  await writer.end();
  return 0;
}

async function runStats(files: string[], v: Values): Promise<number> {
  const stats = new Stats();
  const filter = { types: v.type as string[] | undefined, since: str(v, 'since'), until: str(v, 'until'), where: v.where as string[] | undefined };
  const keep = eventFilter(filter);
  const log = formatFor(str(v, 'log'));
  const threadsText = str(v, 'threads');
  const threads = threadsText === undefined ? availableParallelism() : Number(threadsText);
  if (!Number.isInteger(threads) || threads < 1) throw new UsageError('--threads must be a positive integer');
  for (const file of files) {
    // Large plain files of line-independent kinds are split over every core (not under --strict,
    // which stops at the first malformed line in file order).
    const kind = v.strict === true || threads < 2 || file === '-' ? null : await kindOf(file, log);
    if (kind !== null && canSplit(file, kind, threads)) {
      process.stderr.write(`ecelog: ${safeText(file)}: split over ${threads} worker threads\n`);
      stats.merge(await parallelStats(file, kind, filter, threads));
      continue;
    }
    const progress = new Progress(file);
    for await (const batch of eventBatches(file, kind === null ? log : (FORMATS as Record<string, LogFormat>)[kind]!, v.strict === true)) {
      progress.update(batch[batch.length - 1]!.offset);
      for (const ev of batch) if (keep === null || keep(ev)) stats.add(ev);
    }
    progress.end();
  }
  process.stdout.write(v.json === true ? `${safeJson(stats.report(), 2)}\n` : formatStats(stats.report(), backend));
  return 0;
}

/** The kind of a file: --log's, or detected (and reported) from its first lines. */
async function kindOf(file: string, log: LogFormat | 'auto'): Promise<string> {
  if (log !== 'auto') return log.log;
  const d = await detectFileContent(file);
  process.stderr.write(`ecelog: ${safeText(file)}: ${d.log}${d.note === null ? '' : ` (${d.note})`}\n`);
  return d.log;
}

/** Detection on a file's (decompressed) first 64 KiB, as parseFile does it. */
async function detectFileContent(file: string): Promise<DetectResult> {
  let found: DetectResult | null = null;
  const it = parseFile(file, { onDetect: (d) => (found = d) });
  await it.next();
  await it.return(undefined);
  if (found === null) throw new UsageError(`${file}: empty, nothing to detect`);
  return found;
}

async function runFollow(files: string[], v: Values): Promise<number> {
  if (files.length !== 1) throw new UsageError('follow takes one FILE');
  const from = str(v, 'from') ?? 'end';
  if (from !== 'start' && from !== 'end') throw new UsageError('--from must be start or end');
  const kind = str(v, 'log') ?? 'mainlog';
  const format = formatFor(kind);
  if (format === 'auto') throw new UsageError('follow needs a --log KIND (a live file may not have enough lines to detect)');
  const ac = new AbortController();
  const stop = () => ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const out = new Output();
  try {
    for await (const batch of follow(files[0]!, { log: format.log, checkpoint: str(v, 'checkpoint'), from, signal: ac.signal })) {
      for (const ev of batch.events) await out.write(`${safeJson(ev)}\n`);
      await out.flush();
      await batch.commit();
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return 0;
}

async function runGenerate(v: Values): Promise<number> {
  const messages = Number(str(v, 'messages') ?? 100);
  const seed = Number(str(v, 'seed') ?? 1);
  if (!Number.isInteger(messages) || messages < 1) throw new UsageError('--messages must be a positive integer');
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
  const log = str(v, 'log') ?? 'mainlog';
  if (log !== 'mainlog' && log !== 'bouncelog') throw new UsageError('generate writes mainlog or bouncelog lines');
  const out = new Output();
  for (const line of generate({ seed, messages, hires: v.hires === true })) if (line.log === log) await out.write(`${line.text}\n`);
  await out.flush();
  return 0;
}

function version(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../package.json') as { version: string }).version;
}

/** Runs the CLI; resolves to the exit code. Errors are one line on stderr, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        log: { type: 'string' },
        strict: { type: 'boolean' },
        json: { type: 'boolean' },
        format: { type: 'string' },
        fields: { type: 'string' },
        type: { type: 'string', multiple: true },
        since: { type: 'string' },
        until: { type: 'string' },
        where: { type: 'string', multiple: true },
        checkpoint: { type: 'string' },
        threads: { type: 'string' },
        rotated: { type: 'boolean' },
        from: { type: 'string' },
        messages: { type: 'string' },
        seed: { type: 'string' },
        hires: { type: 'boolean' },
        follow: { type: 'string', multiple: true },
        custom: { type: 'string', multiple: true },
        'custom-conf': { type: 'string' },
        out: { type: 'string' },
        url: { type: 'string' },
        spool: { type: 'string' },
        types: { type: 'string' },
        'header-map': { type: 'string' },
        privacy: { type: 'boolean' },
        'batch-age': { type: 'string' },
        'batch-bytes': { type: 'string' },
        'max-event-age': { type: 'string' },
        'pair-window': { type: 'string' },
        'max-receptions': { type: 'string' },
        'api-key-file': { type: 'string' },
        'status-interval': { type: 'string' },
        'drain-timeout': { type: 'string' },
        'request-timeout': { type: 'string' },
        'retry-min': { type: 'string' },
        'retry-max': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
    if (values.version) {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    const [command, ...files] = positionals;
    if (command === undefined || command === 'help') {
      process.stdout.write(`${HELP.main}\n`);
      return command === undefined && !values.help ? 2 : 0;
    }
    if (values.help) {
      const text = HELP[command];
      if (text === undefined) throw new UsageError(`unknown command ${JSON.stringify(command)} (see ecelog --help)`);
      process.stdout.write(`${text}\n`);
      return 0;
    }
    switch (command) {
      case 'parse':
      case 'stats': {
        if (files.length === 0) throw new UsageError(`${command}: no FILE given (see ecelog ${command} --help)`);
        const inputs = values.rotated ? (await Promise.all(files.map((f) => rotatedFiles(f)))).flat() : files;
        return command === 'parse' ? await runParse(inputs, values) : await runStats(inputs, values);
      }
      case 'follow':
        return await runFollow(files, values);
      case 'signals':
        return await runSignals(files, values);
      case 'generate':
        return await runGenerate(values);
      case 'bench':
        if (files.length > 1) throw new UsageError('bench takes at most one FILE');
        process.stdout.write(await runBench(files[0], 'mainlog'));
        return 0;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)} (see ecelog --help)`);
    }
  } catch (e) {
    if (e instanceof DetectError) {
      // Already escaped for terminals, and several lines (what each kind made of the lines).
      process.stderr.write(`ecelog: ${e.message}\n`);
      return 2;
    }
    if (e instanceof ParseError) {
      process.stderr.write(`ecelog: ${safeText(e.message)}\n`);
      return 1;
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`ecelog: ${safeText(message)}\n`);
    return 2;
  }
}
