import { parseArgs } from 'node:util';
import type { EcelogEvent } from '../events';
import type { LogFormat } from '../decoders/line';
import { DetectError, type DetectResult } from '../detect';
import { FORMATS, LOG_KINDS } from '../formats';
import { safeText } from './safe-text';
import { ParseError } from '../errors';
import { backend } from '../backend';
import { parseFile, parseStream } from '../stream';
import { Stats, formatStats } from './stats';

const USAGE = `Usage: ecelog <command> [options] FILE...

Commands:
  parse FILE...   write every event as one JSON object per line (NDJSON) to stdout
  stats FILE...   count events by type and by domain

Options:
  --log KIND      auto (default: detected from the first lines; required for stdin) or one of
                  ${LOG_KINDS.join(', ')}
  --strict        stop at the first malformed line (exit code 1)
  --json          stats: print the report as JSON
  -h, --help      show this help
  -v, --version   show the version

FILE may be - for standard input.
Exit codes: 0 ok, 1 malformed lines under --strict, 2 usage or I/O error.`;

class UsageError extends Error {}

/** The format --log names, or 'auto' (detect each file from its first lines). */
function formatFor(given: string | undefined): LogFormat | 'auto' {
  if (given === undefined || given === 'auto') return 'auto';
  const format = (FORMATS as Partial<Record<string, LogFormat>>)[given];
  if (format === undefined) throw new UsageError(`--log must be auto or one of ${LOG_KINDS.join(', ')}`);
  return format;
}

function events(file: string, log: LogFormat | 'auto', strict: boolean): AsyncIterable<EcelogEvent> {
  if (file !== '-') {
    // The detected kind is reported on stderr, so stdout stays the events alone.
    const onDetect = (d: DetectResult) =>
      process.stderr.write(`ecelog: ${safeText(file)}: ${d.log}${d.note === null ? '' : ` (${d.note})`}\n`);
    return parseFile(file, { log, strict, onDetect });
  }
  if (log === 'auto') throw new UsageError('reading standard input needs --log KIND');
  return parseStream(process.stdin, { log, strict });
}

/** Writes to stdout in large pieces, honouring backpressure. */
class Output {
  private parts: string[] = [];
  private size = 0;
  async write(s: string): Promise<void> {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 16) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.size === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
}

async function runParse(files: string[], log: string | undefined, strict: boolean): Promise<number> {
  const out = new Output();
  for (const file of files) {
    for await (const ev of events(file, formatFor(log), strict)) await out.write(`${JSON.stringify(ev)}\n`);
  }
  await out.flush();
  return 0;
}

async function runStats(files: string[], log: string | undefined, strict: boolean, json: boolean): Promise<number> {
  const stats = new Stats();
  for (const file of files) {
    for await (const ev of events(file, formatFor(log), strict)) stats.add(ev);
  }
  process.stdout.write(json ? `${JSON.stringify(stats.report(), null, 2)}\n` : formatStats(stats.report(), backend));
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
        strict: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
    if (values.version) {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    const [command, ...files] = positionals;
    if (values.help || command === undefined || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return command === undefined && !values.help ? 2 : 0;
    }
    if (files.length === 0) throw new UsageError(`${command}: no FILE given`);
    switch (command) {
      case 'parse':
        return await runParse(files, values.log, values.strict);
      case 'stats':
        return await runStats(files, values.log, values.strict, values.json);
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
      process.stderr.write(`ecelog: ${e.message}\n`);
      return 1;
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`ecelog: ${message}\n`);
    return 2;
  }
}
