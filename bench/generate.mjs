#!/usr/bin/env node
// Sample/benchmark log generator for ecelog (uses the compiled generator in dist/).
//
//   node bench/generate.mjs --size 100M [--out bench/data] [--seed N] [--hires] [--legacy 0.1]
//                           [--backlog N] [--force]
//       writes <out>/mainlog-100M.ec (mainlog size target) and the matching
//       <out>/bouncelog-100M.ec; skips if both exist unless --force. Non-default options are
//       part of the name (mainlog-100M-s42-hires-legacy0.1.ec) so cached files never mismatch.
//   node bench/generate.mjs --sample
//       writes the small committed sample/mainlog.ec and sample/bouncelog.ec (seed 1).
//
// Programmatic: `import { ensureData } from './generate.mjs'`
//   await ensureData(100 * 2 ** 20, { out, seed, hires, legacy, backlog, force, quiet })
//     -> { mainlog, bouncelog, generated, mainBytes, bounceBytes, seconds }
//
// ECELOG_GENERATOR=/path/to/generator.js overrides the module (default ../dist/generator/generate.js).

import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nonNegative, readOptions } from './args.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const require = createRequire(import.meta.url);

let generatorModule;
function loadGenerator() {
  if (generatorModule) return generatorModule;
  const path = process.env.ECELOG_GENERATOR ? resolve(process.env.ECELOG_GENERATOR) : join(root, 'dist', 'generator', 'generate.js');
  try {
    generatorModule = require(path);
  } catch (err) {
    throw new Error(`cannot load ${path} (build it first: npm run build:ts): ${err.message}`);
  }
  return generatorModule;
}

const UNITS = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** "100M" -> 104857600 (binary units; a trailing B / iB is allowed). */
export function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?$/i.exec(String(text).trim());
  if (!m) throw new Error(`bad size: ${text}`);
  return Math.round(Number(m[1]) * UNITS[m[2].toUpperCase()]);
}

/** 104857600 -> "100M"; sizes that are not whole units stay in bytes. */
export function sizeLabel(bytes) {
  for (const u of ['T', 'G', 'M', 'K']) {
    if (bytes >= UNITS[u] && bytes % UNITS[u] === 0) return `${bytes / UNITS[u]}${u}`;
  }
  return String(bytes);
}

function fileSuffix(opts) {
  let s = '';
  if (opts.seed !== undefined && opts.seed !== 1) s += `-s${opts.seed}`;
  if (opts.hires) s += '-hires';
  if (opts.legacy) s += `-legacy${opts.legacy}`;
  if (opts.backlog) s += `-backlog${opts.backlog}`;
  return s;
}

const CHUNK = 4 * 2 ** 20; // bytes buffered per log before a write

/**
 * Streams generated lines into two files. Stops at the first line boundary at which the mainlog
 * reaches `maxBytes` (if given), or when the generator ends. Files are written under a temporary
 * name and renamed at the end, so an interrupted run never leaves a truncated file behind.
 * Lines are encoded straight into fixed-size chunks (no big strings), so memory stays flat.
 */
async function writeLogs(mainPath, bouncePath, genOpts, maxBytes = Infinity) {
  const { generate } = loadGenerator();
  const t0 = process.hrtime.bigint();
  const sinks = {};
  for (const [log, path] of [
    ['mainlog', mainPath],
    ['bouncelog', bouncePath],
  ]) {
    const tmp = `${path}.tmp-${process.pid}`;
    sinks[log] = {
      path,
      tmp,
      ws: createWriteStream(tmp),
      buf: Buffer.allocUnsafe(CHUNK),
      pos: 0,
      bytes: 0,
    };
  }
  try {
    return await fill(sinks, generate(genOpts), maxBytes, t0);
  } catch (err) {
    for (const s of Object.values(sinks)) {
      s.ws.destroy();
      rmSync(s.tmp, { force: true });
    }
    throw err;
  }
}

async function fill(sinks, lines, maxBytes, t0) {
  const flush = async (s) => {
    if (s.pos === 0) return;
    const chunk = s.buf.subarray(0, s.pos);
    s.bytes += s.pos;
    s.buf = Buffer.allocUnsafe(CHUNK); // the stream owns the old one until it is written
    s.pos = 0;
    if (!s.ws.write(chunk)) await once(s.ws, 'drain');
  };
  const main = sinks.mainlog;
  for (const line of lines) {
    const s = sinks[line.log];
    const text = line.text;
    if (s.pos + 3 * text.length + 1 > CHUNK) await flush(s);
    s.pos += s.buf.write(text, s.pos);
    s.buf[s.pos++] = 10;
    if (main.bytes + main.pos >= maxBytes) break;
  }
  for (const s of Object.values(sinks)) {
    await flush(s);
    await new Promise((ok, ko) => s.ws.end((e) => (e ? ko(e) : ok())));
    renameSync(s.tmp, s.path);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { mainBytes: main.bytes, bounceBytes: sinks.bouncelog.bytes, seconds };
}

/**
 * Makes sure `<out>/mainlog-<size>.ec` and `<out>/bouncelog-<size>.ec` exist (generating them
 * when missing or with `force`) and returns their paths.
 */
export async function ensureData(sizeBytes, opts = {}) {
  const out = resolve(opts.out ?? join(root, 'bench', 'data'));
  const name = sizeLabel(sizeBytes) + fileSuffix(opts);
  const mainlog = join(out, `mainlog-${name}.ec`);
  const bouncelog = join(out, `bouncelog-${name}.ec`);
  const log = opts.quiet ? () => {} : (msg) => console.log(msg);
  if (!opts.force && existsSync(mainlog) && existsSync(bouncelog)) {
    log(`exists: ${mainlog} (${statSync(mainlog).size} bytes), ${bouncelog} — use --force`);
    return { mainlog, bouncelog, generated: false };
  }
  mkdirSync(out, { recursive: true });
  const genOpts = {
    seed: opts.seed ?? 1,
    hires: !!opts.hires,
    legacy: opts.legacy ?? 0,
    backlog: opts.backlog ?? 0,
  };
  if (opts.startTime !== undefined) genOpts.startTime = opts.startTime;
  const r = await writeLogs(mainlog, bouncelog, genOpts, sizeBytes);
  const mb = r.mainBytes / 2 ** 20;
  const total = (r.mainBytes + r.bounceBytes) / 2 ** 20;
  log(
    `wrote ${mainlog} (${r.mainBytes} bytes) and ${bouncelog} (${r.bounceBytes} bytes) ` +
      `in ${r.seconds.toFixed(2)} s: ${(total / r.seconds).toFixed(1)} MiB/s ` +
      `(mainlog ${(mb / r.seconds).toFixed(1)} MiB/s)`,
  );
  return { mainlog, bouncelog, generated: true, ...r };
}

/** The committed sample: seed 1, 250 messages (~100 KB of mainlog). */
export const SAMPLE_OPTIONS = Object.freeze({
  seed: 1,
  messages: 250,
  backlog: 4,
  quoted: 0.02,
  heartbeats: true,
});

export async function writeSample(dir = join(root, 'sample')) {
  mkdirSync(dir, { recursive: true });
  const mainlog = join(dir, 'mainlog.ec');
  const bouncelog = join(dir, 'bouncelog.ec');
  const r = await writeLogs(mainlog, bouncelog, { ...SAMPLE_OPTIONS });
  console.log(`wrote ${mainlog} (${r.mainBytes} bytes) and ${bouncelog} (${r.bounceBytes} bytes)`);
  return { mainlog, bouncelog };
}

function parseArgs(argv) {
  return readOptions(argv, {
    size: { type: 'string', convert: parseSize },
    out: { type: 'string' },
    seed: { type: 'string', convert: nonNegative('seed') },
    start: { type: 'string', convert: nonNegative('start'), key: 'startTime' },
    legacy: { type: 'string', convert: nonNegative('legacy') },
    backlog: { type: 'string', convert: nonNegative('backlog') },
    hires: { type: 'boolean' },
    force: { type: 'boolean' },
    sample: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
}

const USAGE = `usage:
  node bench/generate.mjs --size 100M [--out bench/data] [--seed N] [--hires] [--legacy 0.1]
                          [--backlog N] [--start EPOCH] [--force]
  node bench/generate.mjs --sample`;

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const o = parseArgs(process.argv.slice(2));
    if (o.help) console.log(USAGE);
    else if (o.sample) await writeSample();
    else if (o.size !== undefined) await ensureData(o.size, o);
    else {
      console.error(USAGE);
      process.exitCode = 2;
    }
  } catch (err) {
    console.error(`generate: ${err.message}`);
    process.exitCode = 1;
  }
}
