import { readdir } from 'node:fs/promises';
import { parseCheckpointName, parseSegmentName } from './format';

/** The directory's segments (ascending) and subscribers. */
export interface Listing {
  segments: number[];
  subscribers: string[];
}

export async function listJlog(dir: string): Promise<Listing> {
  const segments: number[] = [];
  const subscribers: string[] = [];
  for (const name of await readdir(dir)) {
    const log = parseSegmentName(name);
    if (log >= 0) segments.push(log);
    else {
      const sub = parseCheckpointName(name);
      if (sub !== null) subscribers.push(sub);
    }
  }
  segments.sort((a, b) => a - b);
  subscribers.sort();
  return { segments, subscribers };
}
