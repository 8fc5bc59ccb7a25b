import { sleep } from '../core/sleep';
import type { LogKind } from '../decoders/event';
import type { JlogId } from './format';
import { noteEvent, PieceDecoder, type JlogEvent } from './events';
import { detectJlog, DEFAULT_BATCH, formatFor, openJlog, type JlogReadOptions } from './open';
import { jlogIdentity, messagesOf, type JlogMessage } from './payloads';
import { JlogReader } from './reader';
import type { Metastore } from './format';

/** A batch read from a jlog and the position after it (the last record it holds). */
export interface ReadBatch<T> {
  items: T[];
  position: JlogId;
}

export interface BatchLoop {
  /** Stop (return) when nothing complete is left, instead of waiting for more. */
  untilIdle: boolean;
  signal?: AbortSignal;
  /** How often (ms) to look for new records when waiting. */
  poll: number;
  /** Called each time all there is was read, before waiting for more. */
  onIdle?: () => void;
}

/**
 * Batches of a jlog's messages (`log: 'raw'`) or events, read from `start` (the last record
 * consumed) on: the engine of parseJlog, followJlog and the CLI. Reads nothing ahead of the batch
 * being taken.
 */
export async function* jlogBatches<L extends LogKind>(
  dir: string,
  start: JlogId,
  options: JlogReadOptions<L>,
  loop: BatchLoop,
  opened?: { real: string; meta: Metastore },
): AsyncGenerator<ReadBatch<JlogEvent<L>> | ReadBatch<JlogMessage>> {
  const { real, meta } = opened ?? (await openJlog(dir));
  const identity = jlogIdentity(real, options.identity);
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  if (!(batchSize >= 1)) throw new RangeError('ecelog: batchSize must be at least 1');
  const raw = options.log === 'raw';
  const kindName = (): LogKind | 'raw' => (raw ? 'raw' : (decoder?.kind ?? 'mainlog'));
  let decoder: { kind: LogKind; pieces: PieceDecoder<L> } | null = null;
  const makeDecoder = (format: ReturnType<typeof formatFor<L>>): void => {
    decoder = { kind: format.log, pieces: new PieceDecoder(format, options, identity) };
  };
  const log = options.log;
  if (log !== undefined && log !== 'auto' && log !== 'raw') makeDecoder(formatFor<L>(log));

  const reader = new JlogReader(dir, meta, start, options);
  try {
    for (;;) {
      if (loop.signal?.aborted) return;
      if (!raw && decoder === null) {
        const format = await detectJlog(dir, reader.metastore, reader.position, options);
        if (format === null) {
          if (loop.untilIdle) return; // no messages: nothing to detect, nothing to read
          loop.onIdle?.();
          await sleep(loop.poll, loop.signal);
          continue;
        }
        makeDecoder(format as ReturnType<typeof formatFor<L>>);
      }
      const step = await reader.next(batchSize);
      if (step.kind === 'idle') {
        if (loop.untilIdle) return;
        loop.onIdle?.();
        await sleep(loop.poll, loop.signal);
        continue;
      }
      if (step.kind === 'note') {
        yield { items: [noteEvent(step.note, kindName())], position: reader.position };
        continue;
      }
      const items = raw ? messagesOf(step.piece, identity) : decoder!.pieces.decode(step.piece);
      yield { items, position: reader.position } as ReadBatch<JlogEvent<L>> | ReadBatch<JlogMessage>;
    }
  } finally {
    await reader.close();
  }
}
