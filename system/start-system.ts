import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { Environment } from '../config/env.js';
import { connectDatabase } from '../db/client.js';
import { resolveDatabaseUrl } from '../db/database-url.js';
import { migrateDatabase } from '../db/migrate.js';
import type { AppDependencies } from '../http/dependencies.js';
import { narrowSqliteFiles, prepareDataFolder, withPrivateUmask } from './data-folder.js';
import { type FetchHandler, serveHttp } from './http-server.js';
import { outboundPolicyFrom } from './outbound-policy.js';
import { encryptingDataConverter, payloadKeysFor } from './payload-keys.js';
import { type CreatedCredential, ensureAdmin, randomPassword, seedDemoCentre } from './seed.js';
import { connectTemporalForApi } from './temporal-client.js';
import { type RunningDevServer, startTemporalDevServer } from './temporal-dev-server.js';
import { tokenSecretFor } from './token-secret.js';
import { createCaseWorker, deliverySettingsFrom } from './worker.js';

interface RunningSystem {
  apiUrl: string;
  docsUrl: string;
  temporalAddress: string;
  temporalUiUrl: string | undefined;
  databaseOrigin: 'given' | 'embedded';
  credentials: CreatedCredential[];
  stop(): Promise<void>;
}

/**
 * The whole system in one process: Temporal (a dev server unless TEMPORAL_ADDRESS), PostgreSQL
 * (embedded unless DATABASE_URL), migrations, the worker and the API. Stops in reverse order.
 */
export async function startSystem(
  env: Environment,
  logger: Logger,
  /** The HTTP side (the API and the pages): the entry point composes it, the system serves it. */
  createHttpApp: (deps: AppDependencies) => FetchHandler,
): Promise<RunningSystem> {
  const stack: (() => Promise<void>)[] = [];
  const stop = async () => {
    while (stack.length > 0) {
      const step = stack.pop()!;
      await step().catch((error: unknown) => logger.error({ err: error }, 'error during shutdown'));
    }
  };
  try {
    await prepareDataFolder(env.FEISUTONG_DATA_DIR);
    const dataConverter = encryptingDataConverter(await payloadKeysFor(env, { embedded: true }));

    let devServer: RunningDevServer | undefined;
    let temporalAddress = env.TEMPORAL_ADDRESS;
    if (!temporalAddress) {
      logger.info('starting the Temporal dev server');
      const dbFilename = join(env.FEISUTONG_DATA_DIR, 'temporal.sqlite');
      await narrowSqliteFiles(dbFilename);
      devServer = await withPrivateUmask(() =>
        startTemporalDevServer({
          binaries: { ...env, PATH: process.env.PATH },
          namespace: env.TEMPORAL_NAMESPACE,
          port: env.TEMPORAL_DEV_PORT,
          uiPort: env.TEMPORAL_UI_PORT,
          dbFilename,
        }),
      );
      await narrowSqliteFiles(dbFilename);
      stack.push(() => devServer!.stop());
      temporalAddress = devServer.address;
    }

    logger.info('starting the database');
    const database = await resolveDatabaseUrl(env);
    stack.push(() => database.stop());
    await migrateDatabase(database.url);
    const connection = connectDatabase(database.url);
    stack.push(() => connection.close());
    // The worker gets its own pool: a burst of API requests never starves the activities that answer them.
    const workerConnection = connectDatabase(database.url);
    stack.push(() => workerConnection.close());

    const credentials: CreatedCredential[] = [];
    const adminUsername = env.FEISUTONG_ADMIN_USERNAME ?? 'admin';
    const adminPassword = env.FEISUTONG_ADMIN_PASSWORD ?? randomPassword();
    if (await ensureAdmin(connection.db, adminUsername, adminPassword)) {
      if (!env.FEISUTONG_ADMIN_PASSWORD)
        credentials.push({ what: '系统管理员', username: adminUsername, secret: adminPassword });
      logger.info({ username: adminUsername }, 'admin account created');
    }
    if (env.FEISUTONG_DEMO_SEED === 'true') credentials.push(...(await seedDemoCentre(connection.db)));

    const callbackSigningKey = env.CALLBACK_SIGNING_KEY ?? randomBytes(32).toString('base64url');
    if (!env.CALLBACK_SIGNING_KEY)
      logger.warn(
        'CALLBACK_SIGNING_KEY is not set: callbacks are signed with a key that ends with this process',
      );
    const nativeConnection = await NativeConnection.connect({ address: temporalAddress });
    stack.push(() => nativeConnection.close());
    const worker: Worker = await createCaseWorker({
      connection: nativeConnection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      db: workerConnection.db,
      dataConverter,
      deliveries: { ...deliverySettingsFrom(env, { embedded: true }), callbackSigningKey },
      maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
      ...(env.WORKFLOW_BUNDLE_PATH ? { workflowBundle: { codePath: env.WORKFLOW_BUNDLE_PATH } } : {}),
    });
    const running = worker.run();
    stack.push(async () => {
      worker.shutdown();
      await running;
    });

    const clientConnection = await connectTemporalForApi(temporalAddress);
    stack.push(() => clientConnection.close());
    const temporal = new Client({
      connection: clientConnection,
      namespace: env.TEMPORAL_NAMESPACE,
      dataConverter,
    });

    const tokenSecret = tokenSecretFor(env.AUTH_TOKEN_SECRET, logger, true);
    const app = createHttpApp({
      database: connection,
      temporal,
      logger,
      settings: {
        taskQueue: env.TEMPORAL_TASK_QUEUE,
        caseNumberPrefix: env.CASE_NUMBER_PREFIX,
        tokenSecret,
        tokenTtlSeconds: env.AUTH_TOKEN_TTL_SECONDS,
        callbackSigningKey,
        trustedProxies: env.TRUSTED_PROXIES,
        outbound: outboundPolicyFrom(env, { embedded: true }),
      },
    });
    const server = await serveHttp(app, env.HOST, env.PORT);
    stack.push(() => server.close());
    const apiUrl = server.url;
    return {
      apiUrl,
      docsUrl: `${apiUrl}/docs`,
      temporalAddress,
      temporalUiUrl: devServer?.uiUrl,
      databaseOrigin: database.origin,
      credentials,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
