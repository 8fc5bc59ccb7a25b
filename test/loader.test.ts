import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { backend, nativeInfo, scan, scanners } from '../src/index';

const ROOT = join(__dirname, '..');

test('the exported backend matches the scanner in use', () => {
  expect(scan).toBe(backend === 'native' ? scanners.native : scanners.js);
  expect(nativeInfo === null).toBe(backend === 'js');
  if (nativeInfo) expect(['sse2', 'neon', 'scalar']).toContain(nativeInfo.simd);
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
