import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readCheckpoint, writeCheckpoint } from '../src/files/checkpoint';
import { follow } from '../src/files/follow';
import { BACKENDS } from './backends';
import { seqText } from './fixtures/seq-lines';
import { caseDirs, Follower, fpOf, len, seqs, type Ev } from './fixtures/follow-helpers';
import type { Backend } from '../src/index';

/** follow(): checkpoints, and restarts after the file was rotated, compressed, truncated or lost. */

const fresh = caseDirs('ecelog-restart-');
const ids = (evs: Ev[]): Map<number, string> => new Map(evs.map((e, i) => [seqs(evs)[i]!, e.id]));

/** First run: lines 0..9, batches of 3; commits the first batch only, takes the second, stops. */
async function firstRun(path: string, ck: string, backend: Backend): Promise<Ev[]> {
  writeFileSync(path, seqText(0, 10));
  const f = new Follower(path, { from: 'start', checkpoint: ck, batchSize: 3, backend });
  const first = await f.batch();
  await first.commit();
  const second = await f.batch(); // processed, never committed: the crash comes first
  await f.stop();
  expect(seqs([...first.events, ...second.events])).toEqual([0, 1, 2, 3, 4, 5]);
  return [...first.events, ...second.events];
}

describe.each(BACKENDS)('follow restarts, %s backend', (backend) => {
  test('commit writes the checkpoint; a restart goes on after the last committed batch with the same ids', async () => {
    const { path, ck } = fresh();
    const before = await firstRun(path, ck, backend);
    const saved = await readCheckpoint(ck);
    expect(saved).toEqual({
      version: 2,
      rotated: [],
      path,
      log: 'mainlog',
      file: {
        path,
        dev: expect.any(String),
        ino: expect.any(String),
        fingerprint: fpOf(seqText(0, 1)),
        compressed: false,
        size: len(0, 10),
      },
      offset: len(0, 3),
      line: 3,
      time: expect.any(Number),
    });
    expect(readdirSync(join(path, '..')).sort()).toEqual(['follow.checkpoint', 'mainlog.ec']); // no temporary file left
    const f = new Follower(path, { checkpoint: ck, batchSize: 3, backend });
    const after = await f.take(7);
    expect(seqs(after)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(after.map((e) => e.line)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    const was = ids(before);
    for (const [seq, id] of ids(after)) if (was.has(seq)) expect(id).toBe(was.get(seq));
    await f.stop();
  });

  test('rotated while down (plain): found again by inode as mainlog.ec.1, then the new file', async () => {
    const { path, ck } = fresh();
    const before = await firstRun(path, ck, backend);
    renameSync(path, `${path}.1`);
    appendFileSync(`${path}.1`, seqText(10, 12));
    writeFileSync(path, seqText(12, 14));
    const f = new Follower(path, { checkpoint: ck, batchSize: 3, backend });
    const after = await f.take(11);
    expect(seqs(after)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(after.map((e) => e.file)).toEqual([...Array(9).fill(`${path}.1`), path, path]);
    expect(after.slice(0, 3).map((e) => e.id)).toEqual(before.slice(3).map((e) => e.id));
    await f.stop();
  });

  test('rotated twice and compressed while down: found by fingerprint in mainlog.ec.2.bz2, committed bytes skipped', async () => {
    const { path, ck } = fresh();
    const before = await firstRun(path, ck, backend);
    renameSync(path, `${path}.1`);
    writeFileSync(path, seqText(10, 12));
    execFileSync('bzip2', [`${path}.1`]);
    renameSync(`${path}.1.bz2`, `${path}.2.bz2`);
    renameSync(path, `${path}.1`);
    writeFileSync(path, seqText(12, 13));
    const f = new Follower(path, { checkpoint: ck, batchSize: 3, backend });
    const after = await f.take(10, false);
    expect(seqs(after)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(after.map((e) => e.file)).toEqual([...Array(7).fill(`${path}.2.bz2`), `${path}.1`, `${path}.1`, path]);
    expect(after.slice(0, 3).map((e) => e.id)).toEqual(before.slice(3).map((e) => e.id));
    expect(after.slice(0, 3).map((e) => [e.line, e.offset])).toEqual(before.slice(3).map((e) => [e.line, e.offset]));
    // Committing inside the compressed file, then restarting again, resumes inside it.
    await f.batches[0]!.commit();
    await f.stop();
    expect((await readCheckpoint(ck))!.file).toMatchObject({ path: `${path}.2.bz2`, compressed: true, fingerprint: fpOf(seqText(0, 1)) });
    const g = new Follower(path, { checkpoint: ck, batchSize: 3, backend });
    expect(seqs(await g.take(4))).toEqual([6, 7, 8, 9]);
    await g.stop();
  });

  test('rotated while down and the newest rotated file is still being written (not reopened yet): it is followed', async () => {
    const { path, ck } = fresh();
    await firstRun(path, ck, backend);
    renameSync(path, `${path}.1`);
    const f = new Follower(path, { checkpoint: ck, batchSize: 3, backend });
    expect(seqs(await f.take(7))).toEqual([3, 4, 5, 6, 7, 8, 9]);
    appendFileSync(`${path}.1`, seqText(10, 11)); // Momentum has not reopened yet
    expect(seqs(await f.take(1))).toEqual([10]);
    writeFileSync(path, seqText(11, 12)); // the reopen
    expect(seqs(await f.take(1))).toEqual([11]);
    await f.stop();
  });

  test('truncated while down: a truncated event, then the file from its start', async () => {
    const { path, ck } = fresh();
    await firstRun(path, ck, backend);
    writeFileSync(path, seqText(50, 51));
    const f = new Follower(path, { checkpoint: ck, batchSize: 3, backend });
    const evs = await f.take(2);
    expect(evs[0]).toEqual({
      type: 'truncated',
      record: null,
      log: 'mainlog',
      line: 3,
      offset: len(0, 3),
      size: len(50, 51),
      id: `${fpOf(seqText(0, 1))}:truncated`,
      file: path,
    });
    expect(seqs(evs.slice(1))).toEqual([50]);
    await f.stop();
  });

  test('the file is gone from every generation: checkpoint_lost, then what changed since, from the start', async () => {
    const { path, ck } = fresh();
    await firstRun(path, ck, backend);
    writeFileSync(`${path}.2`, seqText(900, 901)); // older than the checkpoint
    const old = new Date(Date.now() - 3600_000);
    execFileSync('touch', ['-d', old.toISOString(), `${path}.2`]);
    unlinkSync(path);
    writeFileSync(`${path}.1`, seqText(20, 22));
    writeFileSync(path, seqText(22, 23));
    const f = new Follower(path, { checkpoint: ck, batchSize: 3, backend });
    const evs = await f.take(4);
    expect(evs[0]).toEqual({
      type: 'checkpoint_lost',
      record: null,
      log: 'mainlog',
      line: 3,
      offset: len(0, 3),
      fingerprint: fpOf(seqText(0, 1)),
      id: `${fpOf(seqText(0, 1))}:lost`,
      file: path,
    });
    expect(seqs(evs.slice(1))).toEqual([20, 21, 22]);
    await f.stop();
  });

  test('committing an older batch after a newer one leaves the newer checkpoint', async () => {
    const { path, ck } = fresh();
    writeFileSync(path, seqText(0, 6));
    const f = new Follower(path, { from: 'start', checkpoint: ck, batchSize: 2, backend });
    const a = await f.batch();
    const b = await f.batch();
    await b.commit();
    await a.commit();
    expect((await readCheckpoint(ck))!.offset).toBe(len(0, 4));
    await f.stop();
  });

  test('a checkpoint of another path is refused', async () => {
    const { path, ck } = fresh();
    writeFileSync(path, seqText(0, 1));
    const f = new Follower(path, { from: 'start', checkpoint: ck, backend });
    await (await f.batch()).commit();
    await f.stop();
    const other = join(path, '..', 'bouncelog.ec');
    writeFileSync(other, '');
    const g = new Follower(other, { checkpoint: ck, backend });
    await expect(g.batch()).rejects.toThrow(`ecelog: checkpoint ${ck} belongs to ${path}, not ${other}`);
  });
});

describe('checkpoint files', () => {
  test('written whole (temporary file, fsync, rename) and read back; a missing one is null; garbage throws', async () => {
    const { ck } = fresh();
    expect(await readCheckpoint(ck)).toBeNull();
    const file = { path: '/x/mainlog.ec', dev: '1', ino: '2', fingerprint: 'ab', compressed: false, size: 10 };
    const c = {
      version: 2 as const,
      path: '/x/mainlog.ec',
      log: 'mainlog',
      offset: 10,
      line: 1,
      time: 1,
      file,
      rotated: [{ file: { ...file, path: '/x/mainlog.ec.1', ino: '3', fingerprint: 'cd' }, offset: 7, line: 2, until: 5 }],
    };
    await writeCheckpoint(ck, c);
    expect(await readCheckpoint(ck)).toEqual(c);
    expect(readFileSync(ck, 'utf8')).toBe(`${JSON.stringify(c)}\n`);
    expect(existsSync(`${ck}.tmp`)).toBe(false);
    // Version 1 (before rotated files were kept) is read as version 2 with none.
    const { rotated: _, ...v1 } = { ...c, version: 1 };
    writeFileSync(ck, JSON.stringify(v1));
    expect(await readCheckpoint(ck)).toEqual({ ...c, rotated: [] });
    writeFileSync(ck, 'not json');
    await expect(readCheckpoint(ck)).rejects.toThrow(`ecelog: ${ck} is not a follow checkpoint (not JSON)`);
    for (const bad of [
      { version: 2 },
      { ...c, version: 3 },
      { ...c, rotated: [{ ...c.rotated[0], until: 'soon' }] },
      { ...c, rotated: null },
    ]) {
      writeFileSync(ck, JSON.stringify(bad));
      await expect(readCheckpoint(ck)).rejects.toThrow(`ecelog: ${ck} is not a version 1 or 2 follow checkpoint`);
    }
  });
});

describe.each(BACKENDS)('follow and multi-line entries, %s backend', (backend) => {
  test('a paniclog entry still held at a commit is not lost: the checkpoint points at its first line', async () => {
    const { path: mainlog, ck } = fresh();
    const path = join(mainlog, '..', 'paniclog.ec');
    const first = '1700000000:alpha: one\n';
    writeFileSync(path, `${first}1700000001:beta: two\n  more of two\n`);
    const run = (from?: 'start') => {
      const ac = new AbortController();
      const it = follow(path, { log: 'paniclog', checkpoint: ck, from, pollInterval: 10, signal: ac.signal, backend });
      return { ac, it };
    };
    const a = run('start');
    const b1 = (await a.it.next()).value!;
    expect(b1.events.map((e: { type: string; message?: string }) => (e.type === 'panic' ? e.message : e.type))).toEqual(['one']); // "two" is held
    await b1.commit();
    a.ac.abort();
    await a.it.return(undefined);
    const saved = await readCheckpoint(ck);
    expect(saved).toMatchObject({ offset: Buffer.byteLength(first), line: 1 });

    appendFileSync(path, '  and the rest of two\n1700000002:gamma: three\n');
    const b = run();
    const got: Array<{ line: number; end_line: number; message: string }> = [];
    while (got.length < 1) {
      const batch = (await b.it.next()).value!;
      for (const e of batch.events as Array<{ type: string; line: number; end_line: number; message: string }>)
        if (e.type === 'panic') got.push({ line: e.line, end_line: e.end_line, message: e.message });
    }
    b.ac.abort();
    await b.it.return(undefined);
    expect(got[0]).toEqual({ line: 2, end_line: 4, message: 'two\n  more of two\n  and the rest of two' });
  });
});
