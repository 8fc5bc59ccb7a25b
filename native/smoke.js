#!/usr/bin/env node
// Smoke test of the built addon (build/Release/ecelog.node). Plain JS, no deps beyond
// node-gyp-build. Run after `node-gyp rebuild` or `npm run build:cmake`:
//   node native/smoke.js            checks, exit 1 on failure
//   node native/smoke.js --big      also scans a 2 GiB buffer (31-bit offsets, end limit)
//   ECELOG_ADDON=build/asan/Release/ecelog.node LD_PRELOAD=$(g++ -print-file-name=libasan.so) \
//     ASAN_OPTIONS=detect_leaks=0 node native/smoke.js
'use strict';
const path = require('path');
const assert = require('assert');

const repoRoot = path.join(__dirname, '..');
// ECELOG_ADDON=path/to/ecelog.node tests a specific build (e.g. a sanitizer build elsewhere).
const addon = process.env.ECELOG_ADDON
  ? require(path.resolve(process.env.ECELOG_ADDON))
  : require('node-gyp-build')(repoRoot);
const NL = 0x80000000;
let checks = 0;

function run(buf, start, end, cap) {
  const out = new Uint32Array(cap).fill(0xdeadbeef);
  const info = new Uint32Array(4).fill(0xdeadbeef);
  const n = scan(buf, start, end, out, info);
  assert.strictEqual(n, info[0]);
  // Slots past the entries are scratch (the SIMD scan may write there): not compared.
  return { n, out: Array.from(out.subarray(0, n)), info: Array.from(info) };
}
function eq(actual, expected, what) {
  assert.deepStrictEqual(actual, expected, what);
  checks++;
}
function throwsLike(fn, Ctor, message) {
  assert.throws(fn, (e) => e instanceof Ctor && e.constructor === Ctor && e.message === message, message);
  checks++;
}

assert.ok(['avx512', 'avx2', 'sse2', 'neon', 'scalar'].includes(addon.simd), `simd = ${addon.simd}`);
assert.strictEqual(typeof addon.flavours[addon.simd], 'function', 'the best flavour is in addon.flavours');
assert.ok('scalar' in addon.flavours, 'scalar is always offered');
assert.ok(['gyp', 'cmake'].includes(addon.buildSystem), `buildSystem = ${addon.buildSystem}`);

// Every check below runs on every flavour the addon offers on this CPU (addon.flavours).
let scan = addon.scan;
function checkFlavour() {
  // "ab@c\n@\r\nx": '@' at 2 and 5, '\n' at 4 and 7.
  const s = Buffer.from('ab@c\n@\r\nx');
  eq(run(s, 0, 9, 16).out, [2, 4 + NL, 5, 7 + NL], 'entries');
  eq(run(s, 0, 9, 16).info, [4, 2, 9, 0], 'info, complete');
  eq(run(s, 3, 6, 16).out, [4 + NL, 5], 'sub-range');
  eq(run(s, 3, 6, 16).info, [2, 1, 6, 0], 'sub-range info');
  eq(run(s, 9, 9, 1).info, [0, 0, 9, 0], 'empty range');
  eq(run(s, 0, 2, 1).info, [0, 0, 2, 0], 'no delimiters');
  // Full out: stop right after the last entry written, resume from there.
  let r = run(s, 0, 9, 1);
  eq([r.out, r.info], [[2], [1, 0, 3, 0]], 'full after 1');
  r = run(s, 3, 9, 2);
  eq([r.out, r.info], [[4 + NL, 5], [2, 1, 6, 0]], 'full after 2');
  r = run(s, 0, 9, 4);
  eq(r.info, [4, 2, 8, 0], 'full exactly at the last delimiter: next = after it');
  {
    const all = [];
    let pos = 0;
    let calls = 0;
    const out = new Uint32Array(1);
    const info = new Uint32Array(4);
    while (pos < 9) {
      scan(s, pos, 9, out, info);
      all.push(...out.subarray(0, info[0]));
      pos = info[2];
      calls++;
    }
    eq([all, calls], [[2, 4 + NL, 5, 7 + NL], 5], 'resume loop with out of 1');
  }

  // Flags: exact for [start, next).
  const f = Buffer.from([0x41, 0x40, 0xc3, 0xa9, 0x40, 0x00, 0x0a, 0x41]);
  eq(run(f, 0, 8, 8).info, [3, 1, 8, 3], 'non-ASCII and NUL');
  eq(run(f, 0, 8, 1).info, [1, 0, 2, 0], 'stopped before the flagged bytes: no flags');
  eq(run(f, 0, 8, 2).info, [2, 0, 5, 1], 'non-ASCII only up to next');
  eq(run(f, 5, 8, 8).info, [1, 1, 8, 2], 'NUL only');
  {
    // Early stop inside a 64-byte block: bytes after next must not count.
    const b = Buffer.alloc(200, 0x61);
    b[10] = 0x40;
    b[11] = 0xff;
    b[12] = 0x00;
    b[100] = 0x40;
    b[150] = 0x80;
    eq(run(b, 0, 200, 1).info, [1, 0, 11, 0], 'flags ignore bytes after next');
    eq(run(b, 0, 200, 2).info, [2, 0, 101, 3], 'flags up to the second entry');
    eq(run(b, 101, 200, 2).info, [0, 0, 200, 1], 'flags of the tail');
  }

  // Typed-array views: byteOffset and Buffer pool slices are honoured (zero-copy).
  {
    const ab = new ArrayBuffer(64);
    const whole = new Uint8Array(ab);
    whole.set(Buffer.from('xxxxxxxxa@b\nc'), 0);
    const view = new Uint8Array(ab, 8, 5); // "a@b\nc"
    eq(run(view, 0, 5, 4).out, [1, 3 + NL], 'byteOffset of buf');
    const out = new Uint32Array(new ArrayBuffer(64), 16, 4);
    const info = new Uint32Array(new ArrayBuffer(64), 32, 4);
    scan(view, 0, 5, out, info);
    eq([Array.from(out.subarray(0, 2)), Array.from(info)], [[1, 3 + NL], [2, 1, 5, 0]], 'byteOffset of out/info');
    eq(run(Buffer.from('q@q'), 0, 3, 1).out, [1], 'small Buffer (pool slice)');
  }

  // Against a plain JS reference on random data, every flavour of range/cap.
  function reference(buf, start, end, cap) {
    const out = [];
    let lines = 0;
    let i = start;
    for (; i < end; i++) {
      const c = buf[i];
      if (c === 0x40 || c === 0x0a) {
        out.push(c === 0x0a ? i + NL : i);
        if (c === 0x0a) lines++;
        if (out.length === cap) { i++; break; }
      }
    }
    let flags = 0;
    for (let k = start; k < i; k++) {
      if (buf[k] >= 0x80) flags |= 1;
      if (buf[k] === 0) flags |= 2;
    }
    return { out, info: [out.length, lines, i, flags] };
  }
  {
    let seed = 12345;
    const rnd = (n) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
    const alphabet = [0x40, 0x40, 0x0a, 0x00, 0x80, 0xff, 0x61, 0x62, 0x63, 0x64, 0x65, 0x20];
    for (let t = 0; t < 3000; t++) {
      const len = rnd(400);
      const buf = new Uint8Array(len);
      for (let k = 0; k < len; k++) buf[k] = rnd(4) ? 0x61 : alphabet[rnd(alphabet.length)];
      let a = rnd(len + 1);
      let b = rnd(len + 1);
      if (a > b) [a, b] = [b, a];
      const cap = 1 + rnd(t % 2 ? 8 : 200);
      const got = run(buf, a, b, cap);
      const want = reference(buf, a, b, cap);
      assert.deepStrictEqual([got.out, got.info], [want.out, want.info], `random #${t}`);
    }
    checks++;
  }

  // Bad arguments: the exact errors of checkScanArgs() in src/scanner/contract.ts.
  {
    const b = Buffer.from('a@b');
    const out = new Uint32Array(4);
    const info = new Uint32Array(4);
    const RANGE = 'scan: need 0 <= start <= end <= buf.length';
    throwsLike(() => scan('a@b', 0, 3, out, info), TypeError, 'scan: buf must be a Uint8Array');
    throwsLike(() => scan(new Uint8ClampedArray(3), 0, 3, out, info), TypeError, 'scan: buf must be a Uint8Array');
    throwsLike(() => scan(new Int8Array(3), 0, 3, out, info), TypeError, 'scan: buf must be a Uint8Array');
    throwsLike(() => scan(new DataView(new ArrayBuffer(3)), 0, 3, out, info), TypeError, 'scan: buf must be a Uint8Array');
    throwsLike(() => scan(), TypeError, 'scan: buf must be a Uint8Array');
    throwsLike(() => scan(b, 0, 3, new Int32Array(4), info), TypeError, 'scan: out must be a Uint32Array');
    throwsLike(() => scan(b, 0, 3, [0, 0], info), TypeError, 'scan: out must be a Uint32Array');
    throwsLike(() => scan(b, 0, 3, out, new Uint32Array(3)), TypeError, 'scan: info must be a Uint32Array of length >= 4');
    throwsLike(() => scan(b, 0, 3, out, new Float64Array(4)), TypeError, 'scan: info must be a Uint32Array of length >= 4');
    throwsLike(() => scan(b, 0, 3, out), TypeError, 'scan: info must be a Uint32Array of length >= 4');
    // Type errors come before range errors, as in the TS checks.
    throwsLike(() => scan(b, -1, 3, out, null), TypeError, 'scan: info must be a Uint32Array of length >= 4');
    for (const [st, en] of [[-1, 3], [0, 4], [2, 1], [0.5, 3], [0, 2.5], [NaN, 3], [0, Infinity],
      ['0', 3], [0, '3'], [0n, 3], [undefined, 3], [0, null], [0, {}]]) {
      throwsLike(() => scan(b, st, en, out, info), RangeError, RANGE);
    }
    throwsLike(() => scan(b, 0, 3, new Uint32Array(0), info), RangeError, 'scan: out must not be empty');
    throwsLike(() => scan(b, 0, 4, new Uint32Array(0), info), RangeError, RANGE);
    // Integral floats and -0 are fine (Number.isInteger).
    eq(scan(b, -0, 3.0, out, info), 1, 'integral doubles accepted');
    // info untouched when throwing.
    info.fill(7);
    assert.throws(() => scan(b, 0, 9, out, info));
    eq(Array.from(info), [7, 7, 7, 7], 'info untouched on error');
  }
}
for (const [name, fn] of Object.entries(addon.flavours)) {
  scan = fn;
  const before = checks;
  checkFlavour();
  assert.ok(checks > before, name);
}
scan = addon.scan;

// Optional: a 2 GiB buffer (mostly untouched zero pages): 31-bit offsets and the end limit.
if (process.argv.includes('--big')) {
  const size = 0x80000000 + 16;
  const big = Buffer.alloc(size);
  big[0x7ffffff0] = 0x40;
  big[0x7ffffffe] = 0x0a;
  big[0x7fffffff] = 0x40; // beyond MAX_SCAN_END - 1: never scanned
  const out = new Uint32Array(8);
  const info = new Uint32Array(4);
  const n = addon.scan(big, 0x7fff0000, 0x7fffffff, out, info);
  eq([n, Array.from(out.subarray(0, n)), Array.from(info)],
    [2, [0x7ffffff0, 0x7ffffffe + NL], [2, 1, 0x7fffffff, 2]], '31-bit offsets');
  throwsLike(() => addon.scan(big, 0, 0x80000000, out, info), RangeError, 'scan: end must be <= 2147483647');
}

// lockedRead / lockedWrite (native/file_lock.h): exact bytes, errors, argument checks.
{
  const fs = require('fs');
  const os = require('os');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecelog-smoke-'));
  try {
    const cp = path.join(dir, 'cp.6d6173746572');
    fs.writeFileSync(cp, '');
    const bytes = Uint8Array.of(2, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f);
    eq(addon.lockedWrite(cp, bytes, true), 0, 'lockedWrite');
    eq([...fs.readFileSync(cp)], [...bytes], 'lockedWrite wrote the bytes');
    const out = new Uint8Array(new ArrayBuffer(32), 8, 16).fill(0xaa);
    eq(addon.lockedRead(cp, out), 8, 'lockedRead: bytes up to end of file');
    eq([...out], [...bytes, ...new Array(8).fill(0xaa)], 'lockedRead: into the view, nothing past the end of file');
    eq(addon.lockedRead(cp, out.subarray(0, 3)), 3, 'lockedRead: at most out.length');
    eq(addon.lockedWrite(cp, new Uint8Array(0), false), 0, 'empty write');
    const ENOENT = -os.constants.errno.ENOENT;
    eq(addon.lockedRead(path.join(dir, 'none'), out), ENOENT, 'lockedRead: missing file');
    eq(addon.lockedWrite(path.join(dir, 'none'), bytes, false), ENOENT, 'lockedWrite: missing file');
    eq(fs.existsSync(path.join(dir, 'none')), false, 'lockedWrite creates nothing');
    eq(addon.lockedRead('x'.repeat(5000), out), -os.constants.errno.ENAMETOOLONG, 'long path');
    throwsLike(() => addon.lockedRead(Buffer.from(cp), out), TypeError, 'lockedRead: path must be a string');
    throwsLike(() => addon.lockedRead(cp + '\0x', out), TypeError, 'lockedRead: path must not contain NUL bytes');
    throwsLike(() => addon.lockedRead(cp, new Uint16Array(4)), TypeError, 'lockedRead: out must be a Uint8Array');
    throwsLike(() => addon.lockedRead(cp), TypeError, 'lockedRead: out must be a Uint8Array');
    throwsLike(() => addon.lockedWrite(), TypeError, 'lockedWrite: path must be a string');
    throwsLike(() => addon.lockedWrite(cp, [1, 2]), TypeError, 'lockedWrite: data must be a Uint8Array');
    throwsLike(() => addon.lockedWrite(cp, bytes), TypeError, 'lockedWrite: sync must be a boolean');
    throwsLike(() => addon.lockedWrite(cp, bytes, 1), TypeError, 'lockedWrite: sync must be a boolean');
    eq([...fs.readFileSync(cp)], [...bytes], 'nothing written by the failed calls');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`smoke ok: ${checks} checks, simd=${addon.simd} (flavours ${Object.keys(addon.flavours).join(', ')}), buildSystem=${addon.buildSystem}`);
