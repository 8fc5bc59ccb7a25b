import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../io/atomic';

/** Which file a checkpoint points into. */
export interface CheckpointFile {
  /** The path the file was read under when the checkpoint was written (it may have been renamed since). */
  path: string;
  /** Device and inode (decimal strings: they may exceed 2^53), to find the file again while it exists uncompressed. */
  dev: string;
  ino: string;
  /** Content identity (see `fingerprint`), to find it again after a rename or compression; null before its first line was complete. */
  fingerprint: string | null;
  /** Whether it was being read decompressed. */
  compressed: boolean;
  /** Bytes of (decompressed) content known when the checkpoint was written (≥ offset). */
  size: number;
}

/** What `follow` stores on `commit()`: everything before `offset` of `file` was delivered. */
export interface Checkpoint {
  version: 1;
  /** The followed path. */
  path: string;
  log: string;
  file: CheckpointFile;
  /** Byte offset (of the content) after the last committed line. */
  offset: number;
  /** Lines before `offset`, so that line numbers go on after a restart. */
  line: number;
  /** When it was written (ms since the epoch). */
  time: number;
}

/** Reads a checkpoint file; null when there is none. A file that is not a checkpoint throws. */
export async function readCheckpoint(path: string): Promise<Checkpoint | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let ck: Checkpoint;
  try {
    ck = JSON.parse(text) as Checkpoint;
  } catch {
    throw new Error(`ecelog: ${path} is not a follow checkpoint (not JSON)`);
  }
  if (ck?.version !== 1 || typeof ck.offset !== 'number' || typeof ck.file?.ino !== 'string') {
    throw new Error(`ecelog: ${path} is not a version 1 follow checkpoint`);
  }
  return ck;
}

/** Writes a checkpoint atomically (see writeFileAtomic): after a crash the file holds the old or the new checkpoint, whole. */
export async function writeCheckpoint(path: string, ck: Checkpoint): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(ck)}\n`);
}
