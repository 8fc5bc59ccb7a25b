import { fingerprintOf, lineId } from '../io/fingerprint';
import { isJlogDir } from '../jlog/probe';
import type { EcelogEvent } from '../decoders/index';
import type { LogFormat } from '../decoders/log-format';
import { UsageError, eventBatches, reportDetected } from './command';

/**
 * The events of an input (as eventBatches reads it), each with an `id` that is the same on every
 * run and the `file` it came from: `<fingerprint>:<offset>` for a log file's line (what `follow`
 * gives it too), a jlog record's own id, `-:<offset>` for standard input. Standard input has no
 * identity (another run's input has the same ids): only where nothing outlives the run
 * (`stdin: true`), else it is a usage error.
 */
export async function* batchesWithIds(
  file: string,
  log: LogFormat | 'auto',
  strict: boolean,
  stdin = false,
  report = reportDetected,
): AsyncGenerator<EcelogEvent[]> {
  if (file === '-' && !stdin) throw new UsageError('standard input (-) has no identity to store its events by: give files');
  const jlog = file !== '-' && (await isJlogDir(file));
  const fp = jlog ? null : file === '-' ? '-' : ((await fingerprintOf(file)) ?? `empty-${file}`);
  for await (const batch of eventBatches(file, log, strict, { report })) {
    for (let i = 0; i < batch.length; i++) {
      const ev = batch[i] as EcelogEvent & { id?: string; file?: string };
      if (fp !== null) ev.id = lineId(fp, ev.offset);
      ev.file = file;
    }
    yield batch;
  }
}
