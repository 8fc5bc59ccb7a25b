import { listJlog } from './directory';
import type { JlogId, Metastore } from './format';
import { Segment } from './segment';

/** The position before the first record on disk (as a subscriber added at `begin` starts). */
export async function beginning(dir: string): Promise<JlogId> {
  const { segments } = await listJlog(dir);
  return { log: segments[0] ?? 0, marker: 0 };
}

/** The position after the last complete record (as a subscriber added at `end` starts). */
export async function ending(dir: string, meta: Metastore): Promise<JlogId> {
  const seg = await Segment.open(dir, meta.storageLog, meta);
  if (!seg) return { log: meta.storageLog, marker: 0 };
  try {
    await seg.skip(Number.MAX_SAFE_INTEGER, false);
    return { log: meta.storageLog, marker: seg.marker };
  } finally {
    await seg.close();
  }
}
