import type { ParseArgsConfig } from 'node:util';
import { safeText } from '../core/safe-text';
import { formatOf, LOG_KINDS, type EcelogEvent } from '../decoders/index';
import type { LogFormat } from '../decoders/log-format';
import type { DetectResult } from '../session/detect';
import { parseDetected, parseFileBatches, parseStreamBatches } from '../session/stream';
import { streamContent } from './stdin-input';
import { rotatedFiles } from '../files/rotated';
import { isJlogDir } from '../jlog/probe';
import { parseJlogBatches } from '../jlog/parse-jlog';
import { isOpenKind } from './columns';
import type { FilterOptions } from './filters';
import { UsageError } from './usage-error';

/**
 * What every command module exports as `command`: its usage text, the options it owns, and what
 * it does. main.ts loads a command's module only when that command runs.
 */
export interface Command {
  readonly usage: string;
  readonly options: OptionTable;
  run(args: string[], values: Values): Promise<number>;
}

export type OptionTable = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | undefined>;

export { UsageError } from './usage-error';

export function str(v: Values, name: string): string | undefined {
  const x = v[name];
  return typeof x === 'string' ? x : undefined;
}

export function list(v: Values, name: string): string[] | undefined {
  const x = v[name];
  return Array.isArray(x) ? x : undefined;
}

/** A number of seconds >= 0 given as option `name`, or undefined when not given. */
export function seconds(v: Values, name: string): number | undefined {
  const text = str(v, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a number of seconds >= 0`);
  return n;
}

/** follow's rotateWait (ms) from `--rotate-wait S` (follow, signals --follow). */
export function rotateWait(v: Values): number | undefined {
  const s = seconds(v, 'rotate-wait');
  return s === undefined ? undefined : s * 1000;
}

export const ROTATE_WAIT_HELP = 'seconds a rotated file is still read for late lines (default 5)';

/** The options of commands that read log files. */
export const INPUT_OPTIONS: OptionTable = {
  log: { type: 'string' },
  strict: { type: 'boolean' },
  rotated: { type: 'boolean' },
};

export const INPUT_HELP = `  --log KIND        auto (default: detected from the first lines and reported on stderr,
                    standard input's too) or one of ${LOG_KINDS.join(', ')}; standard input
                    (-) compressed with gzip or bzip2 is decompressed, as files are
  --strict          stop at the first malformed line (exit code 1)
  --rotated         each FILE is a rotated set: read its generations oldest first
                    (mainlog.ec.7.bz2 ... mainlog.ec.1, then mainlog.ec); a glob also works`;

/** The options that select events (parse, stats). */
export const FILTER_OPTIONS: OptionTable = {
  type: { type: 'string', multiple: true },
  since: { type: 'string' },
  until: { type: 'string' },
  where: { type: 'string', multiple: true },
};

/** What the filter options select, with the time relative times count back from (taken once). */
export function filterOptions(v: Values): FilterOptions {
  return {
    types: list(v, 'type'),
    since: str(v, 'since'),
    until: str(v, 'until'),
    where: list(v, 'where'),
    now: Date.now(),
    openFields: isOpenKind(str(v, 'log') ?? ''),
  };
}

/** The help of the filter options (parse; stats refers to it). */
export const FILTER_HELP = `  --type T,...      only events of these types, any case (reception, delivery, bounce, ...;
                    a type no log has is an error that lists them)
  --since TIME      events at or after TIME: epoch seconds, epoch milliseconds (13 digits), an
                    ISO date or time (2024-06-01, 2024-06-01T07:00:00: UTC unless it ends in Z
                    or an offset such as +02:00), a time back from now (--since=-1h, -30m, -2d,
                    -1h30m, or '1h ago'), now, today or yesterday (UTC midnight)
  --until TIME      events before TIME (the same forms; --since must be before it)
  --where COND      only events whose field matches; repeatable (all must match). COND is
                    F=V (a glob with * and ?), F!=V, F<N, F<=N, F>N, F>=N, F~REGEX or F!~REGEX.
                    F is a field (dotted for nested values: ctx_conn.key) that some log has,
                    else an error naming close ones (with --log eventlog any field). Numbers
                    compare as numbers (queue_time=7200.00 matches 7200); domains (domain,
                    *_domain) without regard to case; REGEX is JavaScript's, unanchored, run on
                    every event: avoid nested repeats such as (a+)+, which can take exponential
                    time on long values (--max-line-length bounds them). An event without the
                    field matches only != and !~. Events without a time never match --since or
                    --until.`;

/** The format --log names, or 'auto' (detect each file from its first lines). */
export function formatFor(given: string | undefined): LogFormat | 'auto' {
  if (given === undefined || given === 'auto') return 'auto';
  const format = formatOf(given);
  if (format === undefined) throw new UsageError(`--log must be auto or one of ${LOG_KINDS.join(', ')}`);
  return format;
}

/** Tells on stderr which kind a file was detected as, so that stdout stays the events alone. */
export function reportDetected(file: string, d: DetectResult): void {
  process.stderr.write(`ecelog: ${safeText(detectedText(file, d))}\n`);
}

/** What was detected of an input: `FILE: KIND` and the detection's note, if any. */
export function detectedText(file: string, d: DetectResult): string {
  return `${file}: ${d.log}${d.note === null ? '' : ` (${d.note})`}`;
}

/**
 * The events of an input in batches (one await per batch, not per event): a file, standard input
 * (`-`), or a jlog directory (its records on disk, read without writing anything into it).
 */
export async function* eventBatches(
  file: string,
  log: LogFormat | 'auto',
  strict: boolean,
  more: { maxLineLength?: number; onDetect?: (d: DetectResult) => void; report?: typeof reportDetected } = {},
): AsyncGenerator<EcelogEvent[]> {
  const onDetect = (d: DetectResult): void => {
    (more.report ?? reportDetected)(file, d);
    more.onDetect?.(d);
  };
  const { maxLineLength } = more;
  if (file === '-') {
    // Decompressed when its first bytes say so, like a file; without --log, detected from its head.
    const content = streamContent(process.stdin, 'standard input');
    if (log === 'auto') yield* parseDetected('standard input', content, { strict, onDetect, maxLineLength });
    else yield* parseStreamBatches(content, { log, strict, maxLineLength });
  } else if (await isJlogDir(file)) {
    yield* parseJlogBatches(file, { log, strict, onDetect, maxLineLength }) as AsyncIterable<EcelogEvent[]>;
  } else {
    yield* parseFileBatches(file, { log, strict, onDetect, maxLineLength });
  }
}

/** The FILEs of parse and stats: with --rotated, each names a rotated set, read oldest first. */
export async function inputFiles(name: string, files: string[], v: Values): Promise<string[]> {
  if (files.length === 0) throw new UsageError(`${name}: no FILE given (see ecelog ${name} --help)`);
  return v.rotated === true ? (await Promise.all(files.map((f) => rotatedFiles(f)))).flat() : files;
}

/** Runs `run` with a signal that Ctrl-C (SIGINT) or SIGTERM aborts: a follower then stops cleanly. */
export async function untilInterrupted<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  const stop = (): void => ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await run(ac.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
