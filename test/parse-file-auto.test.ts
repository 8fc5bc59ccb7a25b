import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { DetectError, parse, parseFile, type DetectResult, type EcelogEvent } from '../src/index';
import { BACKENDS } from './backends';

const ROOT = join(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'ecelog-auto-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(it: AsyncIterable<EcelogEvent>): Promise<EcelogEvent[]> {
  const all: EcelogEvent[] = [];
  for await (const ev of it) all.push(ev);
  return all;
}

describe.each(BACKENDS)('parseFile with log: auto (the default), %s backend', (backend) => {
  test('a bzip2-compressed bouncelog with a neutral name: detected from the decompressed content', async () => {
    const file = join(dir, `rotated-${backend}.1`);
    copyFileSync(join(ROOT, 'sample', 'bouncelog.ec'), file);
    execFileSync('bzip2', ['-f', file]);
    const seen: DetectResult[] = [];
    const events = await collect(parseFile(`${file}.bz2`, { backend, onDetect: (d) => seen.push(d) }));
    expect(seen.map((d) => [d.log, d.note])).toEqual([['bouncelog', null]]);
    const expected = [...parse(readFileSync(join(ROOT, 'sample', 'bouncelog.ec')), { log: 'bouncelog', backend })];
    expect(events).toEqual(expected);
  });

  test('the content wins over the name, and the disagreement is reported', async () => {
    const file = join(dir, `bouncelog-${backend}.ec`);
    copyFileSync(join(ROOT, 'sample', 'mainlog.ec'), file);
    let note: string | null = null;
    const events = await collect(parseFile(file, { backend, onDetect: (d) => (note = d.note) }));
    expect(events[0]).toMatchObject({ log: 'mainlog', type: 'reception' });
    expect(note).toBe('the file name suggests bouncelog, but the content is mainlog');
  });

  test('an empty file has no events (nothing to detect)', async () => {
    const file = join(dir, `empty-${backend}.ec`);
    writeFileSync(file, '');
    expect(await collect(parseFile(file, { backend }))).toEqual([]);
  });

  test('content no kind fits: a DetectError before any event', async () => {
    const file = join(dir, `notes-${backend}.txt`);
    writeFileSync(file, 'hello\nworld\n');
    await expect(collect(parseFile(file, { backend }))).rejects.toBeInstanceOf(DetectError);
  });
});
