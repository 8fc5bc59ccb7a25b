import { orNull } from '../io/missing';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
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

/** A position in a file: everything before `offset` of `file` was delivered. */
export interface Position {
  file: CheckpointFile;
  /** Byte offset (of the content) after the last committed line. */
  offset: number;
  /** Lines before `offset`, so that line numbers go on after a restart. */
  line: number;
}

/** A rotated file still read for lines written late through its old descriptor (see `rotateWait`). */
export interface RotatedPosition extends Position {
  /** Until when (ms since the epoch) it is read for late lines. */
  until: number;
}

/**
 * What `follow` stores on `commit()`: the position in the newest file delivered from, and in the
 * rotated files still watched for late lines (oldest first). Version 1 (no `rotated`) is read too.
 */
export interface Checkpoint extends Position {
  version: 2;
  /** The followed path. */
  path: string;
  log: string;
  rotated: RotatedPosition[];
  /** When it was written (ms since the epoch). */
  time: number;
}

/** Reads a checkpoint file; null when there is none. A file that is not a checkpoint throws. */
export async function readCheckpoint(path: string): Promise<Checkpoint | null> {
  const text = await orNull(readFile(path, 'utf8'));
  if (text === null) return null;
  let ck: Checkpoint;
  try {
    ck = JSON.parse(text) as Checkpoint;
  } catch {
    throw new Error(`ecelog: ${path} is not a follow checkpoint (not JSON)`);
  }
  const version = (ck as { version?: unknown } | null)?.version;
  const rotated: unknown = version === 1 ? [] : ck?.rotated;
  if ((version !== 1 && version !== 2) || !isPosition(ck) || !Array.isArray(rotated) || !rotated.every(isRotated)) {
    throw new Error(`ecelog: ${path} is not a version 1 or 2 follow checkpoint`);
  }
  return { ...ck, version: 2, rotated };
}

function isPosition(p: unknown): p is Position {
  const q = p as Position | null;
  return typeof q?.offset === 'number' && typeof q.line === 'number' && typeof q.file?.ino === 'string' && typeof q.file.dev === 'string';
}

function isRotated(p: unknown): p is RotatedPosition {
  return isPosition(p) && typeof (p as RotatedPosition).until === 'number';
}

/** Writes a checkpoint atomically (see writeFileAtomic): after a crash the file holds the old or the new checkpoint, whole. */
export async function writeCheckpoint(path: string, ck: Checkpoint): Promise<void> {
  // One temporary name per checkpoint: one left by a kill in the middle of a write is reused.
  await writeFileAtomic(path, `${JSON.stringify(ck)}\n`, { tmpName: `.${basename(path)}.tmp` });
}
