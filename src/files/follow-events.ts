import type { EventsByLog } from '../decoders/index';
import type { LogKind } from '../decoders/event';

/**
 * The events `follow` yields: the log's events with a stable `id` and the `file` they were read
 * from, and follow's own events about the file (`truncated`, `checkpoint_lost`, `gap`).
 */

/** What `follow` adds to every event of a line. */
export interface FollowFields {
  /**
   * `<fingerprint>:<offset>`: the file's content identity (see `fingerprint`) and the line's byte
   * offset in it. The same on every run, whatever the file is called by then (`mainlog.ec`,
   * `mainlog.ec.1`, `mainlog.ec.1.bz2`): a sink that deduplicates on it gets exactly-once.
   */
  id: string;
  /** The path the file was opened under (it may have been renamed since). */
  file: string;
}

/**
 * The followed file shrank below what had been read (or its first line changed: it was
 * rewritten in place, as copytruncate does): reading starts over at offset 0. What was written
 * past `offset` before the truncation, if anything, is lost.
 */
export interface TruncatedEvent extends FollowFields {
  type: 'truncated';
  record: null;
  log: LogKind;
  /** Lines delivered from the file before the truncation. */
  line: number;
  /** The offset after the last line delivered from the file before the truncation. */
  offset: number;
  /** The file's size when the truncation was seen. */
  size: number;
}

/**
 * On a restart, the file the checkpoint points into was found neither by device + inode nor by
 * fingerprint (rotated out of the kept generations, or deleted): the rotated files modified after
 * the checkpoint was written and the live file are read from their start. Lines of the lost file
 * after the checkpoint, if there were any, are missing.
 */
export interface CheckpointLostEvent extends FollowFields {
  type: 'checkpoint_lost';
  record: null;
  log: LogKind;
  /** The checkpoint's line count and offset in the lost file. */
  line: number;
  offset: number;
  /** The lost file's fingerprint (from the checkpoint). */
  fingerprint: string | null;
}

/**
 * Bytes that existed are gone: a file found again after a restart (compressed since) holds less
 * than had already been read from it. Lines were written to it after the compressor had read it
 * (late, through a descriptor still open) and the original was unlinked while no follower held it
 * open. The lines between `offset` and `size` are lost; none after `offset` can be delivered.
 */
export interface GapEvent extends FollowFields {
  type: 'gap';
  record: null;
  log: LogKind;
  /** Lines before `offset`. */
  line: number;
  /** Where the file's content ends now: the gap starts here. */
  offset: number;
  /** The content size that had been read before (the gap ends here, at least). */
  size: number;
  /** Bytes known to be lost: `size - offset`. */
  bytes: number;
}

/** An event of a followed log. */
export type FollowEvent<L extends LogKind> = (EventsByLog[L] & FollowFields) | TruncatedEvent | CheckpointLostEvent | GapEvent;
