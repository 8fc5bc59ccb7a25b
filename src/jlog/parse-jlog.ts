import type { LogKind } from '../decoders/event';
import { jlogBatches } from './batches';
import type { JlogEvent } from './events';
import { JlogError } from './errors';
import type { JlogId, Metastore } from './format';
import { openJlog, type JlogReadOptions } from './open';
import type { JlogMessage } from './payloads';
import { beginning, ending } from './positions';
import { readSubscriber } from './subscribers';

export interface ParseJlogOptions<L extends LogKind> extends JlogReadOptions<L> {
  /** Start after this subscriber's checkpoint (read, never written), instead of `from`. */
  subscriber?: string;
  /** Without a subscriber: every record on disk (`'begin'`, default) or none (`'end'`). */
  from?: 'begin' | 'end';
}

/**
 * Reads the records on disk in a jlog directory (not waiting for more), as events of the kind
 * `log` names (detected by default), or as messages with `log: 'raw'`. Writes nothing into the
 * jlog; a subscriber's checkpoint is only read. Batches of up to `batchSize` messages' events.
 */
export function parseJlogBatches(dir: string, options: ParseJlogOptions<LogKind> & { log: 'raw' }): AsyncGenerator<JlogMessage[]>;
export function parseJlogBatches<L extends LogKind>(dir: string, options?: ParseJlogOptions<L>): AsyncGenerator<Array<JlogEvent<L>>>;
export async function* parseJlogBatches(dir: string, options: ParseJlogOptions<LogKind> = {}): AsyncGenerator<unknown[]> {
  const opened = await openJlog(dir);
  const start = await startOf(dir, options, opened.meta);
  for await (const b of jlogBatches(dir, start, options, { untilIdle: true, poll: 0 }, opened)) yield b.items;
}

/** parseJlogBatches one event (or message) at a time. */
export function parseJlog(dir: string, options: ParseJlogOptions<LogKind> & { log: 'raw' }): AsyncGenerator<JlogMessage>;
export function parseJlog<L extends LogKind>(dir: string, options?: ParseJlogOptions<L>): AsyncGenerator<JlogEvent<L>>;
export async function* parseJlog(dir: string, options: ParseJlogOptions<LogKind> = {}): AsyncGenerator<unknown> {
  for await (const batch of parseJlogBatches(dir, options)) yield* batch;
}

async function startOf(dir: string, options: ParseJlogOptions<LogKind>, meta: Metastore): Promise<JlogId> {
  if (options.subscriber !== undefined) {
    const cp = await readSubscriber(dir, options.subscriber, meta);
    if (cp === null) throw new JlogError('JLOG_NO_SUBSCRIBER', `${dir}: no subscriber "${options.subscriber}"`);
    return cp;
  }
  return options.from === 'end' ? ending(dir, meta) : beginning(dir);
}
