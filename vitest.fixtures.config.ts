import { defineConfig } from 'vitest/config';

/**
 * `npm run fixtures:record`: run representative cases on the time-skipping server and save their
 * histories under test/fixtures/histories, for the replay test. Run it when a new workflow path needs
 * a fixture; never to "fix" a failing replay (that is what patched() is for).
 */
export default defineConfig({
  test: {
    include: ['test/fixture-recording/*.record.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    setupFiles: ['test/setup/quiet-temporal.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
