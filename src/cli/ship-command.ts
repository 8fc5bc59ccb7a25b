import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { follow } from '../files/follow';
import type { DetectResult } from '../session/detect';
import { ClickhouseSink, isRefusal, type ClickhouseOptions } from '../sinks/clickhouse-sink';
import { withRetries } from '../sinks/retry';
import { eventTables } from '../sinks/schema';
import { agentOutput, type AgentOutput } from './agent-output';
import { clickhouseTarget, PASSWORD_ENV, USER_ENV } from './clickhouse-target';
import { kindTypesAndFields } from './columns';
import {
  INPUT_HELP,
  INPUT_OPTIONS,
  ROTATE_WAIT_HELP,
  UsageError,
  detectedText,
  formatFor,
  inputFiles,
  rotateWait,
  seconds,
  str,
  untilInterrupted,
  type Command,
  type Values,
} from './command';
import { detectLive } from './follow-command';
import { batchesWithIds } from './sink-input';

/** `ecelog ship`: events into ClickHouse, from finished files or followed live ones, each event once. */
export const command: Command = {
  usage: `Usage: ecelog ship --to URL [options] FILE...
       ecelog ship --to URL --follow --checkpoint F|DIR [options] FILE...

Ships the FILEs' events into ClickHouse over HTTP: a table per event type (as ecelog sql's, with
the node that shipped them), each created if absent, ReplacingMergeTree partitioned by day and
ordered by (node, type, timestamp, id), and the view events. An event sent twice (a resend after
a crash or a lost answer) has the same id and is merged away: query with FINAL (the events view
does). See docs/sql.md. Needs @clickhouse/client (an optional peer dependency: npm install @clickhouse/client).

  --to URL          clickhouse://HOST[:PORT]/DB: HTTPS (default port 8443), or HTTP (8123) to a
                    loopback host; https://HOST:PORT/DB and http://HOST:PORT/DB also work
                    (DB default ecelog). The user is the environment's ${USER_ENV}
                    (default: default), the password ${PASSWORD_ENV} or --password-file:
                    never in the URL
  --password-file F the password is the first line of F
  --insecure-http   allow plain http to a host other than this one
  --node NAME       the value of the node column (default: this host's name)
  --follow          follow the FILEs as they grow (rotation-aware, as ecelog follow), until
                    Ctrl-C or SIGTERM; each position is committed only once ClickHouse has
                    acknowledged the events before it: a crash loses nothing
  --checkpoint F    with --follow: the position file (with several FILEs, a directory that
                    exists: one file each in it)
  --from start|end  with --follow, without a checkpoint: where to begin (default end)
  --rotate-wait S   ${ROTATE_WAIT_HELP}
  --max-rows N      most rows in one INSERT (default 100000)
  --max-bytes N     most bytes in one INSERT (default 16777216)
  --status-interval S  seconds between status lines on stderr (default 10)
  --status-json     status lines, warnings, errors and the stop summary as one JSON object a
                    line (as ecelog signals --status-json)
${INPUT_HELP}
A failed INSERT is retried with backoff (0.5 s doubling up to 30 s): with --follow without end,
else 5 times.`,
  options: {
    ...INPUT_OPTIONS,
    to: { type: 'string' },
    'password-file': { type: 'string' },
    'insecure-http': { type: 'boolean' },
    node: { type: 'string' },
    follow: { type: 'boolean' },
    checkpoint: { type: 'string' },
    from: { type: 'string' },
    'rotate-wait': { type: 'string' },
    'max-rows': { type: 'string' },
    'max-bytes': { type: 'string' },
    'status-interval': { type: 'string' },
    'status-json': { type: 'boolean' },
  },
  async run(args, v) {
    const to = str(v, 'to');
    if (to === undefined) throw new UsageError('ship: --to URL is needed (see ecelog ship --help)');
    const following = v.follow === true;
    const files = following ? args : await inputFiles('ship', args, v);
    if (files.length === 0) throw new UsageError('ship: no FILE given (see ecelog ship --help)');
    const checkpoint = str(v, 'checkpoint');
    if (following && checkpoint === undefined)
      throw new UsageError('ship --follow needs --checkpoint F (or a directory, with several FILEs)');
    const target = await clickhouseTarget(to, str(v, 'password-file'), v['insecure-http'] === true);
    const interval = seconds(v, 'status-interval') ?? 10;
    if (interval === 0) throw new UsageError('--status-interval must be more than 0 seconds');
    const status = new Status(agentOutput<ShipStatus, ShipStats>('ship', v['status-json'] === true, stoppedLine));
    return untilInterrupted(async (signal) => {
      // A refused user or password stops at once (exit 2), following or not; the rest is retried.
      const again = {
        signal,
        attempts: following ? Infinity : 5,
        fatal: isRefusal,
        onRetry: (e: unknown, ms: number) => status.retry(e, ms),
      };
      const retry = <T>(send: () => Promise<T>): Promise<T> => withRetries(send, again);
      const options: ClickhouseOptions = { maxRows: count(v, 'max-rows'), maxBytes: count(v, 'max-bytes'), retry };
      let sink: ClickhouseSink;
      try {
        sink = await retry(() => ClickhouseSink.open(target, eventTables(kindTypesAndFields()), str(v, 'node') ?? hostname(), options));
      } catch (err) {
        return status.failed(err);
      }
      const timer = setInterval(() => status.line(sink), interval * 1000);
      const ship = async (events: readonly object[]): Promise<void> => {
        await sink.add(events.filter((e) => status.shippable(e)));
        status.events += events.length;
      };
      try {
        if (!following) {
          for (const file of files)
            for await (const batch of batchesWithIds(file, formatFor(str(v, 'log')), v.strict === true, false, status.detected))
              await ship(batch);
          await sink.flush();
        } else {
          const where = await checkpoints(files, checkpoint!);
          await Promise.all(files.map((file) => shipFollowing(file, where(file), v, signal, ship, () => sink.flush(), status.detected)));
        }
      } catch (err) {
        if (err instanceof UsageError) throw err;
        return status.failed(err);
      } finally {
        clearInterval(timer);
        status.stopped(sink);
        await sink.close();
      }
      return 0;
    });
  },
};

/** A positive whole number option, or undefined. */
function count(v: Values, name: string): number | undefined {
  const text = str(v, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number of 1 or more`);
  return n;
}

/** Where each followed file's position is kept: the file given, or one per FILE in the directory given. */
async function checkpoints(files: readonly string[], given: string): Promise<(file: string) => string> {
  if (files.length === 1) return () => given;
  const { stat } = await import('node:fs/promises');
  if ((await stat(given).catch(() => null))?.isDirectory() !== true)
    throw new UsageError('with several --follow files, --checkpoint must name an existing directory');
  // The path's hash too: two followed files may have the same name in different directories.
  return (file) => join(given, `${basename(file)}-${createHash('sha256').update(file).digest('hex').slice(0, 8)}.checkpoint`);
}

/** Follows one file: each batch shipped (and acknowledged), then its position committed. */
async function shipFollowing(
  path: string,
  checkpoint: string,
  v: Values,
  signal: AbortSignal,
  ship: (events: readonly object[]) => Promise<void>,
  flush: () => Promise<void>,
  report: (file: string, d: DetectResult) => void,
): Promise<void> {
  const given = formatFor(str(v, 'log'));
  const log = given === 'auto' ? await detectLive(path, signal, report) : given;
  if (log === null) return;
  const from = str(v, 'from') ?? 'end';
  if (from !== 'start' && from !== 'end') throw new UsageError('--from must be start or end');
  const batchSize = count(v, 'max-rows') ?? 10_000;
  for await (const batch of follow(path, { log, checkpoint, from, rotateWait: rotateWait(v), signal, batchSize })) {
    await ship(batch.events);
    await flush();
    await batch.commit();
  }
}

/** What a status line says, as `--status-json` writes it. */
interface ShipStatus {
  readonly events_per_s: number;
  readonly events_read: number;
  readonly batches: number;
  readonly rows: number;
  readonly retries: number;
  readonly last_error: string | null;
  readonly not_shipped: Readonly<Record<string, number>>;
}
type ShipStats = Omit<ShipStatus, 'events_per_s'>;

function stoppedLine(s: ShipStats): string {
  return `stopped: ${s.events_read} events read, ${countsText(s)}`;
}

function countsText(s: ShipStats): string {
  const skipped = Object.entries(s.not_shipped)
    .map(([t, n]) => `, ${n} ${t} not shipped`)
    .join('');
  return `${s.batches} batches sent (${s.rows} events), ${s.retries} retries${skipped}`;
}

/** The status lines, in the words of the Signals agent's: events/s, batches sent (events), retries; as text or JSON. */
class Status {
  events = 0;
  private retries = 0;
  private lastError: string | null = null;
  private readonly notShipped = new Map<string, number>();
  private readonly tables = new Set(eventTables(kindTypesAndFields()).map((t) => t.name));
  private last = { time: Date.now(), events: 0 };

  constructor(private readonly say: AgentOutput<ShipStatus, ShipStats>) {}

  /** The log kind an input was detected as (the line `ecelog parse` prints, or a JSON line). */
  readonly detected = (file: string, d: DetectResult): void => this.say.info(detectedText(file, d), { file, log: d.log, note: d.note });

  /** Whether an event has a table; the others (follow's notes: checkpoint_lost, ...) are told as warnings. */
  shippable(e: object): boolean {
    const type = (e as { type: string }).type;
    if (this.tables.has(type)) return true;
    this.notShipped.set(type, (this.notShipped.get(type) ?? 0) + 1);
    this.say.warning(`not shipped (no table): ${JSON.stringify(e)}`);
    return false;
  }

  retry(err: unknown, ms: number): void {
    this.retries++;
    this.lastError = err instanceof Error ? err.message : String(err);
    this.say.warning(`${this.lastError}; again in ${(ms / 1000).toFixed(1)} s`);
  }

  line(sink: ClickhouseSink): void {
    const now = Date.now();
    const rate = Math.round(((this.events - this.last.events) * 1000) / Math.max(1, now - this.last.time));
    this.last = { time: now, events: this.events };
    const stats = this.stats(sink);
    this.say.status(`${rate} events/s, ${countsText(stats)}`, { events_per_s: rate, ...stats });
  }

  stopped(sink: ClickhouseSink): void {
    this.say.stopped(this.stats(sink));
  }

  /** A failure that ends the run: thrown on (the CLI prints it), or with --status-json a JSON line and exit code 2. */
  failed(err: unknown): number {
    if (!this.say.json) throw err;
    this.say.error(err);
    return 2;
  }

  private stats(sink: ClickhouseSink): ShipStats {
    return {
      events_read: this.events,
      batches: sink.inserts,
      rows: sink.rows,
      retries: this.retries,
      last_error: this.lastError,
      not_shipped: Object.fromEntries(this.notShipped),
    };
  }
}
