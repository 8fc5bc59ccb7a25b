import { realpath } from 'node:fs/promises';
import type { LogKind } from '../decoders/event';
import { FORMATS, formatOf } from '../decoders/index';
import type { LogFormat } from '../decoders/log-format';
import { detectLog, DETECT_HEAD_BYTES, type DetectResult } from '../session/detect';
import type { ParseOptions } from '../session/session';
import { readMetastore, type JlogId, type Metastore } from './format';
import { linesOf } from './payloads';
import { JlogReader, type ReaderOptions } from './reader';

/** Options every way of reading a jlog takes. */
export interface JlogReadOptions<L extends LogKind> extends Omit<ParseOptions<L>, 'log' | 'startOffset' | 'startLine'>, ReaderOptions {
  /**
   * What the messages are: a log kind (`'eventlog'` for event_hydrant's jlog; `'mainlog'` etc. for
   * an ec_logger or custom_logger pointed at `jlog://`), a LogFormat, `'auto'` (default: detected
   * from the first messages) — or `'raw'`: the messages themselves, undecoded.
   */
  log?: L | LogFormat<L> | 'auto' | 'raw';
  /** The identity in events' ids (default: from the host name and the directory's real path). */
  identity?: string;
  /** Messages per batch (default 1000). */
  batchSize?: number;
  /** Called with the detection's result when `log` is `'auto'`. */
  onDetect?: (result: DetectResult) => void;
}

export const DEFAULT_BATCH = 1000;

export async function openJlog(dir: string): Promise<{ real: string; meta: Metastore }> {
  const meta = await readMetastore(dir);
  return { real: await realpath(dir), meta };
}

/**
 * The kind of a jlog's messages, from the first messages after `start` (up to 64 KiB of them),
 * read by a reader of its own; null when there are none yet.
 */
export async function detectJlog(
  dir: string,
  meta: Metastore,
  start: JlogId,
  options: { onDetect?: (r: DetectResult) => void; backend?: ParseOptions['backend'] },
): Promise<LogFormat | null> {
  const reader = new JlogReader(dir, meta, start, { onCorrupt: 'skip' });
  try {
    const parts: Buffer[] = [];
    let size = 0;
    for (let tries = 0; size < DETECT_HEAD_BYTES && tries < 64; tries++) {
      const step = await reader.next(DETECT_HEAD_BYTES);
      if (step.kind === 'idle') break;
      if (step.kind !== 'records') continue;
      const text = linesOf(step.piece, []);
      parts.push(text);
      size += text.length;
    }
    if (size === 0) return null;
    const result = detectLog(Buffer.concat(parts).subarray(0, DETECT_HEAD_BYTES), Object.values(FORMATS), {
      fileName: dir,
      eof: size < DETECT_HEAD_BYTES,
      backend: options.backend,
    });
    options.onDetect?.(result);
    return result.format;
  } finally {
    await reader.close();
  }
}

/** The format `log` names ('auto' and 'raw' are the caller's business). */
export function formatFor<L extends LogKind>(log: L | LogFormat<L>): LogFormat<L> {
  if (typeof log !== 'string') return log;
  const f = formatOf(log);
  if (!f) throw new TypeError(`ecelog: unknown log kind ${JSON.stringify(log)}`);
  return f as LogFormat<L>;
}
