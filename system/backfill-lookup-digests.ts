import type { Environment } from '../config/env.js';
import { connectDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { fillMissingLookupDigests } from '../use-cases/cases/fill-lookup-digests.js';
import { lookupHashKeyFor } from './lookup-hash-key.js';
import { openDatabase } from './reset-admin-password.js';

/**
 * `npm run lookup:backfill`: digests the parties the look-up index misses (DATABASE_URL with
 * LOOKUP_HASH_KEY, or the embedded database with the key in its data folder); `rebuild` after the key
 * changed. Safe to run while the system runs and as often as wanted.
 */
export async function backfillLookupDigests(env: Environment, { rebuild = false } = {}): Promise<number> {
  const key = await lookupHashKeyFor(env, { embedded: !env.DATABASE_URL });
  const database = await openDatabase(env);
  try {
    await migrateDatabase(database.url);
    const connection = connectDatabase(database.url, { max: 1 });
    try {
      return await fillMissingLookupDigests(connection.db, key, { rebuild });
    } finally {
      await connection.close();
    }
  } finally {
    await database.stop();
  }
}
