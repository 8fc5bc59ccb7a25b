import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventsByLog } from '../decoders/index';
import type { LogKind } from '../decoders/event';
import type { LogFormat } from '../decoders/log-format';
import { parseFile, type FileOptions } from '../session/stream';
import { rotationOrder } from './rotated';

/** Where a file of a cluster tree sits: `<root>/YYYY/MM/DD/<log>/<subcluster>/<node>`. */
export interface ClusterFile {
  path: string;
  /** `YYYY-MM-DD`, from the directories. */
  date: string;
  subcluster: string;
  node: string;
}

/** An event of a cluster tree, with the node, subcluster, date and file it came from. */
export type ClusterEvent<L extends LogKind> = EventsByLog[L] & { file: string; node: string; subcluster: string; date: string };

export interface ClusterOptions<L extends LogKind> extends FileOptions<L> {
  /** First day to read, inclusive: `YYYY-MM-DD` or a Date (its UTC day). */
  from?: string | Date;
  /** Last day to read, inclusive: `YYYY-MM-DD` or a Date (its UTC day). */
  to?: string | Date;
  /** The `<log>` directory name, when it differs from the log kind's name (`mainlog`, `bouncelog`, …). */
  logDir?: string;
}

function day(value: string | Date | undefined, name: string): string | null {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new TypeError(`ecelog: ${name} must be YYYY-MM-DD or a Date, got ${JSON.stringify(value)}`);
  return value;
}

async function subdirs(dir: string, pattern: RegExp): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return entries
    .filter((e) => e.isDirectory() && pattern.test(e.name))
    .map((e) => e.name)
    .sort();
}

async function entries(dir: string): Promise<Array<{ name: string; dir: boolean }>> {
  try {
    const list = await readdir(dir, { withFileTypes: true });
    return list.map((e) => ({ name: e.name, dir: e.isDirectory() })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/**
 * The files of one log in a cluster tree, by day (oldest first), then subcluster, then node
 * (by name). A `<node>` that is a directory (rotated files of that node) gives its files in
 * rotation order. Days outside `from`..`to` are not listed; directories that are not dates are
 * ignored.
 */
export async function* clusterFiles(
  root: string,
  log: string,
  range: { from?: string | Date; to?: string | Date } = {},
): AsyncGenerator<ClusterFile> {
  const from = day(range.from, 'from');
  const to = day(range.to, 'to');
  for (const y of await subdirs(root, /^\d{4}$/)) {
    if ((from && y < from.slice(0, 4)) || (to && y > to.slice(0, 4))) continue;
    for (const m of await subdirs(join(root, y), /^\d{2}$/)) {
      const ym = `${y}-${m}`;
      if ((from && ym < from.slice(0, 7)) || (to && ym > to.slice(0, 7))) continue;
      for (const d of await subdirs(join(root, y, m), /^\d{2}$/)) {
        const date = `${ym}-${d}`;
        if ((from && date < from) || (to && date > to)) continue;
        const logDir = join(root, y, m, d, log);
        for (const subcluster of await subdirs(logDir, /^/)) {
          for (const node of await entries(join(logDir, subcluster))) {
            const path = join(logDir, subcluster, node.name);
            if (!node.dir) {
              yield { path, date, subcluster, node: node.name };
              continue;
            }
            const files = (await entries(path)).filter((e) => !e.dir).map((e) => join(path, e.name));
            for (const file of rotationOrder(files)) yield { path: file, date, subcluster, node: node.name };
          }
        }
      }
    }
  }
}

/**
 * Events of one log across a cluster tree (`/var/log/eccluster/YYYY/MM/DD/<log>/<subcluster>/<node>`),
 * day by day, each with `node`, `subcluster`, `date` (`YYYY-MM-DD`) and `file` attached. Files
 * may be compressed (told by their first bytes). `line` and `offset` are per file.
 */
export async function* parseClusterTree<L extends LogKind>(root: string, options: ClusterOptions<L>): AsyncGenerator<ClusterEvent<L>> {
  const kind = typeof options.log === 'string' ? options.log : (options.log as LogFormat<L>).log;
  for await (const f of clusterFiles(root, options.logDir ?? kind, options)) {
    for await (const ev of parseFile(f.path, options)) {
      const out = ev as ClusterEvent<L>;
      out.file = f.path;
      out.node = f.node;
      out.subcluster = f.subcluster;
      out.date = f.date;
      yield out;
    }
  }
}
