import { stat } from 'node:fs/promises';
import { contentChunks, HEAD_BYTES, readHead } from '../io/compression';
import { fingerprint, HeadCollector } from '../io/fingerprint';
import { listGenerations, type Generation } from './rotated';
import { openFile, type OpenedFile } from './tail';

/**
 * A rotated set opened at once, and how `follow` finds a file in it again: by device + inode
 * while it exists uncompressed, by fingerprint once it was compressed.
 */

/** The generations of a path (oldest first, the live file last), each opened (null: gone meanwhile). */
export interface GenerationSet {
  gens: Generation[];
  opened: Array<OpenedFile | null>;
}

/** A file's identity as follow keeps it: device + inode (decimal strings) and content fingerprint. */
export interface FileIdentity {
  dev: string;
  ino: string;
  fingerprint: string | null;
}

/**
 * A listed generation that is gone by the time it is opened was renamed or compressed in between
 * (bzip2 removes `mainlog.ec.1` once `mainlog.ec.1.bz2` is whole), or a path that names another
 * file once all are open was rotated meanwhile: the listing is taken again, so that the file is
 * found under its new name. After ten tries (half a second of pauses: a busy machine makes each
 * try slow, and a writer that rotates several times a second moves names often) the set is used
 * as it is.
 */
export const LIST_TRIES = 10;

export const pause = (attempt: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, 10 * attempt));

export async function openGenerations(path: string): Promise<GenerationSet> {
  for (let attempt = 1; ; attempt++) {
    const gens = await listGenerations(path);
    const opened: Array<OpenedFile | null> = [];
    try {
      for (const g of gens) opened.push(await openFile(g.path));
    } catch (err) {
      await closeRest({ gens, opened });
      throw err;
    }
    if (attempt === LIST_TRIES || (!opened.includes(null) && (await unmoved(gens, opened)))) return { gens, opened };
    await closeRest({ gens, opened });
    await pause(attempt);
  }
}

/**
 * Whether every path still names the file opened under it. The files are opened one by one: a
 * rotation in between (every name moves up one) would give a set that lacks a generation (the
 * live file opened after it became `.1`, the new live file under the live name), and a file that
 * follows the missing one would pass for its successor.
 */
async function unmoved(gens: Generation[], opened: Array<OpenedFile | null>): Promise<boolean> {
  for (let i = 0; i < gens.length; i++) {
    const f = opened[i]!;
    try {
      const st = await stat(gens[i]!.path, { bigint: true });
      if (st.dev !== f.dev || st.ino !== f.ino) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Closes the files of a set that were not taken out of it. */
export async function closeRest(set: GenerationSet): Promise<void> {
  for (const f of set.opened) if (f) await f.handle.close();
}

/** The fingerprint of a file's content (decompressed if needed); `final`: it no longer grows. */
export async function fingerprintOf(f: OpenedFile, final: boolean): Promise<string | null> {
  if (f.compression === null) return fingerprint(await readHead(f.handle), final);
  const head = new HeadCollector();
  let seen = 0;
  try {
    for await (const piece of contentChunks(f.handle, f.compression, f.path, { chunkSize: HEAD_BYTES })) {
      head.add(piece);
      seen += piece.length;
      if (seen >= HEAD_BYTES) break;
    }
  } catch {
    // A compressed file still being written (bzip2 at work) ends early: what it has so far decides.
  }
  return fingerprint(head.head, true);
}

/** The file `id` names by device + inode, while it is uncompressed (a compressed copy is another inode). */
function sameInode(f: OpenedFile, id: FileIdentity): boolean {
  return f.compression === null && String(f.dev) === id.dev && String(f.ino) === id.ino;
}

/** Whether an open file is the one `id` names (same inode uncompressed, else same fingerprint). */
export async function isFile(f: OpenedFile, final: boolean, id: FileIdentity): Promise<boolean> {
  if (sameInode(f, id)) return true;
  return id.fingerprint !== null && (await fingerprintOf(f, final)) === id.fingerprint;
}

/**
 * Where a file is in a generation set: by device + inode while it is uncompressed (and
 * `accept` agrees that the content is still the same: an inode is reused once its file is
 * gone), else by fingerprint (renamed, or compressed since). `changed`: an inode match that
 * `accept` refused.
 */
export async function locate(
  set: GenerationSet,
  id: FileIdentity,
  accept: (f: OpenedFile, i: number) => Promise<boolean>,
): Promise<{ found: number; changed: number }> {
  let changed = -1;
  for (let i = 0; i < set.opened.length; i++) {
    const f = set.opened[i];
    if (!f || !sameInode(f, id)) continue;
    if (await accept(f, i)) return { found: i, changed };
    changed = i;
  }
  if (id.fingerprint !== null) {
    for (let i = 0; i < set.opened.length; i++) {
      const f = set.opened[i];
      if (f && (await fingerprintOf(f, set.gens[i]!.generation > 0)) === id.fingerprint) return { found: i, changed };
    }
  }
  return { found: -1, changed };
}

/** Slack (ms) when comparing file modification times with a checkpoint's time. */
const MTIME_SLACK = 2000;

/**
 * Indexes of the rotated generations modified at or after `time` (ms; with slack for coarse file
 * times: a repeat is better than a loss), leaving out the files `known` names (already read).
 */
export async function modifiedSince(set: GenerationSet, time: number, known: readonly FileIdentity[] = []): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < set.opened.length; i++) {
    const f = set.opened[i];
    if (!f || set.gens[i]!.generation === 0 || Number((await f.handle.stat()).mtimeMs) < time - MTIME_SLACK) continue;
    let read = false;
    for (const id of known) if ((read = await isFile(f, true, id))) break;
    if (!read) out.push(i);
  }
  return out;
}
