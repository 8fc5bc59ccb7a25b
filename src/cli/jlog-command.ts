import { safeText } from '../core/safe-text';
import { followJlog } from '../jlog/follow-jlog';
import { parseJlogBatches } from '../jlog/parse-jlog';
import { inspectJlog, type JlogInfo } from '../jlog/inspect';
import { addSubscriber, removeSubscriber } from '../jlog/subscribers';
import { readMetastore, formatId } from '../jlog/format';
import type { JlogMessage } from '../jlog/payloads';
import { safeJson } from './writers';
import { UsageError, str, untilInterrupted, type Command } from './command';

const USAGE = `Usage: ecelog jlog ls DIR [--json]
       ecelog jlog cat DIR [--subscriber NAME]
       ecelog jlog tail DIR [-n N] [-f]
       ecelog jlog subscribers DIR [--add NAME [--from begin|end] | --remove NAME]

A jlog is a directory (Momentum's event_hydrant.rt, or where ec_logger writes to jlog://).
  ls            segments (size, records, closed or being written, subscribers yet to read
                them) and subscribers (checkpoint, records behind, bytes they keep on disk)
  cat           every message on disk (or after a subscriber's checkpoint, which is not
                moved), one a line; written as they are, but on a terminal control
                characters are shown as \\xNN
  tail          the last N messages (default 10); -f: then every new one, until Ctrl-C
  subscribers   list them with their checkpoints; --add NAME at the first record on disk
                (--from begin, default) or after the last (--from end); --remove NAME
Nothing but a subscriber's checkpoint (--add/--remove) is ever written into the jlog.`;

/** `ecelog jlog`: look into a jlog directory and manage its subscribers. */
export const command: Command = {
  usage: USAGE,
  options: {
    json: { type: 'boolean' },
    subscriber: { type: 'string' },
    n: { type: 'string', short: 'n' },
    follow: { type: 'boolean', short: 'f' },
    add: { type: 'string' },
    remove: { type: 'string' },
    from: { type: 'string' },
  },
  async run(args, v) {
    const [sub, dir, ...rest] = args;
    if (sub === undefined) throw new UsageError('jlog: which? ls, cat, tail or subscribers', USAGE);
    if (dir === undefined) throw new UsageError(`jlog ${sub}: no DIR given`, USAGE);
    if (rest.length > 0) throw new UsageError(`jlog ${sub}: one DIR only (got ${safeText(rest.join(' '))} too)`);
    switch (sub) {
      case 'ls':
        return ls(dir, v.json === true);
      case 'cat':
        return cat(dir, str(v, 'subscriber'));
      case 'tail':
        return tail(dir, count(str(v, 'n')), v.follow === true);
      case 'subscribers':
        return subscribers(dir, str(v, 'add'), str(v, 'remove'), str(v, 'from'));
      default:
        throw new UsageError(`jlog: unknown subcommand ${JSON.stringify(safeText(sub))} (ls, cat, tail or subscribers)`, USAGE);
    }
  },
};

function count(text: string | undefined): number {
  if (text === undefined) return 10;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new UsageError('-n must be a whole number >= 0');
  return n;
}

/** Writes messages one a line: as they are into a pipe or file, control characters escaped on a terminal. */
class MessageWriter {
  private readonly tty = process.stdout.isTTY === true;

  async write(messages: readonly JlogMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const parts: Buffer[] = [];
    const nl = Buffer.from('\n');
    for (const m of messages) {
      parts.push(this.tty ? Buffer.from(safeText(m.payload.toString('utf8'))) : m.payload, nl);
    }
    if (!process.stdout.write(Buffer.concat(parts))) await new Promise((done) => process.stdout.once('drain', done));
  }
}

function human(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1 << 20) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1 << 30) return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
  return `${(bytes / (1 << 30)).toFixed(2)} GiB`;
}

function formatInfo(info: JlogInfo): string {
  const m = info.metastore;
  const format = m.legacy
    ? 'jlog 1.x (legacy)'
    : m.magic === 0
      ? 'jlog 2.x (legacy records)'
      : (m.magic & 0xff) === 1 && m.magic !== 0x663a7318
        ? 'jlog 2.x, LZ4'
        : 'jlog 2.x';
  const lines = [
    `${safeText(info.dir)}: ${format}, ${m.littleEndian ? 'little' : 'big'}-endian, segment size ${human(m.unitLimit)}, writing ${formatId({ log: m.storageLog, marker: 0 }).slice(0, 8)}`,
    '',
    'segment       bytes   records  state    pending',
  ];
  let total = 0;
  for (const s of info.segments) {
    total += s.bytes;
    lines.push(
      `${s.name}  ${String(s.bytes).padStart(10)}  ${String(s.records).padStart(8)}  ${(s.closed ? 'closed' : 'writing').padEnd(7)}  ${s.pending}`,
    );
  }
  lines.push(`${info.segments.length} segments, ${human(total)}`, '');
  if (info.subscribers.length === 0) lines.push('no subscribers (nothing is ever deleted: the jlog grows without bound)');
  else lines.push('subscriber                        checkpoint          behind  keeps on disk');
  for (const s of info.subscribers) {
    const cp = s.checkpoint ?? `unreadable: ${s.error ?? ''}`;
    lines.push(`${safeText(s.name).padEnd(32)}  ${safeText(cp).padEnd(17)}  ${String(s.behind).padStart(8)}  ${human(s.pinnedBytes)}`);
  }
  return lines.join('\n') + '\n';
}

async function ls(dir: string, json: boolean): Promise<number> {
  const info = await inspectJlog(dir);
  process.stdout.write(json ? `${safeJson(info, 2)}\n` : formatInfo(info));
  return 0;
}

async function cat(dir: string, subscriber: string | undefined): Promise<number> {
  const out = new MessageWriter();
  for await (const batch of parseJlogBatches(dir, { log: 'raw', subscriber, onCorrupt: 'skip' })) await out.write(batch);
  return 0;
}

async function tail(dir: string, n: number, follow: boolean): Promise<number> {
  const out = new MessageWriter();
  // The last n on disk: a ring over one pass (the reader holds a segment's piece at a time).
  const last: JlogMessage[] = [];
  let position: { log: number; marker: number } | null = null;
  for await (const batch of parseJlogBatches(dir, { log: 'raw', onCorrupt: 'skip' })) {
    for (const m of batch) {
      if (n > 0) {
        last.push(m);
        if (last.length > n) last.shift();
      }
      position = { log: m.segment, marker: m.marker };
    }
  }
  await out.write(last);
  if (!follow) return 0;
  // On from the last message shown (or from the start, if there was none: nothing is lost between).
  await untilInterrupted(async (signal) => {
    for await (const batch of followJlog(dir, { log: 'raw', from: position ?? 'begin', signal, onCorrupt: 'skip' }))
      await out.write(batch.events);
  });
  return 0;
}

async function subscribers(
  dir: string,
  add: string | undefined,
  remove: string | undefined,
  fromText: string | undefined,
): Promise<number> {
  if (add !== undefined && remove !== undefined) throw new UsageError('jlog subscribers: --add or --remove, not both');
  if (fromText !== undefined && add === undefined) throw new UsageError('jlog subscribers: --from goes with --add');
  const from = fromText ?? 'begin';
  if (from !== 'begin' && from !== 'end') throw new UsageError('--from must be begin or end');
  if (add !== undefined) {
    const id = await addSubscriber(dir, add, from, await readMetastore(dir));
    process.stdout.write(`added ${safeText(add)} at ${formatId(id)}\n`);
    return 0;
  }
  if (remove !== undefined) {
    if (!(await removeSubscriber(dir, remove))) {
      process.stderr.write(`ecelog: ${safeText(dir)}: no subscriber ${safeText(JSON.stringify(remove))}\n`);
      return 2;
    }
    process.stdout.write(`removed ${safeText(remove)}\n`);
    return 0;
  }
  const info = await inspectJlog(dir);
  for (const s of info.subscribers) process.stdout.write(`${safeText(s.name)}\t${s.checkpoint ?? 'unreadable'}\t${s.behind} behind\n`);
  return 0;
}
