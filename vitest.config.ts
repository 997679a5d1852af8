import { defineConfig } from 'vitest/config';

/** Tests that stop servers, start `npm start`, drive a browser or read a whole year's ledger. */
const slow = [
  'test/faults/**/*.test.ts',
  'test/e2e/npm-start.test.ts',
  'test/e2e/npm-start-failures.test.ts',
  'test/e2e/restart-keeps-secrets.test.ts',
  'test/e2e/dev-server-identity.test.ts',
  'test/e2e/dashboard-browser.test.ts',
  'test/e2e/annual-table-browser.test.ts',
  'test/e2e/workbench-browser.test.ts',
  'test/e2e/document-agreement-rendering.test.ts',
  'test/e2e/public-channel-browser.test.ts',
  'test/e2e/booking-browser.test.ts',
  'test/e2e/grid-worker-browser.test.ts',
  'test/integration/**/*.test.ts',
];

/** What every project that talks to real servers shares: the run's PostgreSQL, Temporal and bundle. */
const withServers = {
  globalSetup: ['test/setup/global-setup.ts'],
  setupFiles: ['test/setup/quiet-temporal.ts'],
  // Each file gets its own database and task queue, so files run in parallel safely.
  pool: 'forks' as const,
  hookTimeout: 180_000,
  teardownTimeout: 60_000,
};

/**
 * Four projects: `unit` (pure code, no servers, 15 s per test), `workflow` (Temporal's time-skipping
 * server), `e2e` (the API over HTTP against real PostgreSQL and Temporal) and `slow` (faults, `npm
 * start`, the browser). `npm test` runs all; `npm run test:<project>` runs one. The production
 * topology has a config of its own (vitest.topology.config.ts, `npm run test:topology`): it needs the
 * Temporal server built first.
 */
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: 'workflow',
          include: ['test/workflow/**/*.test.ts'],
          // A skip across a month of reminders is a workflow task and an activity per reminder: on a
          // machine whose cores are all taken that alone has been seen to need 80–150 s.
          testTimeout: 180_000,
          ...withServers,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'test/security/**/*.test.ts'],
          exclude: slow,
          testTimeout: 60_000,
          ...withServers,
        },
      },
      {
        test: {
          name: 'slow',
          include: slow,
          testTimeout: 180_000,
          ...withServers,
        },
      },
    ],
  },
});
