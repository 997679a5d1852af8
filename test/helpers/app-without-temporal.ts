import pino from 'pino';
import { type App, createApp } from '../../api/app.js';
import { testTokenSecret } from './staff.js';

type AppDependencies = Parameters<typeof createApp>[0];

/**
 * The API with no Temporal behind it, for tests of what answers before any workflow is reached
 * (authentication, login limits, the route table). Without a database, nothing may query one either.
 */
export function createAppWithoutTemporal(
  database: AppDependencies['database'] = { db: {}, sql: {} } as never,
  overrides: Partial<Omit<AppDependencies, 'database' | 'settings'>> & {
    settings?: Partial<AppDependencies['settings']>;
  } = {},
): App {
  const { settings, ...rest } = overrides;
  return createApp({
    database,
    temporal: {} as never,
    logger: pino({ level: 'silent' }),
    ...rest,
    settings: {
      taskQueue: 'q',
      caseNumberPrefix: 'HLBE',
      tokenSecret: testTokenSecret,
      tokenTtlSeconds: 3600,
      ...settings,
    },
  });
}
