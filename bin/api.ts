/**
 * The API alone, for production and docker-compose: TEMPORAL_ADDRESS and DATABASE_URL point at real
 * servers; run as many copies as needed behind a load balancer (it holds no state).
 */

import { Client } from '@temporalio/client';
import { findConflicts } from '../activities/find-conflicts.js';
import { documentCentreSettings, readEnvironment } from '../config/env.js';
import { connectDatabase } from '../db/client.js';
import { createHttpApp } from '../server/create-http-app.js';
import { codecEndpointFrom } from '../system/codec-endpoint.js';
import { serveHttp } from '../system/http-server.js';
import { createLogger } from '../system/logger.js';
import { lookupHashKeyFor } from '../system/lookup-hash-key.js';
import { objectStoreFrom } from '../system/object-store.js';
import { outboundPolicyFrom } from '../system/outbound-policy.js';
import { encryptingDataConverter, payloadKeysFor } from '../system/payload-keys.js';
import { requireSetting } from '../system/require-setting.js';
import { ensureAdmin } from '../system/seed.js';
import { relaySmsOutboxEvery } from '../system/sms-gateway.js';
import { connectTemporalForApi } from '../system/temporal-client.js';
import { tokenSecretFor } from '../system/token-secret.js';

const env = readEnvironment();
const logger = createLogger(env.LOG_LEVEL);
const payloadKeys = await payloadKeysFor(env, { embedded: false });
const dataConverter = encryptingDataConverter(payloadKeys);
const codecEndpoint = codecEndpointFrom(env, payloadKeys);
const database = connectDatabase(requireSetting(env, 'DATABASE_URL'));
if (env.FEISUTONG_ADMIN_USERNAME && env.FEISUTONG_ADMIN_PASSWORD) {
  await ensureAdmin(database.db, env.FEISUTONG_ADMIN_USERNAME, env.FEISUTONG_ADMIN_PASSWORD);
}
const connection = await connectTemporalForApi(requireSetting(env, 'TEMPORAL_ADDRESS'));
const objectStore = await objectStoreFrom(env, database.sql);
const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter });
// With an SMS provider, the outbox goes out as signed deliveries the workers make (README: SMS payload).
const stopSmsRelay = env.SMS_PROVIDER_URL
  ? relaySmsOutboxEvery({ db: database.db, temporal, taskQueue: env.TEMPORAL_TASK_QUEUE, logger })
  : () => {};
const app = createHttpApp({
  conflictCheck: (input) => findConflicts(database.db, input),
  database,
  temporal,
  logger,
  objectStore,
  codecEndpoint,
  settings: {
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    caseNumberPrefix: env.CASE_NUMBER_PREFIX,
    tokenSecret: tokenSecretFor(env.AUTH_TOKEN_SECRET, logger, false),
    tokenTtlSeconds: env.AUTH_TOKEN_TTL_SECONDS,
    lookupHashKey: await lookupHashKeyFor(env, { embedded: false }),
    callbackSigningKey: env.CALLBACK_SIGNING_KEY,
    trustedProxies: env.TRUSTED_PROXIES,
    outbound: outboundPolicyFrom(env, { embedded: false }),
    attachmentMaxBytes: env.ATTACHMENT_MAX_BYTES,
    documentCentre: documentCentreSettings(env),
    settleRequiresSignedAgreement: env.SETTLE_REQUIRES_SIGNED_AGREEMENT === 'true',
  },
});
const server = await serveHttp(app, env.HOST, env.PORT);
logger.info({ url: server.url }, 'API listening');
if (codecEndpoint)
  logger.info({ url: `${server.url}/codec` }, 'codec endpoint for the Temporal UI (admins only)');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    stopSmsRelay();
    await server.close();
    objectStore.close();
    await connection.close();
    await database.close();
    process.exit(0);
  });
}
