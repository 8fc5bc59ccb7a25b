import { readFile } from 'node:fs/promises';
import { compileFormats, readCustomLoggerConfig, type CustomLoggerStanza } from '../decoders/custom/index';
import { FORMAT_STAGES } from '../decoders/custom/compile';
import type { LogFormat } from '../decoders/log-format';
import { list, str, UsageError, type OptionTable, type Values } from './command';

/** The options that read a custom_logger log with its formats (parse, stats, follow). */
export const CUSTOM_OPTIONS: OptionTable = {
  'format-string': { type: 'string', multiple: true },
  'custom-conf': { type: 'string' },
  logger: { type: 'string' },
};

export const CUSTOM_HELP = `  --format-string KEY=FMT  a custom_logger log, read with this format: KEY is the format's
                    option (${FORMAT_STAGES.map(([key]) => key).join(', ')}); repeatable, one per stage
  --custom-conf F   a custom_logger log, read with the formats of the custom_logger stanza of
                    ecelerity.conf F (the first stanza, or --logger NAME's)`;

/** The format compiled from a custom_logger stanza of the ecelerity.conf `file` (the first, or the one named `name`). */
export async function customConfFormat(file: string, name: string | undefined, option = '--custom-conf'): Promise<LogFormat> {
  let stanzas: CustomLoggerStanza[];
  try {
    stanzas = readCustomLoggerConfig(await readFile(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${option} ${file}: ${(err as Error).message}`);
  }
  const stanza = name === undefined ? stanzas[0] : stanzas.find((s) => s.name === name);
  if (stanza === undefined) throw new UsageError(`${option} ${file}: no custom_logger stanza${name === undefined ? '' : ` named ${name}`}`);
  try {
    return compileFormats(stanza.formats);
  } catch (err) {
    throw new UsageError(`${option} ${file}: ${(err as Error).message}`);
  }
}

/** The custom format the options give (--format-string, --custom-conf [--logger]), or null. */
export async function customFormat(v: Values): Promise<LogFormat | null> {
  const strings = list(v, 'format-string') ?? [];
  const conf = str(v, 'custom-conf');
  const logger = str(v, 'logger');
  if (logger !== undefined && conf === undefined) throw new UsageError('--logger NAME goes with --custom-conf F');
  if (strings.length === 0 && conf === undefined) return null;
  if (strings.length > 0 && conf !== undefined) throw new UsageError('--format-string or --custom-conf, not both');
  if (str(v, 'log') !== undefined) throw new UsageError(`--log or ${conf === undefined ? '--format-string' : '--custom-conf'}, not both`);
  if (conf !== undefined) return customConfFormat(conf, logger);
  const keys = FORMAT_STAGES.map(([key]) => key as string);
  const formats: Record<string, string> = {};
  for (const s of strings) {
    const m = /^(\w+)=([\s\S]*)$/.exec(s);
    if (m === null || !keys.includes(m[1]!)) throw new UsageError(`--format-string must be KEY=FMT, KEY one of ${keys.join(', ')}`);
    if (m[1]! in formats) throw new UsageError(`--format-string: ${m[1]} given twice`);
    formats[m[1]!] = m[2]!;
  }
  try {
    return compileFormats(formats);
  } catch (err) {
    throw new UsageError(`--format-string: ${(err as Error).message}`);
  }
}

/** signals' --custom files, each with the format compiled from --custom-conf F[:NAME]. */
export async function customFiles(v: Values): Promise<Array<{ path: string; log: LogFormat }>> {
  const paths = list(v, 'custom') ?? [];
  const conf = str(v, 'custom-conf');
  if (paths.length === 0) {
    if (conf !== undefined) throw new UsageError('--custom-conf without a --custom FILE to read with it');
    return [];
  }
  if (conf === undefined)
    throw new UsageError('--custom FILE needs --custom-conf ecelerity.conf[:NAME] (a custom log is read with its formats)');
  const m = /^(.*?)(?::([^:/\\]+))?$/.exec(conf)!;
  const format = await customConfFormat(m[1]!, m[2]);
  return paths.map((path) => ({ path, log: format }));
}
