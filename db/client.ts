import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.js';

export type Database = PostgresJsDatabase<typeof schema>;

export interface DatabaseConnection {
  db: Database;
  sql: postgres.Sql;
  close(): Promise<void>;
}

/**
 * After a failed connection postgres.js waits before the next attempt, and the wait grows with every
 * failure, shared by the whole pool, up to 20 s; queries queue behind it. While PostgreSQL was down
 * that held each API request for up to 20 s instead of answering 503, and once it was back the pool
 * took as long again to notice. Capped at a quarter of a second: a query fails at once (the API
 * answers 503, an activity is retried by Temporal) and the pool reconnects as soon as the server is
 * back. A refused connection costs the server nothing; each connection of the pool tries again at most
 * every 250 ms.
 */
function reconnectDelaySeconds(failures: number): number {
  return Math.min(0.01 * 2 ** failures, 0.25);
}

export function connectDatabase(url: string, options: { max?: number } = {}): DatabaseConnection {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // An unreachable host (no refusal, just silence) fails within the API's 5-second answer.
    connect_timeout: 4,
    backoff: reconnectDelaySeconds,
  });
  const db = drizzle(sql, { schema, casing: 'snake_case' });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
