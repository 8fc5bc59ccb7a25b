import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Under CI, each run also writes a JSON report (.ci/run adds the counts up into one closing line).
const ciReport = process.env.ECELOG_CI_REPORT;

/**
 * ECELOG_SUITES=parsers runs only the parser suites: every test of the scanner, the loader and the
 * decoders, each on both backends. They prove a native build (the cmake-js one in CI, the arm64
 * one under qemu in scripts/arm64.sh) gives the events the TS backend gives; the CLI, files, jlog
 * and Signals suites above them do not depend on which scanner runs and stay with `npm test`.
 * ECELOG_SUITES=fallback adds one end-to-end suite per layer above them (CLI, stats, follow, jlog,
 * Signals, report): CI runs it with the TS backend forced (ECELOG_FORCE_JS=1).
 */
const PARSER_SUITES = [
  'scanner',
  'differential',
  'loader',
  'file-lock',
  'adaptive',
  'builder',
  'entries',
  'ids',
  'iterators',
  'malformed',
  'parse-options',
  'mainlog',
  'bouncelog',
  'fbllog',
  'rejectlog',
  'paniclog',
  'acctlog',
  'httplog',
  'policylog',
  'importlog',
  'eventlog',
  'msys-api',
  'custom-bouncelog',
  'custom-conf',
  'custom-format',
  'custom-separators',
  'detect',
].map((name) => `test/${name}.test.ts`);
const FALLBACK_SUITES = [
  ...PARSER_SUITES,
  ...['cli', 'cli-output', 'stats-cli', 'follow-live', 'jlog-read', 'signals-golden', 'report'].map((name) => `test/${name}.test.ts`),
];

function include(): string[] {
  const suites = process.env.ECELOG_SUITES;
  if (suites === undefined || suites === '' || suites === 'all') return ['test/**/*.test.ts'];
  const list = suites === 'parsers' ? PARSER_SUITES : suites === 'fallback' ? FALLBACK_SUITES : null;
  if (list === null) throw new Error(`ECELOG_SUITES must be "all", "parsers" or "fallback", not ${suites}`);
  // A renamed suite must not drop out of the list unnoticed.
  const missing = list.filter((file) => !existsSync(new URL(file, import.meta.url)));
  if (missing.length > 0) throw new Error(`vitest.config.mts: no such suite: ${missing.join(', ')}`);
  return list;
}

export default defineConfig({
  test: {
    include: include(),
    // ECELOG_TIMEOUT_SCALE: slower machines (scripts/arm64.sh runs the suites under qemu with 10).
    testTimeout: 60_000 * Number(process.env.ECELOG_TIMEOUT_SCALE || 1),
    pool: 'forks',
    globalSetup: ['test/fast-check-seed.ts'],
    setupFiles: ['test/fast-check-seed.ts'],
    reporters: ciReport ? ['default', ['json', { outputFile: ciReport }]] : ['default'],
  },
});
