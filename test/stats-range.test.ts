import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { parse, type EcelogEvent } from '../src/index';
import { formatOf } from '../src/decoders/index';
import { addFileRange } from '../src/cli/parallel-stats';
import { Stats, normaliseResponse } from '../src/cli/stats';
import { BACKENDS } from './backends';
import { RUNS } from './property';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ecelog.js');
const dir = mkdtempSync(join(tmpdir(), 'ecelog-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MAINLOG = readFileSync(join(ROOT, 'sample', 'mainlog.ec'));
const BOUNCELOG = readFileSync(join(ROOT, 'sample', 'bouncelog.ec'));

function statsOf(events: Iterable<EcelogEvent>): Stats {
  const s = new Stats();
  for (const ev of events) s.add(ev);
  return s;
}

describe.each(BACKENDS)('addFileRange (%s): a plain file read with synchronous reads', (backend) => {
  const cases: Array<[string, 'mainlog' | 'bouncelog', Buffer]> = [
    ['a mainlog', 'mainlog', MAINLOG],
    ['a bouncelog', 'bouncelog', BOUNCELOG],
    ['a last line without newline', 'mainlog', MAINLOG.subarray(0, MAINLOG.length - 1)],
    // a line longer than the 1 MiB read buffer: kept whole by the session, one malformed event
    ['a line longer than a read', 'mainlog', Buffer.concat([MAINLOG, Buffer.alloc((1 << 20) + 10, 0x61), Buffer.from('\n'), MAINLOG])],
  ];

  test.each(cases)('%s: the same report as parse() of the whole buffer', (name, log, content) => {
    const file = join(dir, `${backend}-${name.replace(/\W+/g, '-')}.ec`);
    writeFileSync(file, content);
    const got = new Stats();
    addFileRange(got, file, 0, Infinity, { log: formatOf(log)!, keep: null, backend });
    expect(got.report()).toEqual(statsOf(parse(content, { log, backend })).report());
  });

  test('ranges cut at line starts, merged: the report of the whole file', () => {
    const file = join(dir, `${backend}-ranges.ec`);
    writeFileSync(file, MAINLOG);
    const cut = MAINLOG.indexOf(10, MAINLOG.length >> 1) + 1;
    const total = new Stats();
    for (const [start, end] of [
      [0, cut],
      [cut, MAINLOG.length],
    ]) {
      const part = new Stats();
      addFileRange(part, file, start!, end!, { log: formatOf('mainlog')!, keep: (ev) => ev.type !== 'heartbeat', backend });
      total.merge(part);
    }
    const expected = statsOf([...parse(MAINLOG, { log: 'mainlog', backend })].filter((ev) => ev.type !== 'heartbeat'));
    expect(total.report()).toEqual(expected.report());
  });
});

describe('ecelog stats: a plain file, the same file compressed and standard input give one report', () => {
  const run = (args: string[], input?: Buffer) => {
    const r = spawnSync(process.execPath, [BIN, 'stats', ...args], { cwd: ROOT, input, encoding: 'utf8' });
    expect(r.status).toBe(0);
    return r.stdout;
  };

  test.each([
    ['mainlog', MAINLOG.subarray(0, MAINLOG.length - 1)],
    ['bouncelog', BOUNCELOG],
  ] as const)('%s, text and --json, one thread and two', (log, content) => {
    const plain = join(dir, `cli-${log}.ec`);
    const gz = join(dir, `cli-${log}.ec.gz`);
    writeFileSync(plain, content);
    writeFileSync(gz, gzipSync(content));
    for (const json of [[], ['--json']]) {
      const expected = run([...json, '--threads', '1', '--log', log, '-'], content);
      for (const threads of ['1', '2']) {
        expect(run([...json, '--threads', threads, plain])).toBe(expected);
        expect(run([...json, '--threads', threads, gz])).toBe(expected);
      }
    }
  });
});

/** normaliseResponse as it was before its tests that skip patterns which cannot match. */
function normaliseReference(text: string): string {
  let t = text;
  if (t.includes('@')) t = t.replace(/<?(?<![^\s<>@"])[^\s<>@"]+@[^\s<>@"]+>?|<?"[^"]*"@[^\s<>@"]+>?/g, '<addr>');
  if (t.includes('.')) t = t.replace(/\b(?:\d{1,3}\.){3}\d{1,3}\b/g, '<ip>');
  if (t.includes(':')) t = t.replace(/\b(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{0,4}\b/g, '<ip>');
  if (/\d{6}/.test(t)) t = t.replace(/\b\d{6,}\b/g, '<n>');
  return t.trim();
}

describe('stats: what is counted', () => {
  const text = fc
    .array(fc.constantFrom(...'0123456789abcdefAF.:@"<> x-_\t'.split(''), '1.2.3.4', 'fe80::1', '1234567', 'a@b.c'), { maxLength: 60 })
    .map((parts) => parts.join(''));

  test('normaliseResponse masks exactly what its regexes alone mask', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(normaliseResponse(t)).toBe(normaliseReference(t));
      }),
      { numRuns: RUNS * 10 },
    );
  });

  /** A delivery of the mainlog with what the report counts (other fields are not read). */
  const delivery = (domain: string, binding: string, group: string) =>
    ({ log: 'mainlog', type: 'delivery', timestamp: 1, domain, binding, binding_group: group, queue_time: 1 }) as unknown as EcelogEvent;

  test('ranked lists: most events first, ties by name, as a full sort gives them; domains case-insensitive', () => {
    const names = fc.constantFrom('a', 'b', 'B', 'c', 'mta1-a', 'mta1-b', 'transactional', 'Transactional', 'x'.repeat(300));
    fc.assert(
      fc.property(fc.array(fc.tuple(names, names), { maxLength: 200 }), (pairs) => {
        const s = statsOf(pairs.map(([d, b]) => delivery(d, b, b)));
        const counts = new Map<string, number>();
        const domains = new Map<string, number>();
        for (const [d, b] of pairs) {
          const key = b.length > 256 ? `${b.slice(0, 256)}…` : b;
          counts.set(key, (counts.get(key) ?? 0) + 1);
          const dk = d.length > 256 ? `${d.slice(0, 256).toLowerCase()}…` : d.toLowerCase();
          domains.set(dk, (domains.get(dk) ?? 0) + 1);
        }
        const ranked = [...counts]
          .map(([name, count]) => ({ name, count }))
          .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1))
          .slice(0, 20);
        const r = s.report();
        expect(r.bindings).toEqual(ranked);
        expect(r.binding_groups).toEqual(ranked);
        expect(Object.fromEntries(r.domains.map((d) => [d.domain, d.delivery]))).toEqual(Object.fromEntries(domains));
      }),
      { numRuns: RUNS },
    );
  });

  test('more distinct values than the key cache holds are each counted', () => {
    const n = 10_000;
    const s = statsOf(Array.from({ length: 2 * n }, (_, i) => delivery(`d${i % n}.example`, `b${i % n}`, `g${i % n}`)));
    const r = s.report();
    expect(r.events).toBe(2 * n);
    expect(r.bindings).toHaveLength(20);
    for (const list of [r.bindings, r.binding_groups]) for (const b of list) expect(b.count).toBe(2);
    for (const d of r.domains) expect(d.delivery).toBe(2);
  });
});
