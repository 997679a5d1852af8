import type postgres from 'postgres';
import type { ObjectStore } from '../../lib/object-store.js';
import { postgresObjectStore } from '../../lib/postgres-object-store.js';

export type { ObjectStore } from '../../lib/object-store.js';

/**
 * The object store the system was given, or the embedded default over its own database (what the
 * embedded start and the tests use unless they choose S3).
 */
export function objectStoreOr(given: ObjectStore | undefined, sql: postgres.Sql): ObjectStore {
  return given ?? postgresObjectStore(sql);
}
