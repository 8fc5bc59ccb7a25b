import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from '../src/session/parse';
import { BACKENDS } from './backends';
import { seqLine, seqText } from './fixtures/seq-lines';
import { Follower, fpOf, len, seqs, type Ev } from './fixtures/follow-helpers';

/** follow(): tail -F semantics in one process (new lines, partial lines, rotation, truncation, files to come). */

const root = mkdtempSync(join(tmpdir(), 'ecelog-tail-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(root, `case-${++n}`, 'mainlog.ec');
const mk = (path: string): void => {
  mkdirSync(join(path, '..'), { recursive: true });
};

describe.each(BACKENDS)('follow, %s backend', (backend) => {
  test('from start: the lines there, then appended ones; a partial last line waits for its newline', async () => {
    const path = fresh();
    mk(path);
    const line5 = seqLine(5);
    writeFileSync(path, seqText(0, 5) + line5.slice(0, 40));
    const f = new Follower(path, { from: 'start', backend });
    const first = await f.take(5);
    expect(seqs(first)).toEqual([0, 1, 2, 3, 4]);
    const fp = fpOf(seqText(0, 1));
    const [ref] = [...parse(Buffer.from(seqLine(3)), { log: 'mainlog', backend })];
    expect(first[3]).toEqual({ ...ref, line: 4, offset: len(0, 3), file: path, id: `${fp}:${len(0, 3)}` });
    appendFileSync(path, `${line5.slice(40)}\n${seqLine(6)}\n`);
    const next = await f.take(2);
    expect(seqs(next)).toEqual([5, 6]);
    expect(next.map((e) => [e.line, e.offset, e.id])).toEqual([
      [6, len(0, 5), `${fp}:${len(0, 5)}`],
      [7, len(0, 6), `${fp}:${len(0, 6)}`],
    ]);
    await f.stop();
  });

  test('from end: only what is written from now on; a partial line already there counts as new', async () => {
    const path = fresh();
    mk(path);
    writeFileSync(path, seqText(0, 3) + seqLine(3).slice(0, 10));
    const f = new Follower(path, { from: 'end', backend });
    const pending = f.take(2);
    await new Promise((r) => setTimeout(r, 50));
    appendFileSync(path, `${seqLine(3).slice(10)}\n${seqLine(4)}\n`);
    const evs = await pending;
    expect(seqs(evs)).toEqual([3, 4]);
    expect(evs.map((e) => [e.line, e.offset])).toEqual([
      [4, len(0, 3)],
      [5, len(0, 4)],
    ]);
    await f.stop();
  });

  test('a file that does not exist yet is waited for, then read from its start', async () => {
    const path = fresh();
    mk(path);
    const f = new Follower(path, { from: 'end', backend });
    const pending = f.take(3);
    await new Promise((r) => setTimeout(r, 60));
    writeFileSync(path, seqText(0, 3));
    expect(seqs(await pending)).toEqual([0, 1, 2]);
    await f.stop();
  });

  test('truncation: a truncated event, then the file from its start', async () => {
    const path = fresh();
    mk(path);
    writeFileSync(path, seqText(0, 4));
    const f = new Follower(path, { from: 'start', backend });
    expect(seqs(await f.take(4))).toEqual([0, 1, 2, 3]);
    truncateSync(path, 0);
    appendFileSync(path, seqText(100, 102));
    const evs = await f.take(3);
    expect(evs[0]).toEqual({
      type: 'truncated',
      record: null,
      log: 'mainlog',
      line: 4,
      offset: len(0, 4),
      size: len(100, 102),
      id: `${fpOf(seqText(0, 1))}:truncated`,
      file: path,
    });
    expect(seqs(evs.slice(1))).toEqual([100, 101]);
    expect(evs.slice(1).map((e) => [e.line, e.offset, e.id])).toEqual([
      [1, 0, `${fpOf(seqText(100, 101))}:0`],
      [2, len(100, 101), `${fpOf(seqText(100, 101))}:${len(100, 101)}`],
    ]);
    await f.stop();
  });

  test('rewritten in place, larger than before (copytruncate and a fast writer): told by the first line', async () => {
    const path = fresh();
    mk(path);
    writeFileSync(path, seqText(0, 2));
    const f = new Follower(path, { from: 'start', backend });
    expect(seqs(await f.take(2))).toEqual([0, 1]);
    writeFileSync(path, seqText(200, 205));
    const evs = await f.take(6);
    expect(evs[0]).toMatchObject({ type: 'truncated', offset: len(0, 2), size: len(200, 205) });
    expect(seqs(evs.slice(1))).toEqual([200, 201, 202, 203, 204]);
    await f.stop();
  });

  test('rotation: lines written to the renamed file before the reopen come first, then the new file', async () => {
    const path = fresh();
    mk(path);
    let fd = openSync(path, 'a');
    writeSync(fd, seqText(0, 3));
    const f = new Follower(path, { from: 'start', backend });
    expect(seqs(await f.take(3))).toEqual([0, 1, 2]);
    renameSync(path, `${path}.1`);
    writeSync(fd, seqText(3, 5));
    await new Promise((r) => setTimeout(r, 40)); // the follower sees no file at the path: it keeps reading the old one
    writeSync(fd, seqText(5, 6) + seqLine(6).slice(0, 20));
    await new Promise((r) => setTimeout(r, 40)); // a partial line in the renamed file: held
    writeSync(fd, `${seqLine(6).slice(20)}\n`);
    const old = fd;
    fd = openSync(path, 'a'); // the reopen
    writeSync(fd, seqText(7, 9));
    closeSync(old);
    const evs = await f.take(6);
    expect(seqs(evs)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(evs.map((e) => e.file)).toEqual([path, path, path, path, path, path]);
    expect(evs.map((e) => e.id)).toEqual([
      ...[3, 4, 5, 6].map((s) => `${fpOf(seqText(0, 1))}:${len(0, s)}`),
      `${fpOf(seqText(7, 8))}:0`,
      `${fpOf(seqText(7, 8))}:${len(7, 8)}`,
    ]);
    closeSync(fd);
    await f.stop();
  });

  test('rotation: the old file is drained through its open descriptor even once compressed and deleted', async () => {
    const path = fresh();
    mk(path);
    writeFileSync(path, seqText(0, 2));
    const f = new Follower(path, { from: 'start', backend, batchSize: 1 });
    expect(seqs(await f.take(1))).toEqual([0]);
    renameSync(path, `${path}.1`);
    appendFileSync(`${path}.1`, seqText(2, 4));
    execFileSync('bzip2', [`${path}.1`]); // .1 is gone, .1.bz2 is there
    writeFileSync(path, seqText(4, 5));
    expect(seqs(await f.take(4))).toEqual([1, 2, 3, 4]);
    await f.stop();
  });

  test('rotated twice (and compressed) while a batch waits for the consumer: no generation is skipped', async () => {
    const path = fresh();
    mk(path);
    writeFileSync(path, seqText(0, 6));
    const f = new Follower(path, { from: 'start', backend, batchSize: 2 });
    expect(seqs(await f.take(2))).toEqual([0, 1]);
    // The consumer is slow; meanwhile two rotations, and the older generation gets compressed.
    renameSync(path, `${path}.1`);
    writeFileSync(path, seqText(6, 8));
    renameSync(`${path}.1`, `${path}.2`);
    renameSync(path, `${path}.1`);
    writeFileSync(path, seqText(8, 10));
    execFileSync('bzip2', [`${path}.2`]);
    const evs = await f.take(8);
    expect(seqs(evs)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(evs.map((e) => e.file)).toEqual([path, path, path, path, `${path}.1`, `${path}.1`, path, path]);
    await f.stop();
  });

  test('a last line without newline in a rotated file is given when the file is done (rotateWait 0)', async () => {
    const path = fresh();
    mk(path);
    writeFileSync(path, seqText(0, 1) + seqLine(1));
    const f = new Follower(path, { from: 'start', backend, rotateWait: 0 });
    expect(seqs(await f.take(1))).toEqual([0]);
    renameSync(path, `${path}.1`);
    writeFileSync(path, seqText(2, 3));
    const evs = await f.take(2);
    expect(seqs(evs)).toEqual([1, 2]);
    expect(evs[0]).toMatchObject({ line: 2, offset: len(0, 1) });
    await f.stop();
  });

  test('a rotated file is read for rotateWait: late lines first, its partial last line when the wait is over', async () => {
    const path = fresh();
    mk(path);
    const old = openSync(path, 'a'); // the writer's descriptor, kept across the rotation
    writeSync(old, seqText(0, 2));
    const f = new Follower(path, { from: 'start', backend, rotateWait: 400, pollInterval: 10 });
    expect(seqs(await f.take(2))).toEqual([0, 1]);
    const renamed = Date.now();
    renameSync(path, `${path}.1`);
    writeFileSync(path, seqText(5, 6)); // reopened: the new file has a line already
    expect(seqs(await f.take(1))).toEqual([5]);
    // Late lines through the old descriptor (one of them cut short): read while the wait lasts,
    // and before the new file's lines read after them.
    writeSync(old, seqText(2, 4) + seqLine(4).slice(0, 30));
    appendFileSync(path, seqText(6, 7));
    const late = await f.take(3);
    expect(seqs(late)).toEqual([2, 3, 6]);
    expect(late.map((e) => e.file)).toEqual([path, path, path]); // the path each file was opened under
    // The cut line is the rotated file's last: given once the wait is over, as it is.
    const [last] = await f.take(1);
    expect(Date.now() - renamed).toBeGreaterThanOrEqual(400); // not before the wait is over
    expect(last).toMatchObject({ type: 'malformed', line: 5, offset: len(0, 4) });
    closeSync(old);
    await f.stop();
  });

  test('an overlong line is one malformed event; the lines around it are intact', async () => {
    const path = fresh();
    mk(path);
    const long = 'x'.repeat(5000);
    writeFileSync(path, `${seqText(0, 1)}${long.slice(0, 2500)}`);
    const f = new Follower(path, { from: 'start', backend, maxLineLength: 1000, chunkSize: 512 });
    expect(seqs(await f.take(1))).toEqual([0]);
    appendFileSync(path, long.slice(2500));
    await new Promise((r) => setTimeout(r, 30));
    appendFileSync(path, `\n${seqText(1, 2)}`);
    const evs = await f.take(2);
    expect(evs[0]).toMatchObject({
      type: 'malformed',
      line: 2,
      offset: len(0, 1),
      reason: 'line of 5000 bytes exceeds maxLineLength (1000)',
    });
    expect(evs[1]).toMatchObject({ line: 3, offset: len(0, 1) + 5001 });
    expect(seqs(evs.slice(1))).toEqual([1]);
    await f.stop();
  });

  test('batches hold at most batchSize events and nothing is read far ahead of them (backpressure)', async () => {
    const path = fresh();
    mk(path);
    writeFileSync(path, seqText(0, 5000));
    const f = new Follower(path, { from: 'start', backend, batchSize: 100, chunkSize: 4096 });
    const b = await f.batch();
    expect(seqs(b.events)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(b.checkpoint!.offset).toBe(len(0, 100));
    expect(b.checkpoint!.file.size - b.checkpoint!.offset).toBeLessThanOrEqual(4096);
    expect((await f.batch()).events).toHaveLength(100);
    await f.stop();
  });

  test('abort stops a follower that waits for lines: the iterator returns', async () => {
    const path = fresh();
    mk(path);
    writeFileSync(path, seqText(0, 1));
    const f = new Follower(path, { from: 'start', backend, pollInterval: 60_000 });
    await f.take(1);
    const started = Date.now();
    const waiting = f.batch(30_000).then(
      () => 'batch',
      (err: Error) => err.message,
    );
    await new Promise((r) => setTimeout(r, 30));
    f.ac.abort();
    expect(await waiting).toBe('follow ended (no batch in time)');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe.each(BACKENDS)('follow reading into reused buffers, %s backend', (backend) => {
  // The follower reads a plain file into two buffers in turns; the file grows in random pieces
  // (lines cut anywhere, reads that find nothing new, lines longer than a read, overlong lines)
  // while it reads: the events are those of the whole text, each line once, in order.
  test('a file appended in random pieces gives the events of parse(whole text)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 40 }).map((i) => `${seqLine(i)}\n`),
            fc.constant(`${'x'.repeat(300)}\n`),
          ),
          {
            minLength: 1,
            maxLength: 25,
          },
        ),
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 16, max: 512 }),
        async (lines, cuts, chunkSize) => {
          const text = lines.join('');
          const path = join(root, `ring-${backend}-${run++}`, 'mainlog.ec');
          mk(path);
          writeFileSync(path, '');
          const opts = { log: 'mainlog' as const, backend, maxLineLength: 200 };
          const whole = [...parse(Buffer.from(text), opts)];
          const f = new Follower(path, { from: 'start', backend, chunkSize, maxLineLength: 200, batchSize: 7 });
          const got: Ev[] = [];
          let at = 0;
          for (let i = 0; at < text.length; i++) {
            const to = Math.min(text.length, at + cuts[i % cuts.length]!);
            appendFileSync(path, text.slice(at, to));
            at = to;
            // Every complete line is one event (overlong ones too): they come; a partial line waits.
            const complete = text.slice(0, at).split('\n').length - 1;
            while (got.length < complete) {
              const b = await f.batch();
              got.push(...b.events);
              await b.commit();
            }
          }
          while (got.length < whole.length) got.push(...(await f.batch()).events);
          await f.stop();
          expect(got.map(({ file: _f, id: _i, ...ev }) => ev)).toEqual(whole);
        },
      ),
      { numRuns: 40 },
    );
  });
});
