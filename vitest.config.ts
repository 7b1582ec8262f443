import { defineConfig } from 'vitest/config';

// One vitest run covers every workspace package; integration suites read
// TEST_DATABASE_URL / TEST_REDIS_URL and skip the real-service cases without them.
export default defineConfig({
  test: {
    include: ['apps/*/test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
