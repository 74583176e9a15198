import { defineConfig } from 'vitest/config';

/**
 * Unit, integration and browser (test/e2e, real Chromium) tests. The JSON report feeds the
 * closing `N passed, N failed` line that .ci/run prints.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
