import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BACKENDS } from './backends';

/**
 * parseFile keeps memory bounded whatever the file size: a file four times larger than the bound
 * is parsed in a child process whose peak RSS (VmHWM) must stay within the bound of its baseline.
 */
const ROOT = join(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'ecelog-mem-'));
const file = join(dir, 'mainlog.ec');
const BOUND = 64 * 1024 * 1024;

beforeAll(() => {
  const sample = readFileSync(join(ROOT, 'sample', 'mainlog.ec'));
  const fd = openSync(file, 'w');
  const block = Buffer.concat(Array.from({ length: 40 }, () => sample)); // ~4 MB
  for (let size = 0; size < BOUND * 4; size += block.length) writeSync(fd, block);
  closeSync(fd);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const child = `
  const { parseFile } = require(${JSON.stringify(join(ROOT, 'dist', 'index.js'))});
  const hwm = () => Number(/VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
  (async () => {
    const before = hwm();
    let n = 0, bad = 0;
    for await (const ev of parseFile(process.argv[1], { log: 'mainlog', backend: process.argv[2] })) { n++; if (ev.type === 'malformed') bad++; }
    console.log(JSON.stringify({ n, bad, growth: hwm() - before }));
  })();`;

describe.each(BACKENDS)('memory, %s backend', (backend) => {
  test('parseFile over a file 4x the bound stays within 64 MiB of its baseline', () => {
    const out = execFileSync(process.execPath, ['-e', child, file, backend], { encoding: 'utf8' });
    const { n, bad, growth } = JSON.parse(out) as { n: number; bad: number; growth: number };
    const lines = readFileSync(join(ROOT, 'sample', 'mainlog.ec'), 'latin1').split('\n').length - 1;
    expect(statSync(file).size).toBeGreaterThan(4 * BOUND);
    expect(n % lines).toBe(0);
    expect(n).toBeGreaterThan(1_000_000);
    expect(bad).toBe(0);
    expect(growth).toBeLessThan(BOUND);
  });
});
