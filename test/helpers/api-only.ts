import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { Client } from '@temporalio/client';
import pino from 'pino';
import { createHttpApp } from '../../server/create-http-app.js';
import { connectTemporalForApi } from '../../system/temporal-client.js';
import { jsonRequester } from './json-request.js';
import { testOutboundPolicy } from './outbound.js';
import { testDataConverter } from './payload-keys.js';
import { testTokenSecret } from './staff.js';
import type { TestDatabase } from './test-database.js';
import { type TestSystem, testCallbackSigningKey, testLookupHashKey } from './test-system.js';

/**
 * The API alone on a real loopback HTTP server, as `bin/api.ts` runs it: no worker of its own (the
 * fault tests run the worker elsewhere, as a process they can kill). `stop()` leaves the database to
 * its owner.
 */
export async function startApiWithoutWorker(options: {
  database: TestDatabase;
  temporalAddress: string;
  taskQueue: string;
}): Promise<TestSystem> {
  const { database, taskQueue } = options;
  const caseNumberPrefix = `F${randomBytes(4).toString('hex').toUpperCase()}`;
  const connection = await connectTemporalForApi(options.temporalAddress);
  const temporal = new Client({ connection, namespace: 'default', dataConverter: testDataConverter });
  const app = createHttpApp({
    database,
    temporal,
    logger: pino({ level: 'silent' }),
    settings: {
      taskQueue,
      caseNumberPrefix,
      tokenSecret: testTokenSecret,
      tokenTtlSeconds: 3600,
      lookupHashKey: testLookupHashKey,
      callbackSigningKey: testCallbackSigningKey,
      outbound: testOutboundPolicy,
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
      await connection.close();
    },
  };
}
