import { join } from 'node:path';
import type { ScanFunction } from './scan-contract';
import { scan as jsScan } from './js-scanner';

/** What the native addon exports (native/binding.cc). */
interface NativeAddon {
  /** The best flavour this CPU runs. */
  scan: ScanFunction;
  /** Its name: 'avx512' | 'avx2' | 'sse2' | 'neon' | 'scalar'. */
  simd: string;
  /** Every flavour this build and CPU run, by name (the same contract, the same results). */
  flavours: Record<string, ScanFunction>;
  buildSystem: string;
  /** A file's bytes at offset 0 under libjlog's fcntl lock (native/file_lock.h): bytes read or -errno. */
  lockedRead?: (path: string, out: Uint8Array) => number;
  /** `data` written at offset 0 of an existing file under the same lock: 0 or -errno. */
  lockedWrite?: (path: string, data: Uint8Array, sync: boolean) => number;
}

function loadNative(): NativeAddon | null {
  if (process.env.ECELOG_FORCE_JS === '1') return null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = require('node-gyp-build') as (dir: string) => NativeAddon;
    return load(join(__dirname, '..', '..')); // the package root, from src/core or dist/core
  } catch {
    return null;
  }
}

/** The flavour named by ECELOG_SIMD when this CPU has it; otherwise (with a warning) the best one. */
function chooseFlavour(addon: NativeAddon): string {
  const wanted = process.env.ECELOG_SIMD;
  if (!wanted || wanted === addon.simd) return addon.simd;
  if (Object.hasOwn(addon.flavours, wanted)) return wanted;
  process.emitWarning(
    `ECELOG_SIMD=${wanted} is not available here (available: ${Object.keys(addon.flavours).join(', ')}); using ${addon.simd}`,
  );
  return addon.simd;
}

const native = loadNative();
const flavour = native ? chooseFlavour(native) : null;

/** A scanner: `'native'` (the SIMD addon) or `'js'` (the TypeScript fallback). */
export type Backend = 'native' | 'js';

/** Which scanner this process uses: `'native'` (the SIMD addon) or `'js'` (the TypeScript fallback). */
export const backend: Backend = native ? 'native' : 'js';
/**
 * Details of the loaded addon (`null` on the TS backend): the SIMD flavour in use (the best one this
 * CPU runs, or the one ECELOG_SIMD names), every flavour available, and the build that made it.
 */
export const nativeInfo: { simd: string; flavours: string[]; buildSystem: string } | null =
  native && flavour ? { simd: flavour, flavours: Object.keys(native.flavours), buildSystem: native.buildSystem } : null;
/** The scanner in use (see ./scan-contract.ts). */
export const scan: ScanFunction = native && flavour ? native.flavours[flavour]! : jsScan;
/** Both scanners, for differential tests and benchmarks; `native` is null where the addon did not load. */
export const scanners: { native: ScanFunction | null; js: ScanFunction } = {
  native: native ? scan : null,
  js: jsScan,
};
/**
 * The loaded addon (null on the TS backend, `ECELOG_FORCE_JS=1` included), for the other core
 * modules that use its functions (./file-lock.ts), so the addon is loaded once. Not package API.
 */
export const nativeAddon: Readonly<NativeAddon> | null = native;
/** Every native flavour by name (empty on the TS backend), for differential tests and benchmarks. */
export const nativeFlavours: Readonly<Record<string, ScanFunction>> = Object.freeze({ ...native?.flavours });
