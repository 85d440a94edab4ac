import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests (shared, core, server modules, renderer logic) and
// integration tests that start real servers on real PostgreSQL and PGlite.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
          environment: 'node',
          allowOnly: !process.env.CI,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          allowOnly: !process.env.CI,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Integration files each create their own database; run them one at a time so a
          // 2-core machine is not oversubscribed.
          fileParallelism: false,
        },
      },
      {
        // Fault injection for sync: proxies, kill -9, clock skew, property test.
        test: {
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          environment: 'node',
          allowOnly: !process.env.CI,
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
