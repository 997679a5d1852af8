import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { readEnvironment } from '../../config/env.js';
import { resolveTemporalCli, toExecutable } from '../../config/temporal-binaries.js';
import { withDatabaseName } from '../../db/database-url.js';
import { startEmbeddedPostgres } from '../../db/embedded-postgres.js';
import { migrateDatabase } from '../../db/migrate.js';
import { bundleWorkflows } from '../../system/worker.js';
import { freePort } from '../helpers/ports.js';
import { makeTempDir } from '../helpers/temp-dir.js';

export const templateDatabase = 'feisutong_template';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    templateDatabase: string;
    temporalAddress: string;
    workflowBundlePath: string;
  }
}

/**
 * One real PostgreSQL (embedded binaries) with a migrated template database, one real Temporal dev
 * server and one workflow bundle for the whole run. Test files each clone the template and use their
 * own task queue, so they run in parallel without seeing each other.
 */
export default async function setup(project: TestProject) {
  const env = readEnvironment();
  const folder = await makeTempDir('test');

  const [pg, temporal, bundle] = await Promise.all([
    freePort().then((port) => startEmbeddedPostgres({ dataDir: join(folder.path, 'postgres'), port })),
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: toExecutable(resolveTemporalCli({ ...env, PATH: process.env.PATH })),
        ip: '127.0.0.1',
        log: { format: 'pretty', level: 'error' },
      },
    }),
    bundleWorkflows(),
  ]);

  const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${templateDatabase}`);
  await admin.end();
  await migrateDatabase(withDatabaseName(pg.url, templateDatabase));

  const workflowBundlePath = join(folder.path, 'workflow-bundle.js');
  await writeFile(workflowBundlePath, bundle.code);

  project.provide('databaseUrl', pg.url);
  project.provide('templateDatabase', templateDatabase);
  project.provide('temporalAddress', temporal.address);
  project.provide('workflowBundlePath', workflowBundlePath);

  return async () => {
    await temporal.teardown();
    await pg.stop();
    await folder.remove();
  };
}
