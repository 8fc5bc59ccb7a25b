import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { listJlog } from './directory';
import { formatId, readMetastore, segmentName, type JlogId, type Metastore } from './format';
import { Segment } from './segment';
import { readSubscriber } from './subscribers';

/** A segment as `jlog ls` shows it. */
export interface SegmentInfo {
  log: number;
  /** Its file name (8 hex digits). */
  name: string;
  bytes: number;
  /** Complete records (the writer's segment may end in a record being written). */
  records: number;
  /** Below the writer's segment: no more records will be added. */
  closed: boolean;
  /** Subscribers that have not read all of it yet. */
  pending: number;
}

export interface SubscriberInfo {
  name: string;
  /** Its checkpoint, as jlog tools print it (`%08x:%08x`), or null when unreadable. */
  checkpoint: string | null;
  /** Why the checkpoint could not be read. */
  error: string | null;
  /** Records written after its checkpoint, not read by it yet. */
  behind: number;
  /** Bytes of the segments it keeps on disk (from its checkpoint's segment on). */
  pinnedBytes: number;
}

export interface JlogInfo {
  dir: string;
  metastore: Metastore;
  segments: SegmentInfo[];
  subscribers: SubscriberInfo[];
}

/** Segments, records and subscribers of a jlog (like `jlogctl -l -s`), read without writing anything. */
export async function inspectJlog(dir: string): Promise<JlogInfo> {
  const meta = await readMetastore(dir);
  const listing = await listJlog(dir);
  const segments: SegmentInfo[] = [];
  for (const log of listing.segments) {
    const closed = log < meta.storageLog;
    const seg = await Segment.open(dir, log, meta);
    if (!seg) continue; // deleted meanwhile
    let records = 0;
    try {
      records = await seg.skip(Number.MAX_SAFE_INTEGER, false);
    } finally {
      await seg.close();
    }
    const bytes = await stat(join(dir, segmentName(log))).then(
      (s) => s.size,
      () => 0,
    );
    segments.push({ log, name: segmentName(log), bytes, records, closed, pending: 0 });
  }
  const subscribers: SubscriberInfo[] = [];
  for (const name of listing.subscribers) {
    let cp: JlogId | null = null;
    let error: string | null = null;
    try {
      cp = await readSubscriber(dir, name, meta);
    } catch (err) {
      error = (err as Error).message;
    }
    let behind = 0;
    let pinnedBytes = 0;
    for (const s of segments) {
      if (cp !== null && s.log < cp.log) continue;
      pinnedBytes += s.bytes;
      const unread = cp !== null && s.log === cp.log ? Math.max(0, s.records - cp.marker) : s.records;
      behind += unread;
      if (unread > 0 || cp === null) s.pending++;
    }
    subscribers.push({ name, checkpoint: cp === null ? null : formatId(cp), error, behind, pinnedBytes });
  }
  return { dir, metastore: meta, segments, subscribers };
}
