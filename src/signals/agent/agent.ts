import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readCheckpoint } from '../../files/checkpoint';
import { Batcher, type Batch, type BatcherOptions } from '../transport/batcher';
import { SignalsConverter, type ConvertOptions, type ConvertStats } from '../convert/convert';
import { IngestClient, type IngestClientOptions } from '../transport/ingest-client';
import { interleave } from './interleave';
import { Spool } from '../transport/spool';
import { Uploader, type UploaderOptions } from '../transport/uploader';
import type { IngestEvent } from '../convert/types';
import { loadInternalMessages, saveInternalMessages } from './internal-messages';
import { eventsOf, openSource, type AgentFile, type Source, type SourceBatch } from './sources';
import { eventlogTypesFor } from '../convert/eventlog';
import { isJlogDir } from '../../jlog/probe';

export type { AgentFile } from './sources';

export interface AgentOptions {
  files: readonly AgentFile[];
  /** The Ingest API base URL (e.g. `https://api.sparkpost.com`). */
  url: string;
  apiKey: string;
  /** The spool directory: batches wait there until SparkPost acknowledged them. */
  spool: string;
  /** Without a checkpoint: read the live files from their start or only what comes next (default `'end'`). */
  from?: 'start' | 'end';
  convert?: ConvertOptions;
  batch?: BatcherOptions;
  client?: Partial<Omit<IngestClientOptions, 'url' | 'apiKey' | 'signal'>>;
  /** Batch status checks (`batchStatus`, their timing and bounds) and the spool cap (`maxSpoolBytes`, `maxSpoolAgeMs`). */
  uploader?: Omit<UploaderOptions, 'signal' | 'onSent' | 'onRejected'>;
  /** Stops the agent: the open batch is spooled, what is safe is committed, and `run` resolves. */
  signal?: AbortSignal;
  /** How often (ms) `onStatus` is called (default 10 000). */
  statusInterval?: number;
  /** A one-line status (events/s, batches sent, retries, spool depth and lag, ...) and the same as numbers. */
  onStatus?: (line: string, status: AgentStatus) => void;
  /** What an operator should know, once (e.g. most events are too old to send). */
  onWarning?: (message: string) => void;
  /** How often (ms) to look for new lines (follow's pollInterval, default 200). */
  pollInterval?: number;
  /** How long (ms) a rotated file is still read for late lines (follow's rotateWait, default 5000). */
  rotateWait?: number;
  /** On a stop, how long (ms) the uploader may go on sending what is spooled (default 5000; what is left is sent on the next start). */
  drainMs?: number;
}

export interface AgentStats {
  /** Source events read. */
  events: number;
  /** SparkPost events made. */
  converted: number;
  batches_spooled: number;
  batches_sent: number;
  events_sent: number;
  retries: number;
  rejected: number;
  spool_depth: number;
  /** Follow batches whose position was committed. */
  commits: number;
  /** Events the converter holds for pairing (their lines keep the checkpoints back). */
  held: number;
  /** Events converted without their message's reception (it was never seen, or evicted). */
  missing_reception: number;
  /** Receptions evicted by the bounds (count and age). */
  evicted_receptions: number;
  /** Events older than 24 hours when batched: the Ingest API drops them, so they are not sent. */
  too_old: number;
  /** The converter's own counters. */
  converter: ConvertStats;
  /** The reason of the latest failed attempt or refused batch; null once a batch was acknowledged after it. */
  last_error: string | null;
  /** When SparkPost last acknowledged a batch (ISO 8601), or null. */
  last_success: string | null;
  /**
   * Seconds since the oldest batch still in the spool was spooled (null when the spool is empty):
   * how far the upload lags. Measured when a status line is made and at the stop.
   */
  oldest_unsent_age_s: number | null;
}

/** A status line's numbers: the stats, when, and the rate since the previous line. */
export interface AgentStatus extends AgentStats {
  time: string;
  /** Source events read per second since the previous status line. */
  events_per_s: number;
}

/** How often the agent releases held events by the wall clock; and wakes without new lines to close a due batch. */
const TICK_MS = 500;

interface Pending {
  batch: SourceBatch;
  /** The converter's input count after this batch: every input up to it must be spooled before a commit. */
  endSeq: number;
}

/**
 * The Signals agent: follows live logs, converts their events, batches, spools and uploads them,
 * and loses nothing across crashes.
 *
 * The order of durability: a batch is written to the spool (atomically) before it is sent, and
 * removed only after SparkPost answered 2xx with a batch id; a follow checkpoint is committed only
 * once every event read before it is spooled — events the converter still holds (a `P` waiting for
 * its bouncelog `B`) keep the checkpoint before their line. After a crash the spool is resent
 * first and the logs are read again from the checkpoints: some events may be sent twice (their
 * event_id is the same, so SparkPost drops the copy), none is lost.
 */
export class SignalsAgent {
  private converter: SignalsConverter;
  private readonly batcher: Batcher;
  private readonly ac = new AbortController();
  private readonly pending: Pending[][];
  private spool!: Spool;
  private uploader!: Uploader;
  private events = 0;
  private converted = 0;
  private spooled = 0;
  private commits = 0;
  /** Orders errors and acknowledgements: the error shows while no batch was acknowledged after it. */
  private sequence = 0;
  private errorAt = 0;
  private errorText: string | null = null;
  private successAt = 0;
  private successTime: number | null = null;
  /** The spool's lag when last measured (see `measureLag`), and the measurement under way. */
  private lag: number | null = null;
  private measuring: Promise<void> | null = null;

  constructor(private readonly opts: AgentOptions) {
    if (opts.files.length === 0) throw new Error('ecelog: the agent needs at least one file to follow');
    this.converter = this.newConverter([]);
    this.batcher = new Batcher(opts.batch);
    this.pending = opts.files.map(() => []);
    opts.signal?.addEventListener('abort', () => this.ac.abort(), { once: true });
    if (opts.signal?.aborted) this.ac.abort();
  }

  get stats(): AgentStats {
    const u = this.uploader?.stats;
    return {
      events: this.events,
      converted: this.converted,
      batches_spooled: this.spooled,
      batches_sent: u?.batches_sent ?? 0,
      events_sent: u?.events_sent ?? 0,
      retries: u?.retries ?? 0,
      rejected: u?.rejected ?? 0,
      spool_depth: this.spool?.depth ?? 0,
      commits: this.commits,
      held: this.converter.stats.held,
      missing_reception: this.converter.stats.missing_reception,
      evicted_receptions: this.converter.stats.evicted_receptions + this.converter.stats.evicted_by_age,
      too_old: this.batcher.stats.dropped_old,
      converter: this.converter.stats,
      last_error: this.currentError(u?.last_error ?? null),
      last_success: this.successTime === null ? null : new Date(this.successTime).toISOString(),
      oldest_unsent_age_s: this.spool?.depth ? this.lag : null,
    };
  }

  /** The uploader's latest error while it is current: none once a batch was acknowledged after it. */
  private currentError(latest: string | null): string | null {
    // The client's and uploader's callbacks tell of each error; one they did not (the upload loop's own) is seen here.
    if (latest === null) this.errorText = null;
    else if (latest !== this.errorText) this.noteError(latest);
    return latest !== null && this.errorAt > this.successAt ? latest : null;
  }

  private noteError(text: string): void {
    this.errorText = text;
    this.errorAt = ++this.sequence;
  }

  private noteSuccess(): void {
    this.successAt = ++this.sequence;
    this.successTime = Date.now();
  }

  /** Measures the lag, or joins the measurement under way. */
  private measureLag(): Promise<void> {
    this.measuring ??= this.readLag().finally(() => (this.measuring = null));
    return this.measuring;
  }

  /** The age of the oldest spooled batch, from its name (its first 13 digits are when it was spooled, in ms): one directory read. */
  private async readLag(): Promise<void> {
    try {
      const oldest = this.spool.depth === 0 ? undefined : (await this.spool.list())[0];
      this.lag = oldest === undefined ? null : Math.max(0, Math.round((Date.now() - Number(oldest.slice(0, 13))) / 100) / 10);
    } catch {
      this.lag = null; // the spool cannot be read now: the uploader will say why
    }
  }

  /**
   * Live logs are read side by side, one perhaps far ahead of another: held events are released
   * by `advance` (the wall clock, held back to what every log has been read up to). With the
   * eventlog beside other logs, each event type comes from one of them (eventlogTypes).
   */
  private newConverter(internalMessages: [string, number][]): SignalsConverter {
    const kinds = this.opts.files.map((f) => (typeof f.log === 'string' ? f.log : f.log.log));
    const eventlogTypes = eventlogTypesFor(kinds, this.opts.convert?.eventlogTypes);
    return new SignalsConverter({ clock: 'wall', ...this.opts.convert, eventlogTypes, internalMessages });
  }

  /** Runs until the signal aborts (or a follower fails). */
  async run(): Promise<void> {
    const signal = this.ac.signal;
    // The uploader has its own stop: on a stop it may first send what was spooled (drainMs).
    const upload = new AbortController();
    // Before anything is read: a checkpoint that cannot be written would be found only after a batch was spooled.
    await checkAgentPaths(this.opts.files, this.opts.spool);
    this.spool = await Spool.open(this.opts.spool);
    // Momentum's own DSNs seen before the checkpoints: their later events are still skipped.
    const internalMessages = await loadInternalMessages(this.opts.spool);
    if (internalMessages.length > 0) this.converter = this.newConverter(internalMessages);
    this.savedInternal = this.converter.internalChanges;
    const client = new IngestClient({
      ...this.opts.client,
      url: this.opts.url,
      apiKey: this.opts.apiKey,
      signal: upload.signal,
      onRetry: (info) => {
        this.noteError(info.reason);
        this.opts.client?.onRetry?.(info);
      },
    });
    this.uploader = new Uploader(this.spool, client, {
      ...this.opts.uploader,
      signal: upload.signal,
      onSent: () => this.noteSuccess(),
      onRejected: (_name, err) => this.noteError(err.message),
    });
    // The spool left by an earlier run is sent first: the uploader takes it oldest first. If the
    // upload loop fails (not a refused batch or a transient error: those it handles), the agent
    // stops with its error rather than going on spooling with nothing sending.
    let failure: { err: unknown } | null = null;
    const uploading = this.uploader.run().catch((err: unknown) => {
      failure = { err };
      this.ac.abort();
    });
    const status = this.startStatus();
    const sources: Source[] = [];
    try {
      const options = { from: this.opts.from, signal, pollInterval: this.opts.pollInterval, rotateWait: this.opts.rotateWait };
      for (const f of this.opts.files) sources.push(await openSource(f, options));
      // Held events are released at least every tick — also while batches keep coming (the logs
      // always grow): else they would pile up, and keep every checkpoint back. Not past the
      // horizon, though: what every log still being read has reached (a log read from behind
      // after a restart may still hold an event's partner, or the R telling it is a DSN).
      let advanced = Date.now();
      for await (const step of interleave(sources, TICK_MS, signal)) {
        if (step.batch !== null) this.take(step.source, step.batch);
        if (step.batch === null || Date.now() - advanced >= TICK_MS) {
          advanced = Date.now();
          this.add(this.converter.advance(Math.min(advanced / 1000, step.horizon / 1e6)));
        }
        if (this.batcher.due()) await this.flush();
      }
      await this.flush();
      if (failure === null) await drainFor(this.uploader, this.opts.drainMs ?? 5000);
    } finally {
      status.stop();
      this.ac.abort();
      upload.abort();
      await Promise.allSettled(sources.map((s) => s.batches.return(undefined)));
      await uploading;
      await client.close();
      // For the stop summary: after any measurement a status line began, one of the spool as it is left.
      await this.measuring;
      await this.measureLag();
    }
    if (failure !== null) throw (failure as { err: unknown }).err;
  }

  private take(source: number, batch: SourceBatch): void {
    for (const ev of eventsOf(batch)) {
      this.events++;
      this.add(this.converter.push(ev));
    }
    this.pending[source]!.push({ batch, endSeq: this.converter.inputs });
  }

  private add(out: IngestEvent[]): void {
    for (const ev of out) {
      this.converted++;
      const closed = this.batcher.add(ev);
      if (closed.length > 0) this.closed.push(...closed);
    }
  }

  /** At the first flush: tells when most events so far were too old to send (a backlog, or the wrong --from). */
  private warnIfOld(): void {
    if (this.warnedOld || this.converted === 0) return;
    this.warnedOld = true;
    const old = this.batcher.stats.dropped_old;
    if (old * 2 > this.converted)
      this.opts.onWarning?.(
        `${old} of the first ${this.converted} events are older than 24 hours: the Ingest API drops them, so they are not sent. ` +
          'For a backfill convert offline (ecelog signals FILE... --out DIR); to send only new events, start with --from end',
      );
  }

  private warnedOld = false;
  /** `converter.internalChanges` when the DSN list was last saved. */
  private savedInternal = 0;

  /** Batches closed by size, waiting for the next flush to be spooled (in order). */
  private closed: Batch[] = [];

  /** Spools every closed batch and the open one, then commits what is now safe. */
  private async flush(): Promise<void> {
    const batches = this.closed.concat(this.batcher.take());
    this.closed = [];
    this.warnIfOld();
    for (const b of batches) {
      await this.spool.write(b);
      this.spooled++;
      this.uploader.kick();
    }
    // Everything the converter returned so far is spooled; inputs it still holds are not. The DSNs
    // it knows are saved before a checkpoint moves past their receptions.
    if (this.converter.internalChanges !== this.savedInternal) {
      this.savedInternal = this.converter.internalChanges;
      await saveInternalMessages(this.opts.spool, this.converter.internalMessages());
    }
    const safe = this.converter.oldestHeld;
    for (const queue of this.pending) {
      let last: Pending | null = null;
      while (queue.length > 0 && queue[0]!.endSeq < safe) last = queue.shift()!;
      if (last !== null) {
        await last.batch.commit();
        this.commits++;
      }
    }
  }

  /** Calls `onStatus` every `statusInterval` ms (the lag measured first) until `stop()`. */
  private startStatus(): { stop(): void } {
    const every = this.opts.statusInterval ?? 10_000;
    let lastEvents = 0;
    let lastTime = Date.now();
    let stopped = false;
    const tick = async (): Promise<void> => {
      if (this.measuring !== null) return; // the previous line is still being made (a slow disk)
      await this.measureLag();
      if (stopped) return;
      const now = Date.now();
      const stats = this.stats;
      const rate = ((stats.events - lastEvents) * 1000) / Math.max(1, now - lastTime);
      lastEvents = stats.events;
      lastTime = now;
      const status: AgentStatus = { time: new Date(now).toISOString(), events_per_s: Math.round(rate * 10) / 10, ...stats };
      this.opts.onStatus?.(statusLine(status), status);
    };
    const timer = setInterval(() => void tick(), every);
    timer.unref();
    return {
      stop: () => {
        stopped = true;
        clearInterval(timer);
      },
    };
  }
}

/** `812 events/s, 41 batches sent (30512 events), 3 retries, spool 0, held 12`, and what else is not zero. */
export function statusLine(s: AgentStatus): string {
  return (
    `${Math.round(s.events_per_s)} events/s, ${s.batches_sent} batches sent (${s.events_sent} events), ` +
    `${s.retries} retries, spool ${s.spool_depth}${lagText(s)}, held ${s.held}` +
    (s.rejected > 0 ? `, ${s.rejected} rejected` : '') +
    (s.too_old > 0 ? `, ${s.too_old} older than 24 h (not sent)` : '') +
    notes(s)
  );
}

/** What the agent did, for its stop: events read and made, sent, refused, too old, left in the spool. */
export function summaryLine(s: AgentStats): string {
  return (
    `stopped: ${s.events} events read, ${s.converted} converted, ${s.batches_sent} batches sent (${s.events_sent} events), ` +
    `${s.rejected} rejected, ${s.too_old} older than 24 h (not sent), spool ${s.spool_depth} left${lagText(s)}, ` +
    `${s.retries} retries` +
    notes(s)
  );
}

/** ` (oldest 65.2 s, last success 2026-…Z)` while batches wait in the spool. */
function lagText(s: AgentStats): string {
  if (s.oldest_unsent_age_s === null) return '';
  return ` (oldest ${s.oldest_unsent_age_s} s, ${s.last_success === null ? 'nothing sent yet' : `last success ${s.last_success}`})`;
}

/** The counters that are news when not zero, and the current error. */
function notes(s: AgentStats): string {
  return (
    (s.missing_reception > 0 ? `, ${s.missing_reception} without reception` : '') +
    (s.evicted_receptions > 0 ? `, ${s.evicted_receptions} receptions evicted` : '') +
    (s.last_error !== null ? `, last error: ${s.last_error}` : '')
  );
}

/**
 * Checks, before anything is read, what the agent will write: each checkpoint's directory exists
 * and is writable (and a checkpoint already there is one), and the spool directory can be
 * created and written. Throws an Error saying which path and why.
 */
export async function checkAgentPaths(files: readonly AgentFile[], spool: string): Promise<void> {
  for (const { checkpoint, path, subscriber } of files) {
    const jlog = await isJlogDir(path);
    if (jlog && subscriber !== undefined) continue; // the jlog keeps the position
    const problem = await writableDir(dirname(checkpoint));
    if (problem !== null) throw new Error(`ecelog: the checkpoint ${checkpoint} cannot be written: ${problem}`);
    if (jlog) continue; // read by followJlog, which says what is wrong with it
    await readCheckpoint(checkpoint).catch((err: Error) => {
      // Its own errors name the file ("… is not a follow checkpoint"); a system error (EISDIR, EACCES) does not.
      throw err.message.startsWith('ecelog: ') ? err : new Error(`ecelog: the checkpoint ${checkpoint} cannot be read: ${err.message}`);
    });
  }
  const problem = await mkdir(spool, { recursive: true, mode: 0o700 }).then(
    () => writableDir(spool),
    (err: Error) => err.message,
  );
  if (problem !== null) throw new Error(`ecelog: the spool directory ${spool} cannot be used: ${problem}`);
}

/** Why files cannot be made in `dir`, or null. */
async function writableDir(dir: string): Promise<string | null> {
  const st = await stat(dir).catch((err: NodeJS.ErrnoException) => err);
  if (st instanceof Error) return st.code === 'ENOENT' ? `its directory ${dir} does not exist` : st.message;
  if (!st.isDirectory()) return `${dir} is not a directory`;
  return access(dir, constants.W_OK | constants.X_OK).then(
    () => null,
    (err: Error) => err.message,
  );
}

/** Waits until the spool is empty, at most `ms`. */
async function drainFor(uploader: Uploader, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([uploader.drain().catch(() => undefined), new Promise<void>((done) => (timer = setTimeout(done, ms)))]);
  clearTimeout(timer);
}

/** Runs an agent until `options.signal` aborts. */
export async function runAgent(options: AgentOptions): Promise<AgentStats> {
  const agent = new SignalsAgent(options);
  await agent.run();
  return agent.stats;
}
