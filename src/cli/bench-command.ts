import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { scanners } from '../core/backend';
import { generate } from '../generator/generate';
import { parse } from '../session/parse';
import { INFO_LENGTH, INFO_NEXT } from '../core/scan-contract';
import type { LogFormat } from '../decoders/log-format';
import type { Backend } from '../core/backend';
import { UsageError, type Command } from './command';
import { detectFileContent } from './detect-input';

/**
 * `ecelog bench [FILE]`: the throughput of each backend on the user's own file (or on generated
 * data), against `readline` + `split('@')` — what one writes by hand — measured in this process.
 * Each workload runs three times; the best run counts (the machine's noise only slows runs down).
 */

const MAX_BYTES = 256 << 20;

interface Row {
  workload: string;
  backend: string;
  seconds: number;
  items: number;
  unit: string;
}

async function best(runs: number, fn: () => number | Promise<number>): Promise<{ seconds: number; items: number }> {
  let seconds = Infinity;
  let items = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    items = await fn();
    seconds = Math.min(seconds, (performance.now() - t) / 1000);
  }
  return { seconds, items };
}

function scanAll(backend: Backend, buf: Buffer): number {
  const scan = scanners[backend]!;
  const out = new Uint32Array(1 << 20);
  const info = new Uint32Array(INFO_LENGTH);
  let lines = 0;
  for (let pos = 0; pos < buf.length; pos = info[INFO_NEXT]!) {
    scan(buf, pos, buf.length, out, info);
    lines += info[1]!;
  }
  return lines;
}

async function readlineSplit(file: string): Promise<number> {
  let n = 0;
  const rl = createInterface({ input: createReadStream(file, { end: MAX_BYTES - 1 }), crlfDelay: Infinity });
  for await (const line of rl) if (line.split('@')[4] !== undefined) n++;
  return n;
}

/**
 * Refuses input whose figures would mean nothing: an empty file (no bytes, no rates), or one
 * whose lines (heartbeats aside) are mostly malformed as `log` (a bouncelog read as a mainlog).
 */
async function checkInput(file: string, buf: Buffer, log: LogFormat | 'mainlog'): Promise<void> {
  if (buf.length === 0) throw new Error(`${file}: an empty file: nothing to measure (give a mainlog, or no FILE for generated data)`);
  let lines = 0; // but heartbeats, which say nothing about the kind (a bouncelog has them too)
  let malformed = 0;
  for (const ev of parse(buf, { log })) {
    if (ev.type !== 'heartbeat') lines++;
    if (ev.type === 'malformed') malformed++;
  }
  if (lines === 0) throw new Error(`${file}: heartbeats only: nothing to measure (give a mainlog, or no FILE for generated data)`);
  if (malformed * 2 <= lines) return;
  const detected = await detectFileContent(file).catch(() => null);
  const kind = detected === null ? '' : ` (its first lines read as ${detected.log})`;
  throw new Error(
    `${file}: ${malformed} of ${lines} lines (heartbeats aside) are malformed as a ${typeof log === 'string' ? log : log.log}${kind}: its figures would mean nothing (bench measures a mainlog)`,
  );
}

/** Runs the benchmark and returns the table as text. */
export async function runBench(file: string | undefined, log: LogFormat | 'mainlog'): Promise<string> {
  let tmp: string | null = null;
  if (file === undefined) {
    tmp = mkdtempSync(join(tmpdir(), 'ecelog-bench-'));
    file = join(tmp, 'mainlog.ec');
    const lines: string[] = [];
    let size = 0;
    for (const l of generate({ seed: 1 })) {
      if (l.log !== 'mainlog') continue;
      lines.push(l.text);
      size += l.text.length + 1;
      if (size >= 64 << 20) break;
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
  }
  try {
    const whole = readFileSync(file);
    const buf = whole.length > MAX_BYTES ? whole.subarray(0, whole.lastIndexOf(10, MAX_BYTES - 1) + 1) : whole;
    if (tmp === null) await checkInput(file, buf, log);
    const rows: Row[] = [];
    const backends = (['native', 'js'] as const).filter((b) => scanners[b] !== null);
    const reference = await best(3, () => readlineSplit(file));
    rows.push({ workload: "readline + split('@')", backend: '-', ...reference, unit: 'lines' });
    for (const b of backends)
      rows.push({ workload: 'scan (offsets)', backend: b, ...(await best(3, () => scanAll(b, buf))), unit: 'lines' });
    for (const b of backends) {
      const r = await best(3, () => {
        let n = 0;
        for (const ev of parse(buf, { log, backend: b })) if (ev.type !== 'malformed') n++;
        return n;
      });
      rows.push({ workload: 'full events', backend: b, ...r, unit: 'events' });
    }
    const mb = buf.length / 1e6;
    const refRate = mb / reference.seconds;
    const head = [
      `ecelog bench — ${file === undefined || tmp !== null ? 'generated mainlog' : file}, ${mb.toFixed(1)} MB` +
        `${whole.length > buf.length ? ` (the first ${mb.toFixed(0)} MB)` : ''}; node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length}`,
      'best of 3 runs each; in memory but readline (which reads the file)',
      '',
    ];
    const table = [
      ['workload', 'backend', 'MB/s', 'per second', 'vs readline+split'],
      ...rows.map((r) => [
        r.workload,
        r.backend,
        (mb / r.seconds).toFixed(0),
        `${(r.items / r.seconds / 1e6).toFixed(2)} M ${r.unit}`,
        `${(mb / r.seconds / refRate).toFixed(2)}x`,
      ]),
    ];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
    const text = table.map((r) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
    return `${head.join('\n')}${text}\n`;
  } finally {
    if (tmp !== null) rmSync(tmp, { recursive: true, force: true });
  }
}

/** `ecelog bench [FILE]`. */
export const command: Command = {
  usage: `Usage: ecelog bench [FILE]

Measures, in this process: the scanner (offsets only) and full events on each backend, and
readline + split('@') on the same bytes; best of 3 runs each. FILE: an uncompressed mainlog (its
first 256 MB); without it, 64 MB of generated mainlog.`,
  options: {},
  async run(args) {
    if (args.length > 1) throw new UsageError('bench takes at most one FILE');
    process.stdout.write(await runBench(args[0], 'mainlog'));
    return 0;
  },
};
