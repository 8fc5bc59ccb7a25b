import { join } from 'node:path';
import type { ScanFunction } from './scanner/contract';
import { scan as jsScan } from './scanner/js';

/** What the native addon exports (native/binding.cc). */
interface NativeAddon {
  scan: ScanFunction;
  simd: string;
  buildSystem: string;
}

function loadNative(): NativeAddon | null {
  if (process.env.ECELOG_FORCE_JS === '1') return null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = require('node-gyp-build') as (dir: string) => NativeAddon;
    return load(join(__dirname, '..'));
  } catch {
    return null;
  }
}

const native = loadNative();

/** Which scanner this process uses: `'native'` (the SIMD addon) or `'js'` (the TypeScript fallback). */
export const backend: 'native' | 'js' = native ? 'native' : 'js';
/** Details of the loaded addon (`null` on the TS backend): its SIMD flavour and the build that made it. */
export const nativeInfo: { simd: string; buildSystem: string } | null = native
  ? { simd: native.simd, buildSystem: native.buildSystem }
  : null;
/** The scanner in use (see ./scanner/contract.ts). */
export const scan: ScanFunction = native ? native.scan : jsScan;
/** Both scanners, for differential tests and benchmarks; `native` is null where the addon did not load. */
export const scanners: { native: ScanFunction | null; js: ScanFunction } = {
  native: native ? native.scan : null,
  js: jsScan,
};
