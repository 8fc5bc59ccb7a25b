#!/usr/bin/env node
// Microbenchmark of the addon's scan(): a ~100 MB buffer of mainlog-like lines (~200 bytes,
// ~13 '@' each) scanned in a resume loop with a caller-allocated out of 1<<20 entries.
//   node native/bench.js [MB] [rounds]     (every flavour this CPU runs, the best one last)
'use strict';
const path = require('path');
const addon = require('node-gyp-build')(path.join(__dirname, '..'));

const MB = Number(process.argv[2] || 100);
const ROUNDS = Number(process.argv[3] || 10);

function makeLog(bytes) {
  let seed = 42;
  const rnd = (n) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
  const hex = (n) => rnd(0x10000).toString(16).toUpperCase().padStart(4, '0') + rnd(0x10000).toString(16).toUpperCase().padStart(n - 4, '0');
  const id = () => `${String(rnd(100)).padStart(2, '0')}/00-${String(rnd(100000)).padStart(5, '0')}-${hex(8)}`;
  const domains = ['postalengine.com', 'example.org', 'mail.example.net', 'gmail.com', 'outlook.com'];
  const buf = Buffer.allocUnsafe(bytes + 1024);
  let pos = 0;
  let lines = 0;
  while (pos < bytes) {
    const d = domains[rnd(domains.length)];
    const line =
      `${1064871280 + lines}@${id()}@${id()}@${id()}@D@${d}@${rnd(1000)}@group-${'abc'[rnd(3)]}` +
      `@binding-${'abc'[rnd(3)]}@0@0.${rnd(1000)}@10.0.${rnd(256)}.${rnd(256)}` +
      `@user${rnd(100000)}.name@${d}@250 2.0.0 Ok: queued as ${hex(10)}\n`;
    pos += buf.write(line, pos, 'latin1');
    lines++;
  }
  return buf.subarray(0, pos);
}

const buf = makeLog(MB * 1e6);
const out = new Uint32Array(1 << 20);
const info = new Uint32Array(4);

function scanAll(scan) {
  let pos = 0;
  let entries = 0;
  let lines = 0;
  const end = buf.length;
  while (pos < end) {
    scan(buf, pos, end, out, info);
    entries += info[0];
    lines += info[1];
    pos = info[2];
  }
  return { entries, lines };
}

// Every flavour this CPU runs (addon.flavours), the best one (addon.simd) last.
for (const [name, scan] of Object.entries(addon.flavours)) {
  const first = scanAll(scan);
  // Wall time, and CPU time (less sensitive to other load on a shared machine).
  const times = [];
  const cpuTimes = [];
  for (let r = 0; r < ROUNDS; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    scanAll(scan);
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    const c = process.cpuUsage(c0);
    cpuTimes.push((c.user + c.system) / 1e6);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const gbs = (t) => (buf.length / t / 1e9).toFixed(2);
  console.log(
    `scan (${name}${name === addon.simd ? ', the best' : ''}, ${addon.buildSystem}): ${(buf.length / 1e6).toFixed(1)} MB, ` +
      `${first.lines} lines, ${first.entries} entries (${(first.entries / first.lines).toFixed(1)}/line, ` +
      `${(buf.length / first.lines).toFixed(0)} B/line); ` +
      `wall: best ${gbs(times[0])} GB/s, median ${gbs(times[times.length >> 1])} GB/s; ` +
      `cpu: best ${gbs(cpuTimes[0])} GB/s (${ROUNDS} rounds)`,
  );
}
