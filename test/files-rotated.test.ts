import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { clusterFiles, parseClusterTree } from '../src/files/cluster';
import { expandGlob, globRegExp, isGlob } from '../src/io/glob';
import { listGenerations, parseRotated, rotationOrder } from '../src/files/rotated';
import { BACKENDS } from './backends';
import { SPEC } from './fixtures';

/** Rotated sets (listed, globbed or given), and cluster trees. */

const root = mkdtempSync(join(tmpdir(), 'ecelog-rotated-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A delivery line whose size field says which file and line it is: `size = 1000 * tag + n`. */
const line = (tag: number, n: number): string => SPEC.mainlogD.replace('@266@', `@${1000 * tag + n}@`);
const text = (tag: number, count: number): Buffer => Buffer.from(Array.from({ length: count }, (_, n) => `${line(tag, n)}\n`).join(''));
const bzip2 = (data: Buffer): Buffer => execFileSync('bzip2', ['-c'], { input: data });

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** mainlog.ec.7.bz2 … mainlog.ec.1, mainlog.ec: generation g holds tag g lines, bzip2 from .3 on, gzip for .2. */
function rotatedSet(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (let g = 7; g >= 3; g--) writeFileSync(join(dir, `mainlog.ec.${g}.bz2`), bzip2(text(g, 3)));
  writeFileSync(join(dir, 'mainlog.ec.2.gz'), gzipSync(text(2, 3)));
  writeFileSync(join(dir, 'mainlog.ec.1'), text(1, 3));
  writeFileSync(join(dir, 'mainlog.ec'), text(0, 3));
  // Not part of the set:
  writeFileSync(join(dir, 'mainlog.ec.old'), text(99, 1));
  writeFileSync(join(dir, 'bouncelog.ec.1'), text(98, 1));
  writeFileSync(join(dir, 'mainlog.ecX.1'), text(97, 1));
}

describe('listing a rotated set', () => {
  const dir = join(root, 'list');
  rotatedSet(dir);

  test('oldest generation first, the live file last; other files are not part of it', async () => {
    expect(await listGenerations(join(dir, 'mainlog.ec'))).toEqual([
      ...[7, 6, 5, 4, 3].map((g) => ({ path: join(dir, `mainlog.ec.${g}.bz2`), generation: g })),
      { path: join(dir, 'mainlog.ec.2.gz'), generation: 2 },
      { path: join(dir, 'mainlog.ec.1'), generation: 1 },
      { path: join(dir, 'mainlog.ec'), generation: 0 },
    ]);
  });

  test('a generation present twice (compression under way) is taken uncompressed', async () => {
    const d = join(root, 'twice');
    mkdirSync(d);
    writeFileSync(join(d, 'mainlog.ec.1'), text(1, 1));
    writeFileSync(join(d, 'mainlog.ec.1.bz2'), 'BZh9');
    writeFileSync(join(d, 'mainlog.ec.10'), text(10, 1));
    expect(await listGenerations(join(d, 'mainlog.ec'))).toEqual([
      { path: join(d, 'mainlog.ec.10'), generation: 10 },
      { path: join(d, 'mainlog.ec.1'), generation: 1 },
    ]);
  });

  test('glob: * and ? in the last component, dot files only for a dot pattern', async () => {
    expect(isGlob('/a/b*')).toBe(true);
    expect(isGlob('/a*/b')).toBe(false);
    expect(globRegExp('mainlog.ec.?.bz2').test('mainlog.ec.7.bz2')).toBe(true);
    expect(globRegExp('mainlog.ec.?.bz2').test('mainlogXec.7.bz2')).toBe(false);
    expect(await expandGlob(join(dir, 'mainlog.ec.?'))).toEqual([join(dir, 'mainlog.ec.1')]);
    writeFileSync(join(dir, '.mainlog.ec.swp'), '');
    expect(await expandGlob(join(dir, '*.swp'))).toEqual([]);
    expect(await expandGlob(join(dir, '.*.swp'))).toEqual([join(dir, '.mainlog.ec.swp')]);
    await expect(expandGlob(join(root, '*', 'mainlog.ec'))).rejects.toThrow('wildcards are supported in the last path component only');
  });

  test('rotationOrder: grouped by the log rotated from, oldest first, live last', () => {
    expect(rotationOrder(['/l/mainlog.ec', '/l/mainlog.ec.10.bz2', '/l/bouncelog.ec.1', '/l/mainlog.ec.2', '/l/bouncelog.ec'])).toEqual([
      '/l/bouncelog.ec.1',
      '/l/bouncelog.ec',
      '/l/mainlog.ec.10.bz2',
      '/l/mainlog.ec.2',
      '/l/mainlog.ec',
    ]);
  });
});

describe.each(BACKENDS)('parseRotated, %s backend', (backend) => {
  const dir = join(root, `parse-${backend}`);
  rotatedSet(dir);
  const expected = [7, 6, 5, 4, 3, 2, 1, 0].flatMap((g) => [0, 1, 2].map((n) => 1000 * g + n));
  const fileOf = (g: number): string =>
    join(dir, g === 0 ? 'mainlog.ec' : g === 2 ? 'mainlog.ec.2.gz' : g === 1 ? 'mainlog.ec.1' : `mainlog.ec.${g}.bz2`);

  test('the live path: every generation oldest first, compressed or not, each event with its file', async () => {
    const evs = await collect(parseRotated(join(dir, 'mainlog.ec'), { log: 'mainlog', backend }));
    expect(evs.map((e) => (e.type === 'delivery' ? e.size : -1))).toEqual(expected);
    expect(evs.map((e) => e.file)).toEqual([7, 6, 5, 4, 3, 2, 1, 0].flatMap((g) => [fileOf(g), fileOf(g), fileOf(g)]));
    // line and offset are per file
    expect(evs.slice(0, 3).map((e) => [e.line, e.offset])).toEqual([
      [1, 0],
      [2, line(7, 0).length + 1],
      [3, 2 * (line(7, 0).length + 1)],
    ]);
    expect(evs[3]).toMatchObject({ line: 1, offset: 0, file: fileOf(6) });
  });

  test('a glob gives the same order', async () => {
    const evs = await collect(parseRotated(join(dir, 'mainlog.ec*'), { log: 'mainlog', backend }));
    // mainlog.ec.old and mainlog.ecX.1 match the glob too: each read as a log of its own
    expect(evs.map((e) => (e.type === 'delivery' ? e.size : -1))).toEqual([...expected, 99 * 1000, 97 * 1000]);
  });

  test('an explicit list is read in the order given', async () => {
    const evs = await collect(parseRotated([fileOf(0), fileOf(3)], { log: 'mainlog', backend }));
    expect(evs.map((e) => [e.type === 'delivery' ? e.size : -1, e.file])).toEqual([
      [0, fileOf(0)],
      [1, fileOf(0)],
      [2, fileOf(0)],
      [3000, fileOf(3)],
      [3001, fileOf(3)],
      [3002, fileOf(3)],
    ]);
  });

  test('a path with neither the file nor any generation throws ENOENT', async () => {
    await expect(collect(parseRotated(join(dir, 'nothing.ec'), { log: 'mainlog', backend }))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe.each(BACKENDS)('cluster trees, %s backend', (backend) => {
  const tree = join(root, `eccluster-${backend}`);
  const put = (date: string, log: string, sub: string, node: string, tag: number, bz = false): void => {
    const dir = join(tree, ...date.split('-'), log, sub);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, node), bz ? bzip2(text(tag, 2)) : text(tag, 2));
  };
  put('2024-06-01', 'mainlog', 'default', 'mta2', 2);
  put('2024-06-01', 'mainlog', 'default', 'mta1', 1, true);
  put('2024-06-01', 'mainlog', 'east', 'mta3', 3);
  put('2024-06-01', 'bouncelog', 'default', 'mta1', 90);
  put('2024-06-02', 'mainlog', 'default', 'mta1', 4);
  put('2024-07-15', 'mainlog', 'default', 'mta1', 5);
  put('2025-01-01', 'mainlog', 'default', 'mta1', 6);
  mkdirSync(join(tree, '2024', 'notes'), { recursive: true });
  // A node directory holding rotated files of that node.
  const nodeDir = join(tree, '2024', '06', '02', 'mainlog', 'west', 'mta9');
  mkdirSync(nodeDir, { recursive: true });
  writeFileSync(join(nodeDir, 'mainlog.ec'), text(8, 1));
  writeFileSync(join(nodeDir, 'mainlog.ec.1'), text(7, 1));

  test('every node of every day, with node, subcluster and date attached', async () => {
    const evs = await collect(parseClusterTree(tree, { log: 'mainlog', backend }));
    expect(evs.map((e) => [e.type === 'delivery' ? e.size : -1, e.date, e.subcluster, e.node])).toEqual([
      [1000, '2024-06-01', 'default', 'mta1'],
      [1001, '2024-06-01', 'default', 'mta1'],
      [2000, '2024-06-01', 'default', 'mta2'],
      [2001, '2024-06-01', 'default', 'mta2'],
      [3000, '2024-06-01', 'east', 'mta3'],
      [3001, '2024-06-01', 'east', 'mta3'],
      [4000, '2024-06-02', 'default', 'mta1'],
      [4001, '2024-06-02', 'default', 'mta1'],
      [7000, '2024-06-02', 'west', 'mta9'],
      [8000, '2024-06-02', 'west', 'mta9'],
      [5000, '2024-07-15', 'default', 'mta1'],
      [5001, '2024-07-15', 'default', 'mta1'],
      [6000, '2025-01-01', 'default', 'mta1'],
      [6001, '2025-01-01', 'default', 'mta1'],
    ]);
    expect(evs[0]).toMatchObject({ file: join(tree, '2024', '06', '01', 'mainlog', 'default', 'mta1'), line: 1, offset: 0 });
  });

  test('from / to (inclusive, strings or Dates) limit the days', async () => {
    const days = async (range: { from?: string | Date; to?: string | Date }): Promise<string[]> => {
      const out: string[] = [];
      for await (const f of clusterFiles(tree, 'mainlog', range)) out.push(`${f.date} ${f.node}`);
      return out;
    };
    expect(await days({ from: '2024-06-02', to: '2024-07-15' })).toEqual([
      '2024-06-02 mta1',
      '2024-06-02 mta9',
      '2024-06-02 mta9',
      '2024-07-15 mta1',
    ]);
    expect(await days({ from: new Date('2024-07-01T00:00:00Z') })).toEqual(['2024-07-15 mta1', '2025-01-01 mta1']);
    expect(await days({ to: '2024-06-01' })).toEqual(['2024-06-01 mta1', '2024-06-01 mta2', '2024-06-01 mta3']);
    await expect(clusterFiles(tree, 'mainlog', { from: '2024-6-1' }).next()).rejects.toThrow(
      'from must be YYYY-MM-DD or a Date, got "2024-6-1"',
    );
  });

  test('another log directory, and a root that does not exist', async () => {
    const evs = await collect(parseClusterTree(tree, { log: 'mainlog', logDir: 'bouncelog', backend }));
    expect(evs.map((e) => (e.type === 'delivery' ? e.size : -1))).toEqual([90000, 90001]);
    expect(await collect(parseClusterTree(join(root, 'missing'), { log: 'mainlog', backend }))).toEqual([]);
  });
});
