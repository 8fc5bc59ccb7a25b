import { readFile, unlink, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { constants } from 'node:os';
import { orNull } from '../io/missing';
import { fileLocks, errnoException } from '../core/file-lock';
import { JlogError } from './errors';
import { listJlog } from './directory';
import { checkpointName, segmentName, type JlogId, type Metastore } from './format';
import { beginning, ending } from './positions';

/**
 * Subscribers: the `cp.<hex name>` files, 8 bytes each (segment, marker of the last record
 * consumed, in the jlog's byte order), read and written as the reference library does — under an
 * fcntl lock on the whole file, through the addon. Without the addon (the TS backend) they are
 * read and written without the lock (docs/jlog.md says what that risks).
 */

/** Whether checkpoint files are locked (the addon loaded). */
export const checkpointsLocked = fileLocks !== null;

function cpPath(dir: string, subscriber: string): string {
  return join(dir, checkpointName(subscriber));
}

/** The raw bytes of a checkpoint file (up to 8), or null when it does not exist. */
async function readCpBytes(path: string): Promise<Buffer | null> {
  if (fileLocks) {
    const out = Buffer.alloc(8);
    const n = fileLocks.read(path, out);
    if (n === -constants.errno.ENOENT) return null;
    if (n < 0) throw errnoException(n, path, 'read');
    return out.subarray(0, n);
  }
  const bytes = await orNull(readFile(path));
  return bytes === null ? null : bytes.subarray(0, 8);
}

function decodeCp(bytes: Buffer, le: boolean): JlogId {
  return le ? { log: bytes.readUInt32LE(0), marker: bytes.readUInt32LE(4) } : { log: bytes.readUInt32BE(0), marker: bytes.readUInt32BE(4) };
}

function encodeCp(id: JlogId, le: boolean): Buffer {
  const b = Buffer.alloc(8);
  if (le) {
    b.writeUInt32LE(id.log >>> 0, 0);
    b.writeUInt32LE(id.marker >>> 0, 4);
  } else {
    b.writeUInt32BE(id.log >>> 0, 0);
    b.writeUInt32BE(id.marker >>> 0, 4);
  }
  return b;
}

/** A subscriber's checkpoint: the last record it consumed. Null when there is no such subscriber. */
export async function readSubscriber(dir: string, subscriber: string, meta: Metastore): Promise<JlogId | null> {
  const path = cpPath(dir, subscriber);
  const bytes = await readCpBytes(path);
  if (bytes === null) return null;
  if (bytes.length < 8)
    throw new JlogError(
      'JLOG_BAD_CHECKPOINT',
      `${path}: checkpoint of ${bytes.length} bytes (8 expected${bytes.length === 0 ? '; the subscriber is being added?' : ''})`,
    );
  return decodeCp(bytes, meta.littleEndian);
}

/** Writes a subscriber's checkpoint (8 bytes at offset 0; synced when the jlog's safety is 2). */
export async function writeSubscriber(dir: string, subscriber: string, id: JlogId, meta: Metastore): Promise<void> {
  const path = cpPath(dir, subscriber);
  const bytes = encodeCp(id, meta.littleEndian);
  if (fileLocks) {
    const r = fileLocks.write(path, bytes, meta.safety === 2);
    if (r < 0) throw errnoException(r, path, 'write');
    return;
  }
  // Without the addon: the file must exist (never create a subscriber by a commit).
  const fh = await open(path, 'r+');
  try {
    await fh.write(bytes, 0, 8, 0);
    if (meta.safety === 2) await fh.datasync();
  } finally {
    await fh.close();
  }
}

/**
 * Adds a subscriber as the reference library does: at `begin`, before the first record on disk
 * (it will read everything still there); at `end`, after the last complete record (it will read
 * only what is written from now on). Throws JLOG_SUBSCRIBER_EXISTS if it exists.
 */
export async function addSubscriber(dir: string, subscriber: string, from: 'begin' | 'end', meta: Metastore): Promise<JlogId> {
  if (subscriber.length === 0) throw new JlogError('JLOG_NO_SUBSCRIBER', 'a subscriber name cannot be empty');
  const path = cpPath(dir, subscriber);
  try {
    await writeFile(path, Buffer.alloc(0), { flag: 'wx', mode: 0o640 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new JlogError('JLOG_SUBSCRIBER_EXISTS', `${dir}: subscriber "${subscriber}" exists`);
    throw err;
  }
  const id = from === 'begin' ? await beginning(dir) : await ending(dir, meta);
  await writeSubscriber(dir, subscriber, id, meta);
  return id;
}

/** Removes a subscriber (its checkpoint file). False when there was none. Deletes no segment. */
export async function removeSubscriber(dir: string, subscriber: string): Promise<boolean> {
  return (await orNull(unlink(cpPath(dir, subscriber)).then(() => true))) ?? false;
}

/**
 * The lowest segment any subscriber still needs: the least checkpoint segment over every cp
 * file (each read under its lock). A cp file being created (shorter than 8 bytes) pins every
 * segment. Infinity when there are no subscribers.
 */
export async function lowestPinned(dir: string, meta: Metastore): Promise<number> {
  let low = Infinity;
  for (const name of (await listJlog(dir)).subscribers) {
    const bytes = await readCpBytes(cpPath(dir, name));
    if (bytes === null) continue; // removed meanwhile
    if (bytes.length < 8) return -1;
    low = Math.min(low, decodeCp(bytes, meta.littleEndian).log);
  }
  return low;
}

/**
 * After a subscriber's checkpoint moved from segment `from` to `to` (> from): deletes the segments
 * in [from, to) that no subscriber needs any more, with their `.idx`, as the reference library
 * does on such a checkpoint write — and, below `from`, any that a reader left behind when it
 * stopped between its checkpoint write and its deletions (the reference's `jlog_clean` would;
 * no subscriber needs them either). Returns the segments deleted.
 */
export async function deletePassed(dir: string, from: number, to: number, meta: Metastore): Promise<number[]> {
  if (!(to > from)) return [];
  const low = await lowestPinned(dir, meta);
  const end = Math.min(to, low, meta.storageLog);
  const left = (await listJlog(dir)).segments.filter((s) => s < from && s < end);
  const deleted: number[] = [];
  for (const s of [...left, ...Array.from({ length: Math.max(0, end - from) }, (_, i) => from + i)]) {
    const name = segmentName(s);
    const gone = (await orNull(unlink(join(dir, name)).then(() => true))) ?? false;
    await unlink(join(dir, name + '.idx')).catch(() => undefined);
    if (gone) deleted.push(s);
  }
  return deleted;
}
