import { backend } from '../core/backend';
import { safeText } from '../core/safe-text';
import type { EcelogEvent } from '../decoders/index';
import { LOG_KINDS } from '../decoders/index';
import type { LogFormat } from '../decoders/log-format';
import { follow } from '../files/follow';
import { followJlog } from '../jlog/follow-jlog';
import { isJlogDir } from '../jlog/probe';
import { CUSTOM_HELP, CUSTOM_OPTIONS, customFormat } from './custom-format';
import { isLoopback, startDashboard } from './dashboard-server';
import { eventFilter } from './filters';
import { detectLive } from './follow-command';
import { ReportAggregate } from './report-data';
import { BUCKET_HELP, bucketOption, filterMeta } from './report-command';
import {
  FILTER_OPTIONS,
  ROTATE_WAIT_HELP,
  UsageError,
  filterOptions,
  formatFor,
  reportDetected,
  rotateWait,
  str,
  untilInterrupted,
  type Command,
} from './command';

/** Buckets the live charts keep by default. */
const DEFAULT_WINDOW = 60;
const MAX_WINDOW = 1440;
/** Events of follow() that say something about the file, not the mail: not counted. */
const FOLLOW_NOTES = new Set(['truncated', 'checkpoint_lost', 'gap']);

/**
 * The batches of a followed FILE, as they arrive: a log file (its kind detected from its first
 * lines unless given), or a jlog directory read as a peeker (no subscriber, no checkpoint: the
 * dashboard writes nothing).
 */
async function* liveBatches(
  path: string,
  given: LogFormat | 'auto',
  o: { from: 'start' | 'end'; rotateWait: number | undefined; signal: AbortSignal },
): AsyncGenerator<{ events: readonly unknown[] }> {
  if (await isJlogDir(path)) {
    const log = given === 'auto' ? 'auto' : given.log;
    yield* followJlog(path, {
      log,
      from: o.from === 'start' ? 'begin' : 'end',
      signal: o.signal,
      onDetect: (d) => reportDetected(path, d),
    });
    return;
  }
  const format = given === 'auto' ? await detectLive(path, o.signal) : given;
  if (format !== null) yield* follow(path, { log: format, ...o });
}

/** `ecelog dashboard --follow`: the report's page, served and updated live as lines arrive. */
export const command: Command = {
  usage: `Usage: ecelog dashboard --follow [options] FILE...

Follows each FILE (tail -F, rotation-aware, as ecelog follow; a jlog directory as a reader
without a subscriber) and serves the page of ecelog report, updated by Server-Sent Events (at
most once a second) as lines arrive. The charts keep a rolling window of the latest buckets;
the totals count everything since the start. Nothing is written, and memory is bounded
whatever the traffic. Stop it with Ctrl-C.

  --follow          required: follow the FILEs from their end (see --from)
  --host H          the address to listen on (default 127.0.0.1); any other than loopback
                    requires --token
  --port N          the port (default 8080; 0: any free one, printed on stderr)
  --token T         every request must carry it: Authorization: Bearer T, or ?token=T in the
                    URL (the page passes it on to /events)
${BUCKET_HELP}
  --window N        buckets the charts keep (default ${DEFAULT_WINDOW}, at most ${MAX_WINDOW})
  --from start|end  where to begin in each FILE (default end)
  --rotate-wait S   ${ROTATE_WAIT_HELP}
  --log KIND        auto (default: detected from the first lines) or one of
                    ${LOG_KINDS.join(', ')}
${CUSTOM_HELP}
  --type, --since, --until, --where   as for parse: count only the matching events`,
  options: {
    follow: { type: 'boolean' },
    host: { type: 'string' },
    port: { type: 'string' },
    token: { type: 'string' },
    bucket: { type: 'string' },
    window: { type: 'string' },
    from: { type: 'string' },
    'rotate-wait': { type: 'string' },
    log: { type: 'string' },
    ...CUSTOM_OPTIONS,
    ...FILTER_OPTIONS,
  },
  async run(files, v) {
    if (v.follow !== true) throw new UsageError('dashboard needs --follow (for a file read once, see ecelog report)');
    if (files.length === 0) throw new UsageError('dashboard: no FILE given (see ecelog dashboard --help)');
    const host = str(v, 'host') ?? '127.0.0.1';
    const token = str(v, 'token') ?? null;
    if (!isLoopback(host) && token === null) throw new UsageError(`--host ${host} is not loopback: --token is required`);
    if (token === '') throw new UsageError('--token must not be empty');
    const port = Number(str(v, 'port') ?? '8080');
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0..65535');
    const window = Number(str(v, 'window') ?? DEFAULT_WINDOW);
    if (!Number.isInteger(window) || window < 1 || window > MAX_WINDOW) throw new UsageError(`--window must be 1..${MAX_WINDOW}`);
    const from = str(v, 'from') ?? 'end';
    if (from !== 'start' && from !== 'end') throw new UsageError('--from must be start or end');
    const bucket = bucketOption(v);
    const filter = filterOptions(v);
    const keep = eventFilter(filter);
    const given = (await customFormat(v)) ?? formatFor(str(v, 'log'));
    const wait = rotateWait(v);
    const report = new ReportAggregate(bucket, window);
    let version = 0;
    const dashboard = await startDashboard({
      host,
      port,
      token,
      data: () => report.report({ files, backend, generated: Date.now(), ...filterMeta(v) }),
      version: () => version,
    });
    const shown = host.includes(':') ? `[${host}]` : host;
    process.stderr.write(`ecelog: dashboard on http://${safeText(shown)}:${dashboard.port}/\n`);
    try {
      await untilInterrupted((signal) =>
        Promise.all(
          files.map(async (path) => {
            for await (const batch of liveBatches(path, given, { from, rotateWait: wait, signal })) {
              report.setFile(path);
              for (const ev of batch.events as EcelogEvent[]) if (!FOLLOW_NOTES.has(ev.type) && (keep === null || keep(ev))) report.add(ev);
              version++;
            }
          }),
        ),
      );
    } finally {
      await dashboard.close();
    }
    return 0;
  },
};
