import type { DetectResult } from '../../session/detect';
import type { EcelogEvent } from '../../decoders/index';
import type { LogKind } from '../../decoders/event';
import type { LogFormat } from '../../decoders/log-format';
import { fingerprintOf, lineId } from '../../io/fingerprint';
import { parseFileBatches } from '../../session/stream';
import { isJlogDir } from '../../jlog/probe';
import { parseJlogBatches } from '../../jlog/parse-jlog';
import { Batcher, type BatcherOptions } from '../transport/batcher';
import { SignalsConverter, type ConvertOptions, type ConvertStats } from '../convert/convert';
import { mergeBatchesByTime } from '../convert/merge';
import { eventlogTypesFor } from '../convert/eventlog';
import { Spool } from '../transport/spool';

type ReadOptions = { log?: LogKind | LogFormat | 'auto'; onDetect?: (d: DetectResult) => void };

/**
 * The events of a finished file, each with the `id` follow would give its line
 * (`<fingerprint>:<offset>`) and its `file`: converting a file offline and following it live
 * make the same event_ids, so SparkPost deduplicates one against the other.
 */
export async function* eventsWithIds(path: string, options: ReadOptions = {}): AsyncGenerator<EcelogEvent> {
  for await (const batch of eventBatchesWithIds(path, options)) yield* batch;
}

/**
 * eventsWithIds in batches (those of parseFileBatches): one await per batch rather than per event.
 * A jlog directory (Momentum's eventlog) is read too: its events carry their jlog ids already.
 */
export async function* eventBatchesWithIds(path: string, options: ReadOptions = {}): AsyncGenerator<EcelogEvent[]> {
  if (await isJlogDir(path)) {
    yield* parseJlogBatches(path, { log: options.log ?? 'auto', onDetect: options.onDetect }) as AsyncIterable<EcelogEvent[]>;
    return;
  }
  const fp = (await fingerprintOf(path)) ?? `empty-${path}`;
  for await (const batch of parseFileBatches(path, { log: options.log ?? 'auto', onDetect: options.onDetect })) {
    for (let i = 0; i < batch.length; i++) {
      const out = batch[i] as EcelogEvent & { id: string; file: string };
      out.id = lineId(fp, out.offset);
      out.file = path;
    }
    yield batch;
  }
}

export interface ConvertFilesOptions {
  /** Where the batch files are written (created if missing). */
  out: string;
  /** The kind of the files given by path alone (default `'auto'`: detected); a file may also come as `{ path, log }`. */
  log?: LogKind | LogFormat | 'auto';
  convert?: ConvertOptions;
  /** Batch limits; offline, `maxEventAge` defaults to 0 (no limit): the files are for inspection or a later upload. */
  batch?: BatcherOptions;
  onDetect?: (file: string, d: DetectResult) => void;
}

export interface ConvertFilesResult {
  /** Batch file names in `out`, in order. */
  batches: string[];
  events: number;
  converter: ConvertStats;
  batcher: Batcher['stats'];
}

/**
 * Converts finished log files (any mix of kinds, each detected or `log`) into Ingest batch files
 * (gzip NDJSON, ≤ 5 MB each) in `out`. The files are read together in timestamp order, so a
 * mainlog `P` meets its bouncelog `B`.
 */
export async function convertFiles(
  files: ReadonlyArray<string | { path: string; log: LogKind | LogFormat | 'auto' }>,
  options: ConvertFilesOptions,
): Promise<ConvertFilesResult> {
  // Made once every file's kind is known (mergeBatchesByTime reads a first batch of each before
  // it yields one): with the eventlog beside the logs, each event is taken from one of them.
  const kinds: string[] = [];
  let converter: SignalsConverter | undefined;
  const batcher = new Batcher({ maxEventAge: 0, ...options.batch });
  const spool = await Spool.open(options.out);
  const batches: string[] = [];
  const write = async (closed: ReturnType<Batcher['take']>): Promise<void> => {
    for (const b of closed) batches.push(await spool.write(b));
  };
  const sources = files.map((f) => {
    const { path, log } = typeof f === 'string' ? { path: f, log: options.log } : f;
    if (log !== undefined && log !== 'auto') kinds.push(typeof log === 'string' ? log : log.log);
    return eventBatchesWithIds(path, {
      log,
      onDetect: (d) => {
        kinds.push(d.log);
        options.onDetect?.(path, d);
      },
    });
  });
  let events = 0;
  const convert = options.convert ?? {};
  const start = (): SignalsConverter => new SignalsConverter({ ...convert, eventlogTypes: eventlogTypesFor(kinds, convert.eventlogTypes) });
  for await (const batch of mergeBatchesByTime(...sources)) {
    converter ??= start();
    events += batch.length;
    for (const ev of batch) {
      for (const out of converter.push(ev)) {
        const closed = batcher.add(out);
        if (closed.length > 0) await write(closed);
      }
    }
  }
  converter ??= start();
  for (const out of converter.flush()) await write(batcher.add(out));
  await write(batcher.take());
  return { batches, events, converter: converter.stats, batcher: batcher.stats };
}
