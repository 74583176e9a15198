import { defineConfig } from 'vitest/config';

/** Unit and integration tests run in parallel forks; browser tests live under test/e2e. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
