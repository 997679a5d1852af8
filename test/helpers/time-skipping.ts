import { TestWorkflowEnvironment } from '@temporalio/testing';
import { readEnvironment } from '../../config/env.js';
import { resolveTestServer, toExecutable } from '../../config/temporal-binaries.js';

/** Temporal's time-skipping test server, from the cache `npm run setup` filled (no download). */
export function createTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const env = readEnvironment();
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: toExecutable(resolveTestServer(env)) },
  });
}
