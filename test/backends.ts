import { nativeFlavours, scanners } from '../src/core/backend';
import type { ScanFunction } from '../src/core/scan-contract';
import type { Backend } from '../src/index';

/**
 * The backends every parser test runs on: always the TS scanner, and the native one wherever the
 * addon loaded. CI sets ECELOG_EXPECT_BACKEND so that a build that silently failed to load is a
 * failure, not a quietly smaller test matrix (see test/loader.test.ts).
 */
export const BACKENDS: Array<Backend> = scanners.native ? ['native', 'js'] : ['js'];

/**
 * The scanners the contract and differential tests run on: every native flavour this CPU runs
 * (`native:avx512`, `native:avx2`, `native:sse2`, ...) and the TS scanner.
 */
export const SCANNERS: Array<[name: string, scan: ScanFunction]> = [
  ...Object.entries(nativeFlavours).map(([name, scan]): [string, ScanFunction] => [`native:${name}`, scan]),
  ['js', scanners.js],
];
