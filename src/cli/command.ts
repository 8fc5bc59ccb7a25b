import type { ParseArgsConfig } from 'node:util';
import { safeText } from '../core/safe-text';
import { formatOf, LOG_KINDS, type EcelogEvent } from '../decoders/index';
import type { LogFormat } from '../decoders/log-format';
import type { DetectResult } from '../session/detect';
import { parseFileBatches, parseStreamBatches } from '../session/stream';
import { rotatedFiles } from '../files/rotated';
import { isJlogDir } from '../jlog/probe';
import { parseJlogBatches } from '../jlog/parse-jlog';
import type { FilterOptions } from './filters';

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

/** A mistake in the command line: exit code 2, one line on stderr (then the usage, if given). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}

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

export const INPUT_HELP = `  --log KIND        auto (default: detected from the first lines and reported on stderr;
                    standard input needs a kind) or one of ${LOG_KINDS.join(', ')}
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

export function filterOptions(v: Values): FilterOptions {
  return { types: list(v, 'type'), since: str(v, 'since'), until: str(v, 'until'), where: list(v, 'where') };
}

/** The format --log names, or 'auto' (detect each file from its first lines). */
export function formatFor(given: string | undefined): LogFormat | 'auto' {
  if (given === undefined || given === 'auto') return 'auto';
  const format = formatOf(given);
  if (format === undefined) throw new UsageError(`--log must be auto or one of ${LOG_KINDS.join(', ')}`);
  return format;
}

/** Tells on stderr which kind a file was detected as, so that stdout stays the events alone. */
export function reportDetected(file: string, d: DetectResult): void {
  process.stderr.write(`ecelog: ${safeText(file)}: ${d.log}${d.note === null ? '' : ` (${d.note})`}\n`);
}

/**
 * The events of an input in batches (one await per batch, not per event): a file, standard input
 * (`-`), or a jlog directory (its records on disk, read without writing anything into it).
 */
export async function* eventBatches(file: string, log: LogFormat | 'auto', strict: boolean): AsyncGenerator<EcelogEvent[]> {
  const onDetect = (d: DetectResult): void => reportDetected(file, d);
  if (file === '-') {
    if (log === 'auto') throw new UsageError('reading standard input needs --log KIND');
    yield* parseStreamBatches(process.stdin, { log, strict });
  } else if (await isJlogDir(file)) {
    yield* parseJlogBatches(file, { log, strict, onDetect }) as AsyncIterable<EcelogEvent[]>;
  } else {
    yield* parseFileBatches(file, { log, strict, onDetect });
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
