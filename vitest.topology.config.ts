import { defineConfig } from 'vitest/config';

/**
 * `npm run test:topology`: the production topology (Temporal server on PostgreSQL with 8 history shards,
 * two workers, two API copies) — slow, and it needs the server built (`npm run setup -- --production-server`).
 */
export default defineConfig({
  test: {
    include: ['test/topology/**/*.test.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    setupFiles: ['test/setup/quiet-temporal.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
    reporters: ['default'],
  },
});
