import { randomBytes } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { claimDevServer } from '../../system/preflight.js';
import { StartupError } from '../../system/startup-error.js';
import { makeTempDir } from '../helpers/temp-dir.js';

/**
 * Issue 19, item 13: `npm start` must not attach to a dev server that another data folder started
 * (its worker would run the other instance's activities against its own database). The dev server's
 * namespace is marked with the identity of the folder that started it.
 */
describe('the dev server is claimed by the data folder that started it', () => {
  const namespace = `claim-${randomBytes(4).toString('hex')}`;
  let connection: Connection;
  let mine: Awaited<ReturnType<typeof makeTempDir>>;
  let theirs: Awaited<ReturnType<typeof makeTempDir>>;

  beforeAll(async () => {
    connection = await Connection.connect({ address: inject('temporalAddress') });
    await connection.workflowService.registerNamespace({
      namespace,
      // protobufjs takes a plain number where the type says Long.
      workflowExecutionRetentionPeriod: { seconds: (24 * 60 * 60) as never },
    });
    [mine, theirs] = await Promise.all([makeTempDir('mine'), makeTempDir('theirs')]);
  });
  afterAll(async () => {
    await connection?.close();
    await mine?.remove();
    await theirs?.remove();
  });

  it('marks an unmarked server, accepts it again on the next start, and refuses it to another folder', async () => {
    const address = inject('temporalAddress');
    await claimDevServer(address, namespace, mine.path);
    await claimDevServer(address, namespace, mine.path);
    const refused = await claimDevServer(address, namespace, theirs.path).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StartupError);
    expect((refused as Error).message).toBe(
      `the Temporal dev server on ${address} belongs to another feisutong data folder; set TEMPORAL_DEV_PORT (and TEMPORAL_UI_PORT) to free ports`,
    );
    // The mark stays the first folder's.
    await claimDevServer(address, namespace, mine.path);
  });
});
