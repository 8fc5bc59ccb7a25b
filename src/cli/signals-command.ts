import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { hintFromFileName } from '../session/detect';
import { formatOf, LOG_KINDS } from '../decoders/index';
import type { LogKind } from '../decoders/event';
import type { AgentFile, AgentOptions, AgentStats, AgentStatus } from '../signals/agent/agent';
import { readApiKey } from '../signals/transport/api-key';
import type { ConvertOptions } from '../signals/convert/convert';
import { INGEST_MAX_BYTES, type BatcherOptions } from '../signals/transport/batcher';
import { convertFiles } from '../signals/agent/offline';
import { customFiles } from './custom-format';
import type { LogFormat } from '../decoders/log-format';
import { safeText } from '../core/safe-text';
import { isJlogDir } from '../jlog/probe';
import { EVENTLOG_TYPES, OWN_TRACKING_TYPES, type OwnTracking } from '../signals/convert/eventlog';
import { readAgentConfig, type AgentConfig } from '../signals/config/agent-config';
import { LuaTableError } from '../signals/config/lua-table';
import { signalsResend } from './signals-resend';
import { agentOutput } from './agent-output';
import { safeJson } from './writers';
import { isLoopback } from './loopback';
import {
  ROTATE_WAIT_HELP,
  UsageError,
  formatFor,
  list,
  reportDetected,
  rotateWait,
  seconds,
  str,
  type Command,
  type Values,
} from './command';

const USAGE = `Usage: ecelog signals [options] FILE...                      (offline)
       ecelog signals --follow FILE... --url URL --checkpoint F --spool DIR   (agent)
       ecelog signals resend DIR                                 (spool)

Converts Momentum logs (mainlog, bouncelog, fbllog, rejectlog, custom_logger files, the
eventlog as a jlog directory or a file) into SparkPost events (sparkpost-events.md) in
gzip-compressed NDJSON batches of at most 5 MiB uncompressed and 5 MB compressed.

Offline: every FILE is read (kind detected, or --log), all together in timestamp order, and the
batches are written to --out DIR; a summary goes to stderr.
  --out DIR             where to write the batch files (required offline)
  --types ingest|webhook  type names (default ingest: reception, delivery, tempfail, inband, ...;
                          webhook names only for files: the Ingest API refuses them)

Agent: follows each --follow FILE (its kind from its name, e.g. mainlog.ec, or --log; a jlog
directory is an eventlog unless its name says otherwise), spools batches in --spool DIR before
sending them to the Ingest API, keeps each until SparkPost reports its outcome (the batch status
of the Events API; retryable failures are resent, others moved to DIR/rejected/), resends the
spool first after a restart, and commits each follow position only once its events are spooled. A status line goes to stderr every --status-interval seconds,
and a summary at the stop; an error writing to stderr (a reader gone) silences them, nothing else.
The checkpoints' directories must exist and be writable, and the spool directory be creatable:
checked before anything is read (exit code 2).
  --follow FILE         a live log to follow (repeatable)
  --url URL             SparkPost's host (https://api.sparkpost.com; EU https://api.eu.sparkpost.com),
                        its API base (…/api/v1) or the Ingest endpoint; plain http:// only to
                        this host (127.0.0.1, ::1, localhost) unless --insecure-http
  --insecure-http       allow sending the API key over plain http to another host
  --checkpoint F        the follow checkpoint (a directory when several files are followed)
  --spool DIR           the spool directory
  --from start|end      without a checkpoint, where to begin (default end)
  --rotate-wait S       ${ROTATE_WAIT_HELP}
  --api-key-file F      the API key; else ECELOG_SPARKPOST_API_KEY_FILE or ECELOG_SPARKPOST_API_KEY
                        (an API key is never taken from the command line)
  --status-interval S   seconds between status lines (default 10; more than 0)
  --status-json         status lines, warnings and the stop summary as one JSON object a line
                        (time, level, message and, for status and stop, every counter)
  --drain-timeout S     on SIGTERM/SIGINT, seconds to go on sending what is spooled (default 5)
  --request-timeout S   seconds an upload attempt may take (default 30)
  --retry-min S, --retry-max S   the backoff between attempts: from S doubling (with jitter)
                        up to the max (defaults 1 and 60); Retry-After is honoured
  --no-batch-status     delete a batch on the 2xx, without asking for its outcome (for a key
                        without Events Search access; a later failure at SparkPost is then lost)
  --spool-max-bytes N   drop the oldest unsent batches past N bytes in the spool (default: no cap)
  --spool-max-age S     drop unsent batches older than S seconds (default: none); dropped ones
                        are counted in the status line
  --jlog-subscriber NAME  read a followed jlog as this subscriber (default ecelog; added at
                        --from when missing): Momentum keeps the segments it has not read
HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured.

Spool: ecelog signals resend DIR puts the batches set aside in DIR/rejected/ and
DIR/unconfirmed/ back in the send queue (after a fix); the agent sends them.

Both:
  --log KIND            the log kind of every FILE (default: detected / from the name)
  --custom-conf F[:NAME]  the custom_logger stanza of ecelerity.conf F (the first, or the one
                        named NAME): its formats decode the --custom files
  --custom FILE         a custom_logger file (repeatable; offline or followed), e.g. one whose
                        reception_format carries %h{X-MSYS-API} or %h{X-Job}
  --header-map F        a JSON object mapping header names to event fields,
                        e.g. {"X-SP-SUBACCOUNT-ID": "subaccount_id", "X-Job": "campaign_id"}
  --agent-config F      the Signals Agent's signals-agent-config.lua, read (never run): its
                        custom_header is the header table (not both it and --header-map), its
                        open / click = true are --own-tracking; other keys are reported, ignored
  --own-tracking LIST   open, click (comma separated) or none: engagement the site tracks itself,
                        not Momentum: the eventlog's events of that kind are not sent (overrides
                        the open / click of --agent-config)
  --privacy             rcpt_hash + rcpt_domain instead of recipient addresses
  --batch-age S         seconds before a batch is closed (default 30)
  --batch-bytes N       compressed bytes per batch at most (default and limit 5000000)
  --max-event-age S     events older than this are not sent (default 86400; offline 0 = none)
  --pair-window S       seconds a P waits for its bouncelog B (default 30)
  --max-receptions N    reception facts kept for joins (default 500000)
  --open-tracking on|off, --click-tracking on|off   open_tracking / click_tracking of messages
                        whose X-MSYS-API header does not set them (default: not sent)
  --eventlog-types LIST  with the eventlog beside other logs: the types taken from it, comma
                        separated (Momentum's names; default all of them); the logs supply the
                        rest, so each event is sent once`;

/** `ecelog signals`: offline conversion into Ingest batches, or the agent with --follow. */
export const command: Command = {
  usage: USAGE,
  options: {
    log: { type: 'string' },
    follow: { type: 'string', multiple: true },
    custom: { type: 'string', multiple: true },
    'custom-conf': { type: 'string' },
    out: { type: 'string' },
    url: { type: 'string' },
    checkpoint: { type: 'string' },
    spool: { type: 'string' },
    from: { type: 'string' },
    'rotate-wait': { type: 'string' },
    types: { type: 'string' },
    'header-map': { type: 'string' },
    privacy: { type: 'boolean' },
    'batch-age': { type: 'string' },
    'batch-bytes': { type: 'string' },
    'max-event-age': { type: 'string' },
    'pair-window': { type: 'string' },
    'max-receptions': { type: 'string' },
    'api-key-file': { type: 'string' },
    'status-interval': { type: 'string' },
    'status-json': { type: 'boolean' },
    'insecure-http': { type: 'boolean' },
    'drain-timeout': { type: 'string' },
    'request-timeout': { type: 'string' },
    'retry-min': { type: 'string' },
    'retry-max': { type: 'string' },
    'no-batch-status': { type: 'boolean' },
    'spool-max-bytes': { type: 'string' },
    'spool-max-age': { type: 'string' },
    'jlog-subscriber': { type: 'string' },
    'open-tracking': { type: 'string' },
    'click-tracking': { type: 'string' },
    'eventlog-types': { type: 'string', multiple: true },
    'agent-config': { type: 'string' },
    'own-tracking': { type: 'string' },
  },
  run: runSignals,
};

async function convertOptions(v: Values): Promise<ConvertOptions> {
  const options: ConvertOptions = { privacy: v.privacy === true };
  const types = str(v, 'types');
  if (types !== undefined) {
    if (types !== 'ingest' && types !== 'webhook') throw new UsageError('--types must be ingest or webhook');
    options.types = types;
  }
  const config = await agentConfig(v);
  const map = str(v, 'header-map');
  if (map !== undefined && config?.headerFields !== undefined)
    throw new UsageError('give the header table once: --header-map, or custom_header in --agent-config, not both');
  const headerFields = map !== undefined ? await readHeaderMap(map) : config?.headerFields;
  if (headerFields !== undefined) options.headerFields = headerFields;
  const own = ownTracking(v) ?? config?.ownTracking ?? [];
  if (own.length > 0) options.ownTracking = own;
  const window = seconds(v, 'pair-window');
  if (window !== undefined) options.pairWindow = window;
  const max = str(v, 'max-receptions');
  if (max !== undefined) options.maxReceptions = positiveInteger(max, '--max-receptions');
  const onOff = (name: string): boolean | undefined => {
    const value = str(v, name);
    if (value === undefined) return undefined;
    if (value !== 'on' && value !== 'off') throw new UsageError(`--${name} must be on or off`);
    return value === 'on';
  };
  options.openTracking = onOff('open-tracking');
  options.clickTracking = onOff('click-tracking');
  const fromEventlog = list(v, 'eventlog-types')
    ?.flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (fromEventlog !== undefined) {
    const unknown = fromEventlog.filter((t) => !EVENTLOG_TYPES.includes(t));
    if (unknown.length > 0 || fromEventlog.length === 0)
      throw new UsageError(`--eventlog-types: ${unknown.join(', ') || 'empty'}: not an eventlog type (${EVENTLOG_TYPES.join(', ')})`);
    options.eventlogTypes = fromEventlog;
  }
  return options;
}

/** --agent-config: the Signals Agent's file, its unknown keys reported once on stderr. */
async function agentConfig(v: Values): Promise<AgentConfig | undefined> {
  const path = str(v, 'agent-config');
  if (path === undefined) return undefined;
  let config: AgentConfig;
  try {
    config = await readAgentConfig(path);
  } catch (err) {
    if (err instanceof LuaTableError) throw err;
    throw new UsageError(`--agent-config ${path}: ${(err as Error).message}`);
  }
  for (const key of config.unknownKeys)
    process.stderr.write(`ecelog signals: ${safeText(path)}: ${safeText(JSON.stringify(key))} is not a setting ecelog uses (ignored)\n`);
  return config;
}

/** --own-tracking open,click | none. */
function ownTracking(v: Values): OwnTracking[] | undefined {
  const text = str(v, 'own-tracking');
  if (text === undefined) return undefined;
  const kinds = text
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  if (kinds.length === 1 && kinds[0] === 'none') return [];
  const bad = kinds.filter((k) => !Object.hasOwn(OWN_TRACKING_TYPES, k));
  if (bad.length > 0 || kinds.length === 0)
    throw new UsageError(`--own-tracking: ${bad.join(', ') || 'empty'}: give open, click, both, or none`);
  return [...new Set(kinds as OwnTracking[])];
}

function positiveInteger(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive integer`);
  return n;
}

/** Batch status checks and the spool cap. */
function uploaderOptions(v: Values): AgentOptions['uploader'] {
  const bytes = str(v, 'spool-max-bytes');
  const age = seconds(v, 'spool-max-age');
  return {
    ...(v['no-batch-status'] === true ? { batchStatus: false } : {}),
    ...(bytes !== undefined ? { maxSpoolBytes: positiveInteger(bytes, '--spool-max-bytes') } : {}),
    ...(age !== undefined ? { maxSpoolAgeMs: age * 1000 } : {}),
  };
}

async function readHeaderMap(path: string): Promise<Record<string, string>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`--header-map ${path}: ${(err as Error).message}`);
  }
  const ok =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.values(parsed).every((f) => typeof f === 'string');
  if (!ok) throw new UsageError(`--header-map ${path}: expected a JSON object of header name -> field name (strings)`);
  return parsed as Record<string, string>;
}

function batchOptions(v: Values, offline: boolean): BatcherOptions {
  const age = seconds(v, 'batch-age');
  const maxEventAge = seconds(v, 'max-event-age');
  const bytes = str(v, 'batch-bytes');
  const maxBytes = Number(bytes);
  if (bytes !== undefined && !(Number.isInteger(maxBytes) && maxBytes >= 1024 && maxBytes <= INGEST_MAX_BYTES)) {
    throw new UsageError(`--batch-bytes must be an integer from 1024 to ${INGEST_MAX_BYTES}`);
  }
  return {
    ...(bytes !== undefined ? { maxBytes } : {}),
    ...(age !== undefined ? { maxAgeMs: age * 1000 } : {}),
    ...(maxEventAge !== undefined ? { maxEventAge } : offline ? { maxEventAge: 0 } : {}),
  };
}

function clientOptions(v: Values): AgentOptions['client'] {
  const ms = (name: string): number | undefined => {
    const s = seconds(v, name);
    return s === undefined ? undefined : s * 1000;
  };
  const out: NonNullable<AgentOptions['client']> = {};
  const timeout = ms('request-timeout');
  const min = ms('retry-min');
  const max = ms('retry-max');
  if (timeout !== undefined) out.timeoutMs = timeout;
  if (min !== undefined) out.minBackoffMs = min;
  if (max !== undefined) out.maxBackoffMs = max;
  return out;
}

function kindOption(v: Values): LogKind | undefined {
  const format = formatFor(str(v, 'log'));
  return format === 'auto' ? undefined : format.log;
}

/** `ecelog signals`: offline conversion of FILEs, or the agent with --follow. */
async function runSignals(files: string[], v: Values): Promise<number> {
  const follows = list(v, 'follow') ?? [];
  if (files[0] === 'resend' && follows.length === 0 && str(v, 'out') === undefined) {
    if (files.length !== 2) throw new UsageError('signals resend takes one spool DIR');
    try {
      await signalsResend(files[1]!);
    } catch (err) {
      throw new UsageError((err as Error).message.replace(/^ecelog: /, ''));
    }
    return 0;
  }
  const custom = await customFiles(v);
  if (follows.length > 0) {
    if (files.length > 0) throw new UsageError('signals: give files either to --follow or as FILE (offline), not both');
    return runSignalsAgent(follows, custom, v);
  }
  const out = str(v, 'out');
  if (files.length === 0 && custom.length === 0) throw new UsageError('signals: no FILE given (see ecelog signals --help)');
  if (out === undefined) throw new UsageError('signals: offline conversion needs --out DIR (or use --follow to run as an agent)');
  const log = kindOption(v);
  // custom_logger files first: at equal timestamps their attribution is read before the mainlog R.
  const result = await convertFiles([...custom, ...files.map((path) => ({ path, log: log ?? ('auto' as const) }))], {
    out,
    convert: await convertOptions(v),
    batch: batchOptions(v, true),
    onDetect: reportDetected,
  });
  const summary = {
    source_events: result.events,
    batches: result.batches.length,
    events: result.batcher.events,
    dropped_old: result.batcher.dropped_old,
    converter: result.converter,
  };
  process.stderr.write(`${safeJson(summary, 2)}\n`);
  return 0;
}

async function runSignalsAgent(paths: string[], custom: Array<{ path: string; log: LogFormat }>, v: Values): Promise<number> {
  const url = str(v, 'url');
  const checkpoint = str(v, 'checkpoint');
  const spool = str(v, 'spool');
  if (url === undefined || checkpoint === undefined || spool === undefined) {
    throw new UsageError('signals --follow needs --url URL, --checkpoint F and --spool DIR');
  }
  if (!/^https?:\/\//i.test(url)) throw new UsageError('--url must be an http(s) URL');
  if (new URL(url).protocol === 'http:' && !isLoopback(new URL(url).hostname) && v['insecure-http'] !== true)
    throw new UsageError('--url: plain http would send the API key unencrypted; use https, or --insecure-http');
  const interval = seconds(v, 'status-interval') ?? 10;
  if (interval === 0) throw new UsageError('--status-interval must be more than 0 seconds');
  // The Ingest API takes Momentum's type names only (reception, delivery, inband, ...).
  if (str(v, 'types') === 'webhook') throw new UsageError('--types webhook is for files only: the Ingest API takes the ingest names');
  const from = str(v, 'from') ?? 'end';
  if (from !== 'start' && from !== 'end') throw new UsageError('--from must be start or end');
  const wait = rotateWait(v);
  const given = kindOption(v);
  const several = paths.length + custom.length > 1;
  if (several && (await stat(checkpoint).catch(() => null))?.isDirectory() !== true) {
    throw new UsageError('with several --follow files, --checkpoint must name an existing directory');
  }
  const where = (path: string): string => (several ? join(checkpoint, `${basename(path)}.checkpoint`) : checkpoint);
  // custom_logger files first: of batches starting at the same second, theirs are read first.
  const files: AgentFile[] = custom.map((c) => ({ ...c, checkpoint: where(c.path) }));
  const subscriber = str(v, 'jlog-subscriber') ?? 'ecelog';
  for (const path of paths) {
    const jlog = await isJlogDir(path);
    // A jlog directory is Momentum's eventlog (event_hydrant) unless its name tells otherwise.
    const log = given ?? (hintFromFileName(path, LOG_KINDS) as LogKind | null) ?? (jlog ? 'eventlog' : null);
    if (log === null || formatOf(log) === undefined)
      throw new UsageError(`${path}: cannot tell its log kind from its name; give --log KIND`);
    files.push({ path, log, checkpoint: where(path), ...(jlog ? { subscriber } : {}) });
  }
  const apiKey = await readApiKey({ file: str(v, 'api-key-file') });
  // The agent (and its HTTP client) loads only here: offline conversion does not need it.
  const { runAgent, summaryLine } = await import('../signals/agent/agent');
  const say = agentOutput<AgentStatus, AgentStats>('signals', v['status-json'] === true, summaryLine);
  const ac = new AbortController();
  const stop = (): void => ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const stats = await runAgent({
      files,
      url,
      apiKey,
      spool,
      from,
      rotateWait: wait,
      convert: await convertOptions(v),
      batch: batchOptions(v, false),
      client: clientOptions(v),
      uploader: uploaderOptions(v),
      signal: ac.signal,
      statusInterval: interval * 1000,
      drainMs: (seconds(v, 'drain-timeout') ?? 5) * 1000,
      onStatus: say.status,
      onWarning: say.warning,
    });
    say.stopped(stats);
  } catch (err) {
    if (!say.json) throw err;
    say.error(err);
    return 2;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return 0;
}
