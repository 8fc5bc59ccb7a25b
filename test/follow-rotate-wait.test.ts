import { execFileSync } from 'node:child_process';
import { appendFileSync, closeSync, openSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readCheckpoint } from '../src/files/checkpoint';
import { BACKENDS } from './backends';
import { seqText } from './fixtures/seq-lines';
import { caseDirs, Follower, fpOf, len, seqs } from './fixtures/follow-helpers';

/**
 * follow() after a rotation: the rotated file is still read for rotateWait (a writer may write its
 * last lines through the old descriptor), across a restart too; bytes that are gone are a `gap`;
 * a file already read is never read again, whatever it is called or compressed to since.
 */

const fresh = caseDirs('ecelog-rotate-wait-');
const WAIT = 60_000;

describe.each(BACKENDS)('follow after a rotation, %s backend', (backend) => {
  /** Lines 0-3 read, the file rotated, 6-7 read from the new one, all committed; then stopped. */
  async function rotatedAndStopped(path: string, ck: string): Promise<number> {
    writeFileSync(path, seqText(0, 4));
    const writer = openSync(path, 'a'); // the writer's descriptor: it outlives the rename
    const f = new Follower(path, { from: 'start', checkpoint: ck, batchSize: 10, backend, rotateWait: WAIT });
    expect(seqs(await f.take(4))).toEqual([0, 1, 2, 3]);
    renameSync(path, `${path}.1`);
    writeFileSync(path, seqText(6, 8));
    expect(seqs(await f.take(2))).toEqual([6, 7]);
    await f.stop();
    const saved = (await readCheckpoint(ck))!;
    expect(saved.file).toMatchObject({ path, fingerprint: fpOf(seqText(6, 7)), compressed: false });
    expect([saved.offset, saved.line]).toEqual([len(6, 8), 2]);
    expect(saved.rotated).toEqual([
      {
        file: expect.objectContaining({ path, fingerprint: fpOf(seqText(0, 1)), size: len(0, 4) }),
        offset: len(0, 4),
        line: 4,
        until: expect.any(Number),
      },
    ]);
    expect(saved.rotated[0]!.until).toBeGreaterThan(Date.now() + WAIT / 2);
    return writer;
  }

  test('a restart inside the wait reads the rotated file’s late lines first, then goes on with the new file', async () => {
    const { path, ck } = fresh();
    const writer = await rotatedAndStopped(path, ck);
    writeSync(writer, seqText(4, 6)); // late, while no follower runs
    closeSync(writer);
    appendFileSync(path, seqText(8, 9));
    const g = new Follower(path, { checkpoint: ck, batchSize: 10, backend, rotateWait: WAIT });
    const evs = await g.take(3);
    expect(seqs(evs)).toEqual([4, 5, 8]);
    expect(evs.map((e) => e.file)).toEqual([`${path}.1`, `${path}.1`, path]);
    expect(evs.map((e) => e.id)).toEqual([
      `${fpOf(seqText(0, 1))}:${len(0, 4)}`,
      `${fpOf(seqText(0, 1))}:${len(0, 5)}`,
      `${fpOf(seqText(6, 7))}:${len(6, 8)}`,
    ]);
    expect(evs.map((e) => e.line)).toEqual([5, 6, 3]);
    await g.stop();
  });

  test('… also when the rotated file was compressed since: found by fingerprint, its tail read', async () => {
    const { path, ck } = fresh();
    const writer = await rotatedAndStopped(path, ck);
    writeSync(writer, seqText(4, 6));
    closeSync(writer);
    execFileSync('bzip2', [`${path}.1`]);
    const g = new Follower(path, { checkpoint: ck, batchSize: 10, backend, rotateWait: WAIT });
    appendFileSync(path, seqText(8, 9));
    const evs = await g.take(3);
    expect(seqs(evs)).toEqual([4, 5, 8]);
    expect(evs.map((e) => e.file)).toEqual([`${path}.1.bz2`, `${path}.1.bz2`, path]);
    await g.stop();
  });

  test('killed before its first commit, then rotated and compressed: the restart reads that file from its start', async () => {
    const { path, ck } = fresh();
    writeFileSync(path, seqText(0, 3));
    const f = new Follower(path, { from: 'start', checkpoint: ck, batchSize: 10, backend });
    expect(seqs(await f.take(3, false))).toEqual([0, 1, 2]); // never committed
    await f.stop();
    // The starting position was written at the start.
    expect(await readCheckpoint(ck)).toMatchObject({ offset: 0, line: 0, file: { path, fingerprint: fpOf(seqText(0, 1)) }, rotated: [] });
    renameSync(path, `${path}.1`);
    writeFileSync(path, seqText(3, 4));
    execFileSync('bzip2', [`${path}.1`]);
    const g = new Follower(path, { from: 'start', checkpoint: ck, batchSize: 10, backend });
    expect(seqs(await g.take(4))).toEqual([0, 1, 2, 3]);
    await g.stop();
  });

  test('a rotated file of the checkpoint that is gone: checkpoint_lost for it, then the new file goes on', async () => {
    const { path, ck } = fresh();
    closeSync(await rotatedAndStopped(path, ck));
    unlinkSync(`${path}.1`);
    appendFileSync(path, seqText(8, 9));
    const g = new Follower(path, { checkpoint: ck, batchSize: 10, backend, rotateWait: WAIT });
    const first = await g.batch();
    expect(first.events).toEqual([
      {
        type: 'checkpoint_lost',
        record: null,
        log: 'mainlog',
        line: 4,
        offset: len(0, 4),
        fingerprint: fpOf(seqText(0, 1)),
        id: `${fpOf(seqText(0, 1))}:lost`,
        file: path,
      },
    ]);
    expect(first.checkpoint).toMatchObject({ offset: len(6, 8), rotated: [] });
    expect(seqs(await g.take(1))).toEqual([8]);
    await g.stop();
  });

  test('bytes read before a crash that the compressed file no longer holds: a gap event', async () => {
    const { path, ck } = fresh();
    writeFileSync(path, seqText(0, 6));
    const f = new Follower(path, { from: 'start', checkpoint: ck, batchSize: 2, backend, rotateWait: WAIT });
    await f.take(2); // 0-1 committed
    expect(seqs(await f.take(2, false))).toEqual([2, 3]); // read (the whole file was), not committed
    await f.stop();
    // While down: rotated, and compressed from a copy that missed the last two lines (they were
    // written after bzip2 had read the file), and the original unlinked.
    renameSync(path, `${path}.1`);
    writeFileSync(`${path}.x`, seqText(0, 4));
    execFileSync('bzip2', [`${path}.x`]);
    renameSync(`${path}.x.bz2`, `${path}.1.bz2`);
    unlinkSync(`${path}.1`);
    writeFileSync(path, seqText(10, 11));
    const g = new Follower(path, { checkpoint: ck, batchSize: 10, backend, rotateWait: WAIT });
    const evs = await g.take(4);
    expect(seqs(evs)).toEqual([2, 3, -1, 10]);
    expect(evs[2]).toEqual({
      type: 'gap',
      record: null,
      log: 'mainlog',
      line: 4,
      offset: len(0, 4),
      size: len(0, 6),
      bytes: len(4, 6),
      id: `${fpOf(seqText(0, 1))}:gap:${len(0, 4)}`,
      file: `${path}.1.bz2`,
    });
    await g.stop();
  });

  test('resumed from mainlog.ec.1.bz2, then the next rotation: the file read after the resume is not read again', async () => {
    const { path, ck } = fresh();
    writeFileSync(path, seqText(0, 4));
    const f = new Follower(path, { from: 'start', checkpoint: ck, batchSize: 10, backend, rotateWait: 50 });
    await f.take(4);
    await f.stop();
    renameSync(path, `${path}.1`);
    writeFileSync(path, seqText(4, 6));
    execFileSync('bzip2', [`${path}.1`]);
    const g = new Follower(path, { checkpoint: ck, batchSize: 10, backend, rotateWait: 50 });
    expect(seqs(await g.take(2))).toEqual([4, 5]);
    // The next rotation, compressed at once.
    renameSync(`${path}.1.bz2`, `${path}.2.bz2`);
    renameSync(path, `${path}.1`);
    writeFileSync(path, seqText(6, 8));
    execFileSync('bzip2', [`${path}.1`]);
    expect(seqs(await g.take(2))).toEqual([6, 7]);
    appendFileSync(path, seqText(8, 9));
    expect(seqs(await g.take(1))).toEqual([8]);
    // And again after a restart.
    await g.stop();
    appendFileSync(path, seqText(9, 10));
    const h = new Follower(path, { checkpoint: ck, batchSize: 10, backend, rotateWait: 50 });
    expect(seqs(await h.take(1))).toEqual([9]);
    await h.stop();
  });

  test('a file rotated while still empty, then compressed (no inode, no fingerprint): the files read before are not read again', async () => {
    const { path } = fresh();
    writeFileSync(path, seqText(0, 3));
    const f = new Follower(path, { from: 'start', batchSize: 10, backend, rotateWait: 0 });
    expect(seqs(await f.take(3))).toEqual([0, 1, 2]);
    renameSync(path, `${path}.1`);
    writeFileSync(path, ''); // reopened; nothing written to it yet
    await new Promise((r) => setTimeout(r, 100)); // the follower moves on to the empty file
    renameSync(`${path}.1`, `${path}.2`);
    renameSync(path, `${path}.1`);
    execFileSync('bzip2', [`${path}.1`, `${path}.2`]);
    writeFileSync(path, seqText(3, 5));
    expect(seqs(await f.take(2))).toEqual([3, 4]);
    await f.stop();
  });

  test('the wait is over: the rotated file leaves the checkpoint', async () => {
    const { path, ck } = fresh();
    writeFileSync(path, seqText(0, 2));
    const f = new Follower(path, { from: 'start', checkpoint: ck, batchSize: 10, backend, rotateWait: 100, pollInterval: 10 });
    await f.take(2);
    renameSync(path, `${path}.1`);
    writeFileSync(path, seqText(2, 3));
    await f.take(1);
    expect((await readCheckpoint(ck))!.rotated).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 200));
    appendFileSync(path, seqText(3, 4));
    await f.take(1);
    expect((await readCheckpoint(ck))!.rotated).toEqual([]);
    await f.stop();
  });
});
