import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Batch } from './batcher';
import { syncDir, writeFileAtomic } from '../../io/atomic';

/**
 * Batches on disk until SparkPost has them. A batch is one file named
 * `<13-digit ms>-<6-digit sequence>-<events>.ndjson.gz`: names sort in write order (the sequence
 * goes on from the newest name found at open, so a clock that went back changes nothing), and a
 * batch's event count survives restarts. Files are written atomically: a crash leaves a whole
 * batch or a temporary file, which the next `open` removes.
 *
 * Where a batch is tells its state:
 * - `<dir>/<name>`: the send queue, sent oldest first;
 * - `<dir>/sent/<name>`: acknowledged (2xx with a batch id), its outcome not yet known; beside it
 *   `sent/<name>.json` (a SentRecord: the batch id, when it was sent, how often). A record whose
 *   batch is back in the queue (to be sent again) stays: it keeps the count of sends;
 * - `<dir>/rejected/<name>` and `<dir>/unconfirmed/<name>`: set aside, with `<name>.why.txt`.
 *
 * Every move is one rename after the record it needs is written, so a crash at any point leaves
 * a batch in the queue (sent again; SparkPost drops the events it has by event_id) or awaiting
 * its outcome with its batch id; `open` removes records whose batch is gone and puts a sent
 * batch without a readable record back in the queue.
 */

const BATCH_NAME = /^(\d{13})-(\d{6})-(\d+)\.ndjson\.gz$/;
const TEMP_PREFIX = '.tmp-';
const MAX_SEQ = 999_999;
const SENT = 'sent';
const RECORD = '.json';
/** Sequence numbers `requeueSetAside` gives: a running agent, counting from 0 in each millisecond, never reaches them. */
const RESEND_SEQ = 900_000;

/** Where batches are set aside: refused by SparkPost, or never confirmed. */
export type SetAside = 'rejected' | 'unconfirmed';
export const SET_ASIDE: readonly SetAside[] = ['rejected', 'unconfirmed'];

/** What the spool keeps of a batch SparkPost acknowledged. */
export interface SentRecord {
  /** The batch id of the latest 2xx. */
  batch_id: string;
  /** ms epoch of the first and the latest 2xx. */
  first_sent_at: number;
  sent_at: number;
  /** 2xx answers so far (1 + the times it was sent again). */
  sends: number;
}

/** Spool files: readable by the owner only (batches hold recipient addresses); temporary names the next `open` recognises. */
function writeSpoolFile(path: string, data: Buffer | string): Promise<void> {
  return writeFileAtomic(path, data, { mode: 0o600, tmpName: `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}` });
}

/** The event count a batch name carries. */
export function spooledEvents(name: string): number {
  const m = BATCH_NAME.exec(name);
  return m ? Number(m[3]) : 0;
}

/** When a batch was spooled (ms epoch), from its name. */
export function spooledAt(name: string): number {
  const m = BATCH_NAME.exec(name);
  return m ? Number(m[1]) : 0;
}

export interface SpoolOptions {
  /** Millisecond clock for the names (tests). */
  now?: () => number;
}

export class Spool {
  /** The send queue: name → bytes. */
  private readonly queue = new Map<string, number>();
  private queueBytes = 0;
  /** Batches in sent/: name → bytes. */
  private readonly sent = new Map<string, number>();
  /** Every record in sent/, of batches there or back in the queue. */
  private readonly records = new Map<string, SentRecord>();
  private lastMs: number;
  private lastSeq: number;

  private constructor(
    readonly dir: string,
    newest: string | undefined,
    private readonly now: () => number,
  ) {
    const m = BATCH_NAME.exec(newest ?? '');
    this.lastMs = m ? Number(m[1]) : 0;
    this.lastSeq = m ? Number(m[2]) : -1;
  }

  /**
   * Opens (creates) a spool directory: removes temporary files left by a crash, records whose
   * batch is gone, and puts sent batches without a readable record back in the queue.
   */
  static async open(dir: string, options: SpoolOptions = {}): Promise<Spool> {
    await mkdir(dir, { recursive: true, mode: 0o700 }); // batches hold recipient addresses
    const sentDir = join(dir, SENT);
    const [files, sentFiles] = await Promise.all([readdir(dir), readdir(sentDir).catch(emptyIfMissing)]);
    await removeTemporary(dir, files);
    await removeTemporary(sentDir, sentFiles);
    const queued = new Set(files.filter(isBatch));
    const sentBatches = new Set(sentFiles.filter(isBatch));
    const records = new Map<string, SentRecord>();
    for (const f of sentFiles) {
      const name = f.slice(0, -RECORD.length);
      if (!f.endsWith(RECORD) || !isBatch(name)) continue;
      const record = queued.has(name) || sentBatches.has(name) ? await readRecord(join(sentDir, f)) : null;
      if (record) records.set(name, record);
      else await unlink(join(sentDir, f)).catch(ignoreMissing);
    }
    const sent: string[] = [];
    for (const name of sentBatches) {
      if (records.has(name) && !queued.has(name)) {
        sent.push(name);
      } else if (queued.has(name)) {
        await unlink(join(sentDir, name)).catch(ignoreMissing); // a copy of a queued batch
      } else {
        await rename(join(sentDir, name), join(dir, name)); // no record of its batch id: sent again
        queued.add(name);
      }
    }
    if (sentBatches.size > 0) await syncDir(dir);
    const all = [...queued, ...sent, ...(await setAsideNames(dir))].sort();
    const spool = new Spool(dir, all[all.length - 1], options.now ?? Date.now);
    for (const name of [...queued].sort()) spool.track(spool.queue, name, await sizeOf(join(dir, name)));
    for (const name of sent.sort()) spool.track(spool.sent, name, await sizeOf(join(sentDir, name)));
    for (const [name, record] of records) spool.records.set(name, record);
    return spool;
  }

  /** Batches in the send queue (not those sent and awaiting their outcome). */
  get depth(): number {
    return this.queue.size;
  }

  /** Batches sent and awaiting their outcome (in sent/). */
  get awaiting(): number {
    return this.sent.size;
  }

  /** Bytes in the send queue. */
  get bytes(): number {
    return this.queueBytes;
  }

  /** The oldest batch in the send queue, or undefined. */
  oldestQueued(): string | undefined {
    return min(this.queue.keys());
  }

  /** The oldest batch awaiting its outcome, or undefined. */
  oldestAwaiting(): string | undefined {
    return min(this.sent.keys());
  }

  /** The batches in the send queue this spool knows of, oldest first (a batch put there by another process is listed by `list` only). */
  queued(): string[] {
    return [...this.queue.keys()].sort();
  }

  /** Spools a batch atomically; returns its name. */
  async write(batch: Batch): Promise<string> {
    const name = this.nextName(batch.events);
    // Counted before the file appears: an uploader may send and remove it before this resumes.
    this.track(this.queue, name, batch.body.length);
    try {
      await writeSpoolFile(join(this.dir, name), batch.body);
    } catch (err) {
      this.untrack(this.queue, name);
      throw err;
    }
    return name;
  }

  /** Batch names in the send queue, oldest first, read from the directory. */
  list(): Promise<string[]> {
    return listBatches(this.dir);
  }

  read(name: string): Promise<Buffer> {
    return readFile(join(this.dir, checkName(name)));
  }

  /** Removes a batch of the send queue (and its record): acknowledged with batch status checks off, split, or dropped. */
  async remove(name: string): Promise<void> {
    try {
      await unlink(join(this.dir, checkName(name)));
    } catch (err) {
      ignoreMissing(err);
    }
    this.untrack(this.queue, name);
    await this.forgetRecord(name);
  }

  /** The record of a batch (awaiting its outcome, or back in the queue after an earlier send), if any. */
  record(name: string): SentRecord | undefined {
    return this.records.get(name);
  }

  /** The batches awaiting their outcome, oldest first, with their records. */
  awaitingBatches(): Array<{ name: string; record: SentRecord }> {
    return [...this.sent.keys()].sort().map((name) => ({ name, record: this.records.get(name)! }));
  }

  /** A queued batch was acknowledged with `batchId`: it moves to sent/ with its record; returns the record. */
  async markSent(name: string, batchId: string, at: number): Promise<SentRecord> {
    const prev = this.records.get(checkName(name));
    const record: SentRecord = { batch_id: batchId, first_sent_at: prev?.first_sent_at ?? at, sent_at: at, sends: (prev?.sends ?? 0) + 1 };
    const sentDir = join(this.dir, SENT);
    await mkdir(sentDir, { recursive: true, mode: 0o700 });
    // The record first: a crash before the rename leaves the batch queued (sent again), not in sent/ without its id.
    await writeSpoolFile(join(sentDir, `${name}${RECORD}`), `${JSON.stringify(record)}\n`);
    this.records.set(name, record);
    await rename(join(this.dir, name), join(sentDir, name));
    await syncDir(this.dir);
    await syncDir(sentDir);
    this.track(this.sent, name, this.untrack(this.queue, name));
    return record;
  }

  /** SparkPost has the batch: it and its record are removed. */
  async confirm(name: string): Promise<void> {
    await unlink(join(this.dir, SENT, checkName(name))).catch(ignoreMissing);
    this.untrack(this.sent, name);
    await this.forgetRecord(name);
  }

  /** A sent batch goes back to the send queue (its old place: it is sent next); its record stays, counting the sends. */
  async requeue(name: string): Promise<void> {
    await rename(join(this.dir, SENT, checkName(name)), join(this.dir, name));
    await syncDir(this.dir);
    await syncDir(join(this.dir, SENT));
    this.track(this.queue, name, this.untrack(this.sent, name));
  }

  /** Moves a batch (queued or sent) to `rejected/`, with `<name>.why.txt` beside it. */
  reject(name: string, why: string): Promise<void> {
    return this.setAside(name, 'rejected', why);
  }

  /** Moves a batch (queued or sent) to `unconfirmed/`, with `<name>.why.txt` beside it. */
  unconfirm(name: string, why: string): Promise<void> {
    return this.setAside(name, 'unconfirmed', why);
  }

  private async setAside(name: string, where: SetAside, why: string): Promise<void> {
    const fromSent = this.sent.has(checkName(name));
    const from = fromSent ? join(this.dir, SENT) : this.dir;
    const dir = join(this.dir, where);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeSpoolFile(join(dir, `${name}.why.txt`), `${why}\n`);
    await rename(join(from, name), join(dir, name));
    await syncDir(from);
    await syncDir(dir);
    this.untrack(fromSent ? this.sent : this.queue, name);
    await this.forgetRecord(name);
  }

  private async forgetRecord(name: string): Promise<void> {
    if (!this.records.delete(name)) return;
    await unlink(join(this.dir, SENT, `${name}${RECORD}`)).catch(ignoreMissing);
  }

  private track(map: Map<string, number>, name: string, bytes: number): void {
    map.set(name, bytes);
    if (map === this.queue) this.queueBytes += bytes;
  }

  /** Forgets a batch; returns its size (0 when it was not known). */
  private untrack(map: Map<string, number>, name: string): number {
    const bytes = map.get(name) ?? 0;
    if (map.delete(name) && map === this.queue) this.queueBytes -= bytes;
    return bytes;
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
    return batchName(this.lastMs, this.lastSeq, events);
  }
}

export interface RequeueResult {
  batches: number;
  events: number;
  /** Batches taken from each directory. */
  from: Record<SetAside, number>;
}

/**
 * Moves the batches set aside in `dir/rejected/` and `dir/unconfirmed/` (or those of `from`) back
 * into the send queue of the spool `dir`, under new names that sort after the queue, and removes
 * their `.why.txt`; a running agent sends them with its queue, else the next start does. A batch
 * is linked into the queue before it leaves its directory: a crash in between leaves it in both
 * (sent, and moved again by a second run: SparkPost drops events it has by event_id), never in neither.
 */
export async function requeueSetAside(
  dir: string,
  options: { from?: readonly SetAside[]; now?: () => number } = {},
): Promise<RequeueResult> {
  const result: RequeueResult = { batches: 0, events: 0, from: { rejected: 0, unconfirmed: 0 } };
  // After every name in the queue and in sent/ (a batch there may come back to the queue).
  const taken = [...(await listBatches(dir)), ...(await readdir(join(dir, SENT)).catch(emptyIfMissing)).filter(isBatch)];
  const newest = taken.reduce((m, n) => Math.max(m, spooledAt(n)), 0);
  let ms = Math.max((options.now ?? Date.now)(), newest + 1);
  let seq = RESEND_SEQ;
  const moved: Array<{ from: string; name: string }> = [];
  for (const where of options.from ?? SET_ASIDE) {
    const aside = join(dir, where);
    for (const name of (await readdir(aside).catch(emptyIfMissing)).filter(isBatch).sort()) {
      for (;;) {
        if (seq > MAX_SEQ) [ms, seq] = [ms + 1, RESEND_SEQ];
        const target = batchName(ms, seq++, spooledEvents(name));
        try {
          await link(join(aside, name), join(dir, target)); // never over an existing batch
          break;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
      }
      moved.push({ from: join(aside, name), name });
      result.batches++;
      result.events += spooledEvents(name);
      result.from[where]++;
    }
  }
  if (moved.length === 0) return result;
  await syncDir(dir);
  for (const m of moved) {
    await unlink(m.from);
    await unlink(`${m.from}.why.txt`).catch(ignoreMissing);
  }
  for (const where of options.from ?? SET_ASIDE) if (result.from[where] > 0) await syncDir(join(dir, where));
  return result;
}

function batchName(ms: number, seq: number, events: number): string {
  return `${String(ms).padStart(13, '0')}-${String(seq).padStart(6, '0')}-${events}.ndjson.gz`;
}

function isBatch(name: string): boolean {
  return BATCH_NAME.test(name);
}

async function listBatches(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter(isBatch).sort();
}

/** Batch names in the set-aside directories (for the sequence: a name is never given twice). */
async function setAsideNames(dir: string): Promise<string[]> {
  const lists = await Promise.all(SET_ASIDE.map((d) => readdir(join(dir, d)).catch(emptyIfMissing)));
  return lists.flat().filter(isBatch);
}

async function removeTemporary(dir: string, files: string[]): Promise<void> {
  for (const f of files) if (f.startsWith(TEMP_PREFIX)) await unlink(join(dir, f)).catch(ignoreMissing);
}

async function readRecord(path: string): Promise<SentRecord | null> {
  try {
    const r = JSON.parse(await readFile(path, 'utf8')) as Partial<SentRecord> | null;
    const ok =
      typeof r?.batch_id === 'string' && r.batch_id !== '' && [r.first_sent_at, r.sent_at, r.sends].every((n) => Number.isSafeInteger(n));
    return ok ? (r as SentRecord) : null;
  } catch (err) {
    if (err instanceof SyntaxError) return null;
    throw err;
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    ignoreMissing(err);
    return 0;
  }
}

function min(names: Iterable<string>): string | undefined {
  let out: string | undefined;
  for (const n of names) if (out === undefined || n < out) out = n;
  return out;
}

function checkName(name: string): string {
  if (!BATCH_NAME.test(name)) throw new Error(`ecelog: ${JSON.stringify(name)} is not a spooled batch name`);
  return name;
}

function ignoreMissing(err: unknown): void {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
}

function emptyIfMissing(err: unknown): string[] {
  ignoreMissing(err);
  return [];
}
