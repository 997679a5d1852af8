import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { readEnvironment } from '../../config/env.js';
import { resolveTemporalCli } from '../../config/temporal-binaries.js';
import { withDatabaseName } from '../../db/database-url.js';
import { startEmbeddedPostgres } from '../../db/embedded-postgres.js';
import { migrateDatabase } from '../../db/migrate.js';
import { bundleWorkflows } from '../../system/worker.js';
import { freePort } from '../helpers/ports.js';
import { startTemporalDevServerProcess } from '../helpers/processes.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { startProductionTopology } from '../topology/production-topology.js';

export const templateDatabase = 'feisutong_template';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    templateDatabase: string;
    temporalAddress: string;
    workflowBundlePath: string;
  }
}

/** The Temporal CLI `npm run setup` (the `pretest` script) put in the cache or on PATH. */
function temporalCli(env: ReturnType<typeof readEnvironment>): string {
  const cli = resolveTemporalCli({ ...env, PATH: process.env.PATH });
  if (!cli.path) throw new Error('The Temporal CLI is missing: run npm run setup (npm test does it first).');
  return cli.path;
}

interface RunServers {
  databaseUrl: string;
  temporalAddress: string;
  workflowBundlePath: string;
  stop(): Promise<void>;
}

/**
 * The servers are started once per run and shared by every project that asks for them (workflow,
 * e2e, slow); the last project to finish stops them. Kept on globalThis because each project loads
 * this module on its own.
 */
const shared = globalThis as typeof globalThis & {
  feisutongServers?: { started: Promise<RunServers>; users: number };
};

/**
 * The run's Temporal server: the CLI's dev server (SQLite), or with `FEISUTONG_TEST_TEMPORAL=production`
 * (`npm run test:e2e:production-server`) the production server on PostgreSQL with 8 history shards, as
 * the topology harness runs it (its own PostgreSQL; no workers or API copies: each test file starts its
 * own worker, as on the dev server).
 */
async function startTemporal(
  env: ReturnType<typeof readEnvironment>,
  folder: string,
  workflowBundlePath: string,
): Promise<{ address: string; stop(): Promise<unknown> }> {
  if (process.env.FEISUTONG_TEST_TEMPORAL === 'production') {
    const topology = await startProductionTopology({
      folder: join(folder, 'topology'),
      workers: 0,
      apis: 0,
      workflowBundlePath,
    });
    process.stderr.write(
      `[global setup] Temporal: the production server on PostgreSQL, 8 history shards, at ${topology.temporalAddress}\n`,
    );
    return { address: topology.temporalAddress, stop: () => topology.stop() };
  }
  // Started as a process of our own, not through the SDK's createLocal, whose start allows 5 s: a
  // loaded laptop misses that and the whole run fails before its first test.
  const port = await freePort();
  const server = await startTemporalDevServerProcess({
    cli: temporalCli(env),
    port,
    dbFilename: join(folder, 'temporal.sqlite'),
  });
  return { address: `127.0.0.1:${port}`, stop: () => server.stop() };
}

/**
 * One real PostgreSQL (embedded binaries) with a migrated template database, one real Temporal dev
 * server and one workflow bundle for the whole run. Test files each clone the template and use their
 * own task queue, so they run in parallel without seeing each other.
 */
async function startServers(): Promise<RunServers> {
  const env = readEnvironment();
  const folder = await makeTempDir('test');

  const workflowBundlePath = join(folder.path, 'workflow-bundle.js');
  const [pg, temporal, bundle] = await Promise.all([
    freePort().then((port) => startEmbeddedPostgres({ dataDir: join(folder.path, 'postgres'), port })),
    startTemporal(env, folder.path, workflowBundlePath),
    bundleWorkflows(),
  ]);

  const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${templateDatabase}`);
  await admin.end();
  await migrateDatabase(withDatabaseName(pg.url, templateDatabase));

  await writeFile(workflowBundlePath, bundle.code);

  return {
    databaseUrl: pg.url,
    temporalAddress: temporal.address,
    workflowBundlePath,
    async stop() {
      await temporal.stop();
      await pg.stop();
      await folder.remove();
    },
  };
}

export default async function setup(project: TestProject) {
  shared.feisutongServers ??= { started: startServers(), users: 0 };
  const servers = shared.feisutongServers;
  servers.users += 1;
  const running = await servers.started;

  project.provide('databaseUrl', running.databaseUrl);
  project.provide('templateDatabase', templateDatabase);
  project.provide('temporalAddress', running.temporalAddress);
  project.provide('workflowBundlePath', running.workflowBundlePath);

  return async () => {
    servers.users -= 1;
    if (servers.users > 0) return;
    shared.feisutongServers = undefined;
    await running.stop();
  };
}
