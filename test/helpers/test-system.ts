import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import pino, { type Logger } from 'pino';
import { inject } from 'vitest';
import { findConflicts } from '../../activities/find-conflicts.js';
import { documentCentreSettings, readEnvironment } from '../../config/env.js';
import type { CodecEndpoint } from '../../http/dependencies.js';
import type { ObjectStore } from '../../lib/object-store.js';
import { createHttpApp } from '../../server/create-http-app.js';
import { type CaseWorkerOptions, createCaseWorker } from '../../system/worker.js';
import { jsonRequester } from './json-request.js';
import { testLookupHashKey } from './lookup-key.js';
import { testOutboundPolicy } from './outbound.js';
import { testDataConverter } from './payload-keys.js';
import { testTokenSecret } from './staff.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestSystem {
  baseUrl: string;
  database: TestDatabase;
  temporal: Client;
  taskQueue: string;
  /** This system's case-number prefix: unique per test file, as files share one Temporal server. */
  caseNumberPrefix: string;
  /** fetch against the API with an optional bearer credential and JSON body. */
  request(
    method: string,
    path: string,
    options?: { credential?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The API on a real loopback HTTP server and a worker on the run's Temporal dev server, both against a
 * fresh database, on a task queue of their own.
 */
export { testLookupHashKey };
export const testCallbackSigningKey = 'test-callback-signing-key-0123456789abcdef';

export async function startTestSystem(
  options: Pick<CaseWorkerOptions, 'wrapActivities' | 'deliveries'> & {
    /** The API's logger (silent unless given), e.g. one writing to a buffer a test scans. */
    logger?: Logger;
    /** Where files are kept; the embedded default (PostgreSQL) unless given, e.g. S3 on versitygw. */
    objectStore?: ObjectStore;
    attachmentMaxBytes?: number;
    /** SETTLE_REQUIRES_SIGNED_AGREEMENT: a written settlement needs the agreement's signed scan first. */
    settleRequiresSignedAgreement?: boolean;
    /** Reverse proxies whose X-Forwarded-For names the client: a load test's many clients on loopback. */
    trustedProxies?: readonly string[];
    /** The Temporal UI's codec endpoint (CODEC_ENDPOINT=on); off unless given. */
    codecEndpoint?: CodecEndpoint;
  } = {},
): Promise<TestSystem> {
  const {
    logger = pino({ level: 'silent' }),
    objectStore,
    attachmentMaxBytes,
    trustedProxies,
    settleRequiresSignedAgreement,
    codecEndpoint,
    ...workerOptions
  } = options;
  const database = await createTestDatabase();
  const taskQueue = `test-${randomBytes(6).toString('hex')}`;
  const caseNumberPrefix = `T${randomBytes(4).toString('hex').toUpperCase()}`;
  const address = inject('temporalAddress');

  const nativeConnection = await NativeConnection.connect({ address });
  const worker: Worker = await createCaseWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    db: database.db,
    dataConverter: testDataConverter,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    lookupHashKey: testLookupHashKey,
    deliveries: { callbackSigningKey: testCallbackSigningKey, outbound: testOutboundPolicy },
    ...workerOptions,
  });
  const running = worker.run();

  const connection = await Connection.connect({ address });
  const temporal = new Client({ connection, namespace: 'default', dataConverter: testDataConverter });
  const app = createHttpApp({
    conflictCheck: (input) => findConflicts(database.db, input),
    database,
    temporal,
    logger,
    ...(objectStore ? { objectStore } : {}),
    ...(codecEndpoint ? { codecEndpoint } : {}),
    settings: {
      taskQueue,
      caseNumberPrefix,
      tokenSecret: testTokenSecret,
      tokenTtlSeconds: 3600,
      lookupHashKey: testLookupHashKey,
      callbackSigningKey: testCallbackSigningKey,
      outbound: testOutboundPolicy,
      attachmentMaxBytes,
      settleRequiresSignedAgreement,
      documentCentre: documentCentreSettings(readEnvironment({})),
      ...(trustedProxies ? { trustedProxies } : {}),
    },
  });
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    database,
    temporal,
    taskQueue,
    caseNumberPrefix,
    request: jsonRequester(baseUrl),
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
      await database.drop();
    },
  };
}
