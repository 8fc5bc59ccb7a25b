import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Batch } from './batcher';
import { syncDir, writeFileAtomic } from '../../io/atomic';

/**
 * Batches on disk until the Ingest API acknowledged them. A batch is one file named
 * `<13-digit ms>-<6-digit sequence>-<events>.ndjson.gz`: names sort in write order (the sequence
 * goes on from the newest name found at open, so a clock that went back changes nothing), and a
 * batch's event count survives restarts. Files are written atomically: a crash leaves a whole
 * batch or a temporary file, which the next `open` removes.
 */

const BATCH_NAME = /^(\d{13})-(\d{6})-(\d+)\.ndjson\.gz$/;
const TEMP_PREFIX = '.tmp-';
const MAX_SEQ = 999_999;

/** Spool files: readable by the owner only (batches hold recipient addresses); temporary names the next `open` recognises. */
function writeSpoolFile(path: string, data: Buffer | string): Promise<void> {
  return writeFileAtomic(path, data, { mode: 0o600, tmpName: `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}` });
}

/** The event count a batch name carries. */
export function spooledEvents(name: string): number {
  const m = BATCH_NAME.exec(name);
  return m ? Number(m[3]) : 0;
}

export interface SpoolOptions {
  /** Millisecond clock for the names (tests). */
  now?: () => number;
}

export class Spool {
  private count: number;
  private lastMs: number;
  private lastSeq: number;

  private constructor(
    readonly dir: string,
    names: string[],
    private readonly now: () => number,
  ) {
    this.count = names.length;
    const newest = BATCH_NAME.exec(names[names.length - 1] ?? '');
    this.lastMs = newest ? Number(newest[1]) : 0;
    this.lastSeq = newest ? Number(newest[2]) : -1;
  }

  /** Opens (creates) a spool directory, removes temporary files left by a crash, counts the batches. */
  static async open(dir: string, options: SpoolOptions = {}): Promise<Spool> {
    await mkdir(dir, { recursive: true, mode: 0o700 }); // batches hold recipient addresses
    for (const f of await readdir(dir)) {
      if (f.startsWith(TEMP_PREFIX)) await unlink(join(dir, f)).catch(ignoreMissing);
    }
    return new Spool(dir, await listBatches(dir), options.now ?? Date.now);
  }

  /** Batches waiting. */
  get depth(): number {
    return this.count;
  }

  /** Spools a batch atomically; returns its name. */
  async write(batch: Batch): Promise<string> {
    const name = this.nextName(batch.events);
    // Counted before the file appears: an uploader may send and remove it before this resumes.
    this.count++;
    try {
      await writeSpoolFile(join(this.dir, name), batch.body);
    } catch (err) {
      this.count--;
      throw err;
    }
    return name;
  }

  /** Spooled batch names, oldest first. */
  list(): Promise<string[]> {
    return listBatches(this.dir);
  }

  read(name: string): Promise<Buffer> {
    return readFile(join(this.dir, checkName(name)));
  }

  /** Removes an acknowledged batch. */
  async remove(name: string): Promise<void> {
    try {
      await unlink(join(this.dir, checkName(name)));
      this.count = Math.max(0, this.count - 1);
    } catch (err) {
      ignoreMissing(err);
    }
  }

  /** Moves a batch the API refused to `rejected/`, with `<name>.why.txt` beside it. */
  async reject(name: string, why: string): Promise<void> {
    const dir = join(this.dir, 'rejected');
    await mkdir(dir, { recursive: true });
    await writeSpoolFile(join(dir, `${checkName(name)}.why.txt`), `${why}\n`);
    await rename(join(this.dir, name), join(dir, name));
    await syncDir(this.dir);
    this.count = Math.max(0, this.count - 1);
  }

  private nextName(events: number): string {
    const now = this.now();
    if (now > this.lastMs) {
      this.lastMs = now;
      this.lastSeq = 0;
    } else if (this.lastSeq < MAX_SEQ) {
      this.lastSeq++;
    } else {
      this.lastMs++;
      this.lastSeq = 0;
    }
    return `${String(this.lastMs).padStart(13, '0')}-${String(this.lastSeq).padStart(6, '0')}-${events}.ndjson.gz`;
  }
}

async function listBatches(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => BATCH_NAME.test(f)).sort();
}

function checkName(name: string): string {
  if (!BATCH_NAME.test(name)) throw new Error(`ecelog: ${JSON.stringify(name)} is not a spooled batch name`);
  return name;
}

function ignoreMissing(err: unknown): void {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
}
