import { CUSTOM_HELP, CUSTOM_OPTIONS, customFormat } from './custom-format';
import { FORMATS, LOG_KINDS } from '../decoders/index';
import type { LogFormat } from '../decoders/log-format';
import { detectCompression } from '../io/compression';
import { DETECT_HEAD_BYTES, detectLog } from '../session/detect';
import { follow } from '../files/follow';
import { isJlogDir } from '../jlog/probe';
import { followJlog } from '../jlog/follow-jlog';
import type { JlogNoteEvent } from '../jlog/events';
import { safeText } from '../core/safe-text';
import { Output, safeJson } from './writers';
import type { Values } from './command';
import { ROTATE_WAIT_HELP, UsageError, formatFor, reportDetected, rotateWait, str, untilInterrupted, type Command } from './command';

/** `ecelog follow`: a live log as NDJSON, rotation-aware, resuming from a checkpoint. */
export const command: Command = {
  usage: `Usage: ecelog follow [options] FILE|JLOG-DIR

  --log KIND        auto (default: detected from the first lines, the file name deciding
                    between kinds the lines fit alike, and reported on stderr; a file that
                    is empty or missing at start is waited for until it has a complete line;
                    a jlog: from its first messages) or one of ${LOG_KINDS.join(', ')}
  --checkpoint F    resume from / store the position in F (written after each batch is out)
  --from start|end  where to begin without a checkpoint (default end)
  --rotate-wait S   ${ROTATE_WAIT_HELP}
  --subscriber NAME a jlog only: read as this subscriber and move its checkpoint after each
                    batch (added at --from if it does not exist); segments every subscriber has
                    read are deleted, as Momentum's own readers do
${CUSTOM_HELP}
Events are written as NDJSON, each with a stable "id" (and, from a file, its "file").`,
  options: {
    log: { type: 'string' },
    ...CUSTOM_OPTIONS,
    checkpoint: { type: 'string' },
    from: { type: 'string' },
    'rotate-wait': { type: 'string' },
    subscriber: { type: 'string' },
  },
  async run(args, v) {
    if (args.length !== 1) throw new UsageError('follow takes one FILE');
    const from = str(v, 'from') ?? 'end';
    if (from !== 'start' && from !== 'end' && from !== 'begin') throw new UsageError('--from must be start or end');
    if (await isJlogDir(args[0]!)) return followJlogCommand(args[0]!, v, from === 'end' ? 'end' : 'begin');
    if (str(v, 'subscriber') !== undefined) throw new UsageError('--subscriber is for a jlog directory');
    const given = (await customFormat(v)) ?? formatFor(str(v, 'log'));
    const wait = rotateWait(v);
    const path = args[0]!;
    await untilInterrupted(async (signal) => {
      const format = given === 'auto' ? await detectLive(path, signal) : given;
      if (format === null) return; // interrupted before the file had a line
      await writeBatches(
        follow(path, {
          log: format,
          checkpoint: str(v, 'checkpoint'),
          from: from === 'begin' ? 'start' : from,
          rotateWait: wait,
          signal,
        }),
      );
    });
    return 0;
  },
};

/** How often a file without a complete line is looked at again, to detect its kind. */
const DETECT_POLL_MS = 200;

/**
 * The kind of a live file, from its first complete lines (the file name a hint), reported on
 * stderr. A file that is missing or has no complete line yet is waited for; null if `signal`
 * aborts first.
 */
export async function detectLive(path: string, signal: AbortSignal, report = reportDetected): Promise<LogFormat | null> {
  const { open } = await import('node:fs/promises');
  const head = Buffer.alloc(DETECT_HEAD_BYTES);
  while (!signal.aborted) {
    let length = 0;
    try {
      const file = await open(path, 'r');
      try {
        length = (await file.read(head, 0, head.length, 0)).bytesRead;
      } finally {
        await file.close();
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const bytes = head.subarray(0, length);
    if (detectCompression(bytes) !== null || bytes.includes(10)) {
      const d = detectLog(bytes, Object.values(FORMATS), { fileName: path, eof: false });
      report(path, d);
      return d.format;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, DETECT_POLL_MS);
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    });
  }
  return null;
}

/** `ecelog follow JLOG-DIR`: a jlog as a subscriber (--subscriber) or a peeker (--checkpoint, or none). */
async function followJlogCommand(dir: string, v: Values, from: 'begin' | 'end'): Promise<number> {
  const given = str(v, 'log');
  const format = given === undefined ? 'auto' : formatFor(given);
  const subscriber = str(v, 'subscriber');
  const checkpoint = str(v, 'checkpoint');
  if (subscriber !== undefined && checkpoint !== undefined) throw new UsageError('--subscriber or --checkpoint, not both');
  await untilInterrupted((signal) =>
    writeBatches(
      followJlog(dir, {
        log: format === 'auto' ? 'auto' : format.log,
        subscriber,
        checkpoint,
        from,
        signal,
        onDetect: (d) => reportDetected(dir, d),
      }),
      (ev) => warnNote(dir, ev),
    ),
  );
  return 0;
}

/** A jlog's own events (segments gone or corrupt) also go to stderr: data was lost or skipped. */
function warnNote(dir: string, ev: unknown): void {
  const e = ev as JlogNoteEvent;
  if (e.type === 'segment_missing')
    process.stderr.write(
      `ecelog: ${safeText(dir)}: segments ${e.from.toString(16)}..${e.to.toString(16)} were deleted before they were read\n`,
    );
  else if (e.type === 'segment_corrupt')
    process.stderr.write(
      `ecelog: ${safeText(dir)}: segment ${e.segment.toString(16)} is corrupt at offset ${e.offset} (${safeText(e.reason)})\n`,
    );
}

/** Each batch as NDJSON on stdout, then committed: a restart repeats at most the batch being written. */
async function writeBatches(
  batches: AsyncIterable<{ events: readonly unknown[]; commit(): Promise<void> }>,
  note?: (ev: unknown) => void,
): Promise<void> {
  const out = new Output();
  for await (const batch of batches) {
    if (note !== undefined && batch.events.length === 1) note(batch.events[0]);
    for (const ev of batch.events) await out.write(`${safeJson(ev)}\n`);
    await out.flush();
    await batch.commit();
  }
}
