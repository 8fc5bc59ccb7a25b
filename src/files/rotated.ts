import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { EventsByLog } from '../decoders/index';
import type { LogKind } from '../decoders/event';
import { parseFile, type FileOptions } from '../session/stream';
import { expandGlob, isGlob } from '../io/glob';

/** One file of a rotated set: `generation` 0 is the live file, N is `<path>.N` (`.N.bz2`, `.N.gz`, …). */
export interface Generation {
  path: string;
  generation: number;
}

/** An event of a file read as part of a set, with the path of the file it came from. */
export type FileEvent<L extends LogKind> = EventsByLog[L] & { file: string };

const GENERATION = /^(.*)\.(\d+)(?:\.[A-Za-z0-9]+)?$/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The rotated set of a log, found by listing its directory: `<path>.N` with any suffix
 * (`mainlog.ec.7.bz2` … `mainlog.ec.1`), oldest (highest N) first, then `<path>` itself when it
 * exists. Where one generation exists twice (`mainlog.ec.1` while `mainlog.ec.1.bz2` is being
 * written), the uncompressed one is taken: it is complete. Whether a file is compressed is
 * decided later by its first bytes, not by its name.
 */
export async function listGenerations(path: string): Promise<Generation[]> {
  const dir = dirname(path);
  const base = basename(path);
  const re = new RegExp(`^${escapeRegExp(base)}\\.(\\d+)(\\.[A-Za-z0-9]+)?$`);
  const byGeneration = new Map<number, { name: string; plain: boolean }>();
  let live = false;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) continue;
    if (entry.name === base) {
      live = true;
      continue;
    }
    const m = re.exec(entry.name);
    if (!m) continue;
    const n = Number(m[1]);
    const plain = m[2] === undefined;
    const seen = byGeneration.get(n);
    if (!seen || (plain && !seen.plain) || (plain === seen.plain && entry.name < seen.name))
      byGeneration.set(n, { name: entry.name, plain });
  }
  const out: Generation[] = [...byGeneration.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([generation, { name }]) => ({ path: join(dir, name), generation }));
  if (live) out.push({ path, generation: 0 });
  return out;
}

/**
 * Paths (e.g. a glob's matches) in reading order: grouped by the log they rotate from
 * (`mainlog.ec.3.bz2` belongs to `mainlog.ec`), each group oldest first and the live file last.
 */
export function rotationOrder(paths: readonly string[]): string[] {
  const key = (p: string): [string, number] => {
    const m = GENERATION.exec(basename(p));
    return m ? [join(dirname(p), m[1]!), Number(m[2])] : [p, 0];
  };
  return [...paths].sort((a, b) => {
    const [sa, na] = key(a);
    const [sb, nb] = key(b);
    if (sa !== sb) return sa < sb ? -1 : 1;
    if (na !== nb) return nb - na;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/** The files `parseRotated` reads for an input, in order. */
export async function rotatedFiles(input: string | readonly string[]): Promise<string[]> {
  if (typeof input !== 'string') return [...input];
  if (isGlob(input)) return rotationOrder(await expandGlob(input));
  const set = await listGenerations(input);
  if (set.length === 0) {
    throw Object.assign(new Error(`ENOENT: no such file or rotated generation: ${input}`), { code: 'ENOENT', path: input });
  }
  return set.map((g) => g.path);
}

/**
 * Events of a rotated set read oldest first, each with the `file` it came from: given the live
 * path (`…/mainlog.ec`: its generations are found by listing the directory), a glob
 * (`…/mainlog.ec*`, wildcards in the last component) or an explicit list (read in the order
 * given). Every file may be compressed or not (told by its first bytes); `line` and `offset` are
 * per file.
 */
export async function* parseRotated<L extends LogKind>(
  input: string | readonly string[],
  options: FileOptions<L>,
): AsyncGenerator<FileEvent<L>> {
  for (const file of await rotatedFiles(input)) {
    for await (const ev of parseFile(file, options)) {
      const out = ev as FileEvent<L>;
      out.file = file;
      yield out;
    }
  }
}
