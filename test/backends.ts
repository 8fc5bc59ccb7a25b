import { scanners } from '../src/backend';

/**
 * The backends every parser test runs on: always the TS scanner, and the native one wherever the
 * addon loaded. CI sets ECELOG_EXPECT_BACKEND so that a build that silently failed to load is a
 * failure, not a quietly smaller test matrix (see test/loader.test.ts).
 */
export const BACKENDS: Array<'native' | 'js'> = scanners.native ? ['native', 'js'] : ['js'];
