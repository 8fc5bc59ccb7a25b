import { defineConfig } from 'vitest/config';

// Under CI, each run also writes a JSON report (.ci/run adds the counts up into one closing line).
const ciReport = process.env.ECELOG_CI_REPORT;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    reporters: ciReport ? ['default', ['json', { outputFile: ciReport }]] : ['default'],
  },
});
