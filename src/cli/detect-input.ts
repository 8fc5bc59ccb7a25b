import { safeText } from '../core/safe-text';
import type { EcelogEvent } from '../decoders/index';
import { DetectError, type DetectResult } from '../session/detect';
import { parseFile } from '../session/stream';
import { isJlogDir } from '../jlog/probe';

/**
 * Detection on a file's (decompressed) first 64 KiB, as parseFile does it; null for a file with
 * no content (a live log just rotated), which has no lines to detect from. Throws a DetectError
 * when no kind fits.
 */
export async function detectFileContent(file: string): Promise<DetectResult | null> {
  let found: DetectResult | null = null;
  const it = parseFile(file, { onDetect: (d) => (found = d) });
  await it.next();
  await it.return(undefined);
  return found;
}

/** The events read from one input, before any filter, and how many of them were malformed lines. */
export class LineTally {
  events = 0;
  malformed = 0;
  /** The kind the input was read as (that of its first event), or null before one. */
  log: string | null = null;

  add(batch: readonly EcelogEvent[]): void {
    if (batch.length === 0) return;
    this.log ??= batch[0]!.log;
    this.events += batch.length;
    for (const ev of batch) if (ev.type === 'malformed') this.malformed++;
  }

  /** Adds another tally (of a later part of the same input, or its structured clone). */
  merge(o: Pick<LineTally, 'events' | 'malformed' | 'log'>): void {
    this.events += o.events;
    this.malformed += o.malformed;
    this.log ??= o.log;
  }
}

/** The usage text's words for warnIfMostlyMalformed (parse, stats). */
export const MALFORMED_HINT_HELP = `When most lines of a file are malformed (a wrong --log?), one line on stderr says so and names
the kind its first lines read as.`;

/**
 * One line on stderr when most events of an input were malformed lines (`--log bouncelog` on a
 * mainlog): how many, the kind they were read as, and what detection on the file's first lines
 * makes of it. Standard input (`-`) cannot be read again and a jlog directory has no first
 * lines: for them the line asks whether --log is right.
 */
export async function warnIfMostlyMalformed(file: string, tally: LineTally): Promise<void> {
  if (tally.malformed * 2 <= tally.events) return;
  const as = tally.log ?? 'unknown';
  const head = `ecelog: ${safeText(file)}: ${tally.malformed} of ${tally.events} events are malformed lines (read as ${as})`;
  process.stderr.write(`${head}; ${await hint(file, as)}\n`);
}

/** What detection on the file's first lines says about the kind it was read as. */
async function hint(file: string, as: string): Promise<string> {
  const unknown = 'is --log right?';
  if (file === '-' || (await isJlogDir(file))) return unknown;
  let d: DetectResult | null;
  try {
    d = await detectFileContent(file);
  } catch (e) {
    if (e instanceof DetectError) return 'its first lines fit no single kind';
    return unknown; // unreadable now: the read itself told
  }
  if (d === null) return unknown;
  if (d.log === as) return `though its first lines read as ${as}`;
  return `its first lines read as ${d.log}: try --log ${d.log}`;
}
