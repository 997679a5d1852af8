import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Logger } from 'pino';
import { findConflicts } from '../activities/find-conflicts.js';
import { documentCentreSettings, type Environment } from '../config/env.js';
import { connectDatabase } from '../db/client.js';
import { resolveDatabaseUrl } from '../db/database-url.js';
import { migrateDatabase } from '../db/migrate.js';
import type { AppDependencies } from '../http/dependencies.js';
import { fillMissingLookupDigests } from '../use-cases/cases/fill-lookup-digests.js';
import { checkPorts } from './check-ports.js';
import { codecEndpointFrom } from './codec-endpoint.js';
import { narrowSqliteFiles, prepareDataFolder, withPrivateUmask } from './data-folder.js';
import { recordCredentials } from './first-start-credentials.js';
import { type FetchHandler, serveHttp } from './http-server.js';
import { keptSecret } from './kept-secret.js';
import { lookupHashKeyFor } from './lookup-hash-key.js';
import { objectStoreFrom } from './object-store.js';
import { outboundPolicyFrom } from './outbound-policy.js';
import { encryptingDataConverter, payloadKeysFor } from './payload-keys.js';
import { checkDatabase, checkTemporal, claimDevServer } from './preflight.js';
import { type CreatedCredential, ensureAdmin, randomPassword, seedDemoCentre } from './seed.js';
import { printSmsOutbox } from './sms-console.js';
import { relaySmsOutboxEvery, smsProviderFrom } from './sms-gateway.js';
import { StartupError, StartupInterrupted } from './startup-error.js';
import { connectTemporalForApi } from './temporal-client.js';
import { type RunningDevServer, startTemporalDevServer } from './temporal-dev-server.js';
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
  /** Aborted by Ctrl-C or SIGTERM during the start: what was started so far is stopped. */
  signal?: AbortSignal,
): Promise<RunningSystem> {
  const stack: (() => Promise<void>)[] = [];
  const stop = async () => {
    while (stack.length > 0) {
      const step = stack.pop()!;
      await step().catch((error: unknown) => logger.error({ err: error }, 'error during shutdown'));
    }
  };
  const checkpoint = () => {
    if (signal?.aborted) throw new StartupInterrupted(String(signal.reason ?? 'a signal'));
  };
  try {
    await prepareDataFolder(env.FEISUTONG_DATA_DIR);
    // Before anything starts: the ports are free and the servers we were given answer.
    await checkPorts(env);
    if (env.TEMPORAL_ADDRESS) await checkTemporal(env.TEMPORAL_ADDRESS, env.TEMPORAL_NAMESPACE);
    if (env.DATABASE_URL) await checkDatabase(env.DATABASE_URL, 'given');
    const payloadKeys = await payloadKeysFor(env, { embedded: true });
    const dataConverter = encryptingDataConverter(payloadKeys);
    const codecEndpoint = codecEndpointFrom(env, payloadKeys);
    checkpoint();

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
          serverLogLevel: env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace' ? 'error' : 'never',
        }),
      );
      await narrowSqliteFiles(dbFilename);
      stack.push(() => devServer!.stop());
      temporalAddress = devServer.address;
      await claimDevServer(temporalAddress, env.TEMPORAL_NAMESPACE, env.FEISUTONG_DATA_DIR);
    }
    checkpoint();

    logger.info('starting the database');
    const database = await resolveDatabaseUrl(env);
    stack.push(() => database.stop());
    checkpoint();
    await migrateDatabase(database.url);
    const connection = connectDatabase(database.url);
    stack.push(() => connection.close());
    // The worker gets its own pool: a burst of API requests never starves the activities that answer them.
    const workerConnection = connectDatabase(database.url);
    stack.push(() => workerConnection.close());

    // Every password made up here is in the credentials file before the account it opens exists.
    const credentials: CreatedCredential[] = [];
    const adminUsername = env.FEISUTONG_ADMIN_USERNAME ?? 'admin';
    const adminPassword = env.FEISUTONG_ADMIN_PASSWORD ?? randomPassword();
    const admin: CreatedCredential = { what: '系统管理员', username: adminUsername, secret: adminPassword };
    const keepAdmin = async () => {
      if (!env.FEISUTONG_ADMIN_PASSWORD) await recordCredentials(env.FEISUTONG_DATA_DIR, [admin]);
    };
    if (await ensureAdmin(connection.db, adminUsername, adminPassword, keepAdmin)) {
      if (!env.FEISUTONG_ADMIN_PASSWORD) credentials.push(admin);
      logger.info({ username: adminUsername }, 'admin account created');
    }
    if (env.FEISUTONG_DEMO_SEED === 'true') {
      const keepSeed = async (created: CreatedCredential[]) => {
        await recordCredentials(env.FEISUTONG_DATA_DIR, created);
      };
      credentials.push(...(await seedDemoCentre(connection.db, keepSeed)));
    }

    const {
      secret: callbackSigningKey,
      origin: keyOrigin,
      file: keyFile,
    } = await keptSecret(env.FEISUTONG_DATA_DIR, 'callback-signing-key', env.CALLBACK_SIGNING_KEY);
    if (keyOrigin !== 'environment')
      logger.info(
        { file: keyFile },
        'CALLBACK_SIGNING_KEY is not set: using the key kept in the data folder',
      );
    const lookupHashKey = await lookupHashKeyFor(env, { embedded: true });
    // Parties from before the look-up index (or from a worker without the key) get their digests now.
    const digestsAdded = await fillMissingLookupDigests(connection.db, lookupHashKey);
    if (digestsAdded > 0) logger.info({ digestsAdded }, 'look-up index filled in');
    const smsProvider = await smsProviderFrom(env);
    checkpoint();
    const nativeConnection = await NativeConnection.connect({ address: temporalAddress });
    stack.push(() => nativeConnection.close());
    const worker: Worker = await createCaseWorker({
      connection: nativeConnection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      db: workerConnection.db,
      dataConverter,
      lookupHashKey,
      deliveries: { ...deliverySettingsFrom(env, { embedded: true }), callbackSigningKey, sms: smsProvider },
      maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
      ...(env.WORKFLOW_BUNDLE_PATH ? { workflowBundle: { codePath: env.WORKFLOW_BUNDLE_PATH } } : {}),
    });
    const running = worker.run();
    stack.push(async () => {
      worker.shutdown();
      await running;
    });

    checkpoint();
    const clientConnection = await connectTemporalForApi(temporalAddress);
    stack.push(() => clientConnection.close());
    const temporal = new Client({
      connection: clientConnection,
      namespace: env.TEMPORAL_NAMESPACE,
      dataConverter,
    });

    const {
      secret: tokenSecret,
      origin: secretOrigin,
      file: secretFile,
    } = await keptSecret(env.FEISUTONG_DATA_DIR, 'auth-token-secret', env.AUTH_TOKEN_SECRET);
    if (secretOrigin !== 'environment')
      logger.info(
        { file: secretFile },
        'AUTH_TOKEN_SECRET is not set: using the secret kept in the data folder',
      );
    const objectStore = await objectStoreFrom(env, connection.sql);
    stack.push(async () => objectStore.close());
    logger.info({ objectStore: objectStore.kind }, 'object store');
    const app = createHttpApp({
      conflictCheck: (input) => findConflicts(connection.db, input),
      database: connection,
      temporal,
      logger,
      objectStore,
      codecEndpoint,
      settings: {
        taskQueue: env.TEMPORAL_TASK_QUEUE,
        caseNumberPrefix: env.CASE_NUMBER_PREFIX,
        tokenSecret,
        tokenTtlSeconds: env.AUTH_TOKEN_TTL_SECONDS,
        lookupHashKey,
        callbackSigningKey,
        trustedProxies: env.TRUSTED_PROXIES,
        outbound: outboundPolicyFrom(env, { embedded: true }),
        attachmentMaxBytes: env.ATTACHMENT_MAX_BYTES,
        documentCentre: documentCentreSettings(env),
        settleRequiresSignedAgreement: env.SETTLE_REQUIRES_SIGNED_AGREEMENT === 'true',
      },
    });
    checkpoint();
    const server = await serveHttp(app, env.HOST, env.PORT).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') throw error;
      throw new StartupError(`port ${env.PORT} is in use (PORT); set PORT to a free port`, { cause: error });
    });
    stack.push(() => server.close());
    // The SMS provider when one is configured (signed deliveries), otherwise the console.
    const stopSms = smsProvider
      ? relaySmsOutboxEvery({ db: connection.db, temporal, taskQueue: env.TEMPORAL_TASK_QUEUE, logger })
      : printSmsOutbox(connection.db, (line) => console.log(line));
    stack.push(async () => stopSms());
    checkpoint();
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
