import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The production topology runs on its own (npm run test:topology; vitest.topology.config.ts).
    exclude: ['test/topology/**', '**/node_modules/**'],
    globalSetup: ['test/setup/global-setup.ts'],
    setupFiles: ['test/setup/quiet-temporal.ts'],
    // Each file gets its own database and task queue, so files run in parallel safely.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    reporters: ['default'],
  },
});
