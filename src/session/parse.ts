import { FORMATS, type EcelogEvent, type EventsByLog } from '../decoders/index';
import type { LogKind } from '../decoders/event';
import type { LogFormat } from '../decoders/log-format';
import { Session, type ParseOptions } from './session';
import { DETECT_HEAD_BYTES, detectLog, type DetectResult } from './detect';

export interface BufferOptions<L extends LogKind> extends Omit<ParseOptions<L>, 'log'> {
  /**
   * Which log the buffer is: a kind, a LogFormat, or `'auto'` (the default): detected from its
   * first lines (see detectLog), as `parseFile` does.
   */
  log?: L | LogFormat<L> | 'auto';
  /** With `log: 'auto'`: a name whose log name decides between kinds the content cannot tell apart. */
  fileName?: string;
  /** With `log: 'auto'`: told which kind was chosen, and why (before the first event). */
  onDetect?: (result: DetectResult) => void;
}

/**
 * Events of a whole buffer, as a sync iterable. A last line without `\n` is included. Without
 * `log` (or with `'auto'`) the kind is detected from the first lines; an empty buffer yields
 * nothing, and one no kind fits throws a DetectError.
 */
export function parse<L extends LogKind>(
  input: Uint8Array,
  options: BufferOptions<L> & { log: L | LogFormat<L> },
): Generator<EventsByLog[L]>;
export function parse(input: Uint8Array, options?: BufferOptions<LogKind>): Generator<EcelogEvent>;
export function* parse(input: Uint8Array, options: BufferOptions<LogKind> = {}): Generator<EcelogEvent> {
  let log = options.log ?? 'auto';
  if (log === 'auto') {
    if (input.length === 0) return;
    const eof = input.length <= DETECT_HEAD_BYTES;
    const head = input.subarray(0, DETECT_HEAD_BYTES);
    const detected = detectLog(head, Object.values(FORMATS), { fileName: options.fileName, eof, backend: options.backend });
    options.onDetect?.(detected);
    log = detected.format;
  }
  const session = new Session({ ...options, log });
  session.write(input);
  session.end();
  for (let batch = session.read(); batch !== null; batch = session.read()) {
    for (let i = 0; i < batch.length; i++) yield batch[i]!;
  }
}
