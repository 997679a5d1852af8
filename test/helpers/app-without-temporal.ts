import pino from 'pino';
import { createHttpApp, type HttpApp } from '../../server/create-http-app.js';
import { testLookupHashKey } from './lookup-key.js';
import { testTokenSecret } from './staff.js';

type AppDependencies = Parameters<typeof createHttpApp>[0];

/**
 * The API with no Temporal behind it, for tests of what answers before any workflow is reached
 * (authentication, login limits, the route table). Without a database, nothing may query one either.
 */
export function createAppWithoutTemporal(
  database: AppDependencies['database'] = { db: {}, sql: {} } as never,
  overrides: Partial<Omit<AppDependencies, 'database' | 'settings'>> & {
    settings?: Partial<AppDependencies['settings']>;
  } = {},
): HttpApp {
  const { settings, ...rest } = overrides;
  return createHttpApp({
    database,
    temporal: {} as never,
    logger: pino({ level: 'silent' }),
    ...rest,
    settings: {
      taskQueue: 'q',
      caseNumberPrefix: 'HLBE',
      tokenSecret: testTokenSecret,
      tokenTtlSeconds: 3600,
      lookupHashKey: testLookupHashKey,
      ...settings,
    },
  });
}
