import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { JlogError, followJlog, parseJlog, readMetastore, type JlogMessage } from '../src/jlog/index';
import { refJlog } from './fixtures/jlog';

/** Hostile jlogs: no crash, bounded memory, clear errors naming the segment and offset. */

const MSG = 20; // every message below is 20 bytes: record i of a segment starts at i * 36
const messages = (n: number): string[] => Array.from({ length: n }, (_, i) => `msg-${String(i).padStart(4, '0')}-abcdefghijk`);
const TEMPLATE = refJlog(messages(30), { unitLimit: 36 * 5, subscribers: ['a'] }); // 5 records a segment, 6 segments + the empty current one

function copy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ecelog-jloghostile-')), 'j');
  cpSync(TEMPLATE, dir, { recursive: true });
  return dir;
}

async function readAll(
  dir: string,
  opts: { onCorrupt?: 'throw' | 'skip'; maxRecordBytes?: number } = {},
): Promise<{ got: Array<JlogMessage | { type: string }>; error: unknown }> {
  const got: Array<JlogMessage | { type: string }> = [];
  try {
    for await (const m of parseJlog(dir, { ...opts, log: 'raw' })) got.push(m);
    return { got, error: null };
  } catch (error) {
    return { got, error };
  }
}

const payloads = (got: Array<JlogMessage | { type: string }>): string[] =>
  got.filter((m): m is JlogMessage => 'payload' in m).map((m) => m.payload.toString());

describe('hostile jlogs', () => {
  test('the template: 30 messages in segments of 5', async () => {
    expect(MSG).toBe(messages(1)[0]!.length);
    const { got, error } = await readAll(TEMPLATE);
    expect(error).toBeNull();
    expect(payloads(got)).toEqual(messages(30));
    expect((await readMetastore(TEMPLATE)).storageLog).toBe(6);
  });

  test('a bad magic inside a closed segment: an error naming segment and offset, after every message before it', async () => {
    const dir = copy();
    const seg = join(dir, '00000002');
    const b = readFileSync(seg);
    b.writeUInt32LE(0xdeadbeef, 3 * 36); // the 4th record of segment 2
    writeFileSync(seg, b);
    const { got, error } = await readAll(dir);
    expect(payloads(got)).toEqual(messages(13));
    expect(error).toBeInstanceOf(JlogError);
    expect(error).toMatchObject({ code: 'JLOG_CORRUPT', segment: 2, offset: 108 });
    expect((error as Error).message).toBe(
      `ecelog: ${seg}: corrupt at offset 108 (after record 00000002:00000003): record magic 0xdeadbeef, expected 0x663a7318`,
    );
    // skipping: a segment_corrupt event, then the next segment
    const skipped = await readAll(dir, { onCorrupt: 'skip' });
    expect(skipped.error).toBeNull();
    expect(payloads(skipped.got)).toEqual([...messages(13), ...messages(30).slice(15)]);
    expect(skipped.got[13]).toEqual({
      type: 'segment_corrupt',
      record: null,
      log: 'raw',
      segment: 2,
      offset: 108,
      reason: 'record magic 0xdeadbeef, expected 0x663a7318',
    });
  });

  test("a length past the end of a closed segment is corruption; in the writer's segment, a write in flight", async () => {
    const dir = copy();
    const seg = join(dir, '00000001');
    const b = readFileSync(seg);
    b.writeUInt32LE(0xfffffff0, 2 * 36 + 12); // mlen of the 3rd record: 4 GiB
    writeFileSync(seg, b);
    const { got, error } = await readAll(dir);
    expect(payloads(got)).toEqual(messages(7));
    expect(error).toMatchObject({ code: 'JLOG_CORRUPT', segment: 1, offset: 72 });
    expect((error as Error).message).toContain(`a record of ${0xfffffff0 + 16} bytes runs past the end (180 bytes)`);
    // the same header as the writer's last record: not returned, no error, nothing allocated
    const live = copy();
    const cur = join(live, '00000006');
    const head = Buffer.alloc(16);
    head.writeUInt32LE(0x663a7318, 0);
    head.writeUInt32LE(0xfffffff0, 12);
    writeFileSync(cur, head);
    const r = await readAll(live);
    expect(r.error).toBeNull();
    expect(payloads(r.got)).toEqual(messages(30));
  });

  test('a record larger than maxRecordBytes is an error, not an allocation', async () => {
    const dir = refJlog(['x'.repeat(5000), 'small']);
    const r = await readAll(dir, { maxRecordBytes: 4096 });
    expect(r.error).toMatchObject({ code: 'JLOG_TOO_LARGE', segment: 0, offset: 0 });
    expect((await readAll(dir)).got.length).toBe(2);
  });

  test('missing segments: a segment_missing event, then the next segment', async () => {
    const dir = copy();
    unlinkSync(join(dir, '00000002'));
    unlinkSync(join(dir, '00000003'));
    const { got, error } = await readAll(dir);
    expect(error).toBeNull();
    expect(payloads(got)).toEqual([...messages(10), ...messages(30).slice(20)]);
    expect(got[10]).toEqual({ type: 'segment_missing', record: null, log: 'raw', from: 2, to: 3 });
  });

  test('truncated and empty checkpoint files are clear errors', async () => {
    const dir = copy();
    const cp = join(dir, 'cp.61');
    writeFileSync(cp, Buffer.from([1, 2, 3]));
    await expect(parseJlog(dir, { log: 'raw', subscriber: 'a' }).next()).rejects.toThrow(`${cp}: checkpoint of 3 bytes (8 expected)`);
    writeFileSync(cp, Buffer.alloc(0));
    await expect(followJlog(dir, { log: 'raw', subscriber: 'a' }).next()).rejects.toMatchObject({ code: 'JLOG_BAD_CHECKPOINT' });
  });

  test('metastores of any bytes: a JlogError or a metastore, nothing else', async () => {
    const dir = copy();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 24 }), async (bytes) => {
        writeFileSync(join(dir, 'metastore'), bytes);
        const { error } = await readAll(dir, { onCorrupt: 'skip' });
        if (error !== null) expect(error).toBeInstanceOf(JlogError);
      }),
      { numRuns: 300 },
    );
    rmSync(join(dir, 'metastore'));
    await expect(readAll(dir)).resolves.toMatchObject({ error: { code: 'JLOG_NOT_A_JLOG' } });
  });

  test('random bytes written over segments: only JlogErrors, and every message before the damage', async () => {
    const original = readdirSync(TEMPLATE).filter((f) => /^[0-9a-f]{8}$/.test(f));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...original.slice(0, -1)),
        fc.nat(179),
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.boolean(),
        async (name, at, junk, skip) => {
          const dir = copy();
          const path = join(dir, name);
          const b = readFileSync(path);
          const mutated = Buffer.concat([b.subarray(0, at), Buffer.from(junk), b.subarray(Math.min(b.length, at + junk.length))]);
          writeFileSync(path, mutated);
          const { got, error } = await readAll(dir, { onCorrupt: skip ? 'skip' : 'throw' });
          if (error !== null) expect(error).toBeInstanceOf(JlogError);
          if (skip) expect(error).toBeNull();
          // messages of the segments before the damaged one are all there
          const seg = parseInt(name, 16);
          expect(payloads(got).slice(0, seg * 5)).toEqual(messages(seg * 5));
          rmSync(dir, { recursive: true });
        },
      ),
      { numRuns: 200 },
    );
  });

  test('other files in the directory are ignored', async () => {
    const dir = copy();
    for (const f of ['00000001.idx', 'pre_commit', 'cp.zz', 'cp.6', '0000000G', 'README', '0000000A.bak'])
      writeFileSync(join(dir, f), 'junk');
    const { got, error } = await readAll(dir);
    expect(error).toBeNull();
    expect(payloads(got)).toEqual(messages(30));
  });
});
