#!/usr/bin/env node
// jlog reading against the same content as a plain file (dist/ must be built).
//
//   node bench/jlog.mjs [--size 1G] [--log mainlog|eventlog|both] [--runs 3] [--out bench/data]
//
// Makes (once, cached in --out) a plain mainlog (bench/generate.mjs) and a plain eventlog
// (../shared/tools/gen-eventlog.mjs) of about --size, and the same lines as jlogs written by the
// reference library (../shared/tools/jlog-ref write, 4 MiB segments, one message a line). Then
// times, in this process, for each: parseJlogBatches(dir) against parseFileBatches(file) on the
// same lines (events and MB/s of payload), and the raw messages alone (log: 'raw'). Prints MB/s
// and the jlog/plain ratio.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readOptions, positiveInt } from './args.mjs';
import { ensureData, parseSize, sizeLabel } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const require = createRequire(import.meta.url);
const shared = resolve(root, '..', 'shared', 'tools');
const opts = readOptions(process.argv.slice(2), {
  size: { type: 'string', convert: parseSize },
  log: { type: 'string' },
  runs: { type: 'string', convert: positiveInt('runs') },
  out: { type: 'string' },
});
const size = opts.size ?? 2 ** 30;
const runs = opts.runs ?? 3;
const out = resolve(opts.out ?? join(here, 'data'));
const kinds = opts.log === undefined || opts.log === 'both' ? ['mainlog', 'eventlog'] : [opts.log];
const { parseFileBatches } = require(join(root, 'dist', 'index.js'));
const { parseJlogBatches } = require(join(root, 'dist', 'jlog', 'index.js'));
const { backend } = require(join(root, 'dist', 'core', 'backend.js'));

async function run(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { stdio: ['pipe', 'ignore', 'inherit'], ...opts });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${code}`);
}

/** The eventlog text: gen-eventlog.mjs until the size is reached (~2 KB of events a message). */
async function eventlogFile() {
  const path = join(out, `eventlog-${sizeLabel(size)}.jsonl`);
  if (existsSync(path)) return path;
  const tmp = path + '.tmp';
  const messages = Math.ceil(size / 2075); // ~2.7 events of ~765 bytes a message
  // Straight into the file (through a pipe, the generator's writes fail with ENOBUFS).
  const fd = openSync(tmp, 'w');
  const child = spawn(process.execPath, [join(shared, 'gen-eventlog.mjs'), String(messages), '1'], { stdio: ['ignore', fd, 'inherit'] });
  const [code] = await once(child, 'exit');
  closeSync(fd);
  if (code !== 0) throw new Error(`gen-eventlog.mjs: exit ${code}`);
  renameSync(tmp, path);
  return path;
}

/** The same lines as a jlog made by the reference writer (backslashes doubled: `write` unescapes). */
async function jlogOf(file) {
  const dir = file.replace(/\.[a-z]+$/, '') + '.jlog';
  if (existsSync(join(dir, 'metastore'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  await run(join(shared, 'jlog-ref'), ['init', dir, '--unit-limit', String(4 << 20)]);
  const writer = spawn(join(shared, 'jlog-ref'), ['write', dir], { stdio: ['pipe', 'ignore', 'inherit'] });
  const escape = spawn('sed', ['s/\\\\/\\\\\\\\/g', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  escape.stdout.pipe(writer.stdin);
  const [code] = await once(writer, 'exit');
  if (code !== 0) throw new Error(`jlog-ref write ${dir}: exit ${code}`);
  return dir;
}

async function time(fn) {
  const best = { ms: Infinity, events: 0 };
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const events = await fn();
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (ms < best.ms) Object.assign(best, { ms, events });
  }
  return best;
}

async function count(batches) {
  let n = 0;
  for await (const b of batches) n += b.length;
  return n;
}

mkdirSync(out, { recursive: true });
console.log(`jlog vs plain file, ${backend} backend, best of ${runs}`);
console.log('log        input               MB/s    events/s  ratio');
for (const kind of kinds) {
  const file = kind === 'mainlog' ? (await ensureData(size, { out, quiet: true })).mainlog : await eventlogFile();
  const dir = await jlogOf(file);
  const bytes = statSync(file).size;
  const plain = await time(() => count(parseFileBatches(file, { log: kind })));
  const jlog = await time(() => count(parseJlogBatches(dir, { log: kind, identity: 'bench' })));
  const raw = await time(() => count(parseJlogBatches(dir, { log: 'raw', identity: 'bench' })));
  const row = (name, r, ratio) =>
    console.log(
      `${kind.padEnd(9)}  ${name.padEnd(18)} ${String(Math.round(bytes / 1e6 / (r.ms / 1000))).padStart(6)}  ${String(Math.round(r.events / (r.ms / 1000))).padStart(10)}  ${ratio}`,
    );
  row('plain file', plain, '1.00');
  row('jlog', jlog, (plain.ms / jlog.ms).toFixed(2));
  row('jlog, raw messages', raw, (plain.ms / raw.ms).toFixed(2));
  if (jlog.events !== plain.events) throw new Error(`${kind}: ${jlog.events} events from the jlog, ${plain.events} from the file`);
}
