import { LOG_KINDS } from '../decoders/index';
import { follow } from '../files/follow';
import { Output, safeJson } from './writers';
import { ROTATE_WAIT_HELP, UsageError, formatFor, rotateWait, str, type Command } from './command';

/** `ecelog follow`: a live log as NDJSON, rotation-aware, resuming from a checkpoint. */
export const command: Command = {
  usage: `Usage: ecelog follow [options] FILE

  --log KIND        the log kind (default mainlog) or one of ${LOG_KINDS.join(', ')}
  --checkpoint F    resume from / store the position in F (written after each batch is out)
  --from start|end  where to begin without a checkpoint (default end)
  --rotate-wait S   ${ROTATE_WAIT_HELP}
Events are written as NDJSON, each with a stable "id" and its "file".`,
  options: { log: { type: 'string' }, checkpoint: { type: 'string' }, from: { type: 'string' }, 'rotate-wait': { type: 'string' } },
  async run(args, v) {
    if (args.length !== 1) throw new UsageError('follow takes one FILE');
    const from = str(v, 'from') ?? 'end';
    if (from !== 'start' && from !== 'end') throw new UsageError('--from must be start or end');
    const format = formatFor(str(v, 'log') ?? 'mainlog');
    const wait = rotateWait(v);
    if (format === 'auto') throw new UsageError('follow needs a --log KIND (a live file may not have enough lines to detect)');
    const ac = new AbortController();
    const stop = (): void => ac.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const out = new Output();
    try {
      for await (const batch of follow(args[0]!, {
        log: format.log,
        checkpoint: str(v, 'checkpoint'),
        from,
        rotateWait: wait,
        signal: ac.signal,
      })) {
        for (const ev of batch.events) await out.write(`${safeJson(ev)}\n`);
        await out.flush();
        await batch.commit();
      }
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    return 0;
  },
};
