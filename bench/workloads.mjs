// The benchmark workloads of bench/run.mjs, as plain functions (no timing in here).
//
// In-memory workloads take the whole log as one Buffer and return a small result that the runner
// checks across backends (so a wrong answer never passes for a fast one). File workloads are
// async and read the file themselves.

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '..');
const require = createRequire(import.meta.url);

let lib;
/**
 * The compiled library (dist/, CommonJS): from ECELOG_BENCH_LIB when set (the runner's snapshot of
 * dist/ and the addon, so that a rebuild during the run cannot mix builds), else from the package.
 */
export function loadLib() {
  if (lib) return lib;
  const path = join(process.env.ECELOG_BENCH_LIB || root, 'dist', 'index.js');
  try {
    lib = require(path);
  } catch (err) {
    throw new Error(`cannot load ${path} (build it first: npx tsc -p tsconfig.build.json): ${err.message}`);
  }
  return lib;
}

const CH_D = 68; // 'D'
const OUT_CAPACITY = 1 << 20;
// Strings longer than this are split in pieces (V8 caps strings at ~2^29 characters).
const MAX_STRING = 256 * 2 ** 20;

/** `scan`: the raw scanner over the whole buffer, a caller-allocated out array, resumed until the end. */
export function makeScan(scanFn) {
  const out = new Uint32Array(OUT_CAPACITY);
  const info = new Uint32Array(4);
  return function scanAll(buf) {
    const end = buf.length;
    let pos = 0;
    let entries = 0;
    let lines = 0;
    while (pos < end) {
      entries += scanFn(buf, pos, end, out, info);
      lines += info[1];
      pos = info[2];
    }
    // A last line without '\n' is a line too (as readline and the cursor count it).
    if (end > 0 && buf[end - 1] !== 10) lines++;
    return { entries, lines };
  };
}

/** `reference (in-memory)`: what users write by hand, over the same Buffer: latin1 text, split, split('@'). */
export function splitInMemory(buf) {
  let lines = 0;
  let deliveries = 0;
  for (let from = 0; from < buf.length;) {
    let to = buf.length;
    if (to - from > MAX_STRING) {
      const nl = buf.lastIndexOf(10, from + MAX_STRING - 1);
      to = nl >= from ? nl + 1 : from + MAX_STRING;
    }
    const all = buf.toString('latin1', from, to).split('\n');
    // A trailing '\n' leaves an empty last piece, which is not a line.
    const n = all[all.length - 1] === '' ? all.length - 1 : all.length;
    for (let i = 0; i < n; i++) {
      const fields = all[i].split('@');
      if (fields[4] === 'D') deliveries++;
    }
    lines += n;
    from = to;
  }
  return { lines, deliveries };
}

/** `reference`: readline over a file stream, split('@') per line, touch field 4. */
export async function readlineSplit(path) {
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let lines = 0;
  let deliveries = 0;
  for await (const line of rl) {
    const fields = line.split('@');
    lines++;
    if (fields[4] === 'D') deliveries++;
  }
  return { lines, deliveries };
}

/**
 * `cursor`: count deliveries by domain with the zero-copy Cursor (field 4 'D', domain in field 5).
 * The domain is read with `key()` (the cursor's cached strings for values that repeat, the way the
 * README recommends for aggregation keys), or with `str()` when `read` is 'str'.
 */
export function makeCursorDomains(scanFn, read = 'key') {
  const { Cursor } = loadLib();
  const useKey = read === 'key';
  return function cursorDomains(buf) {
    const c = new Cursor(scanFn);
    c.reset(buf, 0, buf.length, 0, 0, true);
    const map = new Map();
    let lines = 0;
    while (c.next()) {
      lines++;
      if (c.rawFields > 5 && c.isChar(4, CH_D)) {
        const domain = useKey ? c.key(5) : c.str(5);
        map.set(domain, (map.get(domain) ?? 0) + 1);
      }
    }
    return { lines, map };
  };
}

/** Sums an event's size where it has one, so the events are really read. */
function tally(acc, ev) {
  acc.events++;
  const size = ev.size;
  if (typeof size === 'number') acc.size += size;
  if (ev.type === 'malformed') acc.malformed++;
}

/** The log kind benchmarked (bench/run.mjs --log; the child processes inherit it). */
export const benchLog = () => process.env.ECELOG_BENCH_LOG || 'mainlog';

/** `full events`: every line as a typed event through the sync `parse()`. */
export function makeEvents(backend) {
  const { parse } = loadLib();
  const log = benchLog();
  return function events(buf) {
    const acc = { events: 0, size: 0, malformed: 0 };
    for (const ev of parse(buf, { log, backend })) tally(acc, ev);
    return acc;
  };
}

/** `parseFile`: every line as a typed event through the async file iterator (one await per event). */
export async function parseFileEvents(path, backend, chunkSize) {
  const { parseFile } = loadLib();
  const acc = { events: 0, size: 0, malformed: 0 };
  for await (const ev of parseFile(path, { log: benchLog(), backend, chunkSize })) tally(acc, ev);
  return acc;
}

/** `parseFileBatches`: the same, one await per batch. */
export async function parseFileBatchEvents(path, backend, chunkSize) {
  const { parseFileBatches } = loadLib();
  const acc = { events: 0, size: 0, malformed: 0 };
  for await (const batch of parseFileBatches(path, { log: benchLog(), backend, chunkSize })) for (const ev of batch) tally(acc, ev);
  return acc;
}

/** `parseStreamBatches`: batches of a Node stream of the file (fs.createReadStream, its default chunks). */
export async function parseStreamBatchEvents(path, backend) {
  const { parseStreamBatches } = loadLib();
  const acc = { events: 0, size: 0, malformed: 0 };
  for await (const batch of parseStreamBatches(createReadStream(path), { log: benchLog(), backend }))
    for (const ev of batch) tally(acc, ev);
  return acc;
}

/**
 * `follow`: catching up on a file that is not being written, from its start, until every line
 * has come (the line count is taken first with the scanner, untimed); batches committed.
 */
export async function followEvents(path, backend, chunkSize) {
  const { follow } = require(join(process.env.ECELOG_BENCH_LIB || root, 'dist', 'files', 'index.js'));
  const { readFileSync } = await import('node:fs');
  const lines = (followEvents.lines ??= makeScan(loadLib().scanners.js)(readFileSync(path)).lines);
  const acc = { events: 0, size: 0, malformed: 0 };
  const stop = new AbortController();
  for await (const batch of follow(path, { log: benchLog(), backend, chunkSize, from: 'start', signal: stop.signal })) {
    for (const ev of batch.events) tally(acc, ev);
    await batch.commit();
    if (acc.events >= lines) stop.abort();
  }
  return acc;
}

/** The async file workloads by name (each one runs in its own child process). */
export const fileWorkloads = {
  readline: (path) => readlineSplit(path),
};
for (const backend of ['native', 'js']) {
  fileWorkloads[`parseFile-${backend}`] = (path, chunkSize) => parseFileEvents(path, backend, chunkSize);
  fileWorkloads[`parseFileBatches-${backend}`] = (path, chunkSize) => parseFileBatchEvents(path, backend, chunkSize);
  fileWorkloads[`parseStreamBatches-${backend}`] = (path) => parseStreamBatchEvents(path, backend);
  fileWorkloads[`follow-${backend}`] = (path, chunkSize) => followEvents(path, backend, chunkSize);
}
