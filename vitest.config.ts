import { defineConfig } from 'vitest/config';

// One vitest run covers every workspace package. Integration suites read TEST_DATABASE_URL /
// TEST_REDIS_URL and run their real-Postgres and Redis cases only when those are set.
// Under CI a JSON report is written too, so .ci/run can print the totals.
export default defineConfig({
  test: {
    include: ['apps/*/test/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'infra/test/**/*.test.ts', 'apps/web/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-report.json' }]] : ['default'],
  },
});
