#!/usr/bin/env node
// `ecelog stats` against the parser it runs on, and one thread against every core, on a generated
// log. In each round, in turns: the in-process reference (`parse(buf)`, full events, of the same
// file read into a Buffer untimed, after one untimed warm-up pass), then `ecelog stats --threads 1`
// and `ecelog stats --threads N`, each a child process running the CLI (dist/ build), so that a
// noisy moment hits every side of a round. Prints each round's throughput, the two ratios
// (one thread / the reference, N threads / one thread) and their medians, with the CPU time
// (user + system) ratio of one thread to the reference and the CLI runs' peak RSS (GNU time where
// there is one, else /proc VmHWM polled). Fails when the two CLI runs report different counts.
//
//   node bench/stats.mjs [--size 1G] [--pairs 4] [--threads N (default: every core)]
//                        [--log mainlog|bouncelog] [--backend native|js]
import { spawn } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureData, parseSize } from './generate.mjs';
import { positiveInt, readOptions } from './args.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const oneOf = (name, values) => (v) => {
  if (!values.includes(v)) throw new Error(`--${name} must be one of ${values.join(', ')}`);
  return v;
};
const opts = {
  size: '1G',
  pairs: 4,
  threads: availableParallelism(),
  log: 'mainlog',
  backend: 'native',
  ...readOptions(process.argv.slice(2), {
    size: { type: 'string' },
    pairs: { type: 'string', convert: positiveInt('pairs') },
    threads: { type: 'string', convert: positiveInt('threads') },
    log: { type: 'string', convert: oneOf('log', ['mainlog', 'bouncelog']) },
    backend: { type: 'string', convert: oneOf('backend', ['native', 'js']) },
  }),
};
const files = await ensureData(parseSize(opts.size), { quiet: true });
const input = files[opts.log];
const { parse } = createRequire(import.meta.url)(join(root, 'dist', 'index.js'));

const GNU_TIME = '/usr/bin/time';
const gnuTime = existsSync(GNU_TIME);
const timeOut = join(root, 'bench', 'data', `.stats-time-${process.pid}`);
const env = { ...process.env };
if (opts.backend === 'js') env.ECELOG_FORCE_JS = '1';
else delete env.ECELOG_FORCE_JS;

/** Peak RSS (KiB) of a running process, polled from /proc (where there is no GNU time). */
function pollHwm(pid, peak) {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.max(peak, Number(m[1])) : peak;
  } catch {
    return peak;
  }
}

/** One CLI run: wall and CPU seconds, peak RSS (MiB, or null), and the report's counts. */
async function run(threads) {
  const cli = [join(root, 'bin', 'ecelog.js'), 'stats', '--json', '--log', opts.log, '--threads', String(threads), input];
  const [cmd, args] = gnuTime ? [GNU_TIME, ['-o', timeOut, '-f', '%U %S %M', process.execPath, ...cli]] : [process.execPath, cli];
  const t0 = performance.now();
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
  const out = [];
  child.stdout.on('data', (d) => out.push(d));
  let hwm = 0;
  const poll = gnuTime ? null : setInterval(() => (hwm = pollHwm(child.pid, hwm)), 20);
  const code = await new Promise((res) => child.on('close', res));
  const seconds = (performance.now() - t0) / 1000;
  if (poll) clearInterval(poll);
  if (code !== 0) throw new Error(`ecelog stats --threads ${threads} exited with ${code}`);
  let cpu = null;
  let rssMiB = hwm > 0 ? hwm / 1024 : null;
  if (gnuTime) {
    const [user, sys, kib] = readFileSync(timeOut, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
    rmSync(timeOut, { force: true });
    cpu = user + sys;
    rssMiB = kib / 1024;
  }
  const r = JSON.parse(Buffer.concat(out).toString());
  return { seconds, cpu, rssMiB, counts: JSON.stringify([r.events, r.by_type, r.malformed, r.domains, r.bindings, r.failure_responses]) };
}

/** The reference: full events of the whole file through parse(), in this process. */
function reference(buf) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let events = 0;
  for (const ev of parse(buf, { log: opts.log, backend: opts.backend })) if (ev.type !== undefined) events++;
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { seconds, cpu: (c.user + c.system) / 1e6, events };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const range = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;

const mb = statSync(input).size / 1e6;
const buf = readFileSync(input);
reference(buf); // warm-up: the reference is the parser's steady pace
console.log(`node ${process.version}, ${cpus()[0]?.model.trim()} × ${cpus().length}, ${opts.backend} backend`);
console.log(
  `input: ${input.replace(`${root}/`, '')} — ${mb.toFixed(1)} MB; ${opts.pairs} rounds: parse(buf), --threads 1, --threads ${opts.threads}`,
);
const oneToRef = [];
const cpuToRef = [];
const scaling = [];
const rss = { one: [], all: [] };
for (let p = 1; p <= opts.pairs; p++) {
  const ref = reference(buf);
  const one = await run(1);
  const all = await run(opts.threads);
  if (one.counts !== all.counts) {
    console.error('bench:stats: the two runs reported different counts');
    process.exit(1);
  }
  oneToRef.push(ref.seconds / one.seconds);
  if (one.cpu !== null) cpuToRef.push(ref.cpu / one.cpu);
  scaling.push(one.seconds / all.seconds);
  if (one.rssMiB !== null) rss.one.push(one.rssMiB);
  if (all.rssMiB !== null) rss.all.push(all.rssMiB);
  const rate = (s) => `${(mb / s).toFixed(0)} MB/s`;
  const peak = (r) => (r.rssMiB === null ? '' : `, ${r.rssMiB.toFixed(0)} MiB`);
  console.log(
    `round ${p}: parse(buf) ${ref.seconds.toFixed(2)} s (${rate(ref.seconds)}); ` +
      `1 thread ${one.seconds.toFixed(2)} s (${rate(one.seconds)}${peak(one)}); ` +
      `${opts.threads} threads ${all.seconds.toFixed(2)} s (${rate(all.seconds)}${peak(all)}): ` +
      `${oneToRef.at(-1).toFixed(2)}x of parse, ${scaling.at(-1).toFixed(2)}x of 1 thread`,
  );
}
console.log(`1 thread / parse(buf), MB/s: median ${median(oneToRef).toFixed(2)}x, range ${range(oneToRef)}x`);
if (cpuToRef.length > 0) console.log(`1 thread / parse(buf), CPU time: median ${median(cpuToRef).toFixed(2)}x, range ${range(cpuToRef)}x`);
console.log(`${opts.threads} threads / 1 thread: median ${median(scaling).toFixed(2)}x, range ${range(scaling)}x`);
if (rss.one.length > 0) console.log(`peak RSS: 1 thread ${range(rss.one)} MiB, ${opts.threads} threads ${range(rss.all)} MiB`);
