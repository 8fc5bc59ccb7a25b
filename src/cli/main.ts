import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { safeText } from '../core/safe-text';
import { DetectError } from '../session/detect';
import { ParseError } from '../session/errors';
import { UsageError, type Command } from './command';

const HELP = `Usage: ecelog <command> [options]

Commands:
  parse FILE...     events as NDJSON (default), a JSON array, CSV or TSV
  stats FILE...     a report: counts by type and log, domains, bindings, bounce classes,
                    delivery rate, queue-time percentiles, failure responses
  report FILE...    one self-contained HTML file of charts and sortable tables (docs/report.md)
  dashboard --follow FILE...
                    the same page, live: served on 127.0.0.1, updated as lines arrive
  follow FILE       follow a live log (tail -F, rotation-aware) or a jlog as NDJSON, resuming
                    from --checkpoint (or a jlog --subscriber)
  signals FILE...   SparkPost events (Signals, Ingest API) in gzip NDJSON batches; with
                    --follow, an agent that spools and uploads them and loses nothing
  jlog ls|cat|tail|subscribers DIR
                    look into a jlog directory (event_hydrant's eventlog, or ec_logger
                    writing to jlog://) and manage its subscribers
  sql QUERY FILE... the files' events in an embedded DuckDB (a table per event type, or kept
                    in --db), and an SQL query on them
  ship --to URL FILE...
                    events into ClickHouse (a table per event type, each event once, even
                    across crashes), from files or followed live logs (--follow)
  generate          write realistic sample mainlog/bouncelog lines
  bench [FILE]      throughput of the native and TS backends against readline + split('@'),
                    on FILE (a mainlog, uncompressed) or on generated data

Options: -h, --help (also after a command), -v, --version
FILE may be - for standard input, or a jlog directory. Compressed (bzip2, gzip) files are
read as they are.
Exit codes: 0 ok, 1 malformed lines under --strict, 2 usage or I/O error.`;

/** Each command's module, loaded only when the command runs (or its help is asked for). */
const COMMANDS: Readonly<Record<string, () => Promise<{ command: Command }>>> = {
  parse: () => import('./parse-command'),
  stats: () => import('./stats-command'),
  report: () => import('./report-command'),
  dashboard: () => import('./dashboard-command'),
  follow: () => import('./follow-command'),
  signals: () => import('./signals-command'),
  generate: () => import('./generate-command'),
  bench: () => import('./bench-command'),
  jlog: () => import('./jlog-command'),
  sql: () => import('./sql-command'),
  ship: () => import('./ship-command'),
};

function version(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../package.json') as { version: string }).version;
}

/** The commands that own an option (for the message about an option given to another command). */
async function ownersOf(option: string): Promise<string[]> {
  const name = option.replace(/^-+/, '');
  const owners: string[] = [];
  for (const [cmd, load] of Object.entries(COMMANDS)) if (Object.hasOwn((await load()).command.options, name)) owners.push(cmd);
  return owners;
}

/** Command-line options against a command's own table; anything else is a UsageError with its usage. */
async function parseOptions(name: string, cmd: Command, args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { ...cmd.options, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === undefined || !code.startsWith('ERR_PARSE_ARGS_')) throw e;
    const option = /'(-[^'=]*)/.exec((e as Error).message)?.[1];
    let message = (e as Error).message;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) {
      const owners = await ownersOf(option);
      const whose = owners.length > 0 ? ` (an option of ${owners.map((o) => `ecelog ${o}`).join(', ')})` : '';
      message = `Unknown option '${option}'${whose}`;
    }
    throw new UsageError(`${name}: ${message}`, cmd.usage);
  }
}

/** Runs the CLI; resolves to the exit code. Errors are one line on stderr, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  let files: string[] = [];
  try {
    const [first, ...rest] = argv;
    if (first === '-v' || first === '--version') {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    if (first === undefined || first === 'help' || first === '-h' || first === '--help') {
      const topic = first === 'help' ? rest[0] : undefined;
      if (topic === undefined) {
        process.stdout.write(`${HELP}\n`);
        return first === undefined ? 2 : 0;
      }
      return await main([topic, '--help']);
    }
    const load = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (load === undefined) {
      const what = first.startsWith('-') ? `${first} before a command` : `command ${JSON.stringify(first)}`;
      throw new UsageError(`unknown ${what} (see ecelog --help)`);
    }
    const { command } = await load();
    const { values, positionals } = await parseOptions(first, command, rest);
    if (values.help === true) {
      process.stdout.write(`${command.usage}\n`);
      return 0;
    }
    files = positionals;
    return await command.run(positionals, values);
  } catch (e) {
    if (e instanceof DetectError) {
      // Already escaped for terminals, and several lines (what each kind made of the lines): bounded.
      printError(e.message, true);
      return 2;
    }
    if (e instanceof ParseError) {
      printError(e.message);
      return 1;
    }
    const usage = e instanceof UsageError && e.usage !== undefined ? `${e.usage}\n` : '';
    printError(withPath(e, files));
    process.stderr.write(usage === '' ? '' : `\n${usage}`);
    return 2;
  }
}

const MAX_LINES = 14;
const MAX_LINE = 300;

/**
 * An error on stderr: `ecelog: ` once (library errors say where they come from: any `ecelog: `
 * they carry is dropped), each line of the message escaped. A detection failure (`detection`:
 * already escaped, a line per kind tried, with the input's first bytes) is bounded: at most
 * MAX_LINES lines of MAX_LINE characters, each cut at the first undecodable byte.
 */
function printError(message: string, detection = false): void {
  process.stderr.write(errorText(message, detection));
}

/** The text printError writes. */
export function errorText(message: string, detection = false): string {
  const lines = message
    .replace(/(^|: |\n)(?:ecelog: )+/g, '$1')
    .replace(/\n+$/, '')
    .split('\n');
  if (!detection) return `ecelog: ${lines.map(safeText).join('\n')}\n`;
  const shown = lines.slice(0, MAX_LINES).map((l) => {
    const binary = l.indexOf('\ufffd'); // undecodable bytes (binary input): nothing to read there
    const t = binary >= 0 ? `${l.slice(0, binary)}… (not text)` : l;
    return t.length > MAX_LINE ? `${t.slice(0, MAX_LINE)}…` : t;
  });
  if (lines.length > MAX_LINES) shown.push(`  … ${lines.length - MAX_LINES} more lines`);
  return `ecelog: ${shown.join('\n')}\n`;
}

/** The message of `e`; reading a directory (EISDIR carries no path) names the FILE that is one. */
function withPath(e: unknown, files: string[]): string {
  const message = e instanceof Error ? e.message : String(e);
  const err = e as NodeJS.ErrnoException;
  if (err.code !== 'EISDIR' || err.path !== undefined) return message;
  const dir = files.find((f) => {
    try {
      return statSync(f).isDirectory();
    } catch {
      return false;
    }
  });
  return dir === undefined ? message : `${dir}: a directory, and not a jlog one (a FILE is a log file, - or a jlog directory)`;
}
