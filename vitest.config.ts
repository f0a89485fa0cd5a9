import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/build.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      // The floor is today's coverage, enforced where every test runs (CI has PostgreSQL and ../shared/data); a
      // clone without them skips those tests and would fall under it. Raise it when coverage rises; never lower it.
      ...(process.env.CI === 'true' ? { thresholds: { statements: 92.1, branches: 83.5, functions: 94.2, lines: 94 } } : {}),
    },
  },
});
