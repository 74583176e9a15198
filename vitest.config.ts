import { defineConfig } from 'vitest/config';

/**
 * Two projects, one run. `sqlite`: every unit, integration and browser (test/e2e, real
 * Chromium) test on the embedded store. `postgres`: the store contract and the integration
 * suite again, on a throwaway PostgreSQL server that test/support/postgres-global-setup.ts
 * starts (or ACS_TEST_DATABASE_URL names), so both adapters keep the same behaviour. Tests that
 * read the SQLite file itself, or start the real process on SQLite, stay in `sqlite`; the
 * multi-instance PostgreSQL process tests live in the postgres project. The JSON report feeds
 * the closing `N passed, N failed` line that .ci/run prints.
 */
const postgresOnly = ['test/unit/store/postgres-store.test.ts', 'test/integration/postgres-*.test.ts'];
const notOnPostgres = [
  // They read the SQLite database file and its WAL.
  'test/integration/no-pan-at-rest.test.ts',
  'test/integration/hostile-pan-at-rest.test.ts',
  // The real process on the default store, and the long generated-input run: once is enough.
  'test/integration/process.test.ts',
  'test/integration/https-process.test.ts',
  'test/integration/fuzz.test.ts',
];

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/**/*.test.ts'],
          exclude: postgresOnly,
          env: { ACS_TEST_STORE: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/integration/**/*.test.ts', 'test/unit/store/postgres-store.test.ts'],
          exclude: notOnPostgres,
          env: { ACS_TEST_STORE: 'postgres' },
          globalSetup: ['test/support/postgres-global-setup.ts'],
        },
      },
    ],
  },
});
