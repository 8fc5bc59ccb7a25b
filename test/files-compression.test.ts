import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from '../src/session/parse';
import { parseFile } from '../src/session/stream';
import { detectCompression, fileChunks } from '../src/io/compression';
import { generate } from '../src/generator/generate';
import { detectLog } from '../src/session/detect';
import { mainlog } from '../src/decoders/mainlog';
import { BACKENDS } from './backends';

/** parseFile and compressed files: compression told by magic bytes, decompressed as a stream. */

const dir = mkdtempSync(join(tmpdir(), 'ecelog-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// ~330 kB of realistic mainlog: several bzip2 blocks at -1 (100 kB blocks).
const lines: string[] = [];
for (const l of generate({ seed: 7, messages: 1200 })) if (l.log === 'mainlog') lines.push(l.text);
const TEXT = Buffer.from(`${lines.join('\n')}\n`);
const bzip2 = (data: Buffer, level = '-1'): Buffer => execFileSync('bzip2', ['-c', level], { input: data, maxBuffer: 1 << 28 });

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function content(path: string, chunkSize?: number): Promise<Buffer> {
  return Buffer.concat(await collect(fileChunks(path, { chunkSize })));
}

test('detectCompression reads magic bytes', () => {
  expect(detectCompression(Buffer.from('BZh91AY&SY'))).toBe('bzip2');
  expect(detectCompression(Buffer.from([0x1f, 0x8b, 8, 0]))).toBe('gzip');
  expect(detectCompression(Buffer.from('1064868656@00/00'))).toBeNull();
  expect(detectCompression(Buffer.from('BZ'))).toBeNull();
  expect(detectCompression(Buffer.from([0x1f]))).toBeNull();
  expect(detectCompression(Buffer.alloc(0))).toBeNull();
});

describe('decompressed content', () => {
  test('bzip2, several blocks, is the original byte for byte, in bounded pieces', async () => {
    const path = join(dir, 'multi-block');
    writeFileSync(path, bzip2(TEXT));
    const pieces = await collect(fileChunks(path, { chunkSize: 4096 }));
    expect(Buffer.concat(pieces).equals(TEXT)).toBe(true);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(4096);
  });

  test('concatenated bzip2 streams (pbzip2, cat a.bz2 b.bz2) are read in turn; trailing garbage is ignored', async () => {
    const half = TEXT.length >> 1;
    const path = join(dir, 'multi-stream');
    writeFileSync(path, Buffer.concat([bzip2(TEXT.subarray(0, half)), bzip2(TEXT.subarray(half)), Buffer.from('\0\0junk')]));
    expect((await content(path)).equals(TEXT)).toBe(true);
  });

  test('gzip (several members) is the original', async () => {
    const path = join(dir, 'gz');
    writeFileSync(path, Buffer.concat([gzipSync(TEXT.subarray(0, 1000)), gzipSync(TEXT.subarray(1000))]));
    expect((await content(path, 1000)).equals(TEXT)).toBe(true);
  });

  test('skip: the content from an offset on, compressed or not', async () => {
    const plain = join(dir, 'skip-plain');
    const bz = join(dir, 'skip-bz');
    writeFileSync(plain, TEXT);
    writeFileSync(bz, bzip2(TEXT));
    for (const path of [plain, bz]) {
      const heads: Buffer[] = [];
      const rest = Buffer.concat(
        await collect(fileChunks(path, { skip: 150_001, chunkSize: 7000, onHead: (b) => heads.push(Buffer.from(b)) })),
      );
      expect(rest.equals(TEXT.subarray(150_001))).toBe(true);
      expect(Buffer.concat(heads).equals(TEXT.subarray(0, 4096))).toBe(true);
    }
  });

  test('a truncated bzip2 file throws a CompressedDataError naming the file', async () => {
    const path = join(dir, 'truncated.bz2');
    const whole = bzip2(TEXT);
    writeFileSync(path, whole.subarray(0, whole.length >> 1));
    await expect(content(path)).rejects.toThrow(`ecelog: ${path}: bzip2 data ends in the middle of a stream`);
  });

  test('corrupt bzip2 data throws a CompressedDataError', async () => {
    const path = join(dir, 'corrupt.bz2');
    const whole = bzip2(TEXT);
    for (let i = 200; i < 260; i++) whole[i] = whole[i]! ^ 0x55;
    writeFileSync(path, whole);
    await expect(content(path)).rejects.toThrow(/^ecelog: .*corrupt\.bz2: bad bzip2 data/);
  });

  test('corrupt gzip data throws a CompressedDataError', async () => {
    const path = join(dir, 'corrupt.gz');
    const whole = gzipSync(TEXT);
    for (let i = 100; i < 160; i++) whole[i] = whole[i]! ^ 0x55;
    writeFileSync(path, whole);
    await expect(content(path)).rejects.toThrow(/^ecelog: .*corrupt\.gz: bad gzip data/);
  });
});

describe.each(BACKENDS)('parseFile, %s backend', (backend) => {
  const reference = [...parse(TEXT, { log: 'mainlog', backend })];

  test('the reference has every line, none malformed', () => {
    expect(reference).toHaveLength(lines.length);
    expect(reference.filter((e) => e.type === 'malformed')).toEqual([]);
  });

  test.each([
    ['bzip2', (b: Buffer) => bzip2(b)],
    ['bzip2 -9', (b: Buffer) => bzip2(b, '-9')],
    ['gzip', (b: Buffer) => gzipSync(b)],
    ['plain', (b: Buffer) => b],
  ])('%s: the same events as the uncompressed buffer (offsets in the content)', async (name, compress) => {
    const path = join(dir, `parse-${name}-${backend}`);
    writeFileSync(path, compress(TEXT));
    expect(await collect(parseFile(path, { log: 'mainlog', backend, chunkSize: 5000 }))).toEqual(reference);
  });

  test('compression is told by content, not by name: a plain file named .bz2 and a bzip2 file named .ec', async () => {
    const plain = join(dir, `names-${backend}.ec.1.bz2`);
    const bz = join(dir, `names-${backend}.ec`);
    writeFileSync(plain, TEXT);
    writeFileSync(bz, bzip2(TEXT));
    expect(await collect(parseFile(plain, { log: 'mainlog', backend }))).toEqual(reference);
    expect(await collect(parseFile(bz, { log: 'mainlog', backend }))).toEqual(reference);
  });

  test('the sample compressed with bzip2 gives the sample events', async () => {
    const sample = readFileSync(join(__dirname, '..', 'sample', 'mainlog.ec'));
    const path = join(dir, `sample-${backend}.bz2`);
    writeFileSync(path, bzip2(sample));
    expect(await collect(parseFile(path, { log: 'mainlog', backend }))).toEqual([...parse(sample, { log: 'mainlog', backend })]);
  });
});

test('one magic-byte rule for files and detection: BZh needs its block size digit', () => {
  expect(detectCompression(Buffer.from('BZh1'))).toBe('bzip2');
  expect(detectCompression(Buffer.from('BZh9'))).toBe('bzip2');
  expect(detectCompression(Buffer.from('BZh'))).toBe('bzip2'); // a file bzip2 is still writing
  expect(detectCompression(Buffer.from('BZh0'))).toBeNull();
  expect(detectCompression(Buffer.from('BZhx@1@2'))).toBeNull();
  expect(() => detectLog(Buffer.from('BZh91AY&SY'), [mainlog])).toThrow(/bzip2-compressed/);
  expect(() => detectLog(Buffer.from('BZhx@1@2\n'), [mainlog])).not.toThrow(/compressed/);
});
