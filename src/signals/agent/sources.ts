import type { EcelogEvent } from '../../decoders/index';
import type { LogKind } from '../../decoders/event';
import type { LogFormat } from '../../decoders/log-format';
import { follow } from '../../files/follow';
import { followJlog } from '../../jlog/follow-jlog';
import { isJlogDir } from '../../jlog/probe';

/** One source of the agent: a live log file, or a jlog directory (Momentum's eventlog). */
export interface AgentFile {
  /** A log file, or a jlog directory. */
  path: string;
  /** Its kind, or a LogFormat (e.g. a compiled custom_logger stanza). */
  log: LogKind | LogFormat;
  /**
   * Where its follow checkpoint lives (required: without it a restart would resend or lose). For
   * a jlog read as a `subscriber`, the jlog keeps the position and this is not used; without one,
   * the jlog is read in peek mode with this ecelog checkpoint (nothing is written into the jlog).
   */
  checkpoint: string;
  /** A jlog only: read as this subscriber (added where `from` says when missing), as Momentum's consumers do. */
  subscriber?: string;
}

/** A batch of any source: its events, and the commit that stores the position after them. */
export interface SourceBatch {
  readonly events: readonly unknown[];
  commit(): Promise<void>;
}

/** A source's batches, and whether it has read all there is now (see FollowOptions.onIdle). */
export interface Source {
  batches: AsyncGenerator<SourceBatch>;
  idle(): boolean;
}

export interface SourceOptions {
  from?: 'start' | 'end';
  signal: AbortSignal;
  pollInterval?: number;
  rotateWait?: number;
}

/** The batches of a source, whichever kind of path it is. */
export async function openSource(f: AgentFile, o: SourceOptions): Promise<Source> {
  let idle = false;
  const onIdle = (): void => {
    idle = true;
  };
  let batches: AsyncGenerator<SourceBatch>;
  if (await isJlogDir(f.path)) {
    const where = f.subscriber !== undefined ? { subscriber: f.subscriber } : { checkpoint: f.checkpoint };
    batches = followJlog(f.path, {
      ...where,
      log: f.log,
      from: o.from === 'start' ? 'begin' : 'end',
      signal: o.signal,
      pollInterval: o.pollInterval,
      onIdle,
    });
  } else {
    const { from, signal, pollInterval, rotateWait } = o;
    batches = follow(f.path, { log: f.log, checkpoint: f.checkpoint, from, signal, pollInterval, rotateWait, onIdle });
  }
  return { batches: busyWhileGiving(batches, () => (idle = false)), idle: () => idle };
}

/** `batches`, calling `busy` before each one is given out. */
async function* busyWhileGiving(batches: AsyncGenerator<SourceBatch>, busy: () => void): AsyncGenerator<SourceBatch> {
  for await (const b of batches) {
    busy();
    yield b;
  }
}

/** The events of a batch, as the converter takes them. */
export function eventsOf(batch: SourceBatch): readonly EcelogEvent[] {
  return batch.events as readonly EcelogEvent[];
}
