import { join } from 'node:path';
import { type RunningPostgres, startEmbeddedPostgres } from './embedded-postgres.js';

interface DatabaseTarget {
  url: string;
  /** `embedded` when this process started the cluster and must stop it. */
  origin: 'given' | 'embedded';
  stop(): Promise<void>;
}

interface DatabaseUrlSettings {
  DATABASE_URL?: string | undefined;
  FEISUTONG_DATA_DIR: string;
  EMBEDDED_POSTGRES_PORT: number;
}

/**
 * One driver, always with a URL: DATABASE_URL when given; otherwise a local PostgreSQL started from
 * the embedded binaries, persisted under the data folder.
 */
export async function resolveDatabaseUrl(
  settings: DatabaseUrlSettings,
  start: typeof startEmbeddedPostgres = startEmbeddedPostgres,
  onLog?: (line: string) => void,
): Promise<DatabaseTarget> {
  if (settings.DATABASE_URL) {
    return { url: settings.DATABASE_URL, origin: 'given', stop: async () => {} };
  }
  const running: RunningPostgres = await start({
    dataDir: join(settings.FEISUTONG_DATA_DIR, 'postgres'),
    port: settings.EMBEDDED_POSTGRES_PORT,
    ...(onLog ? { onLog } : {}),
  });
  return { url: running.url, origin: 'embedded', stop: running.stop };
}

/** The same server, another database: used for per-test databases and the migration template. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
