/**
 * The case worker alone, for production and docker-compose: polls TEMPORAL_TASK_QUEUE on
 * TEMPORAL_ADDRESS and writes the read model to DATABASE_URL. Scale by running more copies.
 */
import { NativeConnection } from '@temporalio/worker';
import { readEnvironment } from '../config/env.js';
import { connectDatabase } from '../db/client.js';
import { createLogger } from '../system/logger.js';
import { lookupHashKeyFor } from '../system/lookup-hash-key.js';
import { encryptingDataConverter, payloadKeysFor } from '../system/payload-keys.js';
import { requireSetting } from '../system/require-setting.js';
import { smsProviderFrom } from '../system/sms-gateway.js';
import { createCaseWorker, deliverySettingsFrom } from '../system/worker.js';

const env = readEnvironment();
const logger = createLogger(env.LOG_LEVEL);
const dataConverter = encryptingDataConverter(await payloadKeysFor(env, { embedded: false }));
const database = connectDatabase(requireSetting(env, 'DATABASE_URL'));
const connection = await NativeConnection.connect({ address: requireSetting(env, 'TEMPORAL_ADDRESS') });
const worker = await createCaseWorker({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue: env.TEMPORAL_TASK_QUEUE,
  db: database.db,
  dataConverter,
  lookupHashKey: await lookupHashKeyFor(env, { embedded: false }),
  deliveries: { ...deliverySettingsFrom(env), sms: await smsProviderFrom(env) },
  maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
  ...(env.WORKFLOW_BUNDLE_PATH ? { workflowBundle: { codePath: env.WORKFLOW_BUNDLE_PATH } } : {}),
});
logger.info({ taskQueue: env.TEMPORAL_TASK_QUEUE }, 'worker running');
// The SDK shuts the worker down gracefully on SIGINT/SIGTERM; run() resolves once it has drained.
await worker.run();
await connection.close();
await database.close();
