import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { backend, nativeFlavours, nativeInfo, scan, scanners } from '../src/index';

const ROOT = join(__dirname, '..');

test('the exported backend matches the scanner in use', () => {
  expect(scan).toBe(backend === 'native' ? scanners.native : scanners.js);
  expect(nativeInfo === null).toBe(backend === 'js');
  if (nativeInfo) {
    expect(['avx512', 'avx2', 'sse2', 'neon', 'scalar']).toContain(nativeInfo.simd);
    expect(nativeInfo.flavours).toContain(nativeInfo.simd);
    expect(nativeInfo.flavours).toContain('scalar');
    expect(Object.keys(nativeFlavours)).toEqual(nativeInfo.flavours);
    expect(scan).toBe(nativeFlavours[nativeInfo.simd]);
  } else {
    expect(nativeFlavours).toEqual({});
  }
});

test('ECELOG_SIMD picks a flavour the CPU has, and warns (keeping the best) for one it lacks', () => {
  if (!nativeInfo) return;
  const probe = `const e = require('./dist/index.js');
    const out = new Uint32Array(8), info = new Uint32Array(4);
    const n = e.scan(Buffer.from('a@b\\nc'), 0, 5, out, info);
    console.log(JSON.stringify([e.nativeInfo.simd, n, [...out.subarray(0, n)], [...info]]));`;
  const run = (simd: string) => spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, env: { ...process.env, ECELOG_SIMD: simd } });
  const expected = [2, [1, 3 + 0x80000000], [2, 1, 5, 0]];
  for (const name of nativeInfo.flavours) {
    const r = run(name);
    expect(r.stderr.toString()).toBe('');
    expect(JSON.parse(r.stdout.toString())).toEqual([name, ...expected]);
  }
  const r = run('avx1024');
  expect(JSON.parse(r.stdout.toString())).toEqual([nativeInfo.simd, ...expected]);
  expect(r.stderr.toString()).toContain(
    `ECELOG_SIMD=avx1024 is not available here (available: ${nativeInfo.flavours.join(', ')}); using ${nativeInfo.simd}`,
  );
});

test('ECELOG_EXPECT_BACKEND (set by CI) is what actually loaded', () => {
  const expected = process.env.ECELOG_EXPECT_BACKEND; // e.g. "native:gyp", "native:cmake", "js"
  if (expected === undefined) return;
  const [kind, build] = expected.split(':');
  expect(backend).toBe(kind);
  if (build !== undefined) expect(nativeInfo?.buildSystem).toBe(build);
});

test('ECELOG_FORCE_JS=1 forces the TS fallback, in require and import alike', () => {
  const run = (code: string, env: NodeJS.ProcessEnv) =>
    execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, env: { ...process.env, ...env } })
      .toString()
      .trim();
  const probe = `import { createRequire } from 'node:module';
    const m = await import('./dist/index.mjs'); const c = createRequire(import.meta.url)('./dist/index.js');
    console.log(m.backend + ' ' + c.backend + ' ' + (m.parse === c.parse));`;
  expect(run(probe, { ECELOG_FORCE_JS: '1' })).toBe('js js true');
  // Without it, the addon loads wherever it was built (CI says it must).
  const normal = run(probe, { ECELOG_FORCE_JS: '' });
  expect(['native native true', 'js js true']).toContain(normal);
  if (process.env.ECELOG_EXPECT_BACKEND?.startsWith('native') || scanners.native) expect(normal).toBe('native native true');
});
